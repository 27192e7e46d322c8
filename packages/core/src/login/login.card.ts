import { assign, fromCallback, sendTo, setup } from 'xstate';
import { agentProblemInfo, errorInfo, type LoginErrorInfo } from './errors.js';
import { type CardWatchMachineEvent, cardActors } from './login.actors.js';
import type { CardLoginScreen, LoginChildEvent, LoginEvent, LoginStepContext, LoginStepTypes } from './login.setup.js';
import * as step from './login.setup.js';
import { isWellFormedPin, PinSecret } from './pin.js';
import type { AgentStatus, LoginCard, PairingStart } from './types.js';

export interface CardLoginInput {
  /** Milliseconds before giving up waiting for a reader or a card (default 2 minutes each). */
  timeouts?: { reader?: number; card?: number };
}

export interface CardLoginContext extends LoginStepContext {
  agent: AgentStatus | null;
  pairing: PairingStart | null;
  card: LoginCard | null;
  /**
   * The PIN between its entry and its use, in a `PinSecret` (serialises as `{}`, wiped on use, when the attempt
   * ends and when the machine is stopped). Never a plain string of the context.
   */
  pin: PinSecret | null;
  confirmFinalTry: boolean;
  /** The host's single-use challenge between `getNonce` and the signature (not a secret; cleared with the PIN). */
  nonce: string | null;
  timeouts: { reader: number; card: number };
}

/** The user's events of the card path (forwarded by the parent) and the card watch's. */
export type CardLoginEvent =
  | Extract<LoginEvent, { type: 'SUBMIT_PAIRING_CODE' | 'SUBMIT_PIN' | 'RETRY' }>
  | CardWatchMachineEvent;

/** A card or PIN update that changes the card shown. */
const withPin = (card: LoginCard | null, pin: Partial<LoginCard['pin']>): LoginCard | null =>
  card ? { ...card, pin: { ...card.pin, ...pin } } : null;

const cardSetup = setup({
  types: {} as LoginStepTypes<CardLoginContext, CardLoginEvent, CardLoginInput, CardLoginScreen>,
  actors: {
    ...cardActors(() => undefined),
    /** Holds the PIN while it is needed: stopped (the attempt ends, the machine is stopped), it wipes it. */
    pinKeeper: fromCallback<{ type: string }, { pin: PinSecret | null }>(
      ({ input }) =>
        () =>
          input.pin?.wipe(),
    ),
    readerWait: step.waitUntil,
    cardWait: step.waitUntil,
  },
  guards: {
    agentIs: (_, params: { output: AgentStatus | undefined; status: AgentStatus['status'] }) =>
      params.output?.status === params.status,
    pairingCodeWellFormed: ({ context, event }) =>
      event.type === 'SUBMIT_PAIRING_CODE' &&
      new RegExp(`^\\d{${context.pairing?.codeLength ?? 6}}$`).test(event.code.trim()),
    pairingCodeInvalid: step.errorCodeIs('pairing-code-invalid'),
    pairingExpired: step.errorCodeIs('pairing-expired'),
    cardExpired: ({ context }) => context.card?.expired === true,
    pinLocked: ({ context }) => context.card?.pin.locked === true,
    pinMalformed: ({ context, event }) =>
      event.type === 'SUBMIT_PIN' &&
      // on a PIN-pad reader the page sends no PIN: the holder types it on the reader
      !(context.card?.pinPad === true && event.pin === '') &&
      !isWellFormedPin(event.pin),
    finalTryUnconfirmed: ({ context, event }) =>
      event.type === 'SUBMIT_PIN' && context.card?.pin.finalTry === true && event.confirmFinalTry !== true,
    pinIncorrect: step.errorCodeIs('pin-incorrect'),
    pinLockedError: step.errorCodeIs('pin-locked'),
    pinFinalTryError: step.errorCodeIs('pin-final-try'),
  },
  actions: {
    fail: assign(step.updates.fail),
    failWith: assign(step.updates.failWith),
    clearErrors: assign(step.NO_ERROR),
    keepProof: assign(step.updates.keepProof),
    tellParent: sendTo(step.parentOrSelf, (_, params: LoginChildEvent) => params),
    setAgent: assign({ agent: (_, params: { output: AgentStatus | undefined }) => params.output ?? null }),
    agentProblem: assign({
      error: (_, params: { output: AgentStatus | undefined }) => agentProblemInfo(params.output),
    }),
    setPairing: assign({ pairing: (_, params: { output: PairingStart | undefined }) => params.output ?? null }),
    pairingCodeFormat: assign({ fieldError: 'pairing-code-format' as const, error: null }),
    setCard: assign({
      card: ({ context, event }) => (event.type === 'CARD.INSERTED' ? event.card : context.card),
    }),
    forgetCard: assign({ card: null }),
    pinFormat: assign({ fieldError: 'pin-format' as const }),
    finalTryUnconfirmed: assign({ fieldError: 'final-try-unconfirmed' as const }),
    keepPin: assign(({ event }) =>
      event.type === 'SUBMIT_PIN'
        ? { pin: new PinSecret(event.pin), confirmFinalTry: event.confirmFinalTry === true, ...step.NO_ERROR }
        : {},
    ),
    // the PIN itself is wiped by `pinKeeper`, stopped with the proof's state
    forgetPin: assign({ pin: null, confirmFinalTry: false, nonce: null }),
    pinIncorrect: assign(({ context }, params: { error: unknown }) => {
      const error = errorInfo(params.error);
      const triesLeft = error.triesLeft ?? Math.max(0, (context.card?.pin.triesLeft ?? 1) - 1);
      const card = withPin(context.card, { triesLeft, finalTry: triesLeft === 1, locked: triesLeft === 0 });
      return { error: { ...error, triesLeft }, card };
    }),
    pinLocked: assign(({ context }) => ({
      error: errorInfo({ code: 'pin-locked' }),
      card: withPin(context.card, { triesLeft: 0, locked: true }),
    })),
    pinFinalTry: assign(({ context }) => ({
      fieldError: 'final-try-unconfirmed' as const,
      error: null,
      card: withPin(context.card, { triesLeft: 1, finalTry: true }),
    })),
    keepNonce: assign({ nonce: (_, params: { output: string | undefined }) => String(params.output ?? '') }),
  },
});

