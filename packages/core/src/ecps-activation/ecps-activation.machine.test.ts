import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createActor } from 'xstate';
import {
  checkEcpsNationalId,
  currentEcpsStep,
  ECPS_STEPS,
  type EcpsActivationEmitted,
  type EcpsActivationInput,
  type EcpsTrack,
  ecpsActivationMachine,
} from './ecps-activation.machine.js';

/** A well-formed RPPS national identifier (8 + 11 digits, right Luhn key) and the same with a wrong key. */
const VALID_RPPS = '810100000008';
const WRONG_KEY_RPPS = '810100000007';

function start(input?: EcpsActivationInput) {
  const actor = createActor(ecpsActivationMachine, { input });
  const emitted: EcpsActivationEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  const at = () => {
    const s = actor.getSnapshot();
    return { value: s.value, track: s.context.track, step: s.context.step, id: currentEcpsStep(s.context)?.id };
  };
  return { actor, emitted, at };
}

describe('checkEcpsNationalId', () => {
  it('accepts 8 + an RPPS number, warns on a wrong key, and explains each error', () => {
    assert.deepEqual(checkEcpsNationalId(VALID_RPPS), { status: 'valid', normalized: VALID_RPPS });
    assert.deepEqual(checkEcpsNationalId(' 8 1010 0000 008 '), { status: 'valid', normalized: VALID_RPPS });
    assert.deepEqual(checkEcpsNationalId(WRONG_KEY_RPPS), {
      status: 'warning',
      code: 'check-digit',
      normalized: WRONG_KEY_RPPS,
    });
    assert.deepEqual(checkEcpsNationalId(''), { status: 'empty' });
    assert.deepEqual(checkEcpsNationalId('   '), { status: 'empty' });
    assert.deepEqual(checkEcpsNationalId('8101'), { status: 'error', code: 'wrong-length' });
    assert.deepEqual(checkEcpsNationalId('8101000000071'), { status: 'error', code: 'wrong-length' });
    assert.deepEqual(checkEcpsNationalId('10100000008'), { status: 'error', code: 'missing-prefix' });
    assert.deepEqual(checkEcpsNationalId('9123'), { status: 'error', code: 'unknown-prefix' });
    assert.deepEqual(checkEcpsNationalId('0123456789'), { status: 'error', code: 'not-rpps' });
    assert.deepEqual(checkEcpsNationalId('8ABC'), { status: 'error', code: 'invalid-format' });
    assert.deepEqual(checkEcpsNationalId('81010#'), { status: 'error', code: 'invalid-characters' });
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => {
        const r = checkEcpsNationalId(s);
        assert.ok(['empty', 'error', 'warning', 'valid'].includes(r.status));
      }),
    );
  });
});

