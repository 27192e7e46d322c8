/**
 * Pairing requests under way (docs/agent-protocol.md §3): a page asks, the user types the 6-digit code the agent
 * shows, or approves on the agent's own page after comparing the verification code; the page then gets a token bound
 * to its origin. Requests are few, short-lived and rate-limited per origin, per registrable domain and in total.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { bytesToBase64Url } from '@authforte/core/agent';
import { HttpError } from './http.js';
import { type RateLimiter, registrableDomain } from './limits.js';
import type { AgentLogger, PairingCodeNotice, RateLimits } from './options.js';
import { type PairingStore, sha256 } from './pairings.js';

/** Pending pairing requests kept at once: in total, and per registrable domain. */
const MAX_PENDING = 20;
const MAX_PENDING_PER_DOMAIN = 3;
/** How long a pairing request waits for its code or its approval. */
const PAIRING_TTL_MS = 120_000;

/** Verification codes shown on the requesting page and on the agent page: no 0/O, 1/I/L. */
const MATCH_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function matchCode(): string {
  let out = '';
  for (let i = 0; i < 4; i++) out += MATCH_ALPHABET[randomInt(0, MATCH_ALPHABET.length)];
  return out;
}

interface PendingPairing {
  id: string;
  origin: string;
  /** Typed into the page: shown only by the agent (console banner, `onPairingCode`). */
  code: string;
  /** Shown on both the page and the agent page, to compare before approving. */
  matchCode: string;
  expiresAt: number;
  attempts: number;
  approved: boolean;
}

/** A pending request as the agent page shows it (never its code). */
export type PendingView = Pick<PendingPairing, 'id' | 'origin' | 'matchCode' | 'expiresAt' | 'approved'>;

export class PairingRequests {
  #pending = new Map<string, PendingPairing>();

  constructor(
    private readonly deps: {
      limiter: RateLimiter;
      limits: RateLimits;
      store: PairingStore;
      logger: AgentLogger;
      onPairingCode: (n: PairingCodeNotice) => void;
      /** The agent page's URL, where a request is approved. */
      approveUrl: () => string;
    },
  ) {}

