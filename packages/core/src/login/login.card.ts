import { errorParams, failFrom, loginSetup } from './login.setup.js';
import { PinSecret } from './pin.js';

const cardRemoved = {
  target: '#login.failed',
  actions: ['forgetCard', { type: 'failWith', params: { code: 'card-removed' } }],
} as const;

/** Typing the code the agent shows, or asking for a new one: while waiting for it, and after a refusal. */
const pairingCodeEvents = loginSetup.createStateConfig({
  on: {
    SUBMIT_PAIRING_CODE: [
      { guard: 'pairingCodeWellFormed', target: '#login.card.pairing.confirming', actions: 'clearErrors' },
      { actions: 'pairingCodeFormat' },
    ],
    RETRY: { target: '#login.card.pairing.starting', actions: 'clearErrors' },
  },
}).on;

/**
 * The physical card through the local agent: detection and diagnostics, pairing, then the card session (reader,
 * card, PIN, nonce, signature). A proof goes to `#login.verifying`; a failure to `#login.failed`.
 */
export const cardStates = loginSetup.createStateConfig({
  initial: 'detecting',
  on: {
    CANCEL: { target: '#login.choosing', actions: ['reset', 'markCancelled', 'emitCancelled'] },
  },
  states: {
    detecting: {
      tags: ['agent-detecting'],
      invoke: {
        src: 'detectAgent',
        onDone: [
          {
            guard: { type: 'agentIs', params: ({ event }) => ({ agent: event.output, status: 'ready' }) },
            target: 'session',
            actions: { type: 'setAgent', params: ({ event }) => ({ agent: event.output }) },
          },
          {
            guard: { type: 'agentIs', params: ({ event }) => ({ agent: event.output, status: 'not-paired' }) },
            target: 'pairing',
            actions: { type: 'setAgent', params: ({ event }) => ({ agent: event.output }) },
          },
          {
            target: '#login.failed',
            actions: [
              { type: 'setAgent', params: ({ event }) => ({ agent: event.output }) },
              { type: 'agentProblem', params: ({ event }) => ({ agent: event.output }) },
            ],
          },
        ],
        onError: { target: '#login.failed', actions: failFrom('agent-not-installed') },
      },
    },
    pairing: {
      initial: 'starting',
      states: {
        starting: {
          tags: ['pairing-starting'],
          invoke: {
            src: 'startPairing',
            onDone: {
              target: 'entering',
              actions: { type: 'setPairing', params: ({ event }) => ({ pairing: event.output }) },
            },
            onError: { target: '#login.failed', actions: failFrom('agent-not-paired') },
          },
        },
        entering: {
          tags: ['pairing'],
          // the user may approve on the agent's own page instead of typing the code
          invoke: {
            src: 'waitPairingApproval',
            input: ({ context }) => ({ pairingId: context.pairing?.pairingId ?? '' }),
            onDone: { target: '#login.card.detecting', actions: 'clearErrors' },
            onError: [
              { guard: { type: 'pairingExpired', params: errorParams }, target: 'expired', actions: failFrom() },
            ],
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
            onDone: { target: '#login.card.detecting', actions: 'clearErrors' },
            onError: [
              { guard: { type: 'pairingCodeInvalid', params: errorParams }, target: 'entering', actions: failFrom() },
              { guard: { type: 'pairingExpired', params: errorParams }, target: 'entering', actions: failFrom() },
              { target: '#login.failed', actions: failFrom('agent-not-paired') },
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
            'CARD.REMOVED': cardRemoved,
            'CARD.NO_CARD': cardRemoved,
          },
        },
        proving: {
          initial: 'nonce',
          exit: 'wipePin',
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
            nonce: {
              tags: ['card-authenticating'],
              invoke: {
                src: 'getNonce',
                onDone: {
                  target: 'signing',
                  actions: { type: 'keepNonce', params: ({ event }) => ({ nonce: event.output }) },
                },
                onError: { target: '#login.failed', actions: failFrom('network') },
              },
            },
            signing: {
              tags: ['card-authenticating'],
              invoke: {
                src: 'authenticateCard',
                input: ({ context }) => ({
                  nonce: context.nonce ?? '',
                  pin: context.pin ?? new PinSecret(''),
                  confirmFinalTry: context.confirmFinalTry,
                }),
                onDone: {
                  target: '#login.verifying',
                  actions: { type: 'keepProof', params: ({ event }) => ({ proof: event.output }) },
                },
                onError: [
                  {
                    guard: { type: 'pinIncorrect', params: errorParams },
                    target: '#login.card.session.pin',
                    actions: { type: 'pinIncorrect', params: errorParams },
                  },
                  {
                    guard: { type: 'pinLockedError', params: errorParams },
                    target: '#login.card.session.locked',
                    actions: 'pinLocked',
                  },
                  {
                    guard: { type: 'pinFinalTryError', params: errorParams },
                    target: '#login.card.session.pin',
                    actions: 'pinFinalTry',
                  },
                  { target: '#login.failed', actions: failFrom('network') },
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
});
