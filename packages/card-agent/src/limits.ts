/** Sliding-window rate limits of the agent, and the grouping of origins by registrable domain. */
import { getDomain } from 'tldts';

export class RateLimiter {
  #hits = new Map<string, number[]>();
  /** Counts a hit. Returns 0 when allowed, else seconds to wait. */
  take(key: string, limit: number, now = Date.now(), windowMs = 60_000): number {
    if (this.#hits.size > 10_000) {
      for (const [k, v] of this.#hits) if (v.every((t) => now - t >= 3_600_000)) this.#hits.delete(k);
    }
    const list = (this.#hits.get(key) ?? []).filter((t) => now - t < windowMs);
    if (list.length >= limit) {
      this.#hits.set(key, list);
      return Math.max(1, Math.ceil((windowMs - (now - list[0]!)) / 1000));
    }
    list.push(now);
    this.#hits.set(key, list);
    return 0;
  }

  /** Like `take` without counting a hit. */
  peek(key: string, limit: number, now = Date.now(), windowMs = 60_000): number {
    const list = (this.#hits.get(key) ?? []).filter((t) => now - t < windowMs);
    return list.length >= limit ? Math.max(1, Math.ceil((windowMs - (now - list[0]!)) / 1000)) : 0;
  }
}

/**
 * The registrable domain ("eTLD+1", from the Public Suffix List through `tldts`) of an origin:
 * `https://a.evil.example` and `https://b.evil.example` share `evil.example`, so that an attacker
 * with many sub-domains gets no more pairing guesses than one origin. IP addresses and single-label
 * names (`localhost`) stand for themselves.
 */
export function registrableDomain(origin: string): string {
  let hostname: string;
  try {
    hostname = new URL(origin).hostname;
  } catch {
    return origin;
  }
  return getDomain(hostname, { allowPrivateDomains: true }) ?? hostname;
}
