import { assign, sendTo, setup } from 'xstate';
import { pscActors } from './login.actors.js';
import type { LoginChildEvent, LoginEvent, LoginStepContext, LoginStepTypes, PscLoginScreen } from './login.setup.js';
import * as step from './login.setup.js';
import { validateNationalIdInput } from './pin.js';
import type { CibaPoll, CibaStart, PscMode } from './types.js';

export interface PscLoginInput {
  /** How PSC's page opens (default `redirect`). */
  mode?: PscMode;
  /** In-page e-CPS approval (CIBA) first. */
  ciba?: boolean;
  /** Start on the return from PSC's page (waits for `RESUME`). */
  resume?: boolean;
  /** The identifier typed last time (the form shows it again). */
  nationalId?: string;
}

export interface PscLoginContext extends LoginStepContext {
  mode: PscMode;
  ciba: boolean;
  /** Started on the return from PSC's page. */
  resume: boolean;
  /** National identifier typed for the e-CPS (CIBA), normalised (as typed when it is refused). */
  nationalId: string;
  cibaRequest: CibaStart | null;
}

/** The user's events of the PSC path (forwarded by the parent). */
export type PscLoginEvent = Extract<LoginEvent, { type: 'RESUME' | 'SUBMIT_NATIONAL_ID' | 'USE_PSC_PAGE' }>;

/** The CIBA request's `seconds` (`fallback` when absent) from now, as a `waitUntil` input. */
const secondsFromNow = (seconds: number | undefined, fallback: number) => step.fromNow((seconds ?? fallback) * 1000);

const pscSetup = setup({
  types: {} as LoginStepTypes<PscLoginContext, PscLoginEvent, PscLoginInput, PscLoginScreen>,
  actors: { ...pscActors(() => undefined), cibaExpiry: step.waitUntil, cibaInterval: step.waitUntil },
  guards: {
    isCiba: ({ context }) => context.ciba,
    isPopup: ({ context }) => context.mode === 'popup',
    nationalIdValid: ({ event }) =>
      event.type === 'SUBMIT_NATIONAL_ID' && validateNationalIdInput(event.nationalId) !== null,
    nationalIdRejected: step.errorCodeIs('national-id-invalid'),
    answered: (_, params: { output: unknown }) => params.output != null,
    cibaApproved: (_, params: { output: CibaPoll | undefined }) => params.output?.status === 'approved',
  },
  actions: {
    keepNationalId: assign(({ context, event }) => ({ nationalId: step.typedNationalId(event) ?? context.nationalId })),
    nationalIdFormat: assign({ fieldError: 'national-id-format' as const }),
    setCibaRequest: assign({
      cibaRequest: (_, params: { output: CibaStart | undefined }) => params.output ?? null,
    }),
    failWith: assign(step.updates.failWith),
    clearErrors: assign(step.NO_ERROR),
    keepProof: assign(step.updates.keepProof),
    fail: assign(step.updates.fail),
    tellParent: sendTo(step.parentOrSelf, (_, params: LoginChildEvent) => params),
    setCibaInterval: assign({
      cibaRequest: ({ context }, params: { output: CibaPoll | undefined }) => {
        const interval = params.output?.status === 'pending' ? params.output.interval : undefined;
        return context.cibaRequest && interval ? { ...context.cibaRequest, interval } : context.cibaRequest;
      },
    }),
  },
});

/**
 * In-page e-CPS approval (CIBA): the national identifier, the binding code, then polling until the user approves
 * in the e-CPS app (or refuses, or the request expires).
 */
