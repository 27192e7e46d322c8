import type { SnapshotFrom } from 'xstate';
import { loginActors, type ServicesSource } from './login.actors.js';
import { cardStates } from './login.card.js';
import { pscStates } from './login.psc.js';
import { DEFAULT_WAIT, failFrom, LOGIN_SCREENS, type LoginScreen, loginSetup, NO_ATTEMPT } from './login.setup.js';

export {
  LOGIN_SCREENS,
  type LoginContext,
  type LoginEmitted,
  type LoginEvent,
  type LoginFieldError,
  type LoginMachineInput,
  type LoginScreen,
} from './login.setup.js';

/**
 * The sign-in journey of `<af-login>`: the chooser, the physical card through the local agent (detection and
 * diagnostics, pairing, reader, card, PIN, nonce, signature: `login.card.ts`), Pro Santé Connect (redirect, popup,
 * or in-page e-CPS approval by CIBA: `login.psc.ts`), then the host's verification.
 *
 * Every backend call is a named actor (`detectAgent`, `startPairing`, `confirmPairing`, `waitPairingApproval`,
 * `cardWatch`, `getNonce`, `authenticateCard`, `pscRedirect`, `pscCompleteRedirect`, `pscPopup`, `cibaStart`,
 * `cibaPoll`, `verify`): give them with `createLoginMachine(services)` or `loginMachine.provide({ actors })`.
 *
 * Each state that shows something carries one screen tag (typed: `LoginScreen`); `loginRoute(snapshot)` gives the
 * screen to show.
 */
export const loginMachine = loginSetup.createMachine({
  id: 'login',
  context: ({ input }) => ({
    method: input?.resume === 'psc-redirect' ? 'psc' : null,
    pscMode: 'redirect',
    ciba: false,
    ...NO_ATTEMPT,
    nationalId: '',
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
    card: cardStates,
    psc: pscStates,
    verifying: {
      tags: ['verifying'],
      on: {
        CANCEL: { target: 'choosing', actions: ['reset', 'markCancelled', 'emitCancelled'] },
      },
      invoke: {
        src: 'verify',
        input: ({ context }) => ({ method: context.method ?? 'card', proof: context.proof }),
        onDone: [
          {
            guard: { type: 'verifiedAs', params: ({ event }) => ({ outcome: event.output, status: 'authenticated' }) },
            target: 'authenticated',
            actions: { type: 'keepIdentity', params: ({ event }) => ({ outcome: event.output }) },
          },
          {
            guard: { type: 'verifiedAs', params: ({ event }) => ({ outcome: event.output, status: 'link-required' }) },
            target: 'linkRequired',
            actions: { type: 'keepIdentity', params: ({ event }) => ({ outcome: event.output }) },
          },
          { target: 'failed', actions: { type: 'failWith', params: { code: 'verification-failed' } } },
        ],
        onError: { target: 'failed', actions: failFrom('verification-failed') },
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
  return loginMachine.provide({ actors: loginActors(services) });
}

/** The screen a snapshot stands for (pure: the element renders from it). */
export function loginRoute(snapshot: Pick<LoginSnapshot, 'hasTag'>): LoginScreen {
  for (const screen of LOGIN_SCREENS) if (snapshot.hasTag(screen)) return screen;
  return 'chooser';
}
