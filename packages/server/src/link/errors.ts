import { ACCOUNT_LINK_SERVER_ERRORS, type AccountLinkServerErrorCode } from '@authforte/core/account-link';

/** The codes the link endpoint answers with (the client adds `network` and `server`). */
export type { AccountLinkServerErrorCode };

/** HTTP status per code (the rows of `ACCOUNT_LINK_SERVER_ERRORS`). */
export const ACCOUNT_LINK_STATUS = Object.fromEntries(
  Object.entries(ACCOUNT_LINK_SERVER_ERRORS).map(([code, row]) => [code, row.status]),
) as Record<AccountLinkServerErrorCode, number>;

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
