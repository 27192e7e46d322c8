import { assign, emit, type SnapshotFrom, setup } from 'xstate';
import { agentProblemInfo, errorInfo, type LoginErrorCode, type LoginErrorInfo } from '../login/errors.js';
import { isWellFormedPin, PinSecret, validateNationalIdInput } from '../login/pin.js';
import type {
  AgentStatus,
  CibaStart,
  LoginCard,
  LoginIdentity,
  LoginMethod,
  PairingStart,
  PscMode,
  VerifyOutcome,
} from '../login/types.js';
import { type CardWatchMachineEvent, loginActors, type ServicesSource } from './login.actors.js';

export interface LoginMachineInput {
  /** Start on the return from PSC (the element knows a redirect was started from this page). */
  resume?: 'psc-redirect';
  /** Milliseconds before giving up waiting for a reader or a card (default 2 minutes each). */
  timeouts?: { reader?: number; card?: number };
}

/** Validation messages of fields (not errors of the journey). */
export type LoginFieldError = 'pin-format' | 'final-try-unconfirmed' | 'national-id-format' | 'pairing-code-format';

export interface LoginContext {
  method: LoginMethod | null;
  pscMode: PscMode;
  ciba: boolean;
  /** The error shown: on the error screen, or under a field (`pin-incorrect`, `pairing-code-invalid`…). */
  error: LoginErrorInfo | null;
  fieldError: LoginFieldError | null;
  agent: AgentStatus | null;
  pairing: PairingStart | null;
  card: LoginCard | null;
  /**
   * The PIN between its entry and its use, in a `PinSecret` (serialises as `{}`, wiped on use and when the
   * attempt ends). Never a plain string of the context.
   */
  pin: PinSecret | null;
  confirmFinalTry: boolean;
  /** National identifier typed for the e-CPS (CIBA), normalised. */
  nationalId: string;
  cibaRequest: CibaStart | null;
  proof: unknown;
  identity: LoginIdentity | null;
  /** Set when the last journey was cancelled (the chooser says so). */
  cancelled: boolean;
  timeouts: { reader: number; card: number };
}

export type LoginEvent =
  | { type: 'CHOOSE'; method: 'card'; timeouts?: { reader?: number; card?: number } }
  | { type: 'CHOOSE'; method: 'psc'; mode?: PscMode; ciba?: boolean }
  /** Stop what is under way and go back to the chooser (fires `cancelled`). */
  | { type: 'CANCEL' }
  /** "Choisir un autre moyen": back to the chooser. */
  | { type: 'BACK' }
  /** "Réessayer": the same means again, from its start. */
  | { type: 'RETRY' }
  /** The element is ready to finish a PSC redirect (services are set). */
  | { type: 'RESUME' }
  | { type: 'SUBMIT_PAIRING_CODE'; code: string }
  /** The PIN goes straight into a `PinSecret`; the event itself is not kept. */
  | { type: 'SUBMIT_PIN'; pin: string; confirmFinalTry?: boolean }
  | { type: 'SUBMIT_NATIONAL_ID'; nationalId: string }
  /** From the in-page e-CPS form: use PSC's own page (redirect or popup) instead. */
  | { type: 'USE_PSC_PAGE' }
  | CardWatchMachineEvent;

export type LoginEmitted =
  | { type: 'authenticated'; method: LoginMethod; identity: LoginIdentity; proof: unknown }
  | { type: 'link-required'; method: LoginMethod; identity: LoginIdentity; proof: unknown }
  | { type: 'error'; code: LoginErrorCode; message: string }
  | { type: 'cancelled' }
  /** A full-page redirect to PSC is about to start: the element remembers it to resume on return. */
  | { type: 'redirecting' };

const DEFAULT_WAIT = 120_000;

/** The error of an actor's error event (done events and errors are not in `LoginEvent`). */
const errorOf = (event: { type: string }): unknown => (event as { error?: unknown }).error;

const errorCodeIs =
  (...codes: LoginErrorCode[]) =>
  ({ event }: { event: { type: string } }) =>
    codes.includes(errorInfo(errorOf(event)).code);

