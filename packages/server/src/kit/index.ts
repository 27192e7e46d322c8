/** The one-call server kit: `createAuthForte`, its store (memory, Redis), its adapters and its signed assertion. */
export { authForteFastify, authForteHono, authForteNode } from './adapters.js';
export { type AssertionKey, assertionKeyFromSecret, type IdentityAssertionClaims } from './assertion.js';
export {
  type AuthForte,
  type AuthForteAccounts,
  type AuthForteOptions,
  type AuthForteSessionHooks,
  createAuthForte,
  type KitConfigBody,
  type KitIdentity,
  type KitSession,
} from './authforte.js';
export { createRedisStore, type RedisCommander, type RedisStoreOptions } from './redis.js';
export { type AuthForteStore, MemoryStore, storeLockout, storeNonces, storePscSessions } from './store.js';
