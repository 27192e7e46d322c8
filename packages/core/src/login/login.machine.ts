import { assign, emit, forwardTo, type SnapshotFrom, setup } from 'xstate';
import { errorInfo, type LoginErrorInfo, loginErrorSummary } from './errors.js';
import { cardActors, pscActors, type ServicesSource, verifyActor } from './login.actors.js';
import { type CardLoginInput, cardLoginMachine } from './login.card.js';
import { pscLoginMachine } from './login.psc.js';
import {
  failFrom,
  type LoginChildEvent,
  type LoginChildOutput,
  type LoginEmitted,
  type LoginEvent,
  type LoginMachineInput,
  type LoginScreen,
  onStatus,
  outputParams,
  typedNationalId,
  updates,
} from './login.setup.js';
import type { AgentStatus, LoginIdentity, LoginMethod, PscMode, VerifyOutcome } from './types.js';

export { type CardLoginContext, type CardLoginEvent, type CardLoginInput, cardLoginMachine } from './login.card.js';
export { type PscLoginContext, type PscLoginEvent, type PscLoginInput, pscLoginMachine } from './login.psc.js';
export {
  CARD_SCREENS,
  type CardLoginScreen,
  LOGIN_SCREENS,
  type LoginChildEvent,
  type LoginChildOutput,
  type LoginEmitted,
  type LoginEvent,
  type LoginFieldError,
  type LoginMachineInput,
  type LoginScreen,
  PSC_SCREENS,
  type PscLoginScreen,
} from './login.setup.js';

/** The router's context: the means chosen and its settings (the children's input), and what the journey ended with. */
export interface LoginContext {
  method: LoginMethod | null;
  pscMode: PscMode;
  ciba: boolean;
  /** The PSC child starts on the return from PSC's page (once). */
  resume: boolean;
  /** The card child's waits (it fills in the defaults). */
  timeouts: CardLoginInput['timeouts'];
  /** National identifier typed for the e-CPS (CIBA): the form shows it again after an error or a cancel. */
  nationalId: string;
  /** The error of the error screen: a child's, or the verification's. */
  error: LoginErrorInfo | null;
  /** The agent's diagnosis at the end of the card path. */
  agent: AgentStatus | null;
  proof: unknown;
  identity: LoginIdentity | null;
  /** Set when the last journey was cancelled (the chooser says so). */
  cancelled: boolean;
}

/** What an attempt leaves behind, cleared when a new one starts (and the context's first values). */
const NO_ATTEMPT = {
  error: null,
  agent: null,
  proof: null,
  identity: null,
  resume: false,
} satisfies Partial<LoginContext>;

const loginSetup = setup({
  types: {
    context: {} as LoginContext,
    events: {} as LoginEvent | LoginChildEvent,
    input: {} as LoginMachineInput | undefined,
    emitted: {} as LoginEmitted,
    tags: {} as LoginScreen,
    children: {} as { card: 'cardLogin'; psc: 'pscLogin' },
  },
  actors: { cardLogin: cardLoginMachine, pscLogin: pscLoginMachine, verify: verifyActor(() => undefined) },
  guards: {
    endedWith: (_, params: { output: LoginChildOutput | undefined; status: LoginChildOutput['type'] }) =>
      params.output?.type === params.status,
    verifiedAs: (_, params: { output: VerifyOutcome | undefined; status: VerifyOutcome['status'] }) =>
      params.output?.status === params.status,
    methodIsCard: ({ context }) => context.method === 'card',
  },
  actions: {
    fail: assign(updates.fail),
    failWith: assign(updates.failWith),
    choose: assign(({ event }) => {
      if (event.type !== 'CHOOSE') return {};
      const fresh = { error: null, cancelled: false };
      if (event.method === 'psc')
        return { ...fresh, method: 'psc' as const, pscMode: event.mode ?? 'redirect', ciba: event.ciba ?? false };
      return { ...fresh, method: 'card' as const, ...(event.timeouts ? { timeouts: event.timeouts } : {}) };
    }),
    reset: assign(NO_ATTEMPT),
    markCancelled: assign({ cancelled: true }),
    keepNationalId: assign(({ context, event }) => ({ nationalId: typedNationalId(event) ?? context.nationalId })),
    /** What a child ended with: its proof, or its error (and the agent's diagnosis). */
    keepEnd: assign((_, { output }: { output: LoginChildOutput | undefined }) => {
      if (output?.type === 'proof') return { proof: output.proof };
      if (output?.type === 'error') return { error: output.error, agent: output.agent ?? null };
      return {};
    }),
    keepIdentity: assign({
      identity: (_, params: { output: VerifyOutcome | undefined }) => params.output?.identity ?? null,
    }),
    emitVerified: emit(({ context }, params: { type: 'authenticated' | 'link-required' }) => ({
      type: params.type,
      method: context.method ?? 'card',
      identity: context.identity as LoginIdentity,
      proof: context.proof,
    })),
    emitError: emit((_, params: { error: LoginErrorInfo | null }) => ({
      type: 'error' as const,
      ...loginErrorSummary(params.error ?? errorInfo({ code: 'network' })),
    })),
    emitCancelled: emit({ type: 'cancelled' as const }),
    emitRedirecting: emit({ type: 'redirecting' as const }),
  },
});

