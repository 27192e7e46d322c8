import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declaredTags, reachableTags } from '../test-support/graph.js';
import { classifyProfession } from './classify.js';
import {
  type ProfessionClassifierEvent,
  type ProfessionClassifierTag,
  professionClassifierMachine,
} from './profession-classifier.machine.js';

describe('professionClassifierMachine: graph (@xstate/graph)', () => {
  it('every screen is reachable from the empty field', () => {
    const nurse = classifyProfession('infirmier');
    assert.ok(nurse);
    const events: ProfessionClassifierEvent[] = [
      { type: 'INPUT', value: 'infirm' },
      { type: 'INPUT', value: 'zzzz' },
      { type: 'INPUT', value: '' },
      { type: 'NEXT' },
      { type: 'SELECT' },
      { type: 'CLOSE' },
      { type: 'CHOOSE', profession: nurse.profession },
      { type: 'CLEAR' },
    ];
    const reached = reachableTags(professionClassifierMachine, {
      events,
      sent: {
        professions: [
          { type: 'SUGGESTIONS', query: 'infirm', suggestions: [{ profession: nurse.profession, score: 1 }] },
          { type: 'SUGGESTIONS', query: 'zzzz', suggestions: [] },
          { type: 'CLASSIFIED', profession: nurse.profession, classification: nurse },
        ],
      },
      serialize: (s) => JSON.stringify([s.value, s.context.query, s.context.activeIndex, s.context.suggestions.length]),
    });
    const all: ProfessionClassifierTag[] = ['open', 'no-match', 'result'];
    assert.deepEqual([...declaredTags(professionClassifierMachine)].sort(), [...all].sort());
    assert.deepEqual(
      all.filter((tag) => !reached.has(tag)),
      [],
    );
  });
});
