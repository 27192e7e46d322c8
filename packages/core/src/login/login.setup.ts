import { type AnyActorRef, fromPromise } from 'xstate';
import { errorInfo, type LoginErrorCode, type LoginErrorInfo, type LoginErrorSummary } from './errors.js';
import type { CardWatchMachineEvent } from './login.actors.js';
import { validateNationalIdInput } from './pin.js';
import type { AgentStatus, LoginIdentity, LoginMethod, PscMode } from './types.js';

/**
 * What the sign-in's three machines share: the public events and emitted events, the screens, what a child
 * machine tells its parent (mid-way and at its end), and the guards, actions and final states both children use.
 * The parent (`login.machine.ts`) routes; the card child (`login.card.ts`) and the PSC child (`login.psc.ts`) each
 * have their own typed `setup` built on this module.
 */

export interface LoginMachineInput {
  /** Start on the return from PSC (the element knows a redirect was started from this page). */
  resume?: 'psc-redirect';
  /** Milliseconds before giving up waiting for a reader or a card (default 2 minutes each). */
  timeouts?: { reader?: number; card?: number };
}

/** Validation messages of fields (not errors of the journey). */
export type LoginFieldError = 'pin-format' | 'final-try-unconfirmed' | 'national-id-format' | 'pairing-code-format';

/** The events `<af-login>` (or a host) sends to the login machine; the parent forwards a journey's to its child. */
export type LoginEvent =
  | { type: 'CHOOSE'; method: 'card'; timeouts?: { reader?: number; card?: number } }
  | { type: 'CHOOSE'; method: 'psc'; mode?: PscMode; ciba?: boolean }
  /** Stop what is under way and go back to the chooser (fires `cancelled`). */
  | { type: 'CANCEL' }
  /** "Choisir un autre moyen": back to the chooser. */
  | { type: 'BACK' }
  /** "Réessayer": the same means again, from its start (on the pairing screen: a new code). */
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
  /**
   * A step failed: its code, the developer message (English), who can act (`category`), whether trying again can
   * help (`retryable`) and what else it says (`details`: `retryAfter`, `triesLeft`, the agent's versions…).
   */
  | ({ type: 'error' } & LoginErrorSummary)
  | { type: 'cancelled' }
  /** A full-page redirect to PSC is about to start: the element remembers it to resume on return. */
  | { type: 'redirecting' };

/** The screens of the card child machine (its tags). */
export const CARD_SCREENS = [
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
] as const;

/** The screens of the PSC child machine (its tags). */
export const PSC_SCREENS = [
  'psc-redirecting',
  'psc-returning',
  'psc-popup',
  'ciba-identifier',
  'ciba-starting',
  'ciba-waiting',
] as const;

/** The screens of `<af-login>`, one per tag: the parent's, the card child's and the PSC child's tags are these. */
export const LOGIN_SCREENS = [
  'chooser',
  ...CARD_SCREENS,
  ...PSC_SCREENS,
  'verifying',
  'authenticated',
  'link-required',
  'error',
] as const;

export type LoginScreen = (typeof LOGIN_SCREENS)[number];
export type CardLoginScreen = (typeof CARD_SCREENS)[number];
export type PscLoginScreen = (typeof PSC_SCREENS)[number];

export const DEFAULT_WAIT = 120_000;

/**
 * Resolves at `until` (epoch milliseconds). The waits of the children (a reader, a card, the CIBA poll interval and
 * expiry) are invoked, not `after` delays: a snapshot restored (the element put back after a removal) starts its
 * invoked actors again with the same `until`, whereas its delayed events are lost — the wait would never end.
 */
export const waitUntil = fromPromise<void, { until: number }>(
  ({ input, signal }) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, input.until - Date.now()));
      signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    }),
);

/** `ms` milliseconds from now, as a `waitUntil` input. */
export const fromNow = (ms: number) => ({ until: Date.now() + Math.max(0, ms) });

/**
 * How a child machine ends (its output): a proof for the host's verification, an error for the error screen (with
 * the agent's diagnosis on the card path), or `cancelled` (back from PSC without an answer).
 */
export type LoginChildOutput =
  | { type: 'proof'; proof: unknown }
  | { type: 'error'; error: LoginErrorInfo; agent?: AgentStatus | null }
  | { type: 'cancelled' };

/** What a child tells the parent mid-way (a `sendTo` its parent); the parent emits it as a public `LoginEmitted` event. */
export type LoginChildEvent =
  /** A full-page redirect to PSC is about to start. */
  | { type: 'child.redirecting' }
  /** An error said on a screen that stays (a locked PIN). */
  | { type: 'child.error'; error: LoginErrorInfo };