/** CANCEL while a journey or the verification is under way: the chooser, saying so (fires `cancelled`). */
const cancelled = { target: '#login.choosing', actions: ['reset', 'markCancelled', 'emitCancelled'] } as const;

/** How a child's end (its output) leads on: its proof to the verification, its error to the error screen. */
const childEnds = {
  onDone: [
    onStatus('endedWith', 'proof', '#login.verifying', { type: 'keepEnd', params: outputParams }),
    onStatus('endedWith', 'cancelled', cancelled.target, cancelled.actions),
    { target: '#login.failed', actions: { type: 'keepEnd', params: outputParams } },
  ],
  // the child itself failed (a bug, not an answer)
  onError: { target: '#login.failed', actions: failFrom('network') },
} as const;

/**
 * The sign-in journey of `<af-login>`, a router: the chooser, then one child machine per means — the physical
 * card through the local agent (`cardLoginMachine`, invoked as `card`: detection and diagnostics, pairing, reader,
 * card, PIN, nonce, signature) or Pro Santé Connect (`pscLoginMachine`, invoked as `psc`: redirect, popup, or
 * in-page e-CPS approval by CIBA) — then the host's verification and the end screens.
 *
 * The user's events go to this machine, which forwards a journey's to its running child; what a child tells
 * mid-way (a redirect starting, a locked PIN) comes back with `sendParent`, and this machine emits every public
 * `LoginEmitted` event. Give the backend calls with `createLoginMachine(services)`.
 *
 * Each state that shows something, here or in a child, carries one screen tag (typed: `LoginScreen`);
 * `loginRoute(snapshot)` gives the screen to show, `loginView(snapshot)` what the screens read.
 */
export const loginMachine = loginSetup.createMachine({
  id: 'login',
  context: ({ input }) => ({
    method: input?.resume === 'psc-redirect' ? 'psc' : null,
    pscMode: 'redirect',
    ciba: false,
    ...NO_ATTEMPT,
    resume: input?.resume === 'psc-redirect',
    nationalId: '',
    cancelled: false,
    timeouts: input?.timeouts,
  }),
  initial: 'booting',
  on: {
    BACK: { target: '.choosing', actions: 'reset' },
    // journeys under way override this to say they were cancelled
    CANCEL: { target: '.choosing', actions: 'reset' },
    'child.redirecting': { actions: 'emitRedirecting' },
    'child.error': { actions: { type: 'emitError', params: ({ event }) => ({ error: event.error }) } },
  },
  states: {
    booting: {
      always: [{ guard: ({ context }) => context.resume, target: 'psc' }, { target: 'choosing' }],
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
      invoke: { src: 'cardLogin', id: 'card', input: ({ context }) => ({ timeouts: context.timeouts }), ...childEnds },
      on: {
        CANCEL: cancelled,
        SUBMIT_PAIRING_CODE: { actions: forwardTo('card') },
        SUBMIT_PIN: { actions: forwardTo('card') },
        RETRY: { actions: forwardTo('card') },
        'CARD.*': { actions: forwardTo('card') },
      },
    },
    psc: {
      invoke: {
        ...childEnds,
        src: 'pscLogin',
        id: 'psc',
        input: ({ context }) => ({
          mode: context.pscMode,
          ciba: context.ciba,
          resume: context.resume,
          nationalId: context.nationalId,
        }),
      },
      on: {
        CANCEL: cancelled,
        RESUME: { actions: forwardTo('psc') },
        SUBMIT_NATIONAL_ID: { actions: ['keepNationalId', forwardTo('psc')] },
        USE_PSC_PAGE: { actions: forwardTo('psc') },
      },
    },
    verifying: {
      tags: ['verifying'],
      on: { CANCEL: cancelled },
      invoke: {
        src: 'verify',
        input: ({ context }) => ({ method: context.method ?? 'card', proof: context.proof }),
        onDone: [
          onStatus('verifiedAs', 'authenticated', 'authenticated', { type: 'keepIdentity', params: outputParams }),
          onStatus('verifiedAs', 'link-required', 'linkRequired', { type: 'keepIdentity', params: outputParams }),
          { target: 'failed', actions: { type: 'failWith', params: { code: 'verification-failed' } } },
        ],
        onError: { target: 'failed', actions: failFrom('verification-failed') },
      },
    },
    authenticated: {
      tags: ['authenticated'],
      entry: { type: 'emitVerified', params: { type: 'authenticated' } },
    },
    linkRequired: {
      tags: ['link-required'],
      entry: { type: 'emitVerified', params: { type: 'link-required' } },
    },
    failed: {
      tags: ['error'],
      entry: { type: 'emitError', params: ({ context }) => ({ error: context.error }) },
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

/** `loginMachine` with its actors, and its children's, calling `services` (an object, or a getter read at each call). */
export function createLoginMachine(services: ServicesSource): LoginMachine {
  return loginMachine.provide({
    actors: {
      cardLogin: cardLoginMachine.provide({ actors: cardActors(services) }),
      pscLogin: pscLoginMachine.provide({ actors: pscActors(services) }),
      verify: verifyActor(services),
    },
  });
}
