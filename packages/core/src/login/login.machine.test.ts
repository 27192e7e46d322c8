import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import fc from 'fast-check';
import { createActor, waitFor } from 'xstate';
import { card, deferred, fakeServices, HOLDER } from '../testing/index.js';
import { LOGIN_ERROR_CODES, LOGIN_ERROR_MESSAGES, LoginError, toLoginError } from './errors.js';
import {
  createLoginMachine,
  type LoginEmitted,
  type LoginMachineInput,
  type LoginScreen,
  loginMachine,
  loginRoute,
} from './login.machine.js';
import { PinSecret, validateNationalIdInput } from './pin.js';
import type { AgentStatus } from './types.js';

type Fake = ReturnType<typeof fakeServices>;

const running: Array<{ stop(): void }> = [];
afterEach(() => {
  for (const a of running.splice(0)) a.stop();
});

function start(fake: Fake = fakeServices(), input?: LoginMachineInput) {
  const actor = createActor(createLoginMachine(fake.services), { input });
  running.push(actor);
  const emitted: LoginEmitted[] = [];
  actor.on('*', (e) => emitted.push(e as LoginEmitted));
  actor.start();
  const screen = () => loginRoute(actor.getSnapshot());
  const until = (s: LoginScreen) => waitFor(actor, (snap) => loginRoute(snap) === s, { timeout: 2000 });
  return { actor, emitted, screen, until, fake };
}

const types = (emitted: LoginEmitted[]) => emitted.map((e) => e.type);

describe('loginMachine: chooser', () => {
  it('starts on the chooser', () => {
    const { screen } = start();
    assert.equal(screen(), 'chooser');
  });

  it('without services, reports not-configured', async () => {
    const actor = createActor(loginMachine, { input: {} }).start();
    running.push(actor);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await waitFor(actor, (s) => s.hasTag('error'));
    assert.equal(actor.getSnapshot().context.error?.code, 'not-configured');
  });
});

