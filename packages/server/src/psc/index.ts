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
  toServerPscError,
} from './client.js';
export {
  createPscHandlers,
  MemoryPscSessionStore,
  type PscHandlers,
  type PscHandlersOptions,
  type PscSession,
  type PscSessionStore,
  safeReturnTo,
} from './handlers.js';
