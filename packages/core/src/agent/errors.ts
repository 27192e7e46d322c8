/**
 * The closed set of card agent error codes, shared by the agent (HTTP answers) and the client: ONE table per side
 * (code → HTTP status, category, retryable, developer message). The UI maps codes to user messages.
 */
import {
  AuthForteError,
  codesOf,
  type ErrorDetails,
  type ErrorSpec,
  type ErrorTable,
  isCodeOf,
  messagesOf,
  row,
  rowOptions,
} from '../errors/authforte-error.js';

/** Codes the agent sends in `{ error: { code } }`, with their HTTP status. */
export const AGENT_SERVER_ERRORS = {
  'bad-request': row('developer', false, 'The request is malformed (invalid JSON or fields).', 400),
  'pin-format-invalid': row('user', true, 'The PIN must be 4 digits.', 400),
  'not-paired': row('environment', true, 'This origin is not paired with the card agent.', 401),
  'origin-required': row('developer', false, 'The request has no Origin header.', 403),
  'origin-not-allowed': row('environment', false, 'This origin is not allowed to use the card agent.', 403),
  'host-not-allowed': row(
    'developer',
    false,
    'The Host header is not a loopback name of the agent (DNS rebinding protection).',
    421,
  ),
  'pairing-disabled': row('environment', false, 'The agent does not accept pairing requests.', 403),
  'not-found': row('developer', false, 'No such endpoint.', 404),
  'pairing-unknown': row('user', true, 'Unknown or expired pairing request.', 404),
  'method-not-allowed': row('developer', false, 'Method not allowed on this endpoint.', 405),
  'pairing-code-invalid': row('user', true, 'The pairing code is wrong.', 403),
  busy: row('environment', true, 'The card is busy with another operation.', 409),
  'final-try-confirmation-required': row(
    'user',
    true,
    'The PIN is at its final try: confirm explicitly (confirmFinalTry) to use it.',
    409,
  ),
  'body-too-large': row('developer', false, 'The request body is too large.', 413),
  'unsupported-media-type': row('developer', false, 'The request body must be application/json.', 415),
  'pin-incorrect': row('user', true, 'Wrong PIN (the answer says how many tries are left).', 403),
  'pin-locked': row('user', false, 'The PIN is locked; the card needs its unblocking code.', 423),
  'rate-limited': row('environment', true, 'Too many requests; retry later.', 429),
  'no-reader': row('environment', true, 'No card reader found.', 503),
  'no-card': row('user', true, 'No card in the reader.', 404),
  'card-removed': row('user', true, 'The card was removed during the operation.', 410),
  'card-unreadable': row('environment', false, 'The card has no usable authentication certificate and key.', 422),
  'module-unavailable': row('environment', true, 'The PKCS#11 module (Cryptolib CPS) could not be loaded.', 503),
  'internal-error': row('environment', true, 'Internal error in the card agent.', 500),
} satisfies Record<string, ErrorSpec>;

export type AgentServerErrorCode = keyof typeof AGENT_SERVER_ERRORS;

/** Codes only the client produces (it could not get an answer it understands). */
export const AGENT_CLIENT_ERRORS = {
  'agent-not-installed': row(
    'environment',
    true,
    'The card agent does not answer: it is not installed or not running.',
  ),
  'agent-blocked': row('environment', true, "The browser's local network permission blocks access to the card agent."),
  'agent-version-mismatch': row('environment', false, 'The card agent speaks another protocol version.'),
  timeout: row('environment', true, 'The card agent did not answer in time.'),
  cancelled: row('user', true, 'The operation was cancelled.'),
  'network-error': row('environment', true, 'The connection to the card agent failed.'),
  'protocol-error': row('developer', false, 'The card agent sent an answer that does not follow the protocol.'),
} satisfies Record<string, ErrorSpec>;

export type AgentClientErrorCode = keyof typeof AGENT_CLIENT_ERRORS;

export type AgentErrorCode = AgentServerErrorCode | AgentClientErrorCode;

/** The agent's whole closed set. */
export const AGENT_ERRORS: ErrorTable<AgentErrorCode> = { ...AGENT_SERVER_ERRORS, ...AGENT_CLIENT_ERRORS };

/** HTTP status per code the agent answers. */
export const AGENT_ERROR_STATUS = /* @__PURE__ */ Object.fromEntries(
  Object.entries(AGENT_SERVER_ERRORS).map(([code, spec]) => [code, spec.status]),
) as { readonly [K in AgentServerErrorCode]: number };

export const CLIENT_ERROR_CODES = codesOf<AgentClientErrorCode>(AGENT_CLIENT_ERRORS);

export const AGENT_ERROR_CODES = codesOf(AGENT_ERRORS);

/** Developer messages (English). User-facing, localised messages belong to the elements. */
export const AGENT_ERROR_MESSAGES = messagesOf(AGENT_ERRORS);

export const isAgentErrorCode = (value: unknown): value is AgentErrorCode => isCodeOf(AGENT_ERRORS, value);

/** An error from the card agent or the client, with a code from the closed set. */
export class AgentError extends AuthForteError<AgentErrorCode> {
  override readonly name = 'AgentError';
  /** For `rate-limited` (= `details.retryAfter`, also `retryAfter`). */
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
    super(code, rowOptions(AGENT_ERRORS, code, { message, details: d, cause }));
    this.retryAfterSeconds = retryAfterSeconds;
    this.status = details.status;
  }
}