describe('loginMachine: card path', () => {
  it('goes through detection, reader, card, PIN, nonce, signature and verification', async () => {
    const fake = fakeServices({ watch: [{ type: 'no-reader' }] });
    const { actor, emitted, screen, until } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    assert.equal(screen(), 'agent-detecting');
    await until('waiting-reader');
    fake.emit({ type: 'no-card' });
    assert.equal(screen(), 'waiting-card');
    fake.emit({ type: 'card', card: card() });
    assert.equal(screen(), 'pin');
    assert.equal(actor.getSnapshot().context.card?.holderName, 'Dr KIT DOC0012345');
    actor.send({ type: 'SUBMIT_PIN', pin: '12a4' });
    assert.equal(screen(), 'pin');
    assert.equal(actor.getSnapshot().context.fieldError, 'pin-format');
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
    assert.equal(actor.getSnapshot().context.pin, null);
    assert.ok(fake.signals.watch?.aborted, 'the card watch stops when the card path ends');
    const done = emitted.find((e) => e.type === 'authenticated');
    assert.deepEqual(done, { type: 'authenticated', method: 'card', identity: HOLDER, proof: { signature: 'sig' } });
    assert.ok(!JSON.stringify(emitted).includes('2580'));
  });

  it('says link-required when the host has no account linked yet', async () => {
    const fake = fakeServices({ verify: { status: 'link-required', identity: HOLDER } });
    const { actor, emitted, until } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pin');
    actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
    await until('link-required');
    assert.deepEqual(types(emitted), ['link-required']);
    assert.deepEqual(actor.getSnapshot().context.identity, HOLDER);
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
    const { actor, until, screen } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pin');
    actor.send({ type: 'SUBMIT_PIN', pin: '0000' });
    await waitFor(actor, (s) => s.context.error?.code === 'pin-incorrect');
    assert.equal(screen(), 'pin');
    assert.equal(actor.getSnapshot().context.error?.triesLeft, 2);
    assert.equal(actor.getSnapshot().context.card?.pin.triesLeft, 2);
    actor.send({ type: 'SUBMIT_PIN', pin: '1111' });
    await waitFor(actor, (s) => s.context.card?.pin.triesLeft === 1);
    assert.equal(actor.getSnapshot().context.card?.pin.finalTry, true);
    // final try: not without confirmation
    actor.send({ type: 'SUBMIT_PIN', pin: '4321' });
    assert.equal(screen(), 'pin');
    assert.equal(actor.getSnapshot().context.fieldError, 'final-try-unconfirmed');
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
    const { actor, until } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pin');
    actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
    await waitFor(actor, (s) => s.context.fieldError === 'final-try-unconfirmed');
    assert.equal(actor.getSnapshot().context.card?.pin.finalTry, true);
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
      });
    }
    {
      const { actor, until } = start(
        fakeServices({ authenticate: () => Object.assign(new Error('x'), { code: 'pin-locked' }) }),
      );
      actor.send({ type: 'CHOOSE', method: 'card' });
      await until('pin');
      actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
      await until('pin-locked');
      assert.equal(actor.getSnapshot().context.card?.pin.locked, true);
    }
    {
      const fake = fakeServices();
      const { actor, until, screen } = start(fake);
      actor.send({ type: 'CHOOSE', method: 'card' });
      await until('pin');
      fake.emit({ type: 'card', card: card({}, { triesLeft: 2 }) });
      assert.equal(actor.getSnapshot().context.card?.pin.triesLeft, 2);
      fake.emit({ type: 'card', card: card({}, { triesLeft: 0, locked: true }) });
      assert.equal(screen(), 'pin-locked');
      // another card: read again
      fake.emit({ type: 'card', card: card({ holderName: 'Mme AUTRE' }) });
      assert.equal(screen(), 'pin');
    }
  });

  it('an expired card is refused before the PIN', async () => {
    const { actor, until } = start(fakeServices({ watch: [{ type: 'card', card: card({ expired: true }) }] }));
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('error');
    assert.equal(actor.getSnapshot().context.error?.code, 'card-expired');
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
      const { actor, until, emitted } = start(fake);
      actor.send({ type: 'CHOOSE', method: 'card' });
      await until('error');
      assert.equal(actor.getSnapshot().context.error?.code, code);
      assert.deepEqual(actor.getSnapshot().context.agent, status);
      assert.equal(emitted.at(-1)?.type, 'error');
      actor.send({ type: 'RETRY' });
      await until('pin');
      assert.equal(detections, 2);
    });
  }

  it('a detection that throws is a missing agent', async () => {
    const { actor, until } = start(fakeServices({ detect: () => new TypeError('Failed to fetch') }));
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('error');
    assert.equal(actor.getSnapshot().context.error?.code, 'agent-not-installed');
  });

  it('pairs: code format, wrong code, right code, then detects again', async () => {
    let detections = 0;
    const fake = fakeServices({
      detect: () => (++detections === 1 ? { status: 'not-paired', pairing: true } : { status: 'ready' }),
      confirmPairing: ({ code }: { code: string }) =>
        code === '123456' ? undefined : Object.assign(new Error('bad'), { code: 'pairing-code-invalid' }),
    });
    const { actor, until, screen } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pairing');
    assert.equal(actor.getSnapshot().context.pairing?.codeLength, 6);
    actor.send({ type: 'SUBMIT_PAIRING_CODE', code: '12' });
    assert.equal(actor.getSnapshot().context.fieldError, 'pairing-code-format');
    actor.send({ type: 'SUBMIT_PAIRING_CODE', code: '999999' });
    assert.equal(screen(), 'pairing-confirming');
    await until('pairing');
    assert.equal(actor.getSnapshot().context.error?.code, 'pairing-code-invalid');
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
    const { actor, until } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pairing');
    assert.equal(actor.getSnapshot().context.pairing?.matchCode, 'K7QX');
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
    const { actor, until } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pairing');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(actor.getSnapshot().context.error?.code, 'pairing-expired');
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
      const { actor, until, screen } = start(fake);
      actor.send({ type: 'CHOOSE', method: 'card' });
      await until('pin');
      if (during === 'card-authenticating') {
        actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
        assert.equal(screen(), 'card-authenticating');
      }
      fake.emit({ type: 'card-removed' });
      assert.equal(screen(), 'error');
      assert.equal(actor.getSnapshot().context.error?.code, 'card-removed');
      assert.equal(actor.getSnapshot().context.pin, null);
      if (during === 'card-authenticating') assert.ok(fake.signals.getNonce?.aborted);
      actor.send({ type: 'BACK' });
      assert.equal(screen(), 'chooser');
    }
    const fake = fakeServices();
    const { actor, until, screen } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pin');
    fake.emit({ type: 'agent-stopped' });
    assert.equal(actor.getSnapshot().context.error?.code, 'agent-stopped');
    actor.send({ type: 'RETRY' });
    assert.equal(screen(), 'agent-detecting');
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
      const { actor, until } = start(fake, { timeouts: { reader: 20, card: 20 } });
      actor.send({ type: 'CHOOSE', method: 'card' });
      await until('error');
      assert.equal(actor.getSnapshot().context.error?.code, code);
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
      const { actor, until } = start(fakeServices(script));
      actor.send({ type: 'CHOOSE', method: 'card' });
      await until('pin');
      actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
      await until('error');
      assert.equal(actor.getSnapshot().context.error?.code, code, JSON.stringify(script));
    }
  });
});

