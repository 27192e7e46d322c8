import { fromCallback, fromPromise } from 'xstate';
import { LoginError } from './errors.js';
import type { PinSecret } from './pin.js';
import type {
  AgentStatus,
  CardWatchEvent,
  CibaPoll,
  CibaStart,
  LoginMethod,
  LoginServices,
  PairingStart,
  VerifyOutcome,
} from './types.js';

/** Events the card watch sends to the login machine. */
export type CardWatchMachineEvent =
  | { type: 'CARD.NO_READER' }
  | { type: 'CARD.NO_CARD' }
  | { type: 'CARD.INSERTED'; card: Extract<CardWatchEvent, { type: 'card' }>['card'] }
  | { type: 'CARD.REMOVED' }
  | { type: 'CARD.AGENT_STOPPED' };

export function toMachineEvent(e: CardWatchEvent): CardWatchMachineEvent {
  switch (e.type) {
    case 'no-reader':
      return { type: 'CARD.NO_READER' };
    case 'no-card':
      return { type: 'CARD.NO_CARD' };
    case 'card':
      return { type: 'CARD.INSERTED', card: e.card };
    case 'card-removed':
      return { type: 'CARD.REMOVED' };
    default:
      return { type: 'CARD.AGENT_STOPPED' };
  }
}

export interface AuthenticateCardInput {
  nonce: string;
  pin: PinSecret;
  confirmFinalTry: boolean;
}

export type ServicesSource = LoginServices | (() => LoginServices | undefined);

/** The services behind the actors, checked at each call (`not-configured` when a part is missing). */
function servicesOf(source: ServicesSource) {
  const services = (): LoginServices => {
    const s = typeof source === 'function' ? source() : source;
    if (!s) throw new LoginError('not-configured');
    return s;
  };
  const part = <K extends 'card' | 'psc'>(key: K): NonNullable<LoginServices[K]> => {
    const p = services()[key];
    if (!p)
      throw new LoginError(
        'not-configured',
        `No ${key === 'card' ? 'card' : 'PSC'} services: set \`services.${key}\`.`,
      );
    return p as NonNullable<LoginServices[K]>;
  };
  return { services, card: () => part('card'), psc: () => part('psc') };
}

/** The card child's actors: the agent's detection and pairing, the card-event stream, the nonce, the signature. */
export function cardActors(source: ServicesSource) {
  const { services, card } = servicesOf(source);
  return {
    detectAgent: fromPromise<AgentStatus>(async ({ signal }) => card().detect({ signal })),
    startPairing: fromPromise<PairingStart>(async ({ signal }) => card().startPairing({ signal })),
    confirmPairing: fromPromise<void, { pairingId: string; code: string }>(async ({ input, signal }) =>
      card().confirmPairing({ ...input, signal }),
    ),
    waitPairingApproval: fromPromise<void, { pairingId: string }>(async ({ input, signal }) => {
      const wait = card().waitForPairingApproval;
      if (!wait) return new Promise<void>(() => {});
      return wait.call(card(), { ...input, signal });
    }),
    cardWatch: fromCallback<{ type: string }>(({ sendBack }) => {
      const controller = new AbortController();
      try {
        card().watch(
          (e) => {
            if (!controller.signal.aborted) sendBack(toMachineEvent(e));
          },
          { signal: controller.signal },
        );
      } catch {
        sendBack({ type: 'CARD.AGENT_STOPPED' });
      }
      return () => controller.abort();
    }),
    getNonce: fromPromise<string>(async ({ signal }) => services().getNonce({ signal })),
    authenticateCard: fromPromise<unknown, AuthenticateCardInput>(async ({ input, signal }) =>
      card().authenticate({
        nonce: input.nonce,
        pin: input.pin.take(),
        confirmFinalTry: input.confirmFinalTry,
        signal,
      }),
    ),
  };
}

/** The PSC child's actors: the redirect and its return, the popup, the in-page e-CPS approval (CIBA). */
export function pscActors(source: ServicesSource) {
  const { psc } = servicesOf(source);
  const need = <T>(fn: T | undefined, name: string): T => {
    if (!fn) throw new LoginError('not-configured', `No \`services.psc.${name}\`.`);
    return fn;
  };
  return {
    pscRedirect: fromPromise<void>(async ({ signal }) => psc().signinRedirect({ signal })),
    pscCompleteRedirect: fromPromise<unknown | null>(async ({ signal }) => psc().completeRedirect({ signal })),
    pscPopup: fromPromise<unknown>(async ({ signal }) => {
      const p = psc();
      return need(p.signinPopup, 'signinPopup').call(p, { signal });
    }),
    cibaStart: fromPromise<CibaStart, { nationalId: string }>(async ({ input, signal }) => {
      const p = psc();
      return need(p.cibaStart, 'cibaStart').call(p, { nationalId: input.nationalId, signal });
    }),
    cibaPoll: fromPromise<CibaPoll, { requestId?: string }>(async ({ input, signal }) => {
      const p = psc();
      return need(p.cibaPoll, 'cibaPoll').call(p, { ...input, signal });
    }),
  };
}

/** The parent's actor: the host's verification of a proof. */
export function verifyActor(source: ServicesSource) {
  const { services } = servicesOf(source);
  return fromPromise<VerifyOutcome, { method: LoginMethod; proof: unknown }>(async ({ input, signal }) =>
    services().verify({ ...input, signal }),
  );
}

/**
 * Every actor of the sign-in, each calling one service: the card child's, the PSC child's and `verify`. `source`
 * may be a getter so that an element can take its services after the actor started (a property set after
 * creation, an `<af-config>` above it).
 */
export function loginActors(source: ServicesSource) {
  return { ...cardActors(source), ...pscActors(source), verify: verifyActor(source) };
}
