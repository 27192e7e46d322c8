export { cardServicesFromAgent, loginCardFromAgent } from './agent-adapter.js';
export * from './errors.js';
export { isWellFormedPin, PinSecret, validateNationalIdInput } from './pin.js';
export { pscServicesFromBackend, pscServicesFromBrowserClient } from './psc-adapter.js';
export {
  createServerServices,
  type ServerLoginConfig,
  type ServerTransport,
  type ServerTransportOptions,
  type ServerVerifyOutcome,
} from './server-services.js';
export type * from './types.js';
