export { cardServicesFromAgent, loginCardFromAgent } from './agent-adapter.js';
export * from './errors.js';
export { isWellFormedPin, PinSecret, validateNationalIdInput } from './pin.js';
export { pscServicesFromBackend, pscServicesFromBrowserClient } from './psc-adapter.js';
export { type LazyServerTransport, lazyServerServices } from './server-lazy.js';
export type {
  ServerLoginConfig,
  ServerTransport,
  ServerTransportOptions,
  ServerVerifyOutcome,
} from './server-services.js';
export type * from './types.js';
