/**
 * Lockout after repeated failures: N failures within a window lock the key for a while. The handler keys by
 * username (known or not — so a lockout says nothing about whether an account exists) and by the pending
 * national identifier.
 */

export interface LockState {
  locked: boolean;
  /** Whole seconds before a new attempt is accepted, when locked. */
  retryAfter?: number;
  /** After `registerFailure`, not locked: failures counted so far and failures left before the lock. */
  failures?: number;
  remaining?: number;
}

/** Where failures are counted. Implement it on your database to share it between processes. */
export interface LockoutPolicy {
  check(key: string): LockState | Promise<LockState>;
  /** Counts one failure; the answer says whether the key is now locked. */
  registerFailure(key: string): LockState | Promise<LockState>;
  /** Forgets the failures (after a success). */
  reset(key: string): void | Promise<void>;
}

export interface LockoutSettings {
  /** Failures that lock (default 5). */
  maxFailures?: number;
  /** Window in which they count (default 15 minutes). */
  windowMs?: number;
  /** How long the lock lasts (default 15 minutes). */
  lockMs?: number;
  /** Clock (tests). */
  now?: () => number;
}

export const DEFAULT_LOCKOUT = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;

interface Entry {
  failures: number;
  firstAt: number;
  lockedUntil: number;
}

/** One step of the lockout arithmetic, shared by the in-memory policy and stores that keep `Entry` rows. */
export function nextLockEntry(entry: Entry | undefined, now: number, settings: LockoutSettings = {}): Entry {
  const { maxFailures, windowMs, lockMs } = { ...DEFAULT_LOCKOUT, ...settings };
  const fresh = !entry || now - entry.firstAt > windowMs || (entry.lockedUntil > 0 && entry.lockedUntil <= now);
  const failures = fresh ? 1 : entry.failures + 1;
  const firstAt = fresh ? now : entry.firstAt;
  return { failures, firstAt, lockedUntil: failures >= maxFailures ? now + lockMs : 0 };
}

export function lockStateOf(entry: Entry | undefined, now: number): LockState {
  if (!entry || entry.lockedUntil <= now) return { locked: false };
  return { locked: true, retryAfter: Math.max(1, Math.ceil((entry.lockedUntil - now) / 1000)) };
}

/** What `registerFailure` answers after counting one failure into `entry`: locked, or how many failures are left. */
export function failureStateOf(entry: Entry, now: number, settings: LockoutSettings = {}): LockState {
  const state = lockStateOf(entry, now);
  if (state.locked) return state;
  const max = settings.maxFailures ?? DEFAULT_LOCKOUT.maxFailures;
  return { locked: false, failures: entry.failures, remaining: Math.max(0, max - entry.failures) };
}

/** A lockout kept in this process's memory (one server; use a shared store behind a load balancer). */
export function createMemoryLockout(settings: LockoutSettings = {}): LockoutPolicy {
  const entries = new Map<string, Entry>();
  const now = settings.now ?? Date.now;
  return {
    check: (key) => lockStateOf(entries.get(key), now()),
    registerFailure: (key) => {
      const t = now();
      const next = nextLockEntry(entries.get(key), t, settings);
      entries.set(key, next);
      if (entries.size > 100_000) {
        // forget the oldest entries rather than grow without bound
        for (const k of [...entries.keys()].slice(0, 10_000)) entries.delete(k);
      }
      return failureStateOf(next, t, settings);
    },
    reset: (key) => {
      entries.delete(key);
    },
  };
}
