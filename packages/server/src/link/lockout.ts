/**
 * Lockout after repeated failures: N failures within a window lock the key for a while. The handler keys by
 * username (known or not — so a lockout says nothing about whether an account exists) and by the pending
 * national identifier.
 *
 * Every attempt is counted *before* the password is checked (an attempt in flight counts as a failure until it
 * succeeds): a burst of simultaneous attempts tests at most `maxFailures` passwords, however many arrive at once.
 */
export interface LockState {
  locked: boolean;
  /** Whole seconds before a new attempt is accepted, when locked. */
  retryAfter?: number;
  /** After `attempt`, not locked: attempts counted in the window (this one included) and failures left before the lock. */
  failures?: number;
  remaining?: number;
}

/**
 * Where attempts are counted. Implement it on your database to share it between processes.
 *
 * Contract: `attempt` must count and decide in one atomic step (one SQL statement, a Redis `INCR`, a
 * compare-and-set): two attempts arriving together must never both see the count before either of them. Reading
 * the count, then writing it in a second step lets a burst test as many passwords as it sends.
 */
export interface LockoutPolicy {
  /**
   * Counts one attempt on `key`, before its password is checked, and answers `locked: true` when the attempt must
   * be refused without checking (the key is locked, or this attempt is over the budget). An attempt that is
   * accepted stays counted as a failure unless `reset` is called after it succeeded.
   */
  attempt(key: string): LockState | Promise<LockState>;
  /** The key's state without counting (after a failed attempt: whether it is now locked, and for how long). */
  check(key: string): LockState | Promise<LockState>;
  /** Forgets the failures (after a success). */
  reset(key: string): void | Promise<void>;
}

export interface LockoutSettings {
  /** Attempts that lock (default 5): the last one is still checked, the next ones are refused. */
  maxFailures?: number;
  /** Window in which they count (default 15 minutes). */
  windowMs?: number;
  /** How long the lock lasts (default 15 minutes). */
  lockMs?: number;
  /** Clock (tests). */
  now?: () => number;
}

export const DEFAULT_LOCKOUT = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;

/** One key's counters, as a store keeps them (`lockouts` table columns, Redis hash fields…). */
export interface LockEntry {
  failures: number;
  firstAt: number;
  lockedUntil: number;
}

/**
 * One attempt of the lockout arithmetic, shared by the in-memory policy and stores that keep `LockEntry` rows:
 * while locked the count still grows (so that an attempt over the budget is told apart from the last one
 * allowed), after the window or the lock it starts again at 1, and reaching `maxFailures` sets the lock.
 */
export function nextLockEntry(entry: LockEntry | undefined, now: number, settings: LockoutSettings = {}): LockEntry {
  const { maxFailures, windowMs, lockMs } = { ...DEFAULT_LOCKOUT, ...settings };
  if (entry && entry.lockedUntil > now) return { ...entry, failures: entry.failures + 1 };
  const fresh = !entry || now - entry.firstAt > windowMs || entry.lockedUntil > 0;
  const failures = fresh ? 1 : entry.failures + 1;
  const firstAt = fresh ? now : entry.firstAt;
  return { failures, firstAt, lockedUntil: failures >= maxFailures ? now + lockMs : 0 };
}

/** The state of a key (locked or not, for how long). */
export function lockStateOf(entry: LockEntry | undefined, now: number): LockState {
  if (!entry || entry.lockedUntil <= now) return { locked: false };
  return { locked: true, retryAfter: Math.max(1, Math.ceil((entry.lockedUntil - now) / 1000)) };
}

/**
 * What `attempt` answers for the entry it has just written: refused when over the budget while locked; the
 * attempt that reaches `maxFailures` is still checked (and unlocks the key if it succeeds).
 */
export function attemptStateOf(entry: LockEntry, now: number, settings: LockoutSettings = {}): LockState {
  const maxFailures = settings.maxFailures ?? DEFAULT_LOCKOUT.maxFailures;
  if (entry.failures > maxFailures) return lockStateOf(entry, now);
  return { locked: false, failures: entry.failures, remaining: Math.max(0, maxFailures - entry.failures) };
}

/** A lockout kept in this process's memory (one server; use a shared store behind a load balancer). */
export function createMemoryLockout(settings: LockoutSettings = {}): LockoutPolicy {
  const entries = new Map<string, LockEntry>();
  const now = settings.now ?? Date.now;
  return {
    // synchronous read-modify-write: nothing can run between the read and the write in one process
    attempt: (key) => {
      const t = now();
      const next = nextLockEntry(entries.get(key), t, settings);
      entries.delete(key); // re-inserted last: the oldest keys are the first forgotten
      entries.set(key, next);
      if (entries.size > 100_000) {
        // forget the oldest entries rather than grow without bound
        for (const k of [...entries.keys()].slice(0, 10_000)) entries.delete(k);
      }
      return attemptStateOf(next, t, settings);
    },
    check: (key) => lockStateOf(entries.get(key), now()),
    reset: (key) => {
      entries.delete(key);
    },
  };
}
