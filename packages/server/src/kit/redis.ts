/**
 * The kit's store on Redis (node-redis, `redis` on npm), for several instances behind one origin. Single-use
 * nonces are `GETDEL` (Redis ≥ 6.2), counters `INCR` with the window set on the first failure, in one script.
 */
import type { AuthForteStore } from './store.js';

/** The one method of a node-redis client the store uses (`createClient()` from `redis` has it). */
export interface RedisCommander {
  sendCommand(args: string[]): Promise<unknown>;
  quit?(): Promise<unknown>;
  close?(): Promise<unknown>;
}

const INCREMENT = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;

export interface RedisStoreOptions {
  /** A connected node-redis client; or `url` to let the store create (and close) one. */
  client?: RedisCommander;
  /** `redis://host:port/db` (default `redis://127.0.0.1:6379`). */
  url?: string;
  /** Prefix of every key (default `authforte:`), so that several applications can share one Redis. */
  prefix?: string;
}

const ms = (ttlMs: number) => String(Math.max(1, Math.ceil(ttlMs)));

/** A store on Redis. With `url`, the client comes from the `redis` package and is connected here. */
export async function createRedisStore(options: RedisStoreOptions = {}): Promise<AuthForteStore> {
  let client = options.client;
  let owned = false;
  if (!client) {
    const { createClient } = await import('redis');
    const c = createClient({ url: options.url ?? 'redis://127.0.0.1:6379' });
    c.on('error', () => {
      // reconnection is automatic; commands fail (and the kit answers 5xx) until Redis is back
    });
    await c.connect();
    client = c as unknown as RedisCommander;
    owned = true;
  }
  const redis = client;
  const p = options.prefix ?? 'authforte:';
  const str = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
  return {
    async get(key) {
      return str(await redis.sendCommand(['GET', p + key]));
    },
    async set(key, value, ttlMs) {
      await redis.sendCommand(['SET', p + key, value, 'PX', ms(ttlMs)]);
    },
    async add(key, value, ttlMs) {
      return (await redis.sendCommand(['SET', p + key, value, 'PX', ms(ttlMs), 'NX'])) !== null;
    },
    async take(key) {
      return str(await redis.sendCommand(['GETDEL', p + key]));
    },
    async delete(key) {
      await redis.sendCommand(['DEL', p + key]);
    },
    async increment(key, ttlMs) {
      return Number(await redis.sendCommand(['EVAL', INCREMENT, '1', p + key, ms(ttlMs)]));
    },
    async ttl(key) {
      const left = Number(await redis.sendCommand(['PTTL', p + key]));
      return left >= 0 ? left : left === -1 ? Number.POSITIVE_INFINITY : undefined;
    },
    async close() {
      if (!owned) return;
      await (redis.close?.() ?? redis.quit?.());
    },
  };
}
