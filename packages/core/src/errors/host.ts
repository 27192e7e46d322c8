/**
 * The codes a host's server (`@authforte/server`: the kit, the PSC routes, the account-link endpoint, the card
 * verify route) answers beyond the PSC and account-link sets, as ONE table. Every error answer of a host endpoint is
 * the envelope `{ "error": { code, category, retryable, message, details } }` (docs/http-api.md, docs/errors.md).
 */
import { AuthForteError, type ErrorDetails, type ErrorTable } from './authforte-error.js';

export type HostErrorCode =
  | 'bad-request'
  | 'not-found'
  | 'method-not-allowed'
  | 'body-too-large'
  | 'csrf'
  | 'origin-refused'
  | 'not-configured'
  | 'verification-failed'
  | 'card-expired'
  | 'card-revoked'
  | 'card-not-accepted'
  | 'revocation-unavailable'
  | 'server';

export const HOST_ERRORS: ErrorTable<HostErrorCode> = {
  'bad-request': { status: 400, category: 'developer', retryable: false, message: 'The request is malformed.' },
  'not-found': { status: 404, category: 'developer', retryable: false, message: 'No such route.' },
  'method-not-allowed': {
    status: 405,
    category: 'developer',
    retryable: false,
    message: 'Method not allowed on this route.',
  },
  'body-too-large': { status: 413, category: 'developer', retryable: false, message: 'The request body is too large.' },
  csrf: {
    status: 403,
    category: 'environment',
    retryable: true,
    message: 'Missing or invalid CSRF token (GET the session first).',
  },
  'origin-refused': {
    status: 403,
    category: 'developer',
    retryable: false,
    message: 'Cross-origin request refused: the page is not served from the address the server expects.',
  },
  'not-configured': {
    status: 404,
    category: 'developer',
    retryable: false,
    message: 'This sign-in means is not configured on the server.',
  },
  'verification-failed': {
    status: 400,
    category: 'remote',
    retryable: true,
    message: 'The proof of authentication was refused.',
  },
  'card-expired': {
    status: 400,
    category: 'user',
    retryable: false,
    message: 'The card authentication certificate is expired or not yet valid.',
  },
  'card-revoked': { status: 400, category: 'user', retryable: false, message: 'The card certificate is revoked.' },
  'card-not-accepted': {
    status: 400,
    category: 'user',
    retryable: false,
    message: 'The certificate is not a CPS card authentication certificate.',
  },
  'revocation-unavailable': {
    status: 400,
    category: 'remote',
    retryable: true,
    message: 'The revocation status of the card certificate could not be checked (OCSP and CRL unreachable).',
  },
  server: { status: 500, category: 'remote', retryable: true, message: 'Internal error of the server.' },
};

export const HOST_ERROR_CODES = Object.keys(HOST_ERRORS) as readonly HostErrorCode[];

export function isHostErrorCode(value: unknown): value is HostErrorCode {
  return typeof value === 'string' && Object.hasOwn(HOST_ERRORS, value);
}

/** A host error from its row. */
export function hostError(
  code: HostErrorCode,
  message?: string,
  details?: ErrorDetails,
): AuthForteError<HostErrorCode> {
  return AuthForteError.fromTable(HOST_ERRORS, code, { message, ...(details ? { details } : {}) });
}

/** The `error` member of a host's error answer, read into an error (`undefined` when the body is not one). */
export function errorFromEnvelope(body: unknown): AuthForteError | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  return AuthForteError.fromJSON((body as { error?: unknown }).error);
}