describe('loginMachine: Pro Santé Connect', () => {
  it('redirect: announces the redirect and calls signinRedirect', async () => {
    const fake = fakeServices({ signinRedirect: () => new Promise(() => {}) });
    const { actor, emitted, until } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'psc', mode: 'redirect' });
    await until('psc-redirecting');
    assert.deepEqual(types(emitted), ['redirecting']);
    await waitFor(actor, () => fake.names().includes('signinRedirect'));
  });

  it('redirect: a failure to leave is an error', async () => {
    const { actor, until } = start(
      fakeServices({ signinRedirect: () => Object.assign(new Error('x'), { code: 'psc-unreachable' }) }),
    );
    actor.send({ type: 'CHOOSE', method: 'psc' });
    await until('error');
    assert.equal(actor.getSnapshot().context.error?.code, 'network');
  });

  it('resumes on the return from PSC, once the element says RESUME', async () => {
    const fake = fakeServices({ verify: { status: 'link-required', identity: { ...HOLDER, source: 'psc' } } });
    const { actor, until, emitted, screen } = start(fake, { resume: 'psc-redirect' });
    assert.equal(screen(), 'psc-returning');
    assert.equal(fake.calls.length, 0);
    actor.send({ type: 'RESUME' });
    await until('link-required');
    assert.deepEqual(fake.calls.find((c) => c.name === 'verify')?.args, { method: 'psc', proof: { code: 'psc-code' } });
    assert.equal(emitted.at(-1)?.type, 'link-required');
  });

  it('a return without an answer goes back to the chooser as cancelled; a refusal is psc-refused', async () => {
    {
      const { actor, until, emitted } = start(fakeServices({ completeRedirect: null }), { resume: 'psc-redirect' });
      actor.send({ type: 'RESUME' });
      await until('chooser');
      assert.equal(actor.getSnapshot().context.cancelled, true);
      assert.deepEqual(types(emitted), ['cancelled']);
    }
    {
      const refused = Object.assign(new Error('access_denied'), { code: 'psc-refused' });
      const { actor, until } = start(fakeServices({ completeRedirect: () => refused }), { resume: 'psc-redirect' });
      actor.send({ type: 'RESUME' });
      await until('error');
      assert.equal(actor.getSnapshot().context.error?.code, 'psc-refused');
      actor.send({ type: 'RETRY' });
      assert.equal(loginRoute(actor.getSnapshot()), 'psc-redirecting');
    }
  });

  it('popup: the proof goes to verification; a blocked popup is reported', async () => {
    {
      const { actor, until } = start();
      actor.send({ type: 'CHOOSE', method: 'psc', mode: 'popup' });
      assert.equal(loginRoute(actor.getSnapshot()), 'psc-popup');
      await until('authenticated');
    }
    {
      const { actor, until } = start(
        fakeServices({ signinPopup: () => Object.assign(new Error('x'), { code: 'psc-popup-blocked' }) }),
      );
      actor.send({ type: 'CHOOSE', method: 'psc', mode: 'popup' });
      await until('error');
      assert.equal(actor.getSnapshot().context.error?.code, 'psc-popup-blocked');
      actor.send({ type: 'RETRY' });
      assert.equal(loginRoute(actor.getSnapshot()), 'psc-popup');
    }
  });

  it('CIBA: identifier, binding code, polling until approved', async () => {
    let polls = 0;
    const fake = fakeServices({
      cibaStart: { bindingMessage: '42', expiresIn: 60, interval: 0.001, requestId: 'r9' },
      cibaPoll: () => (++polls < 3 ? { status: 'pending' } : { status: 'approved', proof: { ciba: 'ok' } }),
    });
    const { actor, until, screen } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'psc', ciba: true });
    assert.equal(screen(), 'ciba-identifier');
    actor.send({ type: 'SUBMIT_NATIONAL_ID', nationalId: '2580' });
    assert.equal(actor.getSnapshot().context.fieldError, 'national-id-format');
    assert.equal(actor.getSnapshot().context.nationalId, '2580');
    actor.send({ type: 'SUBMIT_NATIONAL_ID', nationalId: '8 1000 1234 567' });
    assert.equal(screen(), 'ciba-starting');
    await until('ciba-waiting');
    assert.equal(actor.getSnapshot().context.cibaRequest?.bindingMessage, '42');
    await until('authenticated');
    assert.equal(polls, 3);
    assert.deepEqual(fake.calls.find((c) => c.name === 'cibaStart')?.args, { nationalId: '810001234567' });
    assert.deepEqual(fake.calls.find((c) => c.name === 'cibaPoll')?.args, { requestId: 'r9' });
    assert.deepEqual(fake.calls.find((c) => c.name === 'verify')?.args, { method: 'psc', proof: { ciba: 'ok' } });
  });

  it('CIBA: refusal, expiry, an identifier PSC does not know, and cancel while waiting', async () => {
    {
      const { actor, until } = start(
        fakeServices({ cibaPoll: () => Object.assign(new Error('x'), { code: 'psc-refused' }) }),
      );
      actor.send({ type: 'CHOOSE', method: 'psc', ciba: true });
      actor.send({ type: 'SUBMIT_NATIONAL_ID', nationalId: '810001234567' });
      await until('error');
      assert.equal(actor.getSnapshot().context.error?.code, 'psc-refused');
      actor.send({ type: 'RETRY' });
      assert.equal(loginRoute(actor.getSnapshot()), 'ciba-identifier');
    }
    {
      const fake = fakeServices({
        cibaStart: { bindingMessage: '07', expiresIn: 0.05, interval: 10 },
        cibaPoll: { status: 'pending' },
      });
      const { actor, until } = start(fake);
      actor.send({ type: 'CHOOSE', method: 'psc', ciba: true });
      actor.send({ type: 'SUBMIT_NATIONAL_ID', nationalId: '10001234567' });
      await until('error');
      assert.equal(actor.getSnapshot().context.error?.code, 'psc-expired');
    }
    {
      const { actor, until } = start(fakeServices({ cibaStart: () => new LoginError('national-id-invalid') }));
      actor.send({ type: 'CHOOSE', method: 'psc', ciba: true });
      actor.send({ type: 'SUBMIT_NATIONAL_ID', nationalId: '810001234567' });
      await until('ciba-identifier');
      assert.equal(actor.getSnapshot().context.fieldError, 'national-id-format');
    }
    {
      const fake = fakeServices({
        cibaPoll: () => new Promise(() => {}),
        cibaStart: { bindingMessage: '42', expiresIn: 60, interval: 0.001 },
      });
      const { actor, until, emitted } = start(fake);
      actor.send({ type: 'CHOOSE', method: 'psc', ciba: true });
      actor.send({ type: 'SUBMIT_NATIONAL_ID', nationalId: '810001234567' });
      await until('ciba-waiting');
      await waitFor(actor, () => fake.names().includes('cibaPoll'));
      actor.send({ type: 'CANCEL' });
      assert.equal(loginRoute(actor.getSnapshot()), 'chooser');
      assert.ok(fake.signals.cibaPoll?.aborted);
      assert.deepEqual(types(emitted), ['cancelled']);
    }
  });

  it('CIBA: the user can switch to PSC’s own page', () => {
    const fake = fakeServices({ signinRedirect: () => new Promise(() => {}) });
    const { actor, screen } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'psc', ciba: true });
    actor.send({ type: 'USE_PSC_PAGE' });
    assert.equal(screen(), 'psc-redirecting');
    actor.send({ type: 'BACK' });
    actor.send({ type: 'CHOOSE', method: 'psc', ciba: true, mode: 'popup' });
    actor.send({ type: 'USE_PSC_PAGE' });
    assert.equal(screen(), 'psc-popup');
  });
});

