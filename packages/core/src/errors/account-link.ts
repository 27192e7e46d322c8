/**
 * The closed set of outcomes a first-connection account link can fail with, as ONE table. The first six are the
 * server contract's (`@authforte/server`'s `createAccountLinkHandler`, with their HTTP status); `network` and
 * `server` are found by the client (no answer, or an answer that is not the contract's).
 */
import { codesOf, type ErrorSpec, type ErrorTable } from './authforte-error.js';

export const ACCOUNT_LINK_SERVER_ERRORS = {
  'invalid-credentials': {
    status: 401,
    category: 'user',
    retryable: true,
    message: 'Unknown username or wrong password.',
  },
  locked: {
    status: 429,
    category: 'user',
    retryable: true,
    message: 'Too many failed attempts: linking is locked for a while (see retryAfter).',
  },
  csrf: {
    status: 403,
    category: 'environment',
    retryable: true,
    message: 'Missing or wrong CSRF token, or a cross-origin request.',
  },
  'no-pending-identity': {
    status: 403,
    category: 'user',
    retryable: false,
    message: 'No identity waits to be linked in this session (expired, or signed in already).',
  },
  'already-linked': {
    status: 409,
    category: 'user',
    retryable: false,
    message: 'The identity or the account is already linked to another.',
  },
  'bad-request': { status: 400, category: 'developer', retryable: false, message: 'The request is malformed.' },
} as const satisfies Record<string, ErrorSpec & { status: number }>;

export type AccountLinkServerErrorCode = keyof typeof ACCOUNT_LINK_SERVER_ERRORS;

export type AccountLinkErrorCode = AccountLinkServerErrorCode | 'network' | 'server';

export const ACCOUNT_LINK_ERRORS: ErrorTable<AccountLinkErrorCode> = {
  ...ACCOUNT_LINK_SERVER_ERRORS,
  network: { category: 'environment', retryable: true, message: 'The link endpoint could not be reached.' },
  server: { category: 'remote', retryable: true, message: 'The link endpoint answered outside its contract.' },
};

export const ACCOUNT_LINK_ERROR_CODES = codesOf(ACCOUNT_LINK_ERRORS);
