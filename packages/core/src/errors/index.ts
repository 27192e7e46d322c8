/** `@authforte/core/errors`: the one error model (`AuthForteError`), each domain's table, the login mapping. */
export {
  AGENT_ERROR_CODES,
  AGENT_ERRORS,
  AgentError,
  type AgentErrorCode,
} from '../agent/errors.js';
export { PSC_ERROR_CODES, PSC_ERRORS, PscError, type PscErrorCode } from '../psc/errors.js';
export * from './account-link.js';
export * from './activation.js';
export * from './authforte-error.js';
export * from './host.js';
export * from './login.js';
export * from './login-codes.js';