describe('ecpsActivationMachine', () => {
  it('asks the question first, then walks the eight steps with a card to completion', () => {
    const { actor, emitted, at } = start();
    assert.equal(at().value, 'question');
    assert.ok(actor.getSnapshot().hasTag('question'));
    actor.send({ type: 'NEXT' }); // nothing to confirm on the question
    assert.equal(at().value, 'question');
    actor.send({ type: 'CHOOSE_TRACK', track: 'with-card' });
    const ids: string[] = [];
    for (let i = 1; i <= 8; i++) {
      assert.equal(at().value, 'active');
      assert.equal(at().step, i);
      ids.push(at().id ?? '');
      actor.send({ type: 'NEXT' });
    }
    assert.deepEqual(
      ids,
      ECPS_STEPS['with-card'].map((s) => s.id),
    );
    assert.equal(at().value, 'complete');
    assert.ok(actor.getSnapshot().hasTag('complete'));
    assert.deepEqual(emitted, [
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((step) => ({ type: 'step-change', track: 'with-card', step })),
      { type: 'activation-complete', track: 'with-card' },
    ]);
  });

  it('walks the card-less track: the identifier blocks until valid, the e-mail has two cases', () => {
    const { actor, emitted, at } = start();
    actor.send({ type: 'CHOOSE_TRACK', track: 'without-card' });
    for (let i = 1; i < 5; i++) actor.send({ type: 'NEXT' });
    assert.equal(at().id, 'national-id');

    // empty: blocked, error shown, the element is told to focus the field
    emitted.length = 0;
    actor.send({ type: 'NEXT' });
    assert.equal(at().step, 5);
    assert.equal(actor.getSnapshot().context.idErrorShown, true);
    assert.deepEqual(emitted, [{ type: 'blocked', reason: 'national-id' }]);

    // too short: still blocked
    actor.send({ type: 'ID_INPUT', value: '8101' });
    assert.deepEqual(actor.getSnapshot().context.idCheck, { status: 'error', code: 'wrong-length' });
    actor.send({ type: 'NEXT' });
    assert.equal(at().step, 5);

    // wrong prefix: blocked
    actor.send({ type: 'ID_INPUT', value: '10100000008' });
    assert.deepEqual(actor.getSnapshot().context.idCheck, { status: 'error', code: 'missing-prefix' });
    actor.send({ type: 'NEXT' });
    assert.equal(at().step, 5);

    // a wrong check digit only warns: not blocking
    actor.send({ type: 'ID_INPUT', value: WRONG_KEY_RPPS });
    assert.equal(actor.getSnapshot().context.idCheck.status, 'warning');
    assert.equal(actor.getSnapshot().context.idErrorShown, false);
    emitted.length = 0;
    actor.send({ type: 'NEXT' });
    assert.equal(at().id, 'open-email');
    assert.deepEqual(emitted, [{ type: 'step-change', track: 'without-card', step: 6 }]);

    // the e-mail branch: on the phone, then changed to another device; kept across back and forth
    assert.equal(actor.getSnapshot().context.emailOn, null);
    actor.send({ type: 'EMAIL_ON', on: 'phone' });
    assert.equal(actor.getSnapshot().context.emailOn, 'phone');
    actor.send({ type: 'EMAIL_ON', on: 'other-device' });
    assert.equal(actor.getSnapshot().context.emailOn, 'other-device');
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'BACK' });
    assert.equal(at().id, 'open-email');
    assert.equal(actor.getSnapshot().context.emailOn, 'other-device');
    // back to the identifier: what was typed is still there
    actor.send({ type: 'BACK' });
    assert.equal(actor.getSnapshot().context.nationalId, WRONG_KEY_RPPS);
    actor.send({ type: 'ID_INPUT', value: VALID_RPPS });
    assert.equal(actor.getSnapshot().context.idCheck.status, 'valid');
    for (let i = 5; i <= 8; i++) actor.send({ type: 'NEXT' });
    assert.equal(at().value, 'complete');
    assert.deepEqual(emitted.at(-1), { type: 'activation-complete', track: 'without-card' });
  });

  it('shows an identifier error on blur only when there is one, and hides it once fixed', () => {
    const { actor } = start({ track: 'without-card' });
    for (let i = 1; i < 5; i++) actor.send({ type: 'NEXT' });
    actor.send({ type: 'ID_BLUR' }); // empty: no error yet
    assert.equal(actor.getSnapshot().context.idErrorShown, false);
    actor.send({ type: 'ID_INPUT', value: '81' });
    assert.equal(actor.getSnapshot().context.idErrorShown, false); // typing: not yet
    actor.send({ type: 'ID_BLUR' });
    assert.equal(actor.getSnapshot().context.idErrorShown, true);
    actor.send({ type: 'ID_INPUT', value: '8101000000' });
    assert.equal(actor.getSnapshot().context.idErrorShown, true); // still wrong: still shown
    actor.send({ type: 'ID_INPUT', value: VALID_RPPS });
    assert.equal(actor.getSnapshot().context.idErrorShown, false);
    // errors that more typing cannot fix show at once
    for (const value of ['9', '10100000008', '8a', '8101000000089']) {
      actor.send({ type: 'ID_INPUT', value: '' });
      actor.send({ type: 'ID_INPUT', value });
      assert.equal(actor.getSnapshot().context.idErrorShown, true, value);
    }
  });

  it('ignores identifier and e-mail events outside their steps', () => {
    const { actor } = start({ track: 'with-card' });
    actor.send({ type: 'ID_INPUT', value: VALID_RPPS });
    actor.send({ type: 'EMAIL_ON', on: 'phone' });
    assert.equal(actor.getSnapshot().context.nationalId, '');
    assert.equal(actor.getSnapshot().context.emailOn, null);
  });

  it('goes back step by step, and from step 1 back to the question', () => {
    const { actor, emitted, at } = start();
    actor.send({ type: 'CHOOSE_TRACK', track: 'with-card' });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    emitted.length = 0;
    actor.send({ type: 'BACK' });
    assert.equal(at().step, 2);
    actor.send({ type: 'BACK' });
    assert.equal(at().step, 1);
    actor.send({ type: 'BACK' });
    assert.equal(at().value, 'question');
    assert.equal(at().track, null);
    assert.deepEqual(emitted, [
      { type: 'step-change', track: 'with-card', step: 2 },
      { type: 'step-change', track: 'with-card', step: 1 },
    ]);
    actor.send({ type: 'BACK' }); // nothing before the question
    assert.equal(at().value, 'question');
    actor.send({ type: 'CHOOSE_TRACK', track: 'without-card' });
    assert.equal(at().id, 'install-app');
    assert.equal(at().track, 'without-card');
  });

  it('goes back from the end to the last step', () => {
    const { actor, at } = start({ track: 'with-card' });
    for (let i = 1; i <= 8; i++) actor.send({ type: 'NEXT' });
    assert.equal(at().value, 'complete');
    actor.send({ type: 'BACK' });
    assert.equal(at().value, 'active');
    assert.equal(at().step, 8);
  });

  for (const track of ['with-card', 'without-card'] as EcpsTrack[]) {
    it(`starts on step 1 of the ${track} track when the host passes it, with no way back to the question`, () => {
      const { actor, emitted, at } = start({ track });
      assert.equal(at().value, 'active');
      assert.equal(at().step, 1);
      assert.equal(actor.getSnapshot().context.trackPreset, true);
      actor.send({ type: 'BACK' });
      assert.equal(at().value, 'active');
      assert.equal(at().step, 1);
      assert.deepEqual(emitted, []);
    });
  }

  it('takes a preset track on the question (a late attribute) without a step-change event', () => {
    const { actor, emitted, at } = start();
    actor.send({ type: 'PRESET_TRACK', track: 'without-card' });
    assert.equal(at().track, 'without-card');
    assert.equal(at().step, 1);
    assert.deepEqual(emitted, []);
    actor.send({ type: 'PRESET_TRACK', track: 'with-card' }); // once on a track, ignored
    assert.equal(at().track, 'without-card');
  });

  it('resets to the question, forgetting the identifier and the e-mail case', () => {
    const { actor, at } = start();
    actor.send({ type: 'CHOOSE_TRACK', track: 'without-card' });
    for (let i = 1; i < 5; i++) actor.send({ type: 'NEXT' });
    actor.send({ type: 'ID_INPUT', value: VALID_RPPS });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'EMAIL_ON', on: 'phone' });
    actor.send({ type: 'RESET' });
    assert.equal(at().value, 'question');
    const c = actor.getSnapshot().context;
    assert.deepEqual(
      { track: c.track, step: c.step, nationalId: c.nationalId, emailOn: c.emailOn, idErrorShown: c.idErrorShown },
      { track: null, step: 0, nationalId: '', emailOn: null, idErrorShown: false },
    );
    assert.deepEqual(c.idCheck, { status: 'empty' });
  });

  it('resets a preset track to its step 1, also from the end, and says so', () => {
    const { actor, emitted, at } = start({ track: 'with-card' });
    for (let i = 1; i <= 8; i++) actor.send({ type: 'NEXT' });
    emitted.length = 0;
    actor.send({ type: 'RESET' });
    assert.equal(at().value, 'active');
    assert.equal(at().step, 1);
    assert.deepEqual(emitted, [{ type: 'step-change', track: 'with-card', step: 1 }]);
  });

  it('restores from a persisted snapshot where it was', () => {
    const { actor } = start();
    actor.send({ type: 'CHOOSE_TRACK', track: 'without-card' });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    actor.stop();
    const restored = createActor(ecpsActivationMachine, { snapshot: persisted, input: undefined }).start();
    assert.equal(restored.getSnapshot().value, 'active');
    assert.equal(restored.getSnapshot().context.step, 3);
    restored.send({ type: 'NEXT' });
    assert.equal(restored.getSnapshot().context.step, 4);
  });

  it('reaches exactly the question, the 16 steps and the two ends, whatever the user does', () => {
    // breadth-first over every event from every reachable state (identifier: empty, wrong, warning, valid)
    const events = [
      { type: 'CHOOSE_TRACK', track: 'with-card' },
      { type: 'CHOOSE_TRACK', track: 'without-card' },
      { type: 'NEXT' },
      { type: 'BACK' },
      { type: 'RESET' },
      { type: 'ID_INPUT', value: '' },
      { type: 'ID_INPUT', value: '8101' },
      { type: 'ID_INPUT', value: WRONG_KEY_RPPS },
      { type: 'ID_INPUT', value: VALID_RPPS },
      { type: 'ID_BLUR' },
      { type: 'EMAIL_ON', on: 'phone' },
    ] as const;
    const key = (s: ReturnType<typeof ecpsActivationMachine.resolveState>) =>
      JSON.stringify([s.value, s.context.track, s.context.step, s.context.idCheck.status, s.context.emailOn]);
    const screens = new Set<string>();
    const initial = createActor(ecpsActivationMachine, { input: undefined }).getSnapshot();
    const seen = new Map([[key(initial), initial]]);
    const queue = [initial];
    while (queue.length > 0) {
      const from = queue.shift()!;
      screens.add(JSON.stringify([from.value, from.context.track, from.context.step]));
      for (const event of events) {
        const actor = createActor(ecpsActivationMachine, { snapshot: from, input: undefined }).start();
        actor.send(event);
        const to = actor.getSnapshot();
        actor.stop();
        // the identifier step is left only with an acceptable identifier
        if (from.context.track === 'without-card' && from.context.step === 5 && to.context.step === 6) {
          assert.ok(['valid', 'warning'].includes(from.context.idCheck.status));
        }
        if (!seen.has(key(to))) {
          seen.set(key(to), to);
          queue.push(to);
        }
      }
    }
    assert.equal(screens.size, 1 + 16 + 2);
  });

  it('describes each step with its place', () => {
    assert.equal(currentEcpsStep({ track: null, step: 0 }), null);
    assert.deepEqual(currentEcpsStep({ track: 'with-card', step: 2 }), {
      id: 'open-wallet',
      place: 'computer',
      track: 'with-card',
      step: 2,
    });
    for (const t of Object.values(ECPS_STEPS)) assert.equal(t.length, 8);
  });
});
