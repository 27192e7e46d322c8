/** The one-call server kit: `createAuthForte`, its store (memory, Redis), its adapters and its signed assertion. */
export { authForteFastify, authForteHono, authForteNode } from './adapters.js';
export { type AssertionKey, assertionKeyFromSecret, type IdentityAssertionClaims } from './assertion.js';
export { createAuthForte } from './authforte.js';
export { createRedisStore, type RedisCommander, type RedisStoreOptions } from './redis.js';
export { type AuthForteStore, MemoryStore, storeLockout, storeNonces, storePscSessions } from './store.js';
export type {
  AuthForte,
  AuthForteAccounts,
  AuthForteOptions,
  AuthForteSessionHooks,
  KitConfigBody,
  KitIdentity,
  KitSession,
} from './types.js';
