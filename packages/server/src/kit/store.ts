/**
 * The kit's shared state behind one small interface: card nonces, PSC sessions, the kit's own sessions (with the
 * pending identity and the CSRF token inside), lockout counters. In memory by default (one process); Redis (or any
 * store with the same atomic operations) for several instances behind one origin.
 */
import type { NonceRecord, NonceStore } from '../card/nonces.js';
import {
  DEFAULT_LOCKOUT,
  type LockoutPolicy,
  type LockoutSettings,
  type LockState,
  lockStateOf,
} from '../link/lockout.js';
import type { PscSessionStore } from '../psc/session-store.js';

/**
 * What the kit needs from a store. Values are strings (JSON inside); every key has a lifetime. `take` and
 * `increment` must be atomic across every instance sharing the store: they make nonces single-use and lockout
 * counts exact.
 */
export interface AuthForteStore {
  get(key: string): Promise<string | undefined>;
  /** Writes `value`, replacing any, for `ttlMs`. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Writes only when the key does not exist; true when written. */
  add(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Reads and deletes in one step: of two concurrent calls, one only gets the value. */
  take(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
  /** Adds one and returns the new count; a new key lives `ttlMs` (the window), an existing one keeps its expiry. */
  increment(key: string, ttlMs: number): Promise<number>;
  /** Milliseconds the key still lives, or undefined when absent. */
  ttl(key: string): Promise<number | undefined>;
  close?(): Promise<void>;
}

/** The default store: this process's memory (one instance; tests, demos). */
export class MemoryStore implements AuthForteStore {
  readonly #entries = new Map<string, { value: string; expiresAt: number }>();
  readonly #now: () => number;
  #lastPrune = 0;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  #live(key: string): { value: string; expiresAt: number } | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return e;
  }

  #prune(): void {
    const now = this.#now();
    if (now - this.#lastPrune < 10_000) return;
    this.#lastPrune = now;
    for (const [k, e] of this.#entries) if (e.expiresAt <= now) this.#entries.delete(k);
  }

  async get(key: string): Promise<string | undefined> {
    return this.#live(key)?.value;
  }
  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#prune();
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
  }
  async add(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.#live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }
  async take(key: string): Promise<string | undefined> {
    const e = this.#live(key);
    this.#entries.delete(key);
    return e?.value;
  }
  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }
  async increment(key: string, ttlMs: number): Promise<number> {
    const e = this.#live(key);
    if (!e) {
      await this.set(key, '1', ttlMs);
      return 1;
    }
    e.value = String(Number(e.value) + 1);
    return Number(e.value);
  }
  async ttl(key: string): Promise<number | undefined> {
    const e = this.#live(key);
    return e ? e.expiresAt - this.#now() : undefined;
  }
  /** Number of live keys (tests, metrics). */
  get size(): number {
    this.#lastPrune = 0;
    this.#prune();
    return this.#entries.size;
  }
}

/**
 * Card nonces on a store: `consume` takes the record (atomic), and leaves a "used" mark so that a replay reads
 * `nonce-reused` rather than `nonce-unknown`.
 */
export function storeNonces(store: AuthForteStore, prefix = 'af:nonce:'): NonceStore {
  return {
    async save(record: NonceRecord) {
      await store.set(`${prefix}${record.nonce}`, JSON.stringify(record), record.expiresAt - record.issuedAt + 60_000);
    },
    async consume(nonce: string, now: number) {
      if (typeof nonce !== 'string' || nonce.length === 0 || nonce.length > 512) return undefined;
      const raw = await store.take(`${prefix}${nonce}`);
      if (raw === undefined) {
        const used = await store.get(`${prefix}used:${nonce}`);
        return used ? ({ ...(JSON.parse(used) as NonceRecord), usedAt: now } as NonceRecord) : undefined;
      }
      const record = JSON.parse(raw) as NonceRecord;
      await store.set(`${prefix}used:${nonce}`, raw, Math.max(60_000, record.expiresAt - now + 60_000));
      return record;
    },
  };
}

/** The lockout on a store: `attempt` (count before the password check) and `registerFailure` (count after it). */
export type StoreLockout = LockoutPolicy & {
  /** Counts an attempt before its password is checked; locked when over the budget. */
  attempt(key: string): Promise<LockState>;
  /** Counts a failed attempt; locked when it reached the budget. */
  registerFailure(key: string): Promise<LockState>;
};

/**
 * A lockout counted in the store, exact across instances: each key is one atomic counter (`INCR` on Redis) living
 * the window; the attempt that reaches `maxFailures` makes it live the lock's duration instead, and while it is at
 * or over the budget the key is locked. Counting happens in one atomic step, so a burst of simultaneous attempts
 * tests at most `maxFailures` passwords. It answers both the count-after-failure policy (`registerFailure`) and
 * the count-before-check one (`attempt`).
 */
export function storeLockout(store: AuthForteStore, settings: LockoutSettings = {}, prefix = 'af:lock:'): StoreLockout {
  const { maxFailures, windowMs, lockMs } = { ...DEFAULT_LOCKOUT, ...settings };
  const now = settings.now ?? Date.now;
  const state = async (key: string): Promise<LockState> => {
    const n = Number((await store.get(prefix + key)) ?? 0);
    if (!(n >= maxFailures)) return { locked: false };
    const left = (await store.ttl(prefix + key)) ?? 0;
    return lockStateOf({ failures: n, firstAt: 0, lockedUntil: now() + Math.min(left, lockMs) }, now());
  };
  const count = async (key: string): Promise<number> => {
    const n = await store.increment(prefix + key, windowMs);
    // the attempt that reaches the budget starts the lock: the counter now lives as long as the lock
    if (n === maxFailures) await store.set(prefix + key, String(n), lockMs);
    return n;
  };
  const policy = {
    check: state,
    async attempt(key: string) {
      return (await count(key)) > maxFailures ? state(key) : { locked: false };
    },
    async registerFailure(key: string) {
      return (await count(key)) >= maxFailures ? state(key) : { locked: false };
    },
    async reset(key: string) {
      await store.delete(prefix + key);
    },
  };
  return policy;
}

/** PSC sessions (`createPscHandlers`' `store`) on the kit's store. */
export function storePscSessions(store: AuthForteStore, prefix = 'af:psc:'): PscSessionStore {
  return {
    async get(key) {
      const raw = await store.get(`${prefix}${key}`);
      return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
    },
    async set(key, value, ttlSeconds) {
      await store.set(`${prefix}${key}`, JSON.stringify(value), ttlSeconds * 1000);
    },
    async delete(key) {
      await store.delete(`${prefix}${key}`);
    },
  };
}
