/** Where a PSC session lives when it is not in the cookie: the store interface, and one in memory. */
import type { ProfessionalIdentity } from '@authforte/core';

/** Where sessions live when not in the cookie (Redis, a database table…). Values are JSON-serialisable. */
export interface PscSessionStore {
  get(key: string): Promise<unknown | undefined>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A {@link PscSessionStore} in this process's memory (one server instance; tests, demos). */
export class MemoryPscSessionStore implements PscSessionStore {
  readonly #entries = new Map<string, { value: unknown; expiresAt: number }>();
  async get(key: string): Promise<unknown | undefined> {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt < Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return structuredClone(e.value);
  }
  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    const now = Date.now();
    for (const [k, e] of this.#entries) if (e.expiresAt < now) this.#entries.delete(k);
    this.#entries.set(key, { value: structuredClone(value), expiresAt: now + ttlSeconds * 1000 });
  }
  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }
}

export interface PscSession {
  identity: ProfessionalIdentity;
  /** Seconds since the epoch. */
  expiresAt: number;
  idToken?: string;
}

/** What a stored or sealed session keeps of userinfo: the identity is derived from it on read. */
export function trimUserinfo(u: Record<string, unknown>): Record<string, unknown> {
  const keep = ['sub', 'SubjectNameID', 'given_name', 'family_name', 'SubjectRefPro'];
  return Object.fromEntries(Object.entries(u).filter(([k]) => keep.includes(k)));
}
