import type { AccountLinkErrorCode } from '@authforte/core/account-link';

/** The codes the link endpoint answers with (the client adds `network` and `server`). */
export type AccountLinkServerErrorCode = Exclude<AccountLinkErrorCode, 'network' | 'server'>;

/** HTTP status per code. */
export const ACCOUNT_LINK_STATUS: Record<AccountLinkServerErrorCode, number> = {
  'bad-request': 400,
  'invalid-credentials': 401,
  csrf: 403,
  'no-pending-identity': 403,
  'already-linked': 409,
  locked: 429,
};

/**
 * Thrown by a host's `linkIdentity` (e.g. `already-linked` when the national identifier or the account is
 * already linked to another) to answer with that code.
 */
export class AccountLinkError extends Error {
  override readonly name = 'AccountLinkError';
  readonly code: AccountLinkServerErrorCode;
  constructor(code: AccountLinkServerErrorCode, message?: string) {
    super(message ?? code);
    this.code = code;
  }
}
