import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declaredTags, reachableTags } from '../test-support/graph.js';
import { card, HOLDER } from '../testing/index.js';
import { errorInfo, LoginError } from './errors.js';
import {
  CARD_SCREENS,
  type CardLoginEvent,
  cardLoginMachine,
  LOGIN_SCREENS,
  type LoginChildOutput,
  type LoginEvent,
  loginMachine,
  PSC_SCREENS,
  type PscLoginEvent,
  type PscLoginInput,
  pscLoginMachine,
} from './login.machine.js';

const errors = [new LoginError('network'), new LoginError('pin-incorrect', 'x', { triesLeft: 2 })];

/** The router: the user's events, and how each child can end (its output). */
const parentSamples = {
  events: [
    { type: 'CHOOSE', method: 'card' },
    { type: 'CHOOSE', method: 'psc' },
    { type: 'CANCEL' },
    { type: 'BACK' },
    { type: 'RETRY' },
  ] satisfies LoginEvent[],
  outputs: {
    cardLogin: [
      { type: 'proof', proof: { signature: 'sig' } },
      { type: 'error', error: errorInfo({ code: 'no-card' }) },
    ] satisfies LoginChildOutput[],
    pscLogin: [{ type: 'proof', proof: { code: 'c' } }, { type: 'cancelled' }] satisfies LoginChildOutput[],
    verify: [
      { status: 'authenticated', identity: HOLDER },
      { status: 'link-required', identity: HOLDER },
    ],
  },
  errors,
  serialize: (s: { value: unknown; context: { method: unknown; error: unknown } }) =>
    JSON.stringify([s.value, s.context.method, s.context.error !== null]),
};

/** The card child: the user's events, what its actors answer and what the card watch sends. */
const cardSamples = {
  events: [
    { type: 'RETRY' },
    { type: 'SUBMIT_PAIRING_CODE', code: '123456' },
    { type: 'SUBMIT_PIN', pin: '2580' },
    { type: 'SUBMIT_PIN', pin: '2580', confirmFinalTry: true },
  ] satisfies CardLoginEvent[],
  outputs: {
    detectAgent: [{ status: 'ready' }, { status: 'not-paired' }, { status: 'not-installed' }],
    startPairing: [{ pairingId: 'p1', codeLength: 6 }],
    getNonce: ['nonce-123456789012345'],
    authenticateCard: [{ signature: 'sig' }],
  },
  errors,
  sent: {
    cardWatch: [
      { type: 'CARD.NO_READER' },
      { type: 'CARD.NO_CARD' },
      { type: 'CARD.INSERTED', card: card() },
      { type: 'CARD.INSERTED', card: card({}, { locked: true, triesLeft: 0 }) },
      { type: 'CARD.REMOVED' },
    ] satisfies CardLoginEvent[],
  },
  // the journey's shape, not every error message: enough to tell apart what leads somewhere else
  serialize: (s: { value: unknown; context: { card: unknown } }) => JSON.stringify([s.value, s.context.card]),
};

/** The PSC child: the user's events and what its actors answer. */
const pscSamples = {
  events: [
    { type: 'RESUME' },
    { type: 'SUBMIT_NATIONAL_ID', nationalId: '810001234567' },
    { type: 'USE_PSC_PAGE' },
  ] satisfies PscLoginEvent[],
  outputs: {
    pscCompleteRedirect: [{ code: 'c' }, null],
    pscPopup: [{ code: 'c' }],
    cibaStart: [{ bindingMessage: '42', expiresIn: 120, interval: 5, requestId: 'r1' }],
    cibaPoll: [{ status: 'pending' }, { status: 'approved', proof: { code: 'c' } }],
  },
  errors,
  serialize: (s: { value: unknown; context: { mode: unknown; ciba: boolean } }) =>
    JSON.stringify([s.value, s.context.mode, s.context.ciba]),
};

/** The screens reached from the start, over all of a child's inputs. */
function reachedBy(machine: typeof pscLoginMachine, inputs: PscLoginInput[]) {
  const reached = new Set<string>();
  for (const input of inputs)
    for (const tag of reachableTags(machine, { ...pscSamples, input }).keys()) reached.add(tag);
  return reached;
}

describe('loginMachine: graph (@xstate/graph)', () => {
  const parent = reachableTags(loginMachine, parentSamples);
  const fromPscReturn = reachableTags(loginMachine, { ...parentSamples, input: { resume: 'psc-redirect' } });

  it('every state tag is one of the screens of <af-login>, and every screen is a tag of one machine', () => {
    const tags = [loginMachine, cardLoginMachine, pscLoginMachine].flatMap((m) => [...declaredTags(m)]);
    assert.deepEqual(tags.sort(), [...LOGIN_SCREENS].sort());
    assert.deepEqual([...declaredTags(cardLoginMachine)].sort(), [...CARD_SCREENS].sort());
    assert.deepEqual([...declaredTags(pscLoginMachine)].sort(), [...PSC_SCREENS].sort());
  });

  it('the router reaches each of its screens from the chooser, and the end screens from a PSC return', () => {
    assert.deepEqual([...parent.keys()].sort(), ['authenticated', 'chooser', 'error', 'link-required', 'verifying']);
    assert.deepEqual(parent.get('chooser'), []);
    assert.deepEqual(parent.get('verifying'), ['CHOOSE', 'xstate.done.actor.card']);
    for (const screen of ['verifying', 'authenticated', 'link-required', 'error', 'chooser'] as const)
      assert.ok(fromPscReturn.has(screen), screen);
  });

  it('the card child reaches every card screen from its start', () => {
    const reached = reachableTags(cardLoginMachine, cardSamples);
    assert.deepEqual([...reached.keys()].sort(), [...CARD_SCREENS].sort());
    assert.deepEqual(reached.get('agent-detecting'), []);
    assert.ok(reached.get('card-authenticating'));
  });

  it('the PSC child reaches every PSC screen; the return from PSC only on a page opened back from PSC', () => {
    const fresh = reachedBy(pscLoginMachine, [{}, { mode: 'popup' }, { ciba: true }, { ciba: true, mode: 'popup' }]);
    assert.deepEqual(
      PSC_SCREENS.filter((screen) => !fresh.has(screen)),
      ['psc-returning'],
    );
    const back = reachableTags(pscLoginMachine, { ...pscSamples, input: { resume: true } });
    assert.deepEqual(back.get('psc-returning'), []);
  });
});
