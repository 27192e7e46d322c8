import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createActor, waitFor } from 'xstate';
import { type Fake, startLogin as start, track } from '../test-support/login.js';
import { card, fakeServices, HOLDER, never } from '../testing/index.js';
import { type LoginEvent, type LoginMachineInput, type LoginScreen, loginMachine } from './login.machine.js';

describe('loginMachine: chooser', () => {
  it('starts on the chooser', () => {
    const { screen } = start();
    assert.equal(screen(), 'chooser');
  });

  it('without services, reports not-configured', async () => {
    const actor = track(createActor(loginMachine, { input: {} })).start();
    actor.send({ type: 'CHOOSE', method: 'card' });
    await waitFor(actor, (s) => s.hasTag('error'));
    assert.equal(actor.getSnapshot().context.error?.code, 'not-configured');
  });
});

/** A way to reach each screen, from a fresh actor. */
const reach: Record<
  LoginScreen,
  (f: Fake) => {
    script?: Record<string, unknown>;
    input?: LoginMachineInput;
    steps: Array<LoginEvent | { type: 'WAIT'; screen: LoginScreen }>;
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
    if (step.type === 'WAIT') await ctx.until(step.screen);
    else ctx.actor.send(step);
  }
  await ctx.until(target);
  return ctx;
}

describe('loginMachine: every screen', () => {
  for (const target of Object.keys(reach) as LoginScreen[]) {
    it(`${target}: reachable, BACK and CANCEL return to the chooser`, async () => {
      for (const type of ['BACK', 'CANCEL'] as const) {
        const { actor, screen, view, emitted, heldPin } = await goTo(target);
        const before = emitted.length;
        actor.send({ type });
        assert.equal(screen(), 'chooser', `${type} from ${target}`);
        assert.equal(view().error, null);
        // no child runs any more, and the card child stopped holds no PIN
        assert.deepEqual(Object.keys(actor.getSnapshot().children), []);
        assert.equal(heldPin(), null);
        const journeyUnderWay = !['chooser', 'authenticated', 'link-required', 'error'].includes(target);
        const cancelled = emitted.slice(before).some((e) => e.type === 'cancelled');
        assert.equal(cancelled, type === 'CANCEL' && journeyUnderWay, `${type} from ${target}`);
      }
    });
  }
});

describe('loginMachine: a router over its card and PSC children', () => {
  it('a child’s output reaches the router: the card’s proof goes to the verification, the child is gone', async () => {
    const fake = fakeServices({ verify: never });
    const { actor, until, view } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pin');
    assert.ok(actor.getSnapshot().children.card, 'the card child runs');
    actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
    await until('verifying');
    const snapshot = actor.getSnapshot();
    assert.equal(snapshot.value, 'verifying');
    assert.deepEqual(snapshot.context.proof, { signature: 'sig' });
    assert.equal(snapshot.children.card, undefined);
    assert.deepEqual(fake.calls.find((c) => c.name === 'verify')?.args, {
      method: 'card',
      proof: { signature: 'sig' },
    });
    assert.equal(view().card, null, 'the view no longer reads a card child');
  });

  it('the PSC child’s proof (a popup) and its error (a blocked popup) reach the router', async () => {
    {
      const { actor, until } = start(fakeServices({ verify: never, signinPopup: { code: 'popup-code' } }));
      actor.send({ type: 'CHOOSE', method: 'psc', mode: 'popup' });
      await until('verifying');
      assert.deepEqual(actor.getSnapshot().context.proof, { code: 'popup-code' });
    }
    {
      const blocked = Object.assign(new Error('x'), { code: 'psc-popup-blocked' });
      const { actor, until, emitted } = start(fakeServices({ signinPopup: () => blocked }));
      actor.send({ type: 'CHOOSE', method: 'psc', mode: 'popup' });
      await until('error');
      assert.equal(actor.getSnapshot().context.error?.code, 'psc-popup-blocked');
      assert.equal(actor.getSnapshot().children.psc, undefined);
      assert.deepEqual(
        emitted.map((e) => e.type),
        ['error'],
      );
    }
  });

  it('cancelling while the card child runs stops it, and its card-event stream with it', async () => {
    const fake = fakeServices();
    const { actor, until, screen, emitted } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'card' });
    await until('pin');
    const child = actor.getSnapshot().children.card;
    assert.equal(child?.getSnapshot().status, 'active');
    assert.equal(fake.signals.watch?.aborted, false);
    actor.send({ type: 'CANCEL' });
    assert.equal(screen(), 'chooser');
    assert.equal(child?.getSnapshot().status, 'stopped', 'the child actor is stopped');
    assert.equal(fake.signals.watch?.aborted, true, 'the card watch is closed');
    assert.equal(actor.getSnapshot().children.card, undefined);
    // a late event of the agent changes nothing
    fake.emit({ type: 'card', card: card() });
    assert.equal(screen(), 'chooser');
    assert.deepEqual(
      emitted.map((e) => e.type),
      ['cancelled'],
    );
  });

  it('the user’s events reach the running child only: a PIN sent on the chooser or on PSC is ignored', async () => {
    const fake = fakeServices({ signinRedirect: never });
    const { actor, screen } = start(fake);
    actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
    assert.equal(screen(), 'chooser');
    actor.send({ type: 'CHOOSE', method: 'psc' });
    actor.send({ type: 'SUBMIT_PIN', pin: '2580' });
    assert.equal(screen(), 'psc-redirecting');
    assert.ok(!fake.names().includes('authenticate'));
  });
});
