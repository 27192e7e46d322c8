/**
 * Every other domain's codes mapped into the sign-in's closed set, as complete tables (a code added to a domain
 * without a row here does not compile), and the one function that turns whatever a service threw into a
 * `LoginError`. The mapping keeps what the user must read: the details (`retryAfter`, `triesLeft`, the agent's
 * protocol versions) and the code it came from (`details.sourceCode`).
 */
import type { AgentErrorCode } from '../agent/errors.js';
import { AGENT_PROTOCOL_VERSION } from '../agent/protocol.js';
import type { AgentStatus } from '../login/types.js';
import type { PscErrorCode } from '../psc/errors.js';
import type { NationalIdCheckErrorCode } from './activation.js';
import { type AuthForteError, type ErrorDetails, readErrorDetails } from './authforte-error.js';
import type { HostErrorCode } from './host.js';
import { isLoginErrorCode, LoginError, type LoginErrorCode } from './login.js';

/** The card agent's codes (server and client side). */
export const AGENT_TO_LOGIN: { readonly [K in AgentErrorCode]: LoginErrorCode } = {
  // the page and the agent do not follow the same contract: an agent of another version
  'bad-request': 'agent-version-mismatch',
  'pin-format-invalid': 'agent-version-mismatch',
  'not-found': 'agent-version-mismatch',
  'method-not-allowed': 'agent-version-mismatch',
  'body-too-large': 'agent-version-mismatch',
  'unsupported-media-type': 'agent-version-mismatch',
  'protocol-error': 'agent-version-mismatch',
  'agent-version-mismatch': 'agent-version-mismatch',
  // the agent does not accept this page
  'not-paired': 'agent-not-paired',
  'origin-required': 'agent-not-paired',
  'origin-not-allowed': 'agent-not-paired',
  'host-not-allowed': 'agent-not-paired',
  'pairing-disabled': 'agent-not-paired',
  'pairing-unknown': 'pairing-expired',
  'pairing-code-invalid': 'pairing-code-invalid',
  // the agent cannot use the cards now (`rate-limited` keeps its retryAfter)
  busy: 'agent-unavailable',
  'rate-limited': 'agent-unavailable',
  'module-unavailable': 'agent-unavailable',
  'internal-error': 'agent-unavailable',
  'final-try-confirmation-required': 'pin-final-try',
  'pin-incorrect': 'pin-incorrect',
  'pin-locked': 'pin-locked',
  'no-reader': 'no-reader',
  'no-card': 'no-card',
  'card-removed': 'card-removed',
  'card-unreadable': 'card-unreadable',
  'agent-not-installed': 'agent-not-installed',
  'agent-blocked': 'agent-blocked',
  timeout: 'timeout',
  cancelled: 'cancelled',
  'network-error': 'agent-stopped',
};

/** The PSC clients' codes. */
export const PSC_TO_LOGIN: { readonly [K in PscErrorCode]: LoginErrorCode } = {
  'psc-refused': 'psc-refused',
  'psc-expired': 'psc-expired',
  'psc-unknown-user': 'psc-unknown-user',
  'psc-popup-blocked': 'psc-popup-blocked',
  'rate-limited': 'psc-rate-limited',
  'psc-unreachable': 'network',
  timeout: 'timeout',
  cancelled: 'cancelled',
  // PSC's answer could not be used: the user can only start again (the code is kept in details.sourceCode)
  'psc-state-mismatch': 'psc-failed',
  'psc-nonce-mismatch': 'psc-failed',
  'psc-acr-too-low': 'psc-failed',
  'psc-bad-id-token': 'psc-failed',
  'psc-bad-discovery': 'psc-failed',
  'psc-bad-userinfo': 'psc-failed',
  'psc-bad-callback': 'psc-failed',
  'psc-bad-response': 'psc-failed',
  'psc-not-signed-in': 'psc-failed',
  'psc-config': 'psc-failed',
};

/** What can be wrong with a national identifier typed (`NationalIdError`, the activation's checks). */
export const NATIONAL_ID_TO_LOGIN: { readonly [K in NationalIdCheckErrorCode]: LoginErrorCode } = {
  'invalid-type': 'national-id-invalid',
  empty: 'national-id-invalid',
  'too-long': 'national-id-invalid',
  'invalid-characters': 'national-id-invalid',
  'unknown-prefix': 'national-id-invalid',
  'wrong-length': 'national-id-invalid',
  'invalid-format': 'national-id-invalid',
  'missing-separator': 'national-id-invalid',
  'unexpected-separator': 'national-id-invalid',
  'invalid-structure-id': 'national-id-invalid',
  'invalid-personal-id': 'national-id-invalid',
  'not-rpps': 'national-id-invalid',
  'missing-prefix': 'national-id-invalid',
};

/**
 * A host server's own codes. `null`: a request the page's transport made that the server could not serve (a route
 * or a CSRF token missing, an internal error) — it stands for the failure of that step, which the transport names
 * (`network` for a nonce, `verification-failed` for a verify): see `toLoginError`'s `fallback`.
 */
export const HOST_TO_LOGIN: { readonly [K in HostErrorCode]: LoginErrorCode | null } = {
  'origin-refused': 'origin-refused',
  'not-configured': 'not-configured',
  'verification-failed': 'verification-failed',
  'card-expired': 'card-expired',
  'card-revoked': 'card-revoked',
  'card-not-accepted': 'card-not-accepted',
  'revocation-unavailable': 'revocation-unavailable',
  'bad-request': null,
  'not-found': null,
  'method-not-allowed': null,
  'body-too-large': null,
  csrf: null,
  server: null,
};

