/**
 * The closed set of errors the PSC clients (browser, backend mode, server) can produce, as ONE table: code → HTTP
 * status (what the server routes answer), category, retryable, developer message (English). What a person reads
 * lives in the elements' strings (`error.psc-*` of `<af-login>`).
 */
import { AuthForteError, codesOf, type ErrorTable, isCodeOf, rowOptions } from '../errors/authforte-error.js';

export type PscErrorCode =
  | 'psc-refused'
  | 'psc-expired'
  | 'psc-unknown-user'
  | 'psc-state-mismatch'
  | 'psc-nonce-mismatch'
  | 'psc-acr-too-low'
  | 'psc-bad-id-token'
  | 'psc-bad-discovery'
  | 'psc-bad-userinfo'
  | 'psc-bad-callback'
  | 'psc-bad-response'
  | 'psc-unreachable'
  | 'psc-not-signed-in'
  | 'psc-popup-blocked'
  | 'psc-config'
  | 'rate-limited'
  | 'timeout'
  | 'cancelled';

export const PSC_ERRORS: ErrorTable<PscErrorCode> = {
  'psc-refused': {
    status: 400,
    category: 'user',
    retryable: true,
    message: 'Sign-in with Pro Santé Connect was refused.',
  },
  'psc-expired': {
    status: 400,
    category: 'user',
    retryable: true,
    message: 'The sign-in request expired. Start again and approve it sooner in the e-CPS app.',
  },
  'psc-unknown-user': {
    status: 400,
    category: 'user',
    retryable: true,
    message:
      'This national identifier has no active e-CPS. Check the number (8 followed by the RPPS number) or activate your e-CPS.',
  },
  'psc-state-mismatch': {
    status: 400,
    category: 'user',
    retryable: true,
    message: 'The Pro Santé Connect response matches no sign-in in progress. Start again from the application.',
  },
  'psc-nonce-mismatch': {
    status: 400,
    category: 'remote',
    retryable: true,
    message: 'The Pro Santé Connect response was rejected (replayed or unexpected token). Start again.',
  },
  'psc-acr-too-low': {
    status: 400,
    category: 'remote',
    retryable: false,
    message: 'The authentication level is too low: strong authentication (CPS card or e-CPS) is required.',
  },
  'psc-bad-id-token': {
    status: 400,
    category: 'remote',
    retryable: false,
    message: 'The ID token received is not valid (issuer, audience, signature or dates). Sign-in was blocked.',
  },
  'psc-bad-discovery': {
    status: 502,
    category: 'remote',
    retryable: true,
    message: 'The Pro Santé Connect configuration document is unreadable or inconsistent.',
  },
  'psc-bad-userinfo': {
    status: 400,
    category: 'remote',
    retryable: false,
    message: "The professional's data received from Pro Santé Connect is incomplete or unreadable.",
  },
  'psc-bad-callback': {
    status: 400,
    category: 'user',
    retryable: true,
    message: 'The Pro Santé Connect return address is incomplete or malformed.',
  },
  'psc-bad-response': {
    status: 502,
    category: 'remote',
    retryable: true,
    message: 'Pro Santé Connect answered unexpectedly. Try again later.',
  },
  'psc-unreachable': {
    status: 502,
    category: 'environment',
    retryable: true,
    message: 'Pro Santé Connect cannot be reached. Check your connection and try again.',
  },
  'psc-not-signed-in': {
    status: 401,
    category: 'user',
    retryable: true,
    message: 'You are not signed in with Pro Santé Connect.',
  },
  'psc-popup-blocked': {
    status: 400,
    category: 'environment',
    retryable: true,
    message: 'The sign-in window could not open. Allow pop-ups for this site.',
  },
  'psc-config': {
    status: 400,
    category: 'developer',
    retryable: false,
    message: 'Pro Santé Connect is misconfigured in this application.',
  },
  'rate-limited': {
    status: 429,
    category: 'remote',
    retryable: true,
    message: 'Too many e-CPS approval requests were sent. Wait before trying again, or sign in with your CPS card.',
  },
  timeout: { status: 504, category: 'remote', retryable: true, message: 'Sign-in took too long. Start again.' },
  cancelled: { status: 400, category: 'user', retryable: true, message: 'Sign-in was cancelled.' },
};

export const PSC_ERROR_CODES = codesOf(PSC_ERRORS);

/**
 * An error of the PSC clients: `code` is one of {@link PSC_ERROR_CODES}; `message` is for developers; `retryAfter`
 * (`rate-limited`): whole seconds before a new attempt is accepted.
 */
export class PscError extends AuthForteError<PscErrorCode> {
  override readonly name = 'PscError';

  constructor(code: PscErrorCode, message?: string, options?: { cause?: unknown; retryAfter?: number }) {
    super(
      code,
      rowOptions(PSC_ERRORS, code, {
        message,
        ...(options?.retryAfter === undefined ? {} : { details: { retryAfter: options.retryAfter } }),
        cause: options?.cause,
      }),
    );
  }
}

export function isPscError(value: unknown): value is PscError {
  return (
    value instanceof PscError ||
    (value instanceof Error && value.name === 'PscError' && PSC_ERROR_CODES.includes((value as PscError).code))
  );
}

export function isPscErrorCode(value: unknown): value is PscErrorCode {
  return isCodeOf(PSC_ERRORS, value);
}

/**
 * The error an OAuth error response (`error` parameter of a callback, or an error body of the token
 * endpoint) stands for.
 */
export function pscErrorFromOAuthError(error: string, description?: string): PscError {
  const detail = description ? `${error}: ${description}` : error;
  switch (error) {
    case 'access_denied':
      return /expir/i.test(description ?? '')
        ? new PscError('psc-expired', detail)
        : new PscError('psc-refused', detail);
    case 'expired_token':
      return new PscError('psc-expired', detail);
    case 'login_required':
    case 'interaction_required':
    case 'consent_required':
    case 'account_selection_required':
      return new PscError('psc-refused', detail);
    case 'invalid_grant':
      return new PscError('psc-state-mismatch', detail);
    case 'unknown_user_id':
    case 'invalid_user':
      return new PscError('psc-unknown-user', detail);
    case 'unauthorized_client':
    case 'invalid_client':
    case 'invalid_binding_message':
    case 'missing_user_code':
    case 'invalid_user_code':
    case 'invalid_scope':
    case 'invalid_request':
      // Keycloak (PSC) answers a CIBA login_hint it cannot resolve with `400 invalid_request`, the description
      // naming the user (PSC: `invalid_user`; Keycloak's BackchannelAuthenticationEndpoint: "no user found", "user
      // deactivated"): an identifier without an active e-CPS, not a configuration fault.
      if (
        /invalid[_ ]user|unknown[_ ]user|user[_ ](?:not[_ ]found|unknown|deactivated|disabled)|no user/i.test(
          description ?? '',
        )
      )
        return new PscError('psc-unknown-user', detail);
      return new PscError('psc-config', detail);
    case 'unsupported_response_type':
      return new PscError('psc-config', detail);
    default:
      return new PscError('psc-bad-response', detail);
  }
}
