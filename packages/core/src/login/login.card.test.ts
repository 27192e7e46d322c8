import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { restoreLogin, startLogin as start, types } from '../test-support/login.js';
import { card, deferred, fakeServices, HOLDER } from '../testing/index.js';
import { LOGIN_ERROR_MESSAGES, LoginError } from './errors.js';
import { loginRoute, loginView } from './login.view.js';
import type { AgentStatus } from './types.js';

describe('loginMachine: card path', () => {
  it('goes through detection, reader, card, PIN, nonce, signature and verification', async () => {
    const fake = fakeServices({ watch: [{ type: 'no-reader' }] });
    const { actor, emitted, screen, until, view, heldPin } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    assert.equal(screen(), 'agent-detecting');
    await until('waiting-reader');
    fake.emit({ type: 'no-card' });
    assert.equal(screen(), 'waiting-card');
    fake.emit({ type: 'card', card: card() });
    assert.equal(screen(), 'pin');
    assert.equal(view().card?.holderName, 'Dr KIT DOC0012345');
    actor.send({ type: 'SUBMIT_PIN', pin: '12a4' });
    assert.equal(screen(), 'pin');
    assert.equal(view().fieldError, 'pin-format');
    actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
    assert.equal(screen(), 'card-authenticating');
    // the PIN is never a plain value of the context or of the persisted snapshot
    assert.ok(!JSON.stringify(actor.getSnapshot().context).includes('2580'));
    assert.ok(!JSON.stringify(actor.getPersistedSnapshot()).includes('2580'));
    await until('authenticated');
    const auth = fake.calls.find((c) => c.name === 'authenticate');
    assert.deepEqual(auth?.args, { nonce: 'nonce-123456789012345', pin: '2580', confirmFinalTry: false });
    assert.deepEqual(fake.calls.find((c) => c.name === 'verify')?.args, {
      method: 'card',
      proof: { signature: 'sig' },
    });
    assert.equal(heldPin(), null);
    assert.ok(fake.signals.watch?.aborted, 'the card watch stops when the card path ends');
    const done = emitted.find((e) => e.type === 'authenticated');
    assert.deepEqual(done, { type: 'authenticated', method: 'card', identity: HOLDER, proof: { signature: 'sig' } });
    assert.ok(!JSON.stringify(emitted).includes('2580'));
  });

  it('says link-required when the host has no account linked yet', async () => {
    const fake = fakeServices({ verify: { status: 'link-required', identity: HOLDER } });
    const { actor, emitted, until, view } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pin');
    actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
    await until('link-required');
    assert.deepEqual(types(emitted), ['link-required']);
    assert.deepEqual(view().identity, HOLDER);
  });

  it('a wrong PIN, then the final try with confirmation, then success', async () => {
    let attempt = 0;
    const fake = fakeServices({
      authenticate: ({ pin }: { pin: string }) => {
        attempt++;
        if (pin !== '4321') return new LoginError('pin-incorrect', undefined, { triesLeft: 3 - attempt });
        return { signature: 'ok' };
      },
    });
    const { actor, until, screen, view, when } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pin');
    actor.send({ type: 'SUBMIT_PIN', pin: '0000' });
    await when((v) => v.error?.code === 'pin-incorrect');
    assert.equal(screen(), 'pin');
    assert.equal(view().error?.triesLeft, 2);
    assert.equal(view().card?.pin.triesLeft, 2);
    actor.send({ type: 'SUBMIT_PIN', pin: '1111' });
    await when((v) => v.card?.pin.triesLeft === 1);
    assert.equal(view().card?.pin.finalTry, true);
    // final try: not without confirmation
    actor.send({ type: 'SUBMIT_PIN', pin: '4321' });
    assert.equal(screen(), 'pin');
    assert.equal(view().fieldError, 'final-try-unconfirmed');
    assert.equal(attempt, 2);
    actor.send({ type: 'SUBMIT_PIN', pin: '4321', confirmFinalTry: true });
    await until('authenticated');
    assert.equal(fake.calls.filter((c) => c.name === 'authenticate').at(-1)?.args.confirmFinalTry, true);
    assert.equal(fake.calls.filter((c) => c.name === 'getNonce').length, 3, 'a fresh nonce per attempt');
  });

  it('the agent asking for final-try confirmation brings the checkbox back', async () => {
    const fake = fakeServices({
      authenticate: () => Object.assign(new Error('x'), { code: 'final-try-confirmation-required' }),
    });
    const { actor, until, view, when } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pin');
    actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
    await when((v) => v.fieldError === 'final-try-unconfirmed');
    assert.equal(view().card?.pin.finalTry, true);
  });

  it('a locked PIN: from the card, from the agent, and from a PIN status update', async () => {
    {
      const { actor, until, emitted } = start(
        fakeServices({ watch: [{ type: 'card', card: card({}, { locked: true, triesLeft: 0 }) }] }),
      );
      actor.send({ type: 'CHOOSE', method: 'card' });
      await until('pin-locked');
      assert.deepEqual(emitted.at(-1), {
        type: 'error',
        code: 'pin-locked',
        message: LOGIN_ERROR_MESSAGES['pin-locked'],
        // the holder must act (the PUK), trying again cannot help
        category: 'user',
        retryable: false,
        details: {},
      });
    }
    {
      const { actor, until, view } = start(
        fakeServices({ authenticate: () => Object.assign(new Error('x'), { code: 'pin-locked' }) }),
      );
      actor.send({ type: 'CHOOSE', method: 'card' });
      await until('pin');
      actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
      await until('pin-locked');
      assert.equal(view().card?.pin.locked, true);
    }
    {
      const fake = fakeServices();
      const { actor, until, screen, view } = start(fake);
      actor.send({ type: 'CHOOSE', method: 'card' });
      await until('pin');
      fake.emit({ type: 'card', card: card({}, { triesLeft: 2 }) });
      assert.equal(view().card?.pin.triesLeft, 2);
      fake.emit({ type: 'card', card: card({}, { triesLeft: 0, locked: true }) });
      assert.equal(screen(), 'pin-locked');
      // another card: read again
      fake.emit({ type: 'card', card: card({ holderName: 'Mme AUTRE' }) });
      assert.equal(screen(), 'pin');
    }
  });

  it('an expired card is refused before the PIN', async () => {
    const { actor, until, view } = start(fakeServices({ watch: [{ type: 'card', card: card({ expired: true }) }] }));
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('error');
    assert.equal(view().error?.code, 'card-expired');
  });

  const diagnoses: Array<[AgentStatus, string]> = [
    [{ status: 'not-installed' }, 'agent-not-installed'],
    [{ status: 'blocked', permission: 'denied' }, 'agent-blocked'],
    [{ status: 'version-mismatch', versions: [2] }, 'agent-version-mismatch'],
  ];
  for (const [status, code] of diagnoses) {
    it(`diagnoses ${code}, then Réessayer detects again`, async () => {
      let detections = 0;
      const fake = fakeServices({ detect: () => (++detections === 1 ? status : { status: 'ready' }) });
      const { actor, until, emitted, view } = start(fake);
      actor.send({ type: 'CHOOSE', method: 'card' });
      await until('error');
      assert.equal(view().error?.code, code);
      assert.deepEqual(view().agent, status);
      assert.equal(emitted.at(-1)?.type, 'error');
      actor.send({ type: 'RETRY' });
      await until('pin');
      assert.equal(detections, 2);
    });
  }

  it('a detection that throws is a missing agent', async () => {
    const { actor, until, view } = start(fakeServices({ detect: () => new TypeError('Failed to fetch') }));
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('error');
    assert.equal(view().error?.code, 'agent-not-installed');
  });

  it('pairs: code format, wrong code, right code, then detects again', async () => {
    let detections = 0;
    const fake = fakeServices({
      detect: () => (++detections === 1 ? { status: 'not-paired', pairing: true } : { status: 'ready' }),
      confirmPairing: ({ code }: { code: string }) =>
        code === '123456' ? undefined : Object.assign(new Error('bad'), { code: 'pairing-code-invalid' }),
    });
    const { actor, until, screen, view } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pairing');
    assert.equal(view().pairing?.codeLength, 6);
    actor.send({ type: 'SUBMIT_PAIRING_CODE', code: '12' });
    assert.equal(view().fieldError, 'pairing-code-format');
    actor.send({ type: 'SUBMIT_PAIRING_CODE', code: '999999' });
    assert.equal(screen(), 'pairing-confirming');
    await until('pairing');
    assert.equal(view().error?.code, 'pairing-code-invalid');
    actor.send({ type: 'SUBMIT_PAIRING_CODE', code: ' 123456 ' });
    await until('pin');
    assert.deepEqual(fake.calls.filter((c) => c.name === 'confirmPairing').at(-1)?.args, {
      pairingId: 'p1',
      code: '123456',
    });
  });

  it('pairs when the user approves on the agent page: no code typed', async () => {
    let detections = 0;
    const approved = deferred<undefined>();
    const fake = fakeServices({
      detect: () => (++detections === 1 ? { status: 'not-paired', pairing: true } : { status: 'ready' }),
      startPairing: { pairingId: 'p1', codeLength: 6, matchCode: 'K7QX', approveUrl: 'http://127.0.0.1:24680/' },
      waitForPairingApproval: () => approved.promise,
    });
    const { actor, until, view } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pairing');
    assert.equal(view().pairing?.matchCode, 'K7QX');
    assert.deepEqual(fake.calls.find((c) => c.name === 'waitForPairingApproval')?.args, { pairingId: 'p1' });
    approved.resolve(undefined);
    await until('pin');
    assert.equal(detections, 2);
    assert.ok(!fake.names().includes('confirmPairing'));
  });

  it('a request refused on the agent page says so once, and a new code can be asked', async () => {
    let waits = 0;
    const fake = fakeServices({
      detect: { status: 'not-paired', pairing: true },
      waitForPairingApproval: () =>
        ++waits === 1 ? Object.assign(new Error('gone'), { code: 'pairing-unknown' }) : new Promise(() => {}),
    });
    const { actor, until, view } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pairing');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(view().error?.code, 'pairing-expired');
    assert.equal(waits, 1, 'no loop of approval requests');
    actor.send({ type: 'RETRY' });
    await until('pairing');
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(waits, 2);
    assert.equal(fake.names().filter((n) => n === 'startPairing').length, 2);
  });

  it('card removed during PIN entry or signature, agent stopped: a clear error and a way back', async () => {
    for (const during of ['pin', 'card-authenticating'] as const) {
      const gate = deferred<string>();
      const fake = fakeServices({ getNonce: () => gate.promise });
      const { actor, until, screen, view, heldPin } = start(fake);
      actor.send({ type: 'CHOOSE', method: 'card' });
      await until('pin');
      if (during === 'card-authenticating') {
        actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
        assert.equal(screen(), 'card-authenticating');
      }
      fake.emit({ type: 'card-removed' });
      assert.equal(screen(), 'error');
      assert.equal(view().error?.code, 'card-removed');
      assert.equal(heldPin(), null);
      if (during === 'card-authenticating') assert.ok(fake.signals.getNonce?.aborted);
      actor.send({ type: 'BACK' });
      assert.equal(screen(), 'chooser');
    }
    const fake = fakeServices();
    const { actor, until, screen, view } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pin');
    fake.emit({ type: 'agent-stopped' });
    assert.equal(view().error?.code, 'agent-stopped');
    actor.send({ type: 'RETRY' });
    assert.equal(screen(), 'agent-detecting');
  });

  it('an agent event while the proof is under way does not derail the sign-in', async () => {
    // A scan that finds no reader for a moment, or a PIN status update of the same card, arrives while the nonce
    // is fetched or the card signs: the signature goes on, with the PIN the user typed, to the end.
    for (const during of ['nonce', 'signing'] as const) {
      const nonce = deferred<string>();
      const signed = deferred<unknown>();
      const fake = fakeServices({
        getNonce: () => nonce.promise,
        authenticate: () => signed.promise,
      });
      const { actor, emitted, screen, until, when } = start(fake);
      actor.send({ type: 'CHOOSE', method: 'card' });
      await until('pin');
      actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
      if (during === 'signing') {
        nonce.resolve('nonce-123456789012345');
        await when(() => fake.names().includes('authenticate'));
      }
      fake.emit({ type: 'no-reader' });
      fake.emit({ type: 'card', card: card() });
      assert.equal(screen(), 'card-authenticating', during);
      assert.equal(fake.signals.getNonce?.aborted, false, during);
      if (during === 'nonce') nonce.resolve('nonce-123456789012345');
      signed.resolve({ signature: 'sig' });
      await until('authenticated');
      assert.deepEqual(fake.calls.find((c) => c.name === 'authenticate')?.args, {
        nonce: 'nonce-123456789012345',
        pin: '2580',
        confirmFinalTry: false,
      });
      assert.deepEqual(types(emitted), ['authenticated']);
    }
  });

  it('a reader really gone during the signature: the signature’s own error is shown', async () => {
    const signed = deferred<unknown>();
    const fake = fakeServices({ authenticate: () => signed.promise });
    const { actor, until, view, when, heldPin } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pin');
    actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
    await when(() => fake.names().includes('authenticate'));
    fake.emit({ type: 'no-reader' });
    signed.reject(Object.assign(new Error('gone'), { code: 'card-removed' }));
    await until('error');
    assert.equal(view().error?.code, 'card-removed');
    assert.equal(heldPin(), null);
  });

  it('a card removed while waiting just waits for a card again', async () => {
    const fake = fakeServices({ watch: [] });
    const { actor, until, screen } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('card-searching');
    fake.emit({ type: 'card-removed' });
    assert.equal(screen(), 'waiting-card');
  });

  it('times out waiting for a reader or a card', async () => {
    for (const [first, code] of [
      ['no-reader', 'no-reader'],
      ['no-card', 'no-card'],
      [undefined, 'timeout'],
    ] as const) {
      const fake = fakeServices({ watch: first ? [{ type: first }] : [] });
      const { actor, until, view } = start(fake, { timeouts: { reader: 20, card: 20 } });
      actor.send({ type: 'CHOOSE', method: 'card' });
      await until('error');
      assert.equal(view().error?.code, code);
    }
  });

  it('a snapshot restored while waiting for a reader or a card still gives up on time (a removed element put back)', async () => {
    for (const [first, screen, code] of [
      ['no-reader', 'waiting-reader', 'no-reader'],
      ['no-card', 'waiting-card', 'no-card'],
    ] as const) {
      const { actor, until } = start(fakeServices({ watch: [{ type: first }] }), {
        timeouts: { reader: 150, card: 150 },
      });
      actor.send({ type: 'CHOOSE', method: 'card' });
      await until(screen);
      const snapshot = actor.getPersistedSnapshot();
      actor.stop();
      // after the return the agent says nothing more: the wait itself must end
      const { restored, settled } = restoreLogin(fakeServices({ watch: [] }), snapshot);
      assert.equal(loginRoute(restored.getSnapshot()), screen);
      await settled('error');
      assert.equal(loginView(restored.getSnapshot()).error?.code, code);
    }
  });

  it('nonce, signature and verification failures', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ getNonce: () => new TypeError('Failed to fetch') }, 'network'],
      [{ authenticate: () => Object.assign(new Error('t'), { code: 'timeout' }) }, 'timeout'],
      [{ authenticate: () => Object.assign(new Error('t'), { code: 'card-removed' }) }, 'card-removed'],
      [{ verify: () => new Error('401') }, 'verification-failed'],
      [{ verify: { status: 'weird' } }, 'verification-failed'],
      [{ verify: () => new LoginError('network') }, 'network'],
    ];
    for (const [script, code] of cases) {
      const { actor, until, view } = start(fakeServices(script));
      actor.send({ type: 'CHOOSE', method: 'card' });
      await until('pin');
      actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
      await until('error');
      assert.equal(view().error?.code, code, JSON.stringify(script));
    }
  });
});