/** A way to reach each screen, from a fresh actor. */
const reach: Record<
  LoginScreen,
  (f: Fake) => {
    script?: Record<string, unknown>;
    input?: LoginMachineInput;
    steps: Parameters<ReturnType<typeof createActor>['send']>[0][];
  }
> = {
  chooser: () => ({ steps: [] }),
  'agent-detecting': () => ({
    script: { detect: () => new Promise(() => {}) },
    steps: [{ type: 'CHOOSE', method: 'card' }],
  }),
  'pairing-starting': () => ({
    script: { detect: { status: 'not-paired' }, startPairing: () => new Promise(() => {}) },
    steps: [{ type: 'CHOOSE', method: 'card' }],
  }),
  pairing: () => ({ script: { detect: { status: 'not-paired' } }, steps: [{ type: 'CHOOSE', method: 'card' }] }),
  'pairing-confirming': () => ({
    script: { detect: { status: 'not-paired' }, confirmPairing: () => new Promise(() => {}) },
    steps: [
      { type: 'CHOOSE', method: 'card' },
      { type: 'WAIT', screen: 'pairing' },
      { type: 'SUBMIT_PAIRING_CODE', code: '123456' },
    ],
  }),
  'card-searching': () => ({ script: { watch: [] }, steps: [{ type: 'CHOOSE', method: 'card' }] }),
  'waiting-reader': () => ({ script: { watch: [{ type: 'no-reader' }] }, steps: [{ type: 'CHOOSE', method: 'card' }] }),
  'waiting-card': () => ({ script: { watch: [{ type: 'no-card' }] }, steps: [{ type: 'CHOOSE', method: 'card' }] }),
  pin: () => ({ steps: [{ type: 'CHOOSE', method: 'card' }] }),
  'pin-locked': () => ({
    script: { watch: [{ type: 'card', card: card({}, { locked: true }) }] },
    steps: [{ type: 'CHOOSE', method: 'card' }],
  }),
  'card-authenticating': () => ({
    script: { authenticate: () => new Promise(() => {}) },
    steps: [
      { type: 'CHOOSE', method: 'card' },
      { type: 'WAIT', screen: 'pin' },
      { type: 'SUBMIT_PIN', pin: '2580' },
    ],
  }),
  'psc-redirecting': () => ({
    script: { signinRedirect: () => new Promise(() => {}) },
    steps: [{ type: 'CHOOSE', method: 'psc' }],
  }),
  'psc-returning': () => ({ input: { resume: 'psc-redirect' }, steps: [] }),
  'psc-popup': () => ({
    script: { signinPopup: () => new Promise(() => {}) },
    steps: [{ type: 'CHOOSE', method: 'psc', mode: 'popup' }],
  }),
  'ciba-identifier': () => ({ steps: [{ type: 'CHOOSE', method: 'psc', ciba: true }] }),
  'ciba-starting': () => ({
    script: { cibaStart: () => new Promise(() => {}) },
    steps: [
      { type: 'CHOOSE', method: 'psc', ciba: true },
      { type: 'SUBMIT_NATIONAL_ID', nationalId: '810001234567' },
    ],
  }),
  'ciba-waiting': () => ({
    script: { cibaPoll: { status: 'pending' } },
    steps: [
      { type: 'CHOOSE', method: 'psc', ciba: true },
      { type: 'SUBMIT_NATIONAL_ID', nationalId: '810001234567' },
    ],
  }),
  verifying: () => ({
    script: { verify: () => new Promise(() => {}) },
    steps: [{ type: 'CHOOSE', method: 'psc', mode: 'popup' }],
  }),
  authenticated: () => ({ steps: [{ type: 'CHOOSE', method: 'psc', mode: 'popup' }] }),
  'link-required': () => ({
    script: { verify: { status: 'link-required', identity: HOLDER } },
    steps: [{ type: 'CHOOSE', method: 'psc', mode: 'popup' }],
  }),
  error: () => ({ script: { detect: { status: 'not-installed' } }, steps: [{ type: 'CHOOSE', method: 'card' }] }),
};