/**
 * The `error` code a host's server answers (with HTTP 403) when a request comes from a page whose origin is not
 * the one it expects: the page was opened at another address (`127.0.0.1` instead of `localhost`, another port,
 * http instead of https). Nothing the user retries can fix it, so it has its own message.
 */
export const ORIGIN_REFUSED = 'origin-refused';

type Thrown = {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  error?: unknown;
  details?: unknown;
  triesLeft?: unknown;
  retryAfter?: unknown;
  retryAfterSeconds?: unknown;
};

/** The details of whatever was thrown: an AuthForteError's, else its loose fields (older errors, fakes). */
function detailsOf(e: Thrown): ErrorDetails {
  const loose = readErrorDetails({
    triesLeft: e.triesLeft,
    retryAfter: typeof e.retryAfter === 'number' ? e.retryAfter : e.retryAfterSeconds,
  });
  if (loose.retryAfter === 0) delete loose.retryAfter;
  return { ...loose, ...readErrorDetails(e.details) };
}

/** The sign-in code a foreign `code` stands for, by the domain its error says it is from. */
function foreignCode(e: Thrown): LoginErrorCode | null | undefined {
  const code = e.code;
  if (typeof code !== 'string') return undefined;
  if (e.name === 'PscError') return Object.hasOwn(PSC_TO_LOGIN, code) ? PSC_TO_LOGIN[code as PscErrorCode] : undefined;
  if (e.name === 'AgentError')
    return Object.hasOwn(AGENT_TO_LOGIN, code) ? AGENT_TO_LOGIN[code as AgentErrorCode] : undefined;
  if (e.name === 'NationalIdError')
    return Object.hasOwn(NATIONAL_ID_TO_LOGIN, code)
      ? NATIONAL_ID_TO_LOGIN[code as NationalIdCheckErrorCode]
      : undefined;
  if (isLoginErrorCode(code)) return code;
  // an error without its domain's name (a host's transport, a test fake): the sets, in this order
  if (Object.hasOwn(HOST_TO_LOGIN, code)) return HOST_TO_LOGIN[code as HostErrorCode];
  if (Object.hasOwn(AGENT_TO_LOGIN, code)) return AGENT_TO_LOGIN[code as AgentErrorCode];
  if (Object.hasOwn(PSC_TO_LOGIN, code)) return PSC_TO_LOGIN[code as PscErrorCode];
  return code.startsWith('psc-') ? 'psc-failed' : undefined;
}

/**
 * Turns whatever a service threw into a `LoginError`, keeping its details and the code it came from. `fallback`
 * (default `network`) is used for what no table knows, and for a host's generic codes (`HOST_TO_LOGIN` `null`).
 */
export function toLoginError(err: unknown, fallback: LoginErrorCode = 'network'): LoginError {
  if (err instanceof LoginError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as Thrown;
  const message = typeof e.message === 'string' && e.message ? e.message : undefined;
  const details = detailsOf(e);
  const withSource = (code: LoginErrorCode) =>
    new LoginError(code, message, {
      ...details,
      ...(typeof e.code === 'string' && e.code !== code ? { sourceCode: e.code } : {}),
      cause: err,
    });
  // the backend PSC client keeps a host's `origin-refused` as `error`
  if (e.error === ORIGIN_REFUSED) return withSource('origin-refused');
  const mapped = foreignCode(e);
  if (mapped) return withSource(mapped);
  if (mapped === undefined && e.name === 'AbortError') return withSource('cancelled');
  if (mapped === undefined && e.name === 'TimeoutError') return withSource('timeout');
  return withSource(fallback);
}

/** What the machine keeps of an error (serialisable: no stack, no cause). */
export interface LoginErrorInfo {
  code: LoginErrorCode;
  /** Developer message. */
  message: string;
  category: AuthForteError['category'];
  retryable: boolean;
  /** Everything the error says beyond its code (`retryAfter`, `triesLeft`, the agent's versions, `sourceCode`). */
  details: ErrorDetails;
  /** = `details.triesLeft`. */
  triesLeft?: number;
  /** = `details.retryAfter`. */
  retryAfter?: number;
}

/** An error as a host sees it (the login machine's `error` event, `af-error`'s detail): the error's JSON form. */
export type LoginErrorSummary = Pick<LoginErrorInfo, 'code' | 'message' | 'category' | 'retryable' | 'details'>;

/** `info` as a host sees it, without the machine's shortcuts to its details (`triesLeft`, `retryAfter`). */
export function loginErrorSummary({ code, message, category, retryable, details }: LoginErrorInfo): LoginErrorSummary {
  return { code, message, category, retryable, details };
}

export function errorInfo(err: unknown, fallback?: LoginErrorCode): LoginErrorInfo {
  const e = toLoginError(err, fallback);
  return {
    ...e.toJSON(),
    code: e.code,
    ...(e.triesLeft === undefined ? {} : { triesLeft: e.triesLeft }),
    ...(e.retryAfter === undefined ? {} : { retryAfter: e.retryAfter }),
  };
}

/**
 * The error of a card agent that cannot be used (`detect` did not answer `ready` or `not-paired`): blocked by the
 * browser, of another protocol version (with the versions it speaks and the one this page needs), or not installed.
 */
export function agentProblemInfo(status: AgentStatus | undefined): LoginErrorInfo {
  if (status?.status === 'blocked') return errorInfo({ code: 'agent-blocked' });
  if (status?.status === 'version-mismatch')
    return errorInfo({
      code: 'agent-version-mismatch',
      details: {
        requiredVersions: [AGENT_PROTOCOL_VERSION],
        ...(status.versions ? { agentVersions: status.versions } : {}),
      },
    });
  return errorInfo({ code: 'agent-not-installed' });
}
