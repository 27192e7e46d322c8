/** `@authforte/core/errors`: the one error model (`AuthForteError`), each domain's table, the login mapping. */
export {
  AGENT_ERRORS,
  AGENT_ERROR_CODES,
  AgentError,
  type AgentErrorCode,
} from '../agent/errors.js';
export { PSC_ERRORS, PSC_ERROR_CODES, PscError, type PscErrorCode } from '../psc/errors.js';
export * from './account-link.js';
export * from './authforte-error.js';
export * from './host.js';
export * from './login.js';
export * from './login-codes.js';
