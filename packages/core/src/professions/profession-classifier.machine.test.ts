import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createActor } from 'xstate';
import { classifyProfession } from './classify.js';
import {
  createProfessionClassifierMachine,
  type ProfessionClassifierInput,
  type ProfessionLookup,
  professionClassifierMachine,
} from './profession-classifier.machine.js';

function start(options: { input?: ProfessionClassifierInput; lookup?: ProfessionLookup } = {}) {
  const machine = options.lookup ? createProfessionClassifierMachine(options.lookup) : professionClassifierMachine;
  const actor = createActor(machine, { input: options.input });
  const emitted: string[] = [];
  actor.on('*', (e) => emitted.push(e.type));
  actor.start();
  return { actor, emitted };
}

describe('professionClassifierMachine', () => {
  it('opens suggestions on typing, moves through them, and classifies the chosen one', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'INPUT', value: 'infirm' });
    let s = actor.getSnapshot();
    assert.equal(s.value, 'suggesting');
    assert.ok(s.hasTag('open'));
    assert.ok(s.context.suggestions.length > 0);
    assert.equal(s.context.activeIndex, -1);
    actor.send({ type: 'NEXT' });
    assert.equal(actor.getSnapshot().context.activeIndex, 0);
    actor.send({ type: 'SELECT' });
    s = actor.getSnapshot();
    assert.equal(s.value, 'classified');
    assert.ok(s.hasTag('result'));
    assert.equal(s.context.classification?.profession.id, s.context.suggestions[0]?.profession.id);
    assert.equal(s.context.query, s.context.classification?.profession.label);
    assert.deepEqual(emitted, ['classified']);
  });

  it('wraps with NEXT/PREVIOUS and jumps with FIRST/LAST', () => {
    const { actor } = start();
    actor.send({ type: 'INPUT', value: 'aide' });
    const n = actor.getSnapshot().context.suggestions.length;
    assert.ok(n > 2);
    actor.send({ type: 'PREVIOUS' });
    assert.equal(actor.getSnapshot().context.activeIndex, n - 1);
    actor.send({ type: 'NEXT' });
    assert.equal(actor.getSnapshot().context.activeIndex, 0);
    actor.send({ type: 'LAST' });
    assert.equal(actor.getSnapshot().context.activeIndex, n - 1);
    actor.send({ type: 'FIRST' });
    assert.equal(actor.getSnapshot().context.activeIndex, 0);
    actor.send({ type: 'HIGHLIGHT', index: 99 });
    assert.equal(actor.getSnapshot().context.activeIndex, n - 1);
  });

  it('does not select without a highlight, closes with CLOSE and reopens with NEXT', () => {
    const { actor } = start();
    actor.send({ type: 'INPUT', value: 'kiné' });
    actor.send({ type: 'SELECT' });
    assert.equal(actor.getSnapshot().value, 'suggesting');
    actor.send({ type: 'CLOSE' });
    assert.equal(actor.getSnapshot().value, 'idle');
    assert.equal(actor.getSnapshot().context.query, 'kiné');
    actor.send({ type: 'NEXT' });
    assert.equal(actor.getSnapshot().value, 'suggesting');
    assert.equal(actor.getSnapshot().context.activeIndex, 0);
  });

  it('reports no match, and returns to idle on an empty query', () => {
    const { actor } = start();
    actor.send({ type: 'INPUT', value: 'plombier zinguier' });
    assert.equal(actor.getSnapshot().value, 'noMatch');
    actor.send({ type: 'INPUT', value: '   ' });
    assert.equal(actor.getSnapshot().value, 'idle');
    assert.deepEqual(actor.getSnapshot().context.suggestions, []);
  });

  it('withdraws a result when the user types again or clears, emitting cleared', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'INPUT', value: 'médecin' });
    actor.send({ type: 'SELECT', index: 0 });
    actor.send({ type: 'INPUT', value: 'médecin g' });
    assert.equal(actor.getSnapshot().context.classification, null);
    actor.send({ type: 'SELECT', index: 0 });
    actor.send({ type: 'CLEAR' });
    assert.equal(actor.getSnapshot().value, 'idle');
    assert.equal(actor.getSnapshot().context.query, '');
    assert.deepEqual(emitted, ['classified', 'cleared', 'classified', 'cleared']);
  });

  it('classifies a profession chosen directly, from any state', () => {
    const { actor, emitted } = start();
    const c = classifyProfession('aide-soignant');
    assert.ok(c);
    actor.send({ type: 'CHOOSE', profession: c.profession });
    const s = actor.getSnapshot();
    assert.equal(s.value, 'classified');
    assert.equal(s.context.classification?.category, 'role');
    assert.deepEqual(s.context.classification?.alternatives, []);
    assert.deepEqual(emitted, ['classified']);
  });

  it('uses an injected search', () => {
    const c = classifyProfession('psychologue');
    assert.ok(c);
    const { actor } = start({ lookup: { search: () => [{ profession: c.profession, score: 1 }] } });
    actor.send({ type: 'INPUT', value: 'anything' });
    assert.equal(actor.getSnapshot().context.suggestions[0]?.profession.id, c.profession.id);
  });

  it('keeps the other suggestions as alternatives of the chosen one', () => {
    const { actor } = start();
    actor.send({ type: 'INPUT', value: 'educateur' });
    const ids = actor.getSnapshot().context.suggestions.map((s) => s.profession.id);
    assert.ok(ids.length > 1);
    actor.send({ type: 'SELECT', index: 0 });
    const c = actor.getSnapshot().context.classification;
    assert.ok(c);
    assert.ok(c.alternatives.length > 0);
    assert.ok(c.ambiguous);
    for (const alt of c.alternatives) assert.ok(ids.includes(alt.id) && alt.id !== c.profession.id);
  });
});