async function goTo(target: LoginScreen) {
  const plan = reach[target](fakeServices());
  const fake = fakeServices(plan.script);
  const ctx = start(fake, plan.input);
  for (const step of plan.steps) {
    if (step.type === 'WAIT') await ctx.until((step as unknown as { screen: LoginScreen }).screen);
    else ctx.actor.send(step as never);
  }
  await ctx.until(target);
  return ctx;
}

describe('loginMachine: every screen', () => {
  for (const target of Object.keys(reach) as LoginScreen[]) {
    it(`${target}: reachable, BACK and CANCEL return to the chooser`, async () => {
      for (const type of ['BACK', 'CANCEL'] as const) {
        const { actor, screen, emitted } = await goTo(target);
        const before = emitted.length;
        actor.send({ type });
        assert.equal(screen(), 'chooser', `${type} from ${target}`);
        const snap = actor.getSnapshot();
        assert.equal(snap.context.error, null);
        assert.equal(snap.context.pin, null);
        const journeyUnderWay = !['chooser', 'authenticated', 'link-required', 'error'].includes(target);
        const cancelled = emitted.slice(before).some((e) => e.type === 'cancelled');
        assert.equal(cancelled, type === 'CANCEL' && journeyUnderWay, `${type} from ${target}`);
      }
    });
  }
});

