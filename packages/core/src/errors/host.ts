/**
 * The codes a host's server (`@authforte/server`: the kit, the PSC routes, the account-link endpoint, the card
 * verify route) answers beyond the PSC and account-link sets, as ONE table. Every error answer of a host endpoint is
 * the envelope `{ "error": { code, category, retryable, message, details } }` (docs/http-api.md, docs/errors.md).
 */
import { AuthForteError, codesOf, type ErrorDetails, type ErrorTable, isCodeOf, row } from './authforte-error.js';

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
  'bad-request': row('developer', false, 'The request is malformed.', 400),
  'not-found': row('developer', false, 'No such route.', 404),
  'method-not-allowed': row('developer', false, 'Method not allowed on this route.', 405),
  'body-too-large': row('developer', false, 'The request body is too large.', 413),
  csrf: row('environment', true, 'Missing or invalid CSRF token (GET the session first).', 403),
  'origin-refused': row(
    'developer',
    false,
    'Cross-origin request refused: the page is not served from the address the server expects.',
    403,
  ),
  'not-configured': row('developer', false, 'This sign-in means is not configured on the server.', 404),
  'verification-failed': row('remote', true, 'The proof of authentication was refused.', 400),
  'card-expired': row('user', false, 'The card authentication certificate is expired or not yet valid.', 400),
  'card-revoked': row('user', false, 'The card certificate is revoked.', 400),
  'card-not-accepted': row('user', false, 'The certificate is not a CPS card authentication certificate.', 400),
  'revocation-unavailable': row(
    'remote',
    true,
    'The revocation status of the card certificate could not be checked (OCSP and CRL unreachable).',
    400,
  ),
  server: row('remote', true, 'Internal error of the server.', 500),
};

export const HOST_ERROR_CODES = codesOf(HOST_ERRORS);

export function isHostErrorCode(value: unknown): value is HostErrorCode {
  return isCodeOf(HOST_ERRORS, value);
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
