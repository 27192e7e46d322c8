/** The account-link endpoint contract (first connection): handler, errors, lockout, pending identity tokens. */
export { ACCOUNT_LINK_STATUS, AccountLinkError, type AccountLinkServerErrorCode } from './errors.js';
export {
  type AccountLinkHandler,
  type AccountLinkHandlerOptions,
  createAccountLinkHandler,
  defaultLockoutMessage,
  type VerifiedAccount,
} from './handler.js';
export {
  createMemoryLockout,
  DEFAULT_LOCKOUT,
  failureStateOf,
  type LockoutPolicy,
  type LockoutSettings,
  type LockState,
  lockStateOf,
  nextLockEntry,
} from './lockout.js';
export { createPendingIdentityToken, type PendingIdentityTokenOptions, readPendingIdentityToken } from './pending.js';
