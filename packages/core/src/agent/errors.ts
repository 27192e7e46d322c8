/**
 * The closed set of card agent error codes, shared by the agent (HTTP answers) and the client: ONE table per side
 * (code → HTTP status, category, retryable, developer message). The UI maps codes to user messages.
 */
import { AuthForteError, type ErrorDetails, type ErrorSpec, type ErrorTable } from '../errors/authforte-error.js';

/** Codes the agent sends in `{ error: { code } }`, with their HTTP status. */
export const AGENT_SERVER_ERRORS = {
  'bad-request': {
    status: 400,
    category: 'developer',
    retryable: false,
    message: 'The request is malformed (invalid JSON or fields).',
  },
  'pin-format-invalid': { status: 400, category: 'user', retryable: true, message: 'The PIN must be 4 to 8 digits.' },
  'not-paired': {
    status: 401,
    category: 'environment',
    retryable: true,
    message: 'This origin is not paired with the card agent.',
  },
  'origin-required': {
    status: 403,
    category: 'developer',
    retryable: false,
    message: 'The request has no Origin header.',
  },
  'origin-not-allowed': {
    status: 403,
    category: 'environment',
    retryable: false,
    message: 'This origin is not allowed to use the card agent.',
  },
  'host-not-allowed': {
    status: 421,
    category: 'developer',
    retryable: false,
    message: 'The Host header is not a loopback name of the agent (DNS rebinding protection).',
  },
  'pairing-disabled': {
    status: 403,
    category: 'environment',
    retryable: false,
    message: 'The agent does not accept pairing requests.',
  },
  'not-found': { status: 404, category: 'developer', retryable: false, message: 'No such endpoint.' },
  'pairing-unknown': { status: 404, category: 'user', retryable: true, message: 'Unknown or expired pairing request.' },
  'method-not-allowed': {
    status: 405,
    category: 'developer',
    retryable: false,
    message: 'Method not allowed on this endpoint.',
  },
  'pairing-code-invalid': { status: 403, category: 'user', retryable: true, message: 'The pairing code is wrong.' },
  busy: { status: 409, category: 'environment', retryable: true, message: 'The card is busy with another operation.' },
  'final-try-confirmation-required': {
    status: 409,
    category: 'user',
    retryable: true,
    message: 'The PIN is at its final try: confirm explicitly (confirmFinalTry) to use it.',
  },
  'body-too-large': { status: 413, category: 'developer', retryable: false, message: 'The request body is too large.' },
  'unsupported-media-type': {
    status: 415,
    category: 'developer',
    retryable: false,
    message: 'The request body must be application/json.',
  },
  'pin-incorrect': {
    status: 403,
    category: 'user',
    retryable: true,
    message: 'Wrong PIN (the answer says how many tries are left).',
  },
  'pin-locked': {
    status: 423,
    category: 'user',
    retryable: false,
    message: 'The PIN is locked; the card needs its unblocking code.',
  },
  'rate-limited': { status: 429, category: 'environment', retryable: true, message: 'Too many requests; retry later.' },
  'no-reader': { status: 503, category: 'environment', retryable: true, message: 'No card reader found.' },
  'no-card': { status: 404, category: 'user', retryable: true, message: 'No card in the reader.' },
  'card-removed': {
    status: 410,
    category: 'user',
    retryable: true,
    message: 'The card was removed during the operation.',
  },
  'card-unreadable': {
    status: 422,
    category: 'environment',
    retryable: false,
    message: 'The card has no usable authentication certificate and key.',
  },
  'module-unavailable': {
    status: 503,
    category: 'environment',
    retryable: true,
    message: 'The PKCS#11 module (Cryptolib CPS) could not be loaded.',
  },
  'internal-error': {
    status: 500,
    category: 'environment',
    retryable: true,
    message: 'Internal error in the card agent.',
  },
} as const satisfies Record<string, ErrorSpec & { status: number }>;

