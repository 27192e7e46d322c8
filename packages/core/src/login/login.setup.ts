import { assign, emit, setup } from 'xstate';
import { agentProblemInfo, errorInfo, type LoginErrorCode, type LoginErrorInfo } from './errors.js';
import { type CardWatchMachineEvent, loginActors } from './login.actors.js';
import { isWellFormedPin, PinSecret, validateNationalIdInput } from './pin.js';
import type {
  AgentStatus,
  CibaPoll,
  CibaStart,
  LoginCard,
  LoginIdentity,
  LoginMethod,
  PairingStart,
  PscMode,
  VerifyOutcome,
} from './types.js';

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
  /** The host's single-use challenge between `getNonce` and the signature (not a secret; cleared with the PIN). */
  nonce: string | null;
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

/** The screens of `<af-login>`, one per tag: the machine's tags are exactly these. */
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

export const DEFAULT_WAIT = 120_000;

/** What an attempt leaves behind, cleared when a new one starts (and the context's first values). */
export const NO_ATTEMPT = {
  error: null,
  fieldError: null,
  agent: null,
  pairing: null,
  card: null,
  pin: null,
  confirmFinalTry: false,
  nonce: null,
  cibaRequest: null,
  proof: null,
  identity: null,
} satisfies Partial<LoginContext>;

/** The params of guards and actions that read an actor's error event. */
export interface ErrorParams {
  error: unknown;
}

const errorCodeIs =
  (...codes: LoginErrorCode[]) =>
  (_: unknown, params: ErrorParams) =>
    codes.includes(errorInfo(params.error).code);

/** The error event of an invoked actor, as the params of `fail` and of the error guards. */
export const errorParams = ({ event }: { event: { error: unknown } }): ErrorParams => ({ error: event.error });

/** A card or PIN update that changes the card shown. */
const withPin = (card: LoginCard | null, pin: Partial<LoginCard['pin']>): LoginCard | null =>
  card ? { ...card, pin: { ...card.pin, ...pin } } : null;

/**
 * The types, guards, actions and delays of the sign-in machine. The card states (`login.card.ts`), the PSC states
 * (`login.psc.ts`) and the parent (`login.machine.ts`) are built from it, so every one of them is typed with the
 * same events, tags and actors. Guards and actions that read an actor's output or error take it as `params` from
 * the typed done / error event of their transition.
 */
export const loginSetup = setup({
  types: {
    context: {} as LoginContext,
    events: {} as LoginEvent,
    input: {} as LoginMachineInput | undefined,
    emitted: {} as LoginEmitted,
    tags: {} as LoginScreen,
  },
  actors: loginActors(() => undefined),
  delays: {
    readerWait: ({ context }) => context.timeouts.reader,
    cardWait: ({ context }) => context.timeouts.card,
    cibaExpiry: ({ context }) => Math.max(0, context.cibaRequest?.expiresIn ?? 120) * 1000,
    cibaInterval: ({ context }) => Math.max(0, context.cibaRequest?.interval ?? 5) * 1000,
  },
  guards: {
    agentIs: (_, params: { agent: AgentStatus | undefined; status: AgentStatus['status'] }) =>
      params.agent?.status === params.status,
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
    redirectAnswered: (_, params: { answer: unknown }) => params.answer != null,
    cibaApproved: (_, params: { poll: CibaPoll | undefined }) => params.poll?.status === 'approved',
    verifiedAs: (_, params: { outcome: VerifyOutcome | undefined; status: VerifyOutcome['status'] }) =>
      params.outcome?.status === params.status,
    methodIsCard: ({ context }) => context.method === 'card',
  },
  actions: {
    /** The error of an actor's error event, `fallback` when it has no known code. */
    fail: assign({
      error: (_, params: ErrorParams & { fallback?: LoginErrorCode }) => errorInfo(params.error, params.fallback),
    }),
    failWith: assign({ error: (_, params: { code: LoginErrorCode }) => errorInfo({ code: params.code }) }),
    choose: assign(({ event }) => {
      if (event.type !== 'CHOOSE') return {};
      const fresh = { error: null, fieldError: null, cancelled: false };
      if (event.method === 'psc')
        return { ...fresh, method: 'psc' as const, pscMode: event.mode ?? 'redirect', ciba: event.ciba ?? false };
      const { timeouts } = event;
      return {
        ...fresh,
        method: 'card' as const,
        ...(timeouts
          ? { timeouts: { reader: timeouts.reader ?? DEFAULT_WAIT, card: timeouts.card ?? DEFAULT_WAIT } }
          : {}),
      };
    }),
    reset: assign(NO_ATTEMPT),
    markCancelled: assign({ cancelled: true }),
    clearErrors: assign({ error: null, fieldError: null }),
    setAgent: assign({ agent: (_, params: { agent: AgentStatus | undefined }) => params.agent ?? null }),
    agentProblem: assign({
      error: (_, params: { agent: AgentStatus | undefined }) => agentProblemInfo(params.agent),
    }),
    setPairing: assign({ pairing: (_, params: { pairing: PairingStart | undefined }) => params.pairing ?? null }),
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
      return { pin: null, confirmFinalTry: false, nonce: null };
    }),
    pinIncorrect: assign(({ context }, params: ErrorParams) => {
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
    keepNonce: assign({ nonce: (_, params: { nonce: string | undefined }) => String(params.nonce ?? '') }),
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
    setCibaRequest: assign({
      cibaRequest: (_, params: { request: CibaStart | undefined }) => params.request ?? null,
    }),
    setCibaInterval: assign({
      cibaRequest: ({ context }, params: { poll: CibaPoll | undefined }) => {
        const interval = params.poll?.status === 'pending' ? params.poll.interval : undefined;
        return context.cibaRequest && interval ? { ...context.cibaRequest, interval } : context.cibaRequest;
      },
    }),
    keepProof: assign({ proof: (_, params: { proof: unknown }) => params.proof }),
    keepIdentity: assign({
      identity: (_, params: { outcome: VerifyOutcome | undefined }) => params.outcome?.identity ?? null,
    }),
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
});

/** `fail` on an actor's error event: its error, `fallback` when it has no known code. */
export const failFrom = (fallback?: LoginErrorCode) => ({
  type: 'fail' as const,
  params: ({ event }: { event: { error: unknown } }) => ({ error: event.error, ...(fallback ? { fallback } : {}) }),
});