describe('login errors', () => {
  it('every code has a developer message', () => {
    for (const code of LOGIN_ERROR_CODES) assert.ok(LOGIN_ERROR_MESSAGES[code].length > 10, code);
  });

  it('maps the agent’s and PSC’s codes and plain failures', () => {
    const e = (code: string, extra = {}) => Object.assign(new Error('m'), { code, ...extra });
    assert.equal(toLoginError(e('not-paired')).code, 'agent-not-paired');
    assert.equal(toLoginError(e('final-try-confirmation-required')).code, 'pin-final-try');
    assert.equal(toLoginError(e('pin-incorrect', { triesLeft: 1 })).triesLeft, 1);
    assert.equal(toLoginError(e('psc-state-mismatch')).code, 'psc-failed');
    assert.equal(toLoginError(e('psc-unreachable')).code, 'network');
    // errors that retrying cannot fix keep their own code (and message in the element)
    assert.equal(toLoginError(e('psc-unknown-user')).code, 'psc-unknown-user');
    assert.equal(toLoginError(e('origin-refused')).code, 'origin-refused');
    assert.equal(
      toLoginError(Object.assign(new Error('HTTP 403'), { status: 403, error: 'origin-refused' })).code,
      'origin-refused',
    );
    assert.equal(toLoginError(e('forbidden'), 'verification-failed').code, 'verification-failed');
    assert.equal(toLoginError(Object.assign(new Error('a'), { name: 'AbortError' })).code, 'cancelled');
    assert.equal(toLoginError(Object.assign(new Error('a'), { name: 'TimeoutError' })).code, 'timeout');
    assert.equal(toLoginError('weird', 'verification-failed').code, 'verification-failed');
    assert.equal(toLoginError(null).code, 'network');
  });

  it('PinSecret gives the PIN once and never serialises it', () => {
    const s = new PinSecret('2580');
    assert.equal(JSON.stringify({ s }), '{"s":{}}');
    assert.equal(String(s), '[PIN]');
    assert.equal(s.take(), '2580');
    assert.equal(s.take(), '');
  });

  it('reads national identifiers as typed', () => {
    assert.equal(validateNationalIdInput('810001234567'), '810001234567');
    assert.equal(validateNationalIdInput(' 1000 1234 567 '), '810001234567');
    assert.equal(validateNationalIdInput('0123456789'), '0123456789');
    assert.equal(validateNationalIdInput('500000001815646/CPAT00045'), '500000001815646/CPAT00045');
    assert.equal(validateNationalIdInput('ANS20210107161422'), 'ANS20210107161422');
    assert.equal(validateNationalIdInput(''), null);
    assert.equal(validateNationalIdInput('8100012345a7'), null);
    assert.equal(validateNationalIdInput('8100012345'), null);
    assert.equal(validateNationalIdInput('2580'), null);
    assert.equal(validateNationalIdInput('ANS2021\u0007'), null);
  });

  it('national identifier input: never throws, gives null or a printable login hint; digits give RPPS or ADELI', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[8 ]?[\d ]{9,14}$/)), (typed) => {
        const r = validateNationalIdInput(typed);
        if (r === null) return true;
        if (/^[\d\s]+$/.test(typed)) return /^(?:8\d{11}|0\d{9})$/.test(r);
        return /^[\x21-\x7e]{1,80}$/.test(r);
      }),
      { numRuns: 2000 },
    );
  });
});
