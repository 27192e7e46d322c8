/**
 * The closed set of card agent error codes, shared by the agent (HTTP answers) and the client.
 * Each has an HTTP status (agent side) and a developer message; the UI maps codes to user messages.
 */

/** Codes the agent sends in `{ error: { code } }`, with their HTTP status. */
export const AGENT_ERROR_STATUS = {
  'bad-request': 400,
  'pin-format-invalid': 400,
  'not-paired': 401,
  'origin-required': 403,
  'origin-not-allowed': 403,
  'host-not-allowed': 421,
  'pairing-disabled': 403,
  'not-found': 404,
  'pairing-unknown': 404,
  'method-not-allowed': 405,
  'pairing-code-invalid': 403,
  busy: 409,
  'final-try-confirmation-required': 409,
  'body-too-large': 413,
  'unsupported-media-type': 415,
  'pin-incorrect': 403,
  'pin-locked': 423,
  'rate-limited': 429,
  'no-reader': 503,
  'no-card': 404,
  'card-removed': 410,
  'card-unreadable': 422,
  'module-unavailable': 503,
  'internal-error': 500,
} as const;

export type AgentServerErrorCode = keyof typeof AGENT_ERROR_STATUS;

/** Codes only the client produces (it could not get an answer it understands). */
export const CLIENT_ERROR_CODES = [
  'agent-not-installed',
  'agent-blocked',
  'agent-version-mismatch',
  'timeout',
  'cancelled',
  'network-error',
  'protocol-error',
] as const;
export type AgentClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export type AgentErrorCode = AgentServerErrorCode | AgentClientErrorCode;

export const AGENT_ERROR_CODES: readonly AgentErrorCode[] = [
  ...(Object.keys(AGENT_ERROR_STATUS) as AgentServerErrorCode[]),
  ...CLIENT_ERROR_CODES,
];

/** Developer messages (English). User-facing, localised messages belong to the elements. */
export const AGENT_ERROR_MESSAGES: Record<AgentErrorCode, string> = {
  'bad-request': 'The request is malformed (invalid JSON or fields).',
  'pin-format-invalid': 'The PIN must be 4 digits.',
  'not-paired': 'This origin is not paired with the card agent.',
  'origin-required': 'The request has no Origin header.',
  'origin-not-allowed': 'This origin is not allowed to use the card agent.',
  'host-not-allowed': 'The Host header is not a loopback name of the agent (DNS rebinding protection).',
  'pairing-disabled': 'The agent does not accept pairing requests.',
  'not-found': 'No such endpoint.',
  'pairing-unknown': 'Unknown or expired pairing request.',
  'method-not-allowed': 'Method not allowed on this endpoint.',
  'pairing-code-invalid': 'The pairing code is wrong.',
  busy: 'The card is busy with another operation.',
  'final-try-confirmation-required': 'The PIN is at its final try: confirm explicitly (confirmFinalTry) to use it.',
  'body-too-large': 'The request body is too large.',
  'unsupported-media-type': 'The request body must be application/json.',
  'pin-incorrect': 'Wrong PIN (the answer says how many tries are left).',
  'pin-locked': 'The PIN is locked; the card needs its unblocking code.',
  'rate-limited': 'Too many requests; retry later.',
  'no-reader': 'No card reader found.',
  'no-card': 'No card in the reader.',
  'card-removed': 'The card was removed during the operation.',
  'card-unreadable': 'The card has no usable authentication certificate and key.',
  'module-unavailable': 'The PKCS#11 module (Cryptolib CPS) could not be loaded.',
  'internal-error': 'Internal error in the card agent.',
  'agent-not-installed': 'The card agent does not answer: it is not installed or not running.',
  'agent-blocked': "The browser's local network permission blocks access to the card agent.",
  'agent-version-mismatch': 'The card agent speaks another protocol version.',
  timeout: 'The card agent did not answer in time.',
  cancelled: 'The operation was cancelled.',
  'network-error': 'The connection to the card agent failed.',
  'protocol-error': 'The card agent sent an answer that does not follow the protocol.',
};

export function isAgentErrorCode(value: unknown): value is AgentErrorCode {
  return typeof value === 'string' && (AGENT_ERROR_CODES as readonly string[]).includes(value);
}

/** An error from the card agent or the client, with a code from the closed set. */
export class AgentError extends Error {
  override readonly name = 'AgentError';
  readonly code: AgentErrorCode;
  /** For `pin-incorrect`: tries left after this attempt. */
  readonly triesLeft: number | undefined;
  /** For `rate-limited`. */
  readonly retryAfterSeconds: number | undefined;
  /** HTTP status when the agent answered. */
  readonly status: number | undefined;

  constructor(
    code: AgentErrorCode,
    message: string = AGENT_ERROR_MESSAGES[code],
    details: { triesLeft?: number; retryAfterSeconds?: number; status?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.triesLeft = details.triesLeft;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.status = details.status;
  }
}