const cardRemoved = {
  target: '#card.failed',
  actions: ['forgetCard', { type: 'failWith', params: { code: 'card-removed' } }],
} as const;

/** A wait that gives up with `code` after the reader's or the card's timeout (an invoked wait: it survives a restore). */
const waiting = (tag: CardLoginScreen, wait: 'readerWait' | 'cardWait', code: 'timeout' | 'no-reader' | 'no-card') =>
  cardSetup.createStateConfig({
    tags: [tag],
    invoke: {
      src: wait,
      input: ({ context }) => step.fromNow(wait === 'readerWait' ? context.timeouts.reader : context.timeouts.card),
      onDone: { target: '#card.failed', actions: { type: 'failWith', params: { code } } },
    },
  });

/** Typing the code the agent shows, or asking for a new one: while waiting for it, and after a refusal. */
const pairingCodeEvents = cardSetup.createStateConfig({
  on: {
    SUBMIT_PAIRING_CODE: [
      { guard: 'pairingCodeWellFormed', target: '#card.pairing.confirming', actions: 'clearErrors' },
      { actions: 'pairingCodeFormat' },
    ],
    RETRY: { target: '#card.pairing.starting', actions: 'clearErrors' },
  },
}).on;

/**
 * The physical card through the local agent, a child of `loginMachine` (invoked as `card`): detection and
 * diagnostics, pairing, then the card session (reader, card, PIN, nonce, signature) with its card-event stream
 * (`cardWatch`). It ends with a proof, or an error with the agent's diagnosis; a locked PIN stays on its screen
 * and tells the parent (`child.error`).
 */
