import { errorParams, failFrom, loginSetup } from './login.setup.js';

/**
 * In-page e-CPS approval (CIBA): the national identifier, the binding code, then polling until the user approves
 * in the e-CPS app (or refuses, or the request expires).
 */
const cibaStates = loginSetup.createStateConfig({
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
        onDone: {
          target: 'waiting',
          actions: { type: 'setCibaRequest', params: ({ event }) => ({ request: event.output }) },
        },
        onError: [
          {
            guard: { type: 'nationalIdRejected', params: errorParams },
            target: 'identifier',
            actions: 'nationalIdRejected',
          },
          { target: '#login.failed', actions: failFrom('psc-failed') },
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
              {
                guard: { type: 'cibaApproved', params: ({ event }) => ({ poll: event.output }) },
                target: '#login.verifying',
                actions: {
                  type: 'keepProof',
                  params: ({ event }) => ({
                    proof: event.output?.status === 'approved' ? event.output.proof : undefined,
                  }),
                },
              },
              {
                target: 'sleeping',
                actions: { type: 'setCibaInterval', params: ({ event }) => ({ poll: event.output }) },
              },
            ],
            onError: { target: '#login.failed', actions: failFrom('psc-failed') },
          },
        },
      },
    },
  },
});

/**
 * Pro Santé Connect: a full-page redirect (and its return), a popup, or the in-page e-CPS approval. The proof goes
 * to `#login.verifying`; a failure to `#login.failed`.
 */
export const pscStates = loginSetup.createStateConfig({
  initial: 'routing',
  on: {
    CANCEL: { target: '#login.choosing', actions: ['reset', 'markCancelled', 'emitCancelled'] },
  },
  states: {
    routing: {
      always: [{ guard: 'isCiba', target: 'ciba' }, { guard: 'isPopup', target: 'popup' }, { target: 'redirecting' }],
    },
    redirecting: {
      tags: ['psc-redirecting'],
      entry: 'emitRedirecting',
      invoke: {
        src: 'pscRedirect',
        onError: { target: '#login.failed', actions: failFrom('psc-failed') },
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
            guard: { type: 'redirectAnswered', params: ({ event }) => ({ answer: event.output }) },
            target: '#login.verifying',
            actions: { type: 'keepProof', params: ({ event }) => ({ proof: event.output }) },
          },
          // back from PSC without an answer (the browser's Back button): the chooser, saying so
          { target: '#login.choosing', actions: ['reset', 'markCancelled', 'emitCancelled'] },
        ],
        onError: { target: '#login.failed', actions: failFrom('psc-failed') },
      },
    },
    popup: {
      tags: ['psc-popup'],
      invoke: {
        src: 'pscPopup',
        onDone: {
          target: '#login.verifying',
          actions: { type: 'keepProof', params: ({ event }) => ({ proof: event.output }) },
        },
        onError: { target: '#login.failed', actions: failFrom('psc-failed') },
      },
    },
    ciba: cibaStates,
  },
});
