/**
 * The closed set of errors of the sign-in journey (`<af-login>` and its machine), as ONE table: code → category,
 * retryable, developer message (English). What a person reads, per language, lives in `@authforte/elements`'
 * strings (French default, English complete). How every other domain's codes map into these: `./login-codes.ts`.
 */
import {
  AuthForteError,
  codesOf,
  type ErrorDetails,
  type ErrorTable,
  isCodeOf,
  messagesOf,
  row,
  rowOptions,
} from './authforte-error.js';

export type LoginErrorCode =
  | 'agent-not-installed'
  | 'agent-blocked'
  | 'agent-version-mismatch'
  | 'agent-not-paired'
  | 'agent-stopped'
  | 'agent-unavailable'
  | 'pairing-code-invalid'
  | 'pairing-expired'
  | 'no-reader'
  | 'no-card'
  | 'card-removed'
  | 'card-unreadable'
  | 'card-expired'
  | 'card-revoked'
  | 'card-not-accepted'
  | 'revocation-unavailable'
  | 'pin-incorrect'
  | 'pin-locked'
  | 'pin-final-try'
  | 'psc-refused'
  | 'psc-expired'
  | 'psc-unknown-user'
  | 'psc-popup-blocked'
  | 'psc-failed'
  | 'psc-rate-limited'
  | 'national-id-invalid'
  | 'timeout'
  | 'cancelled'
  | 'network'
  | 'verification-failed'
  | 'not-configured'
  | 'origin-refused';

export const LOGIN_ERRORS: ErrorTable<LoginErrorCode> = {
  'agent-not-installed': row(
    'environment',
    true,
    'The card agent does not answer: it is not installed or not running.',
  ),
  'agent-blocked': row('environment', true, "The browser's local network permission blocks access to the card agent."),
  'agent-version-mismatch': row('environment', false, 'The card agent speaks another protocol version than this page.'),
  'agent-not-paired': row(
    'environment',
    true,
    'This origin is not paired with the card agent and pairing was not completed.',
  ),
  'agent-stopped': row('environment', true, 'The card agent stopped answering during the sign-in.'),
  'agent-unavailable': row(
    'environment',
    true,
    'The card agent cannot use the cards (PKCS#11 module not loaded, or the agent is busy).',
  ),
  'pairing-code-invalid': row('user', true, 'The pairing code typed does not match the one the agent shows.'),
  'pairing-expired': row('user', true, 'The pairing request expired before it was confirmed.'),
  'no-reader': row('environment', true, 'No card reader is connected.'),
  'no-card': row('user', true, 'No card is in the reader.'),
  'card-removed': row('user', true, 'The card was removed during the sign-in.'),
  'card-unreadable': row('environment', false, 'The card has no usable authentication certificate and key.'),
  'card-expired': row('user', false, 'The authentication certificate of the card is expired or not yet valid.'),
  'card-revoked': row(
    'user',
    false,
    'The card certificate is revoked (card lost, stolen, replaced or withdrawn): the server refused it.',
  ),
  'card-not-accepted': row(
    'user',
    false,
    'The certificate is not a CPS card authentication certificate (e.g. a software or S/MIME certificate).',
  ),
  'revocation-unavailable': row(
    'remote',
    true,
    'The server could not check whether the card is revoked (OCSP and CRL unreachable).',
  ),
  'pin-incorrect': row('user', true, 'Wrong PIN; see triesLeft.'),
  'pin-locked': row('user', false, 'The PIN is locked; the card needs its unblocking code (PUK).'),
  'pin-final-try': row('user', true, 'The PIN is at its final try: the user must confirm before it is used.'),
  'psc-refused': row('user', true, 'The user (or Pro Santé Connect) refused the sign-in.'),
  'psc-expired': row('user', true, 'The Pro Santé Connect sign-in request (CIBA) expired before the user approved it.'),
  'psc-unknown-user': row(
    'user',
    true,
    'Pro Santé Connect knows no active e-CPS for this identifier (unknown identifier, e-CPS not activated or expired; CIBA `unknown_user_id`, Keycloak `invalid_user`).',
  ),
  'psc-popup-blocked': row('environment', true, 'The browser blocked the Pro Santé Connect popup.'),
  'psc-failed': row('remote', true, 'Pro Santé Connect answered with an error or an invalid response.'),
  'psc-rate-limited': row(
    'remote',
    true,
    'Too many in-page e-CPS approval requests (one pending per professional, a few per hour); see retryAfter.',
  ),
  'national-id-invalid': row('user', true, 'The national identifier typed is not well-formed.'),
  timeout: row('environment', true, 'An operation did not finish in time.'),
  cancelled: row('user', true, 'The user cancelled the sign-in.'),
  network: row('environment', true, 'A request to the host application or to Pro Santé Connect failed (network).'),
  'verification-failed': row('remote', true, "The host application's server rejected the proof of authentication."),
  'not-configured': row(
    'developer',
    false,
    'The element has no service for this step: set `services` on <af-login> or in <af-config>.',
  ),
  'origin-refused': row(
    'developer',
    false,
    "The host application's server refused the request because of the page's origin (403 cross-origin): the page is not served from the address the server expects.",
  ),
};

/** The codes, and their developer messages (English; user messages live with the element's strings). */
export const LOGIN_ERROR_CODES = codesOf(LOGIN_ERRORS);
export const LOGIN_ERROR_MESSAGES = messagesOf(LOGIN_ERRORS);

export const isLoginErrorCode = (value: unknown): value is LoginErrorCode => isCodeOf(LOGIN_ERRORS, value);

/**
 * An error of the sign-in journey, with a code from the closed set. `triesLeft` (`pin-incorrect`) and `retryAfter`
 * (`psc-rate-limited`, and `agent-unavailable` from a rate-limited agent: whole seconds) are its details'.
 */
export class LoginError extends AuthForteError<LoginErrorCode> {
  override readonly name = 'LoginError';

  constructor(
    code: LoginErrorCode,
    message: string = LOGIN_ERRORS[code].message,
    details: ErrorDetails & { cause?: unknown } = {},
  ) {
    const { cause, ...rest } = details;
    super(code, rowOptions(LOGIN_ERRORS, code, { message, details: rest, cause }));
  }
}
