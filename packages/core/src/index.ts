export * from './ecps-activation/ecps-activation.machine.js';
export {
  AuthForteError,
  type AuthForteErrorJSON,
  type ErrorCategory,
  type ErrorDetails,
  type ErrorSpec,
  type ErrorTable,
  isAuthForteError,
} from './errors/authforte-error.js';
export * from './identifiers/index.js';
export * from './identity/index.js';
export * from './professions/index.js';
export * from './professions/profession-classifier.machine.js';
export { isSafeRedirect, safeHref, safeRedirectPath } from './redirect.js';