/**
 * The sign-in journey of `<af-login>`: the chooser, the physical card through the local agent (detection and
 * diagnostics, pairing, reader, card, PIN, nonce, signature), Pro Santé Connect (redirect, popup, or in-page e-CPS
 * approval by CIBA), then the host's verification.
 *
 * Every backend call is a named actor (`detectAgent`, `startPairing`, `confirmPairing`, `cardWatch`, `getNonce`,
 * `authenticateCard`, `pscRedirect`, `pscCompleteRedirect`, `pscPopup`, `cibaStart`, `cibaPoll`, `verify`): give
 * them with `createLoginMachine(services)` or `loginMachine.provide({ actors })`.
 *
 * Each state carries one screen tag; `loginRoute(snapshot)` gives the screen to show.
 */
export const loginMachine = setup({
  types: {
    context: {} as LoginContext,
    events: {} as LoginEvent,
    input: {} as LoginMachineInput | undefined,
    emitted: {} as LoginEmitted,
  },
  actors: loginActors(() => undefined),
  delays: {
    readerWait: ({ context }) => context.timeouts.reader,
    cardWait: ({ context }) => context.timeouts.card,
    cibaExpiry: ({ context }) => Math.max(0, context.cibaRequest?.expiresIn ?? 120) * 1000,
    cibaInterval: ({ context }) => Math.max(0, context.cibaRequest?.interval ?? 5) * 1000,
  },
  guards: {
    agentReady: ({ event }) => (event as { output?: AgentStatus }).output?.status === 'ready',
    agentNotPaired: ({ event }) => (event as { output?: AgentStatus }).output?.status === 'not-paired',
    pairingCodeWellFormed: ({ context, event }) =>
      event.type === 'SUBMIT_PAIRING_CODE' &&
      new RegExp(`^\\d{${context.pairing?.codeLength ?? 6}}$`).test(event.code.trim()),
    pairingCodeInvalid: errorCodeIs('pairing-code-invalid'),
    pairingExpired: errorCodeIs('pairing-expired'),
    cardExpired: ({ context }) => context.card?.expired === true,
    pinLocked: ({ context }) => context.card?.pin.locked === true,
    pinMalformed: ({ context, event }) =>
      event.type === 'SUBMIT_PIN' &&
      // on a PIN-pad reader the page sends no PIN: the holder types it on the reader
      !(context.card?.pinPad === true && event.pin === '') &&
      !isWellFormedPin(event.pin),
    finalTryUnconfirmed: ({ context, event }) =>
      event.type === 'SUBMIT_PIN' && context.card?.pin.finalTry === true && event.confirmFinalTry !== true,
    pinIncorrect: errorCodeIs('pin-incorrect'),
    pinLockedError: errorCodeIs('pin-locked'),
    pinFinalTryError: errorCodeIs('pin-final-try'),
    isCiba: ({ context }) => context.ciba,
    isPopup: ({ context }) => context.pscMode === 'popup',
    nationalIdValid: ({ event }) =>
      event.type === 'SUBMIT_NATIONAL_ID' && validateNationalIdInput(event.nationalId) !== null,
    nationalIdRejected: errorCodeIs('national-id-invalid'),
    redirectAnswered: ({ event }) => (event as { output?: unknown }).output != null,
    cibaApproved: ({ event }) => (event as { output?: { status?: string } }).output?.status === 'approved',
    linked: ({ event }) => (event as { output?: VerifyOutcome }).output?.status === 'authenticated',
    linkRequired: ({ event }) => (event as { output?: VerifyOutcome }).output?.status === 'link-required',
    methodIsCard: ({ context }) => context.method === 'card',
  },
  actions: {
    /** The error of an actor's error event, `fallback` when it has no known code. */
    fail: assign({
      error: ({ event }, params: { fallback?: LoginErrorCode } | undefined) =>
        errorInfo(errorOf(event), params?.fallback),
    }),
    failWith: assign({ error: (_, params: { code: LoginErrorCode }) => errorInfo({ code: params.code }) }),
    choose: assign(({ event }) => {
      if (event.type !== 'CHOOSE') return {};
      return event.method === 'card'
        ? {
            method: 'card' as const,
            error: null,
            fieldError: null,
            cancelled: false,
            ...(event.timeouts
              ? {
                  timeouts: {
                    reader: event.timeouts.reader ?? DEFAULT_WAIT,
                    card: event.timeouts.card ?? DEFAULT_WAIT,
                  },
                }
              : {}),
          }
        : {
            method: 'psc' as const,
            pscMode: event.mode ?? 'redirect',
            ciba: event.ciba ?? false,
            error: null,
            fieldError: null,
            cancelled: false,
          };
    }),
    reset: assign({
      error: null,
      fieldError: null,
      agent: null,
      pairing: null,
      card: null,
      pin: null,
      confirmFinalTry: false,
      cibaRequest: null,
      proof: null,
      identity: null,
    }),
    markCancelled: assign({ cancelled: true }),
    clearErrors: assign({ error: null, fieldError: null }),
    setAgent: assign({ agent: ({ event }) => (event as { output?: AgentStatus }).output ?? null }),
    agentProblem: assign({ error: ({ event }) => agentProblemInfo((event as { output?: AgentStatus }).output) }),
    setPairing: assign({ pairing: ({ event }) => (event as { output?: PairingStart }).output ?? null }),
    pairingCodeFormat: assign({ fieldError: 'pairing-code-format' as const, error: null }),
    setCard: assign({
      card: ({ context, event }) => (event.type === 'CARD.INSERTED' ? event.card : context.card),
    }),
    forgetCard: assign({ card: null }),
    pinFormat: assign({ fieldError: 'pin-format' as const }),
    finalTryUnconfirmed: assign({ fieldError: 'final-try-unconfirmed' as const }),
    keepPin: assign(({ event }) =>
      event.type === 'SUBMIT_PIN'
        ? {
            pin: new PinSecret(event.pin),
            confirmFinalTry: event.confirmFinalTry === true,
            error: null,
            fieldError: null,
          }
        : {},
    ),
    wipePin: assign(({ context }) => {
      context.pin?.wipe();
      return { pin: null, confirmFinalTry: false };
    }),
    pinIncorrect: assign(({ context, event }) => {
      const error = errorInfo((event as { error?: unknown }).error);
      const triesLeft = error.triesLeft ?? Math.max(0, (context.card?.pin.triesLeft ?? 1) - 1);
      const card = context.card
        ? {
            ...context.card,
            pin: { ...context.card.pin, triesLeft, finalTry: triesLeft === 1, locked: triesLeft === 0 },
          }
        : null;
      return { error: { ...error, triesLeft }, card };
    }),
    pinLocked: assign(({ context }) => ({
      error: errorInfo({ code: 'pin-locked' }),
      card: context.card ? { ...context.card, pin: { ...context.card.pin, triesLeft: 0, locked: true } } : null,
    })),
    pinFinalTry: assign(({ context }) => ({
      fieldError: 'final-try-unconfirmed' as const,
      error: null,
      card: context.card ? { ...context.card, pin: { ...context.card.pin, triesLeft: 1, finalTry: true } } : null,
    })),
    keepNationalId: assign(({ event }) =>
      event.type === 'SUBMIT_NATIONAL_ID'
        ? { nationalId: validateNationalIdInput(event.nationalId) ?? '', fieldError: null, error: null }
        : {},
    ),
    keepTypedNationalId: assign(({ event }) =>
      event.type === 'SUBMIT_NATIONAL_ID' ? { nationalId: event.nationalId.trim() } : {},
    ),
    nationalIdFormat: assign({ fieldError: 'national-id-format' as const }),
    nationalIdRejected: assign({ fieldError: 'national-id-format' as const }),
    setCibaRequest: assign({ cibaRequest: ({ event }) => (event as { output?: CibaStart }).output ?? null }),
    setCibaInterval: assign({
      cibaRequest: ({ context, event }) => {
        const interval = (event as { output?: { interval?: number } }).output?.interval;
        return context.cibaRequest && interval ? { ...context.cibaRequest, interval } : context.cibaRequest;
      },
    }),
    keepProof: assign({ proof: ({ event }) => (event as { output?: unknown }).output }),
    keepCibaProof: assign({ proof: ({ event }) => (event as { output?: { proof?: unknown } }).output?.proof }),
    keepIdentity: assign({ identity: ({ event }) => (event as { output?: VerifyOutcome }).output?.identity ?? null }),
    emitAuthenticated: emit(({ context }) => ({
      type: 'authenticated' as const,
      method: context.method ?? 'card',
      identity: context.identity as LoginIdentity,
      proof: context.proof,
    })),
    emitLinkRequired: emit(({ context }) => ({
      type: 'link-required' as const,
      method: context.method ?? 'card',
      identity: context.identity as LoginIdentity,
      proof: context.proof,
    })),
    emitError: emit(({ context }) => ({
      type: 'error' as const,
      code: context.error?.code ?? 'network',
      message: context.error?.message ?? '',
    })),
    emitCancelled: emit({ type: 'cancelled' as const }),
    emitRedirecting: emit({ type: 'redirecting' as const }),
  },
}).createMachine({
  id: 'login',
  context: ({ input }) => ({
    method: input?.resume === 'psc-redirect' ? 'psc' : null,
    pscMode: 'redirect',
    ciba: false,
    error: null,
    fieldError: null,
    agent: null,
    pairing: null,
    card: null,
    pin: null,
    confirmFinalTry: false,
    nationalId: '',
    cibaRequest: null,
    proof: null,
    identity: null,
    cancelled: false,
    timeouts: { reader: input?.timeouts?.reader ?? DEFAULT_WAIT, card: input?.timeouts?.card ?? DEFAULT_WAIT },
  }),
  initial: 'booting',
  on: {
    BACK: { target: '.choosing', actions: 'reset' },
    // journeys under way override this to say they were cancelled
    CANCEL: { target: '.choosing', actions: 'reset' },
  },
  states: {
    booting: {
      always: [
        { guard: ({ context }) => context.method === 'psc', target: 'psc.returnPending' },
        { target: 'choosing' },
      ],
    },
    choosing: {
      tags: ['chooser'],
      on: {
        CHOOSE: [
          { guard: ({ event }) => event.method === 'card', target: 'card', actions: ['reset', 'choose'] },
          { target: 'psc', actions: ['reset', 'choose'] },
        ],
      },
    },
    card: {
      initial: 'detecting',
      on: {
        CANCEL: { target: 'choosing', actions: ['reset', 'markCancelled', 'emitCancelled'] },
      },
      states: {
        detecting: {
          tags: ['agent-detecting'],
          invoke: {
            src: 'detectAgent',
            onDone: [
              { guard: 'agentReady', target: 'session', actions: 'setAgent' },
              { guard: 'agentNotPaired', target: 'pairing', actions: 'setAgent' },
              { target: '#login.failed', actions: ['setAgent', 'agentProblem'] },
            ],
            onError: {
              target: '#login.failed',
              actions: { type: 'fail', params: { fallback: 'agent-not-installed' } },
            },
          },
        },
        pairing: {
          initial: 'starting',
          states: {
            starting: {
              tags: ['pairing-starting'],
              invoke: {
                src: 'startPairing',
                onDone: { target: 'entering', actions: 'setPairing' },
                onError: {
                  target: '#login.failed',
                  actions: { type: 'fail', params: { fallback: 'agent-not-paired' } },
                },
              },
            },
            entering: {
              tags: ['pairing'],
              // the user may approve on the agent's own page instead of typing the code
              invoke: {
                src: 'waitPairingApproval',
                input: ({ context }) => ({ pairingId: context.pairing?.pairingId ?? '' }),
                onDone: { target: '#login.card.detecting', actions: 'clearErrors' },
                onError: [{ guard: 'pairingExpired', target: 'expired', actions: { type: 'fail', params: {} } }],
              },
              on: {
                SUBMIT_PAIRING_CODE: [
                  { guard: 'pairingCodeWellFormed', target: 'confirming', actions: 'clearErrors' },
                  { actions: 'pairingCodeFormat' },
                ],
                RETRY: { target: 'starting', actions: 'clearErrors' },
              },
            },
            /** Refused on the agent page, or expired: the same screen, asking for a new code. */
            expired: {
              tags: ['pairing'],
              on: {
                SUBMIT_PAIRING_CODE: [
                  { guard: 'pairingCodeWellFormed', target: 'confirming', actions: 'clearErrors' },
                  { actions: 'pairingCodeFormat' },
                ],
                RETRY: { target: 'starting', actions: 'clearErrors' },
              },
            },
            confirming: {
              tags: ['pairing-confirming'],
              invoke: {
                src: 'confirmPairing',
                input: ({ context, event }) => ({
                  pairingId: context.pairing?.pairingId ?? '',
                  code: event.type === 'SUBMIT_PAIRING_CODE' ? event.code.trim() : '',
                }),
                onDone: { target: '#login.card.detecting', actions: 'clearErrors' },
                onError: [
                  { guard: 'pairingCodeInvalid', target: 'entering', actions: { type: 'fail', params: {} } },
                  { guard: 'pairingExpired', target: 'entering', actions: { type: 'fail', params: {} } },
                  { target: '#login.failed', actions: { type: 'fail', params: { fallback: 'agent-not-paired' } } },
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
            'CARD.AGENT_STOPPED': {
              target: '#login.failed',
              actions: { type: 'failWith', params: { code: 'agent-stopped' } },
            },
          },
          states: {
            searching: {
              tags: ['card-searching'],
              after: {
                cardWait: { target: '#login.failed', actions: { type: 'failWith', params: { code: 'timeout' } } },
              },
            },
            waitingReader: {
              tags: ['waiting-reader'],
              after: {
                readerWait: { target: '#login.failed', actions: { type: 'failWith', params: { code: 'no-reader' } } },
              },
            },
            waitingCard: {
              tags: ['waiting-card'],
              after: {
                cardWait: { target: '#login.failed', actions: { type: 'failWith', params: { code: 'no-card' } } },
              },
            },
            cardRead: {
              always: [
                {
                  guard: 'cardExpired',
                  target: '#login.failed',
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
                'CARD.REMOVED': {
                  target: '#login.failed',
                  actions: ['forgetCard', { type: 'failWith', params: { code: 'card-removed' } }],
                },
                'CARD.NO_CARD': {
                  target: '#login.failed',
                  actions: ['forgetCard', { type: 'failWith', params: { code: 'card-removed' } }],
                },
              },
            },
            proving: {
              initial: 'nonce',
              exit: 'wipePin',
              on: {
                'CARD.INSERTED': { actions: 'setCard' },
                'CARD.REMOVED': {
                  target: '#login.failed',
                  actions: ['forgetCard', { type: 'failWith', params: { code: 'card-removed' } }],
                },
                'CARD.NO_CARD': {
                  target: '#login.failed',
                  actions: ['forgetCard', { type: 'failWith', params: { code: 'card-removed' } }],
                },
              },
              states: {
                nonce: {
                  tags: ['card-authenticating'],
                  invoke: {
                    src: 'getNonce',
                    onDone: 'signing',
                    onError: { target: '#login.failed', actions: { type: 'fail', params: { fallback: 'network' } } },
                  },
                },
                signing: {
                  tags: ['card-authenticating'],
                  invoke: {
                    src: 'authenticateCard',
                    input: ({ context, event }) => ({
                      nonce: String((event as { output?: unknown }).output ?? ''),
                      pin: context.pin ?? new PinSecret(''),
                      confirmFinalTry: context.confirmFinalTry,
                    }),
                    onDone: { target: '#login.verifying', actions: 'keepProof' },
                    onError: [
                      { guard: 'pinIncorrect', target: '#login.card.session.pin', actions: 'pinIncorrect' },
                      { guard: 'pinLockedError', target: '#login.card.session.locked', actions: 'pinLocked' },
                      { guard: 'pinFinalTryError', target: '#login.card.session.pin', actions: 'pinFinalTry' },
                      { target: '#login.failed', actions: { type: 'fail', params: { fallback: 'network' } } },
                    ],
                  },
                },
              },
            },
            locked: {
              tags: ['pin-locked'],
              entry: 'emitError',
              on: {
                'CARD.INSERTED': { target: 'cardRead', actions: ['setCard', 'clearErrors'] },
              },
            },
          },
        },
      },
    },
    psc: {
      initial: 'routing',
      on: {
        CANCEL: { target: 'choosing', actions: ['reset', 'markCancelled', 'emitCancelled'] },
      },
      states: {
        routing: {
          always: [
            { guard: 'isCiba', target: 'ciba' },
            { guard: 'isPopup', target: 'popup' },
            { target: 'redirecting' },
          ],
        },
        redirecting: {
          tags: ['psc-redirecting'],
          entry: 'emitRedirecting',
          invoke: {
            src: 'pscRedirect',
            onError: { target: '#login.failed', actions: { type: 'fail', params: { fallback: 'psc-failed' } } },
          },
        },
        returnPending: {
          tags: ['psc-returning'],
          on: { RESUME: 'returning' },
        },
        returning: {
          tags: ['psc-returning'],
          invoke: {
            src: 'pscCompleteRedirect',
            onDone: [
              { guard: 'redirectAnswered', target: '#login.verifying', actions: 'keepProof' },
              // back from PSC without an answer (the browser's Back button): the chooser, saying so
              { target: '#login.choosing', actions: ['reset', 'markCancelled', 'emitCancelled'] },
            ],
            onError: { target: '#login.failed', actions: { type: 'fail', params: { fallback: 'psc-failed' } } },
          },
        },
        popup: {
          tags: ['psc-popup'],
          invoke: {
            src: 'pscPopup',
            onDone: { target: '#login.verifying', actions: 'keepProof' },
            onError: { target: '#login.failed', actions: { type: 'fail', params: { fallback: 'psc-failed' } } },
          },
        },
        ciba: {
          initial: 'identifier',
          states: {
            identifier: {
              tags: ['ciba-identifier'],
              on: {
                SUBMIT_NATIONAL_ID: [
                  { guard: 'nationalIdValid', target: 'starting', actions: 'keepNationalId' },
                  { actions: ['keepTypedNationalId', 'nationalIdFormat'] },
                ],
                USE_PSC_PAGE: [
                  { guard: 'isPopup', target: '#login.psc.popup', actions: 'clearErrors' },
                  { target: '#login.psc.redirecting', actions: 'clearErrors' },
                ],
              },
            },
            starting: {
              tags: ['ciba-starting'],
              invoke: {
                src: 'cibaStart',
                input: ({ context }) => ({ nationalId: context.nationalId }),
                onDone: { target: 'waiting', actions: 'setCibaRequest' },
                onError: [
                  { guard: 'nationalIdRejected', target: 'identifier', actions: 'nationalIdRejected' },
                  { target: '#login.failed', actions: { type: 'fail', params: { fallback: 'psc-failed' } } },
                ],
              },
            },
            waiting: {
              tags: ['ciba-waiting'],
              initial: 'sleeping',
              after: {
                cibaExpiry: { target: '#login.failed', actions: { type: 'failWith', params: { code: 'psc-expired' } } },
              },
              states: {
                sleeping: { after: { cibaInterval: 'polling' } },
                polling: {
                  invoke: {
                    src: 'cibaPoll',
                    input: ({ context }) =>
                      context.cibaRequest?.requestId ? { requestId: context.cibaRequest.requestId } : {},
                    onDone: [
                      { guard: 'cibaApproved', target: '#login.verifying', actions: 'keepCibaProof' },
                      { target: 'sleeping', actions: 'setCibaInterval' },
                    ],
                    onError: { target: '#login.failed', actions: { type: 'fail', params: { fallback: 'psc-failed' } } },
                  },
                },
              },
            },
          },
        },
      },
    },
    verifying: {
      tags: ['verifying'],
      on: {
        CANCEL: { target: 'choosing', actions: ['reset', 'markCancelled', 'emitCancelled'] },
      },
      invoke: {
        src: 'verify',
        input: ({ context }) => ({ method: context.method ?? 'card', proof: context.proof }),
        onDone: [
          { guard: 'linked', target: 'authenticated', actions: 'keepIdentity' },
          { guard: 'linkRequired', target: 'linkRequired', actions: 'keepIdentity' },
          { target: 'failed', actions: { type: 'failWith', params: { code: 'verification-failed' } } },
        ],
        onError: { target: 'failed', actions: { type: 'fail', params: { fallback: 'verification-failed' } } },
      },
    },
    authenticated: {
      tags: ['authenticated'],
      entry: 'emitAuthenticated',
    },
    linkRequired: {
      tags: ['link-required'],
      entry: 'emitLinkRequired',
    },
    failed: {
      tags: ['error'],
      entry: 'emitError',
      on: {
        RETRY: [
          { guard: 'methodIsCard', target: 'card', actions: 'reset' },
          { target: 'psc', actions: 'reset' },
        ],
      },
    },
  },
});

export type LoginMachine = typeof loginMachine;
export type LoginSnapshot = SnapshotFrom<LoginMachine>;

/** `loginMachine` with its actors calling `services` (an object, or a getter read at each call). */
export function createLoginMachine(services: ServicesSource): LoginMachine {
  return loginMachine.provide({ actors: loginActors(services) }) as LoginMachine;
}

/** The screens of `<af-login>`, one per tag. */
export const LOGIN_SCREENS = [
  'chooser',
  'agent-detecting',
  'pairing-starting',
  'pairing',
  'pairing-confirming',
  'card-searching',
  'waiting-reader',
  'waiting-card',
  'pin',
  'pin-locked',
  'card-authenticating',
  'psc-redirecting',
  'psc-returning',
  'psc-popup',
  'ciba-identifier',
  'ciba-starting',
  'ciba-waiting',
  'verifying',
  'authenticated',
  'link-required',
  'error',
] as const;

export type LoginScreen = (typeof LOGIN_SCREENS)[number];

/** The screen a snapshot stands for (pure: the element renders from it). */
export function loginRoute(snapshot: Pick<LoginSnapshot, 'hasTag'>): LoginScreen {
  for (const screen of LOGIN_SCREENS) if (snapshot.hasTag(screen)) return screen;
  return 'chooser';
}