  #tooMany(key: string, limit: number, windowMs: number, message?: string): void {
    const wait = this.deps.limiter.take(key, limit, Date.now(), windowMs);
    if (wait) throw new HttpError('rate-limited', message, { retryAfterSeconds: wait });
  }

  #dropExpired(now = Date.now()): void {
    for (const [id, p] of this.#pending) if (p.expiresAt < now) this.#pending.delete(id);
  }

  /** `POST /v1/pairing` of an origin that may pair: a new request (replacing its previous one). */
  start(origin: string): Record<string, unknown> {
    const { limits } = this.deps;
    const domain = registrableDomain(origin);
    this.#tooMany(`pair|${origin}`, limits.pairingPerMinute, 60_000);
    this.#tooMany(`pairdom|${domain}`, limits.pairingRequestsPerDomainPerHour, 3_600_000);
    const now = Date.now();
    this.#dropExpired(now);
    for (const [id, p] of this.#pending) if (p.origin === origin) this.#pending.delete(id);
    const pending = [...this.#pending.values()];
    // many origins of one domain, or many domains, cannot fill the agent page with requests
    if (
      pending.length >= MAX_PENDING ||
      pending.filter((p) => registrableDomain(p.origin) === domain).length >= MAX_PENDING_PER_DOMAIN
    )
      throw new HttpError('rate-limited', 'Too many pending pairing requests', {
        retryAfterSeconds: Math.max(1, Math.ceil((Math.min(...pending.map((p) => p.expiresAt)) - now) / 1000)),
      });
    const id = bytesToBase64Url(randomBytes(16));
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = now + PAIRING_TTL_MS;
    const match = matchCode();
    this.#pending.set(id, { id, origin, code, matchCode: match, expiresAt, attempts: 0, approved: false });
    const approveUrl = this.deps.approveUrl();
    this.deps.onPairingCode({ origin, code, matchCode: match, approveUrl, expiresAt: new Date(expiresAt) });
    return {
      pairingId: id,
      codeLength: 6,
      expiresAt: new Date(expiresAt).toISOString(),
      matchCode: match,
      approveUrl,
    };
  }

  /** The pending request `id` of `origin`, or `pairing-unknown`. */
  #pendingOf(origin: string, id: string): PendingPairing {
    this.#dropExpired();
    const p = this.#pending.get(id);
    if (!p || p.origin !== origin) throw new HttpError('pairing-unknown');
    return p;
  }

  /** Ends a pending request with a new token for its origin. */
  #complete(p: PendingPairing): Record<string, unknown> {
    this.#pending.delete(p.id);
    const token = bytesToBase64Url(randomBytes(32));
    this.deps.store.add(p.origin, token);
    this.deps.logger.info(`card agent: paired with ${p.origin}`);
    return { status: 'approved', token, origin: p.origin };
  }

  /** `POST /v1/pairing/{id}/confirm` with the code the user typed. */
  confirm(origin: string, id: string, body: Record<string, unknown>): Record<string, unknown> {
    const { limits, limiter } = this.deps;
    this.#tooMany(`pair|${origin}`, limits.pairingPerMinute, 60_000);
    // wrong codes are also counted per hour, per origin, per registrable domain and in total, so that
    // guessing stays hopeless over a long time and across many origins
    const domain = registrableDomain(origin);
    const failKeys: Array<[string, number]> = [
      [`pairfail|${origin}`, limits.pairingFailuresPerHour],
      [`pairfaildom|${domain}`, limits.pairingFailuresPerDomainPerHour],
      ['pairfailall', limits.pairingFailuresTotalPerHour],
    ];
    for (const [key, limit] of failKeys) {
      const wait = limiter.peek(key, limit, Date.now(), 3_600_000);
      if (wait) throw new HttpError('rate-limited', 'Too many wrong pairing codes', { retryAfterSeconds: wait });
    }
    const p = this.#pendingOf(origin, id);
    const code = typeof body.code === 'string' ? body.code.replace(/[\s-]/g, '') : '';
    if (!timingSafeEqual(sha256(code), sha256(p.code))) {
      p.attempts++;
      for (const [key] of failKeys) limiter.take(key, Number.POSITIVE_INFINITY, Date.now(), 3_600_000);
      if (p.attempts >= 3) this.#pending.delete(id);
      throw new HttpError('pairing-code-invalid', undefined, { attemptsLeft: Math.max(0, 3 - p.attempts) });
    }
    return this.#complete(p);
  }

  /** `GET /v1/pairing/{id}`: `pending` until the user approves on the agent page, then the token (once). */
  status(origin: string, id: string): Record<string, unknown> {
    const p = this.#pendingOf(origin, id);
    if (p.approved) return this.#complete(p);
    return { status: 'pending', expiresAt: new Date(p.expiresAt).toISOString() };
  }

  /** The agent page's approve / refuse buttons. Returns the page's notice, or undefined for an unknown request. */
  decide(id: string, decision: 'approve' | 'refuse'): 'approved' | 'refused' | undefined {
    this.#dropExpired();
    const p = this.#pending.get(id);
    if (!p || p.approved) return undefined;
    if (decision === 'approve') {
      p.approved = true;
      // the requesting page collects its token within the request's remaining time
      this.deps.logger.info(`card agent: pairing of ${p.origin} approved on the agent page`);
      return 'approved';
    }
    this.#pending.delete(p.id);
    this.deps.logger.info(`card agent: pairing of ${p.origin} refused on the agent page`);
    return 'refused';
  }

  /** The requests under way, as the agent page lists them. */
  list(): PendingView[] {
    this.#dropExpired();
    return [...this.#pending.values()].map(({ id, origin, matchCode, expiresAt, approved }) => ({
      id,
      origin,
      matchCode,
      expiresAt,
      approved,
    }));
  }
}