export const cardLoginMachine = cardSetup.createMachine({
  id: 'card',
  context: ({ input }) => ({
    ...step.NO_ERROR,
    proof: null,
    agent: null,
    pairing: null,
    card: null,
    pin: null,
    confirmFinalTry: false,
    nonce: null,
    timeouts: {
      reader: input?.timeouts?.reader ?? step.DEFAULT_WAIT,
      card: input?.timeouts?.card ?? step.DEFAULT_WAIT,
    },
  }),
  initial: 'detecting',
  output: step.output<CardLoginContext>((context) => ({ agent: context.agent })),
  states: {
    detecting: {
      tags: ['agent-detecting'],
      invoke: {
        src: 'detectAgent',
        onDone: [
          step.onStatus('agentIs', 'ready', 'session', { type: 'setAgent', params: step.outputParams }),
          step.onStatus('agentIs', 'not-paired', 'pairing', { type: 'setAgent', params: step.outputParams }),
          {
            target: 'failed',
            actions: [
              { type: 'setAgent', params: step.outputParams },
              { type: 'agentProblem', params: step.outputParams },
            ],
          },
        ],
        onError: { target: 'failed', actions: step.failFrom('agent-not-installed') },
      },
    },
    pairing: {
      initial: 'starting',
      states: {
        starting: step.calling({
          tag: 'pairing-starting',
          src: 'startPairing',
          next: 'entering',
          keep: 'setPairing',
          failed: '#card.failed',
          fallback: 'agent-not-paired',
        }),
        entering: {
          tags: ['pairing'],
          // the user may approve on the agent's own page instead of typing the code
          invoke: {
            src: 'waitPairingApproval',
            input: ({ context }) => ({ pairingId: context.pairing?.pairingId ?? '' }),
            onDone: { target: '#card.detecting', actions: 'clearErrors' },
            onError: [step.onErrorIf('pairingExpired', 'expired', step.failFrom())],
          },
          on: pairingCodeEvents,
        },
        /** Refused on the agent page, or expired: the same screen, asking for a new code. */
        expired: {
          tags: ['pairing'],
          on: pairingCodeEvents,
        },
        confirming: {
          tags: ['pairing-confirming'],
          invoke: {
            src: 'confirmPairing',
            input: ({ context, event }) => ({
              pairingId: context.pairing?.pairingId ?? '',
              code: event.type === 'SUBMIT_PAIRING_CODE' ? event.code.trim() : '',
            }),
            onDone: { target: '#card.detecting', actions: 'clearErrors' },
            onError: [
              step.onErrorIf('pairingCodeInvalid', 'entering', step.failFrom()),
              step.onErrorIf('pairingExpired', 'entering', step.failFrom()),
              { target: '#card.failed', actions: step.failFrom('agent-not-paired') },
            ],
          },
        },
      },
    },
    session: {
      invoke: { src: 'cardWatch' },
      initial: 'searching',
      on: {
        'CARD.NO_READER': { target: '.waitingReader', actions: 'forgetCard' },
        'CARD.NO_CARD': { target: '.waitingCard', actions: 'forgetCard' },
        'CARD.REMOVED': { target: '.waitingCard', actions: 'forgetCard' },
        'CARD.INSERTED': { target: '.cardRead', actions: 'setCard' },
        'CARD.AGENT_STOPPED': { target: 'failed', actions: { type: 'failWith', params: { code: 'agent-stopped' } } },
      },
      states: {
        searching: waiting('card-searching', 'cardWait', 'timeout'),
        waitingReader: waiting('waiting-reader', 'readerWait', 'no-reader'),
        waitingCard: waiting('waiting-card', 'cardWait', 'no-card'),
        cardRead: {
          always: [
            {
              guard: 'cardExpired',
              target: '#card.failed',
              actions: { type: 'failWith', params: { code: 'card-expired' } },
            },
            { guard: 'pinLocked', target: 'locked', actions: 'pinLocked' },
            { target: 'pin' },
          ],
        },
        pin: {
          tags: ['pin'],
          on: {
            SUBMIT_PIN: [
              { guard: 'pinMalformed', actions: 'pinFormat' },
              { guard: 'finalTryUnconfirmed', actions: 'finalTryUnconfirmed' },
              { target: 'proving', actions: 'keepPin' },
            ],
            // a PIN status update of the same card
            'CARD.INSERTED': [
              { guard: ({ event }) => event.card.pin.locked, target: 'locked', actions: ['setCard', 'pinLocked'] },
              { actions: 'setCard' },
            ],
            'CARD.REMOVED': cardRemoved,
            'CARD.NO_CARD': cardRemoved,
          },
        },
        proving: {
          initial: 'nonce',
          invoke: { src: 'pinKeeper', input: ({ context }) => ({ pin: context.pin }) },
          exit: 'forgetPin',
          on: {
            // The proof under way decides. A scan that finds no reader for a moment (the agent's slot list,
            // a USB reader re-enumerating) must not abort the signature and throw the PIN away; a reader really
            // gone makes the signature fail, which says so.
            'CARD.NO_READER': { actions: [] },
            'CARD.INSERTED': { actions: 'setCard' },
            'CARD.REMOVED': cardRemoved,
            'CARD.NO_CARD': cardRemoved,
          },
          states: {
            nonce: step.calling({
              tag: 'card-authenticating',
              src: 'getNonce',
              next: 'signing',
              keep: 'keepNonce',
              failed: '#card.failed',
              fallback: 'network',
            }),
            signing: {
              tags: ['card-authenticating'],
              invoke: {
                src: 'authenticateCard',
                input: ({ context }) => ({
                  nonce: context.nonce ?? '',
                  pin: context.pin ?? new PinSecret(''),
                  confirmFinalTry: context.confirmFinalTry,
                }),
                onDone: { target: '#card.proved', actions: { type: 'keepProof', params: step.outputParams } },
                // the errors the PIN screen says again; any other ends the attempt
                onError: [
                  step.onErrorIf('pinIncorrect', '#card.session.pin', {
                    type: 'pinIncorrect',
                    params: step.errorParams,
                  }),
                  step.onErrorIf('pinLockedError', '#card.session.locked', 'pinLocked'),
                  step.onErrorIf('pinFinalTryError', '#card.session.pin', 'pinFinalTry'),
                  { target: '#card.failed', actions: step.failFrom('network') },
                ],
              },
            },
          },
        },
        locked: {
          tags: ['pin-locked'],
          entry: {
            type: 'tellParent',
            params: ({ context }): { type: 'child.error'; error: LoginErrorInfo } => ({
              type: 'child.error',
              error: context.error ?? errorInfo({ code: 'pin-locked' }),
            }),
          },
          on: {
            'CARD.INSERTED': { target: 'cardRead', actions: ['setCard', 'clearErrors'] },
          },
        },
      },
    },
    // what the attempt said on the way is no error of its end
    proved: { type: 'final', entry: 'clearErrors' },
    failed: { type: 'final' },
  },
});

export type CardLoginMachine = typeof cardLoginMachine;