/** The part of a child's context both children have: the error and the field error said, the proof obtained. */
export interface LoginStepContext {
  /** The error shown under a field or on a screen that stays (`pin-incorrect`, `pairing-code-invalid`…). */
  error: LoginErrorInfo | null;
  fieldError: LoginFieldError | null;
  proof: unknown;
}

export const NO_ERROR = { error: null, fieldError: null } satisfies Partial<LoginStepContext>;

/** The `types` of a child's `setup`: its context, events, input and tags; every child ends with a `LoginChildOutput`. */
export interface LoginStepTypes<C extends LoginStepContext, E extends { type: string }, I, T extends string> {
  context: C;
  events: E;
  input: I | undefined;
  output: LoginChildOutput;
  tags: T;
}

/** The params of guards and actions that read an actor's error event. */
export interface ErrorParams {
  error: unknown;
}

/** A guard: the actor's error (its `params`) has one of these codes. */
export const errorCodeIs =
  (...codes: LoginErrorCode[]) =>
  (_: unknown, params: ErrorParams) =>
    codes.includes(errorInfo(params.error).code);

/** The error event of an invoked actor, as the params of `fail` and of the error guards. */
export const errorParams = ({ event }: { event: { error: unknown } }): ErrorParams => ({ error: event.error });

/** The done event of an invoked actor, as `{ output }` params (typed by the actor's output). */
export const outputParams = <T>({ event }: { event: { output: T } }) => ({ output: event.output });

/** A transition on an actor's error event that `guard` (reading `{ error }`) accepts. */
export const onErrorIf = <const G extends string, const A>(guard: G, target: string, actions: A) => ({
  guard: { type: guard, params: errorParams },
  target,
  actions,
});

/** A transition on an actor's done event whose output has this `status` (`guard` reads `{ output, status }`). */
export const onStatus = <const G extends string, const S extends string, const A>(
  guard: G,
  status: S,
  target: string,
  actions: A,
) => ({
  guard: { type: guard, params: <O>({ event }: { event: { output: O } }) => ({ output: event.output, status }) },
  target,
  actions,
});

/** `fail` on an actor's error event: its error, `fallback` when it has no known code. */
export const failFrom = (fallback?: LoginErrorCode) => ({
  type: 'fail' as const,
  params: ({ event }: { event: { error: unknown } }) => ({ error: event.error, ...(fallback ? { fallback } : {}) }),
});

/**
 * A screen that calls one actor: on its answer, `keep` takes its output and `next` is the next state; its error
 * goes to `failed` with the error's code (`fallback` when it has none).
 */
export const calling = <const T extends string, const S extends string, const K extends string>(step: {
  tag: T;
  src: S;
  next: string;
  keep: K;
  failed: string;
  fallback: LoginErrorCode;
}) => ({
  tags: [step.tag],
  invoke: {
    src: step.src,
    onDone: { target: step.next, actions: { type: step.keep, params: outputParams } },
    onError: { target: step.failed, actions: failFrom(step.fallback) },
  },
});

/** The assignments of the actions every child (and the router) has: `fail`, `failWith`, `keepProof`. */
export const updates = {
  fail: (_: unknown, params: ErrorParams & { fallback?: LoginErrorCode }) => ({
    error: errorInfo(params.error, params.fallback),
  }),
  failWith: (_: unknown, params: { code: LoginErrorCode }) => ({ error: errorInfo({ code: params.code }) }),
  keepProof: (_: unknown, params: { output: unknown }) => ({ proof: params.output }),
};

/**
 * Where a child's `tellParent` (`sendTo`) tells something mid-way: the parent router. Alone (in a test or a graph
 * walk) a child tells itself, which ignores it.
 */
export const parentOrSelf = ({ self }: { self: AnyActorRef }): AnyActorRef => self._parent ?? self;

/** The national identifier an event typed: normalised when valid, else as typed (trimmed); none for other events. */
export const typedNationalId = (event: { type: string; nationalId?: string }): string | undefined =>
  event.type === 'SUBMIT_NATIONAL_ID' && event.nationalId !== undefined
    ? (validateNationalIdInput(event.nationalId) ?? event.nationalId.trim())
    : undefined;

/**
 * A child's output, read when it reaches a final state (`proved`, `failed`, or PSC's `cancelled`): its error if it
 * failed (with what `extra` adds: the agent's diagnosis), else its proof, else `cancelled` (no proof came).
 */
export function output<C extends LoginStepContext>(extra: (context: C) => { agent?: AgentStatus | null } = () => ({})) {
  return ({ context }: { context: C }): LoginChildOutput => {
    if (context.error) return { type: 'error', error: context.error, ...extra(context) };
    return context.proof === null ? { type: 'cancelled' } : { type: 'proof', proof: context.proof };
  };
}
