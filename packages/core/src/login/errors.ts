/**
 * The closed set of errors of the sign-in journey (`<af-login>` and its machine). Each code has a developer message
 * here (English) and a user message per language in `@authforte/elements` (French default, English complete).
 * Services (adapters of the card agent client, of the PSC client, of the host backend) may throw anything: the
 * machine turns it into a `LoginError` with `toLoginError`, which understands the agent's and PSC's codes.
 */

export const LOGIN_ERROR_CODES = [
  'agent-not-installed',
  'agent-blocked',
  'agent-version-mismatch',
  'agent-not-paired',
  'agent-stopped',
  'agent-unavailable',
  'pairing-code-invalid',
  'pairing-expired',
  'no-reader',
  'no-card',
  'card-removed',
  'card-unreadable',
  'card-expired',
  'pin-incorrect',
  'pin-locked',
  'pin-final-try',
  'psc-refused',
  'psc-expired',
  'psc-popup-blocked',
  'psc-failed',
  'psc-unknown-user',
  'psc-rate-limited',
  'national-id-invalid',
  'timeout',
  'cancelled',
  'network',
  'verification-failed',
  'not-configured',
  'origin-refused',
] as const;

export type LoginErrorCode = (typeof LOGIN_ERROR_CODES)[number];

/** Developer messages (English). User messages live with the element's strings. */
export const LOGIN_ERROR_MESSAGES: Record<LoginErrorCode, string> = {
  'agent-not-installed': 'The card agent does not answer: it is not installed or not running.',
  'agent-blocked': "The browser's local network permission blocks access to the card agent.",
  'agent-version-mismatch': 'The card agent speaks another protocol version than this page.',
  'agent-not-paired': 'This origin is not paired with the card agent and pairing was not completed.',
  'agent-stopped': 'The card agent stopped answering during the sign-in.',
  'agent-unavailable': 'The card agent cannot use the cards (PKCS#11 module not loaded, or the agent is busy).',
  'pairing-code-invalid': 'The pairing code typed does not match the one the agent shows.',
  'pairing-expired': 'The pairing request expired before it was confirmed.',
  'no-reader': 'No card reader is connected.',
  'no-card': 'No card is in the reader.',
  'card-removed': 'The card was removed during the sign-in.',
  'card-unreadable': 'The card has no usable authentication certificate and key.',
  'card-expired': 'The authentication certificate of the card is expired or not yet valid.',
  'pin-incorrect': 'Wrong PIN; see triesLeft.',
  'pin-locked': 'The PIN is locked; the card needs its unblocking code (PUK).',
  'pin-final-try': 'The PIN is at its final try: the user must confirm before it is used.',
  'psc-refused': 'The user (or Pro Santé Connect) refused the sign-in.',
  'psc-expired': 'The Pro Santé Connect sign-in request (CIBA) expired before the user approved it.',
  'psc-popup-blocked': 'The browser blocked the Pro Santé Connect popup.',
  'psc-failed': 'Pro Santé Connect answered with an error or an invalid response.',
  'psc-unknown-user':
    'Pro Santé Connect knows no active e-CPS for this national identifier (CIBA `unknown_user_id`, Keycloak `invalid_user`).',
  'psc-rate-limited':
    'Too many in-page e-CPS approval requests (one pending per professional, a few per hour); see retryAfter.',
  'national-id-invalid': 'The national identifier typed is not well-formed.',
  timeout: 'An operation did not finish in time.',
  cancelled: 'The user cancelled the sign-in.',
  network: 'A request to the host application or to Pro Santé Connect failed (network).',
  'verification-failed': "The host application's server rejected the proof of authentication.",
  'not-configured': 'The element has no service for this step: set `services` on <af-login> or in <af-config>.',
  'origin-refused':
    "The host application's server refused the request because of the page's origin (403 cross-origin): the page is not served from the address the server expects.",
};

export function isLoginErrorCode(value: unknown): value is LoginErrorCode {
  return typeof value === 'string' && (LOGIN_ERROR_CODES as readonly string[]).includes(value);
}

