export {
  createPscClient,
  type PscAuthentication,
  type PscCibaChannel,
  type PscCibaRequest,
  type PscCibaResult,
  PscClient,
  type PscClientAuthMethod,
  type PscClientOptions,
  type PscTlsClientCertificate,
  type PscTransaction,
} from './client.js';
export { toServerPscError } from './errors.js';
export { createPscHandlers, type PscHandlers, type PscHandlersOptions } from './handlers.js';
export { safeReturnTo } from './responses.js';
export { MemoryPscSessionStore, type PscSession, type PscSessionStore } from './session-store.js';
