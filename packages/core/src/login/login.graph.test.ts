import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declaredTags, reachableTags } from '../test-support/graph.js';
import { card, HOLDER } from '../testing/index.js';
import { LoginError } from './errors.js';
import { LOGIN_SCREENS, type LoginEvent, loginMachine } from './login.machine.js';

const events: LoginEvent[] = [
  { type: 'CHOOSE', method: 'card' },
  { type: 'CHOOSE', method: 'psc' },
  { type: 'CHOOSE', method: 'psc', mode: 'popup' },
  { type: 'CHOOSE', method: 'psc', ciba: true },
  { type: 'CANCEL' },
  { type: 'BACK' },
  { type: 'RETRY' },
  { type: 'RESUME' },
  { type: 'SUBMIT_PAIRING_CODE', code: '123456' },
  { type: 'SUBMIT_PIN', pin: '2580' },
  { type: 'SUBMIT_PIN', pin: '2580', confirmFinalTry: true },
  { type: 'SUBMIT_NATIONAL_ID', nationalId: '810001234567' },
  { type: 'USE_PSC_PAGE' },
];

const samples = {
  events,
  outputs: {
    detectAgent: [{ status: 'ready' }, { status: 'not-paired' }, { status: 'not-installed' }],
    startPairing: [{ pairingId: 'p1', codeLength: 6 }],
    getNonce: ['nonce-123456789012345'],
    authenticateCard: [{ signature: 'sig' }],
    pscCompleteRedirect: [{ code: 'c' }, null],
    pscPopup: [{ code: 'c' }],
    cibaStart: [{ bindingMessage: '42', expiresIn: 120, interval: 5, requestId: 'r1' }],
    cibaPoll: [{ status: 'pending' }, { status: 'approved', proof: { code: 'c' } }],
    verify: [
      { status: 'authenticated', identity: HOLDER },
      { status: 'link-required', identity: HOLDER },
    ],
  },
  errors: [new LoginError('network'), new LoginError('pin-incorrect', 'x', { triesLeft: 2 })],
  sent: {
    cardWatch: [
      { type: 'CARD.NO_READER' },
      { type: 'CARD.NO_CARD' },
      { type: 'CARD.INSERTED', card: card() },
      { type: 'CARD.INSERTED', card: card({}, { locked: true, triesLeft: 0 }) },
      { type: 'CARD.REMOVED' },
    ] satisfies LoginEvent[],
  },
  // the journey's shape, not every error message: enough to tell apart what leads somewhere else
  serialize: (s: { value: unknown; context: { method: unknown; ciba: boolean; pscMode: unknown; card: unknown } }) =>
    JSON.stringify([s.value, s.context.method, s.context.ciba, s.context.pscMode, s.context.card]),
};

describe('loginMachine: graph (@xstate/graph)', () => {
  const fromChooser = reachableTags(loginMachine, samples);
  const fromPscReturn = reachableTags(loginMachine, { ...samples, input: { resume: 'psc-redirect' } });

  it('every state tag is one of the screens of <af-login>, and every screen is a tag', () => {
    assert.deepEqual([...declaredTags(loginMachine)].sort(), [...LOGIN_SCREENS].sort());
  });

  it('every screen but the return from PSC is reachable from the chooser', () => {
    const missing = LOGIN_SCREENS.filter((screen) => !fromChooser.has(screen));
    assert.deepEqual(missing, ['psc-returning']);
  });

  it('the return from PSC is the first screen of a page opened back from PSC, and leads to the end', () => {
    assert.deepEqual(fromPscReturn.get('psc-returning'), []);
    for (const screen of ['verifying', 'authenticated', 'link-required', 'error', 'chooser'] as const)
      assert.ok(fromPscReturn.has(screen), screen);
  });

  it('each means reaches its first screens from the chooser', () => {
    for (const start of ['agent-detecting', 'card-authenticating', 'psc-popup', 'ciba-waiting'] as const)
      assert.ok(fromChooser.get(start), start);
    assert.deepEqual(fromChooser.get('chooser'), []);
  });
});
