/** The account-link endpoint contract (first connection): handler, errors, lockout, pending identity tokens. */
export { ACCOUNT_LINK_STATUS, AccountLinkError, type AccountLinkServerErrorCode } from './errors.js';
export {
  type AccountLinkHandler,
  type AccountLinkHandlerOptions,
  createAccountLinkHandler,
  defaultLockoutMessage,
  defaultNormalizeUsername,
  type VerifiedAccount,
} from './handler.js';
export {
  attemptStateOf,
  createMemoryLockout,
  DEFAULT_LOCKOUT,
  type LockEntry,
  type LockoutPolicy,
  type LockoutSettings,
  type LockState,
  lockStateOf,
  nextLockEntry,
} from './lockout.js';
export { createPendingIdentityToken, type PendingIdentityTokenOptions, readPendingIdentityToken } from './pending.js';