/** An error of the sign-in journey, with a code from the closed set. */
export class LoginError extends Error {
  override readonly name = 'LoginError';
  readonly code: LoginErrorCode;
  /** For `pin-incorrect`: tries left after this attempt. */
  readonly triesLeft: number | undefined;
  /** For `psc-rate-limited`: whole seconds before a new request is accepted. */
  readonly retryAfter: number | undefined;

  constructor(
    code: LoginErrorCode,
    message: string = LOGIN_ERROR_MESSAGES[code],
    details: { triesLeft?: number; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.triesLeft = details.triesLeft;
    this.retryAfter = details.retryAfter;
  }
}

/** Codes of the card agent client and of the PSC clients, mapped to the sign-in's closed set. */
const FOREIGN_CODES: Record<string, LoginErrorCode> = {
  'not-paired': 'agent-not-paired',
  'origin-not-allowed': 'agent-not-paired',
  'pairing-disabled': 'agent-not-paired',
  'pairing-unknown': 'pairing-expired',
  'final-try-confirmation-required': 'pin-final-try',
  'module-unavailable': 'agent-unavailable',
  busy: 'agent-unavailable',
  'rate-limited': 'agent-unavailable',
  'network-error': 'agent-stopped',
  'protocol-error': 'agent-version-mismatch',
  'psc-unreachable': 'network',
  'psc-not-signed-in': 'psc-failed',
};

/**
 * The `error` code a host's server answers (with HTTP 403) when a request comes from a page whose origin is not
 * the one it expects: the page was opened at another address (`127.0.0.1` instead of `localhost`, another port,
 * http instead of https). A host's transport throws an error with this `code`, or with `status: 403` and this
 * `error`; nothing the user retries can fix it, so it has its own message.
 */
export const ORIGIN_REFUSED = 'origin-refused';

/** Turns whatever a service threw into a `LoginError` (`fallback` when nothing is recognised). */
export function toLoginError(err: unknown, fallback: LoginErrorCode = 'network'): LoginError {
  if (err instanceof LoginError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    triesLeft?: unknown;
    error?: unknown;
    retryAfter?: unknown;
  };
  const message = typeof e.message === 'string' && e.message ? e.message : undefined;
  const triesLeft = typeof e.triesLeft === 'number' ? { triesLeft: e.triesLeft } : {};
  if (e.error === ORIGIN_REFUSED) return new LoginError('origin-refused', message, { cause: err });
  // PSC's CIBA budget (the card agent's own `rate-limited` is an agent matter, below)
  if (e.name === 'PscError' && e.code === 'rate-limited') {
    const retryAfter = typeof e.retryAfter === 'number' && e.retryAfter > 0 ? { retryAfter: e.retryAfter } : {};
    return new LoginError('psc-rate-limited', message, { ...retryAfter, cause: err });
  }
  if (isLoginErrorCode(e.code)) return new LoginError(e.code, message, { ...triesLeft, cause: err });
  if (typeof e.code === 'string') {
    const mapped = FOREIGN_CODES[e.code] ?? (e.code.startsWith('psc-') ? 'psc-failed' : undefined);
    if (mapped) return new LoginError(mapped, message, { ...triesLeft, cause: err });
  }
  if (e.name === 'AbortError') return new LoginError('cancelled', message, { cause: err });
  if (e.name === 'TimeoutError') return new LoginError('timeout', message, { cause: err });
  return new LoginError(fallback, message, { cause: err });
}

/** What the machine keeps of an error (serialisable: no stack, no cause). */
export interface LoginErrorInfo {
  code: LoginErrorCode;
  /** Developer message. */
  message: string;
  triesLeft?: number;
  retryAfter?: number;
}

export function errorInfo(err: unknown, fallback?: LoginErrorCode): LoginErrorInfo {
  const e = toLoginError(err, fallback);
  return {
    code: e.code,
    message: e.message,
    ...(e.triesLeft === undefined ? {} : { triesLeft: e.triesLeft }),
    ...(e.retryAfter === undefined ? {} : { retryAfter: e.retryAfter }),
  };
}