export type AgentServerErrorCode = keyof typeof AGENT_SERVER_ERRORS;

/** Codes only the client produces (it could not get an answer it understands). */
export const AGENT_CLIENT_ERRORS = {
  'agent-not-installed': {
    category: 'environment',
    retryable: true,
    message: 'The card agent does not answer: it is not installed or not running.',
  },
  'agent-blocked': {
    category: 'environment',
    retryable: true,
    message: "The browser's local network permission blocks access to the card agent.",
  },
  'agent-version-mismatch': {
    category: 'environment',
    retryable: false,
    message: 'The card agent speaks another protocol version.',
  },
  timeout: { category: 'environment', retryable: true, message: 'The card agent did not answer in time.' },
  cancelled: { category: 'user', retryable: true, message: 'The operation was cancelled.' },
  'network-error': { category: 'environment', retryable: true, message: 'The connection to the card agent failed.' },
  'protocol-error': {
    category: 'developer',
    retryable: false,
    message: 'The card agent sent an answer that does not follow the protocol.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type AgentClientErrorCode = keyof typeof AGENT_CLIENT_ERRORS;

export type AgentErrorCode = AgentServerErrorCode | AgentClientErrorCode;

/** The agent's whole closed set. */
export const AGENT_ERRORS: ErrorTable<AgentErrorCode> = { ...AGENT_SERVER_ERRORS, ...AGENT_CLIENT_ERRORS };

/** HTTP status per code the agent answers. */
export const AGENT_ERROR_STATUS = Object.fromEntries(
  Object.entries(AGENT_SERVER_ERRORS).map(([code, spec]) => [code, spec.status]),
) as { readonly [K in AgentServerErrorCode]: (typeof AGENT_SERVER_ERRORS)[K]['status'] };

export const CLIENT_ERROR_CODES = Object.keys(AGENT_CLIENT_ERRORS) as readonly AgentClientErrorCode[];

export const AGENT_ERROR_CODES: readonly AgentErrorCode[] = Object.keys(AGENT_ERRORS) as AgentErrorCode[];

/** Developer messages (English). User-facing, localised messages belong to the elements. */
export const AGENT_ERROR_MESSAGES = Object.fromEntries(
  AGENT_ERROR_CODES.map((code) => [code, AGENT_ERRORS[code].message]),
) as Record<AgentErrorCode, string>;

export function isAgentErrorCode(value: unknown): value is AgentErrorCode {
  return typeof value === 'string' && Object.hasOwn(AGENT_ERRORS, value);
}

/** An error from the card agent or the client, with a code from the closed set. */
export class AgentError extends AuthForteError<AgentErrorCode> {
  override readonly name = 'AgentError';
  /** For `pin-incorrect`: tries left after this attempt (= `details.triesLeft`). */
  readonly triesLeft: number | undefined;
  /** For `rate-limited` (= `details.retryAfter`). */
  readonly retryAfterSeconds: number | undefined;
  /** HTTP status when the agent answered (= `details.status`). */
  readonly status: number | undefined;

  constructor(
    code: AgentErrorCode,
    message: string = AGENT_ERRORS[code].message,
    details: {
      triesLeft?: number;
      retryAfterSeconds?: number;
      status?: number;
      agentVersions?: number[];
      requiredVersions?: number[];
      cause?: unknown;
    } = {},
  ) {
    const { cause, retryAfterSeconds, ...rest } = details;
    const d: ErrorDetails = { ...rest, ...(retryAfterSeconds === undefined ? {} : { retryAfter: retryAfterSeconds }) };
    super(code, {
      category: AGENT_ERRORS[code].category,
      retryable: AGENT_ERRORS[code].retryable,
      message,
      details: d,
      ...(cause === undefined ? {} : { cause }),
    });
    this.triesLeft = details.triesLeft;
    this.retryAfterSeconds = retryAfterSeconds;
    this.status = details.status;
  }
}
