/**
 * Card authentication challenges: single-use nonces bound to the host application's session,
 * expiring after 5 minutes by default, kept behind a store interface (in memory by default).
 */
import { randomBytes } from 'node:crypto';

export interface NonceRecord {
  nonce: string;
  sessionId: string;
  /** Epoch ms. */
  issuedAt: number;
  /** Epoch ms. */
  expiresAt: number;
  /** Epoch ms of the first consumption, if any. */
  usedAt?: number;
}

/**
 * Where nonces live. `consume` must be atomic: it marks the nonce used and returns the record as it was
 * before (so a second call sees `usedAt`). A SQL store does this with one `UPDATE … RETURNING`.
 * Records may be dropped once expired.
 */
export interface NonceStore {
  save(record: NonceRecord): Promise<void>;
  consume(nonce: string, now: number): Promise<NonceRecord | undefined>;
}

export interface MemoryNonceStoreOptions {
  /**
   * Nonces kept per session (default 5): issuing more forgets that session's oldest ones, so that one session
   * asking in a loop cannot fill the memory.
   */
  maxPerSession?: number;
  /** Nonces kept in all (default 100 000): beyond, the oldest are forgotten. */
  maxRecords?: number;
}

/** The default store: a Map, pruned of expired records as it goes, bounded per session and in all. One process. */
export class MemoryNonceStore implements NonceStore {
  #records = new Map<string, NonceRecord>();
  #bySession = new Map<string, string[]>();
  #lastPrune = 0;
  readonly #maxPerSession: number;
  readonly #maxRecords: number;

  constructor(options: MemoryNonceStoreOptions = {}) {
    this.#maxPerSession = Math.max(1, options.maxPerSession ?? 5);
    this.#maxRecords = Math.max(1, options.maxRecords ?? 100_000);
  }

  async save(record: NonceRecord): Promise<void> {
    this.#prune(record.issuedAt);
    this.#records.set(record.nonce, { ...record });
    const mine = (this.#bySession.get(record.sessionId) ?? []).filter((n) => this.#records.has(n));
    mine.push(record.nonce);
    while (mine.length > this.#maxPerSession) this.#records.delete(mine.shift() as string);
    this.#bySession.set(record.sessionId, mine);
    if (this.#records.size > this.#maxRecords) {
      for (const k of this.#records.keys()) {
        if (this.#records.size <= this.#maxRecords) break;
        this.#records.delete(k);
      }
    }
    if (this.#bySession.size > this.#maxRecords) this.#bySession.clear(); // lists are only an index: rebuilt as it goes
  }

  async consume(nonce: string, now: number): Promise<NonceRecord | undefined> {
    this.#prune(now);
    const r = this.#records.get(nonce);
    if (!r) return undefined;
    const before = { ...r };
    r.usedAt ??= now;
    return before;
  }

  /** Number of records kept (for tests and metrics). */
  get size(): number {
    return this.#records.size;
  }

  #prune(now: number): void {
    if (now - this.#lastPrune < 10_000) return;
    this.#lastPrune = now;
    // keep expired records one extra TTL-ish minute so that a late replay reads "expired"/"reused"
    for (const [k, r] of this.#records) if (r.expiresAt + 60_000 < now) this.#records.delete(k);
    for (const [sid, list] of this.#bySession) {
      const live = list.filter((n) => this.#records.has(n));
      if (live.length === 0) this.#bySession.delete(sid);
      else this.#bySession.set(sid, live);
    }
  }
}

export type NonceFailure = 'nonce-unknown' | 'nonce-expired' | 'nonce-reused' | 'nonce-session-mismatch';

export interface CardChallengesOptions {
  store?: NonceStore;
  /** Lifetime of a nonce, ms (default 5 minutes). */
  ttlMs?: number;
  /** Random bytes per nonce (default 32 → 43 base64url characters). */
  bytes?: number;
}

export interface IssuedNonce {
  nonce: string;
  /** ISO 8601. */
  expiresAt: string;
}

export class CardChallenges {
  readonly store: NonceStore;
  readonly ttlMs: number;
  readonly #bytes: number;

  constructor(options: CardChallengesOptions = {}) {
    this.store = options.store ?? new MemoryNonceStore();
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.#bytes = Math.max(16, Math.min(128, options.bytes ?? 32));
  }

  /** A fresh nonce for this session; give it to the page, which passes it to the agent. */
  async issue(sessionId: string, now: Date = new Date()): Promise<IssuedNonce> {
    if (!sessionId) throw new TypeError('issue() needs the session id');
    const nonce = randomBytes(this.#bytes).toString('base64url');
    const issuedAt = now.getTime();
    await this.store.save({ nonce, sessionId, issuedAt, expiresAt: issuedAt + this.ttlMs });
    return { nonce, expiresAt: new Date(issuedAt + this.ttlMs).toISOString() };
  }

  /** Uses the nonce up, whatever the outcome: a nonce is good for one verification attempt only. */
  async consume(
    nonce: string,
    sessionId: string,
    now: Date = new Date(),
  ): Promise<{ ok: true } | { ok: false; reason: NonceFailure }> {
    const r = await this.store.consume(nonce, now.getTime());
    if (!r) return { ok: false, reason: 'nonce-unknown' };
    if (r.usedAt !== undefined) return { ok: false, reason: 'nonce-reused' };
    if (r.sessionId !== sessionId) return { ok: false, reason: 'nonce-session-mismatch' };
    if (now.getTime() > r.expiresAt) return { ok: false, reason: 'nonce-expired' };
    return { ok: true };
  }
}

/** The process-wide default challenges (in-memory store, 5 minutes). */
export const defaultCardChallenges = new CardChallenges();

/** Issues a nonce from the default challenges. */
export function issueCardNonce(sessionId: string): Promise<IssuedNonce> {
  return defaultCardChallenges.issue(sessionId);
}
