import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createActor } from 'xstate';
import { declaredTags, reachableTags } from '../test-support/graph.js';
import {
  type EcpsActivationEvent,
  type EcpsActivationTag,
  ecpsActivationMachine,
  nationalIdCheckActor,
} from './ecps-activation.machine.js';

const VALID_RPPS = '810100000008';

describe('ecpsActivationMachine: graph (@xstate/graph)', () => {
  const events: EcpsActivationEvent[] = [
    { type: 'CHOOSE_TRACK', track: 'with-card' },
    { type: 'CHOOSE_TRACK', track: 'without-card' },
    { type: 'NEXT' },
    { type: 'BACK' },
    { type: 'RESET' },
    { type: 'ID_INPUT', value: VALID_RPPS },
  ];
  const all: EcpsActivationTag[] = ['question', 'step', 'complete'];

  it('every screen is reachable, on both tracks, from the question or from a track the host gave', () => {
    assert.deepEqual([...declaredTags(ecpsActivationMachine)].sort(), [...all].sort());
    for (const input of [{}, { track: 'with-card' as const }, { track: 'without-card' as const }]) {
      const reached = reachableTags(ecpsActivationMachine, {
        events,
        input,
        sent: {
          nationalIdCheck: [
            { type: 'ID_CHECKED', value: VALID_RPPS, check: { status: 'valid', normalized: VALID_RPPS } },
          ],
        },
        serialize: (s) =>
          JSON.stringify([s.value, s.context.track, s.context.step, s.context.nationalId, s.context.idCheck]),
      });
      assert.ok(reached.has('step') && reached.has('complete'), JSON.stringify(input));
      // a track given by the host has no question to go back to
      assert.equal(reached.has('question'), !('track' in input), JSON.stringify(input));
    }
  });
});

describe('ecpsActivationMachine: the identifier check is an injected actor', () => {
  it('a host can replace it with provide()', () => {
    const machine = ecpsActivationMachine.provide({
      actors: { nationalIdCheck: nationalIdCheckActor(() => ({ status: 'error', code: 'not-rpps' })) },
    });
    const actor = createActor(machine, { input: { track: 'without-card' } }).start();
    for (let i = 1; i < 5; i++) actor.send({ type: 'NEXT' });
    actor.send({ type: 'ID_INPUT', value: VALID_RPPS });
    assert.deepEqual(actor.getSnapshot().context.idCheck, { status: 'error', code: 'not-rpps' });
    actor.send({ type: 'NEXT' });
    assert.equal(actor.getSnapshot().context.step, 5, 'the replaced check blocks the step');
    actor.stop();
  });
});