const cibaStates = pscSetup.createStateConfig({
  initial: 'identifier',
  states: {
    identifier: {
      tags: ['ciba-identifier'],
      on: {
        SUBMIT_NATIONAL_ID: [
          { guard: 'nationalIdValid', target: 'starting', actions: ['keepNationalId', 'clearErrors'] },
          { actions: ['keepNationalId', 'nationalIdFormat'] },
        ],
        USE_PSC_PAGE: [
          { guard: 'isPopup', target: '#psc.popup', actions: 'clearErrors' },
          { target: '#psc.redirecting', actions: 'clearErrors' },
        ],
      },
    },
    starting: {
      tags: ['ciba-starting'],
      invoke: {
        src: 'cibaStart',
        input: ({ context }) => ({ nationalId: context.nationalId }),
        onDone: { target: 'waiting', actions: { type: 'setCibaRequest', params: step.outputParams } },
        onError: [
          step.onErrorIf('nationalIdRejected', 'identifier', 'nationalIdFormat'),
          { target: '#psc.failed', actions: step.failFrom('psc-failed') },
        ],
      },
    },
    waiting: {
      tags: ['ciba-waiting'],
      initial: 'sleeping',
      invoke: {
        src: 'cibaExpiry',
        input: ({ context }) => secondsFromNow(context.cibaRequest?.expiresIn, 120),
        onDone: { target: '#psc.failed', actions: { type: 'failWith', params: { code: 'psc-expired' } } },
      },
      states: {
        sleeping: {
          invoke: {
            src: 'cibaInterval',
            input: ({ context }) => secondsFromNow(context.cibaRequest?.interval, 5),
            onDone: 'polling',
          },
        },
        polling: {
          invoke: {
            src: 'cibaPoll',
            input: ({ context }) =>
              context.cibaRequest?.requestId ? { requestId: context.cibaRequest.requestId } : {},
            onDone: [
              {
                guard: { type: 'cibaApproved', params: step.outputParams },
                target: '#psc.proved',
                actions: {
                  type: 'keepProof',
                  params: ({ event }) => ({
                    output: event.output?.status === 'approved' ? event.output.proof : undefined,
                  }),
                },
              },
              { target: 'sleeping', actions: { type: 'setCibaInterval', params: step.outputParams } },
            ],
            onError: { target: '#psc.failed', actions: step.failFrom('psc-failed') },
          },
        },
      },
    },
  },
});

/**
 * Pro Santé Connect, a child of `loginMachine` (invoked as `psc`): a full-page redirect (and its return), a popup,
 * or the in-page e-CPS approval. It ends with a proof, an error, or `cancelled` (back from PSC's page without an
 * answer); before a full-page redirect it tells the parent (`child.redirecting`).
 */
export const pscLoginMachine = pscSetup.createMachine({
  id: 'psc',
  context: ({ input }) => ({
    ...step.NO_ERROR,
    proof: null,
    mode: input?.mode ?? 'redirect',
    ciba: input?.ciba ?? false,
    resume: input?.resume ?? false,
    nationalId: input?.nationalId ?? '',
    cibaRequest: null,
  }),
  initial: 'routing',
  output: step.output<PscLoginContext>(),
  states: {
    routing: {
      always: [
        { guard: ({ context }) => context.resume, target: 'returnPending' },
        { guard: 'isCiba', target: 'ciba' },
        { guard: 'isPopup', target: 'popup' },
        { target: 'redirecting' },
      ],
    },
    redirecting: {
      tags: ['psc-redirecting'],
      entry: { type: 'tellParent', params: { type: 'child.redirecting' } },
      invoke: {
        src: 'pscRedirect',
        onError: { target: 'failed', actions: step.failFrom('psc-failed') },
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
          {
            guard: { type: 'answered', params: step.outputParams },
            target: 'proved',
            actions: { type: 'keepProof', params: step.outputParams },
          },
          // back from PSC without an answer (the browser's Back button): the parent shows the chooser, saying so
          { target: 'cancelled' },
        ],
        onError: { target: 'failed', actions: step.failFrom('psc-failed') },
      },
    },
    popup: step.calling({
      tag: 'psc-popup',
      src: 'pscPopup',
      next: 'proved',
      keep: 'keepProof',
      failed: 'failed',
      fallback: 'psc-failed',
    }),
    ciba: cibaStates,
    // what the attempt said on the way is no error of its end
    proved: { type: 'final', entry: 'clearErrors' },
    failed: { type: 'final' },
    // no proof, no error
    cancelled: { type: 'final' },
  },
});

export type PscLoginMachine = typeof pscLoginMachine;
