/**
 * The card part of `LoginServices` on top of the card agent client (`@authforte/core/agent`). Only types are
 * imported: the client itself is the host's (or created lazily), so nothing of it is bundled with the machine.
 */
import type { CardAgentClient } from '../agent/client.js';
import type { AgentEvent, CardInfo } from '../agent/protocol.js';
import type { CardServices, CardWatchEvent, LoginCard } from './types.js';

/** What the login journey shows of a card read by the agent: nothing secret. */
export function loginCardFromAgent(card: CardInfo): LoginCard {
  return {
    holderName: card.holder.displayName || card.holder.familyName,
    cardType: card.cardType,
    nationalId: card.holder.nationalId,
    label: card.label,
    expired: card.certificate.expired,
    pin: {
      triesLeft: card.pin.triesLeft,
      maxTries: card.pin.maxTries,
      finalTry: card.pin.finalTry,
      locked: card.pin.locked,
    },
  };
}

type AgentClientLike = Pick<
  CardAgentClient,
  'detect' | 'requestPairing' | 'confirmPairing' | 'subscribe' | 'authenticate'
> &
  Partial<Pick<CardAgentClient, 'waitForPairingApproval'>>;

/**
 * Adapts a `CardAgentClient` (or anything with its methods) to `CardServices`. The event stream becomes the watch:
 * `hello` gives the first state (no reader, no card, or the first card), card and PIN status events follow, and a
 * stream that fails or ends is `agent-stopped`.
 */
export function cardServicesFromAgent(client: AgentClientLike | (() => Promise<AgentClientLike>)): CardServices {
  const get = async (): Promise<AgentClientLike> => (typeof client === 'function' ? client() : client);
  /** The slot of the card the watch shows: the one to sign with. */
  let activeSlot: string | undefined;
  return {
    async detect({ signal }) {
      const d = await (await get()).detect({ signal });
      switch (d.status) {
        case 'ready':
          return { status: 'ready' };
        case 'not-paired':
          return { status: 'not-paired', pairing: d.discovery.pairing };
        case 'blocked':
          return { status: 'blocked', permission: d.permission };
        case 'version-mismatch':
          return { status: 'version-mismatch', versions: d.versions };
        default:
          return { status: 'not-installed' };
      }
    },
    async startPairing({ signal }) {
      const p = await (await get()).requestPairing({ signal });
      return {
        pairingId: p.pairingId,
        codeLength: p.codeLength,
        expiresAt: p.expiresAt,
        ...(p.matchCode && p.approveUrl ? { matchCode: p.matchCode, approveUrl: p.approveUrl } : {}),
      };
    },
    async confirmPairing({ pairingId, code, signal }) {
      await (await get()).confirmPairing(pairingId, code, { signal });
    },
    async waitForPairingApproval({ pairingId, signal }) {
      const c = await get();
      // an agent (or client) without approval: only the typed code pairs
      if (!c.waitForPairingApproval) return new Promise<void>(() => {});
      await c.waitForPairingApproval(pairingId, { signal });
    },
    watch(onEvent, { signal }) {
      const readers = new Map<string, boolean>();
      let current: { slot: string; card: CardInfo } | null = null;
      const send = (e: CardWatchEvent) => {
        activeSlot = current?.slot;
        if (!signal.aborted) onEvent(e);
      };
      const idle = () => send(readers.size === 0 ? { type: 'no-reader' } : { type: 'no-card' });
      const onAgentEvent = (e: AgentEvent) => {
        switch (e.type) {
          case 'hello': {
            for (const r of e.readers) readers.set(r.slot, r.cardPresent);
            const first = e.cards[0];
            current = first ? { slot: first.slot, card: first } : null;
            if (first) send({ type: 'card', card: loginCardFromAgent(first) });
            else idle();
            break;
          }
          case 'reader-added':
            readers.set(e.reader.slot, e.reader.cardPresent);
            if (!current) idle();
            break;
          case 'reader-removed':
            readers.delete(e.reader.slot);
            if (current?.slot === e.reader.slot) {
              current = null;
              send({ type: 'card-removed' });
            } else if (!current) idle();
            break;
          case 'card-inserted':
            if (!current || current.slot === e.card.slot) {
              current = { slot: e.card.slot, card: e.card };
              send({ type: 'card', card: loginCardFromAgent(e.card) });
            }
            break;
          case 'card-removed':
            if (current?.slot === e.slot) {
              current = null;
              send({ type: 'card-removed' });
            }
            break;
          case 'pin-status':
            if (current?.slot === e.slot) {
              current = { ...current, card: { ...current.card, pin: e.pin } };
              send({ type: 'card', card: loginCardFromAgent(current.card) });
            }
            break;
          case 'backend-status':
            if (e.status === 'module-unavailable') send({ type: 'agent-stopped' });
            break;
        }
      };
      get()
        .then((c) => c.subscribe(onAgentEvent, { signal, onError: () => send({ type: 'agent-stopped' }) }))
        .catch(() => send({ type: 'agent-stopped' }));
    },
    async authenticate({ nonce, pin, confirmFinalTry, signal }) {
      const slot = activeSlot;
      return (await get()).authenticate({ nonce, pin, confirmFinalTry, signal, ...(slot ? { slot } : {}) });
    },
  };
}
