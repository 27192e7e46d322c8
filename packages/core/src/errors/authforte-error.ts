/**
 * One error model for every package: an `AuthForteError` carries a `code` from one domain's closed set, who can act
 * on it (`category`), whether trying again can help (`retryable`), typed `details` and the `cause`. It crosses a
 * boundary (HTTP, `postMessage`, a persisted machine snapshot) losslessly with `toJSON` / `fromJSON`, as Web eID's
 * `ErrorCode` and `serializeError` do (web-eid/web-eid.js, src/errors/).
 *
 * Each domain keeps its closed set as ONE table (`ErrorTable`): code → category, retryable, HTTP status when a
 * server answers it, and an English developer message. What a person reads lives only in the elements' strings.
 */

/** Who can act on an error. */
export type ErrorCategory =
  /** The user: a wrong PIN, a removed card, a refused approval, a typing mistake. */
  | 'user'
  /** The user's machine: the card agent, the reader, the browser, the network. */
  | 'environment'
  /** A remote service: Pro Santé Connect, the host application's server, a revocation responder. */
  | 'remote'
  /** The developer or the operator: configuration, a contract not followed. */
  | 'developer';

export const ERROR_CATEGORIES: readonly ErrorCategory[] = ['user', 'environment', 'remote', 'developer'];

/** One row of a domain's table. */
export interface ErrorSpec {
  category: ErrorCategory;
  /** Trying again (the same request, or the step) can succeed without changing anything else. */
  retryable: boolean;
  /** The HTTP status a server answers this code with (when a server answers it). */
  status?: number;
  /** Developer message (English). */
  message: string;
}

/** A row, written short: `row('user', true, 'Developer message.', 400)`. */
/* @__NO_SIDE_EFFECTS__ */
export function row(category: ErrorCategory, retryable: boolean, message: string, status?: number): ErrorSpec {
  return status === undefined ? { category, retryable, message } : { category, retryable, message, status };
}

/** A domain's closed set: every code with its row. */
export type ErrorTable<C extends string> = { readonly [K in C]: ErrorSpec };

/**
 * What an error says beyond its code. Each field is carried by the codes named; every other field is absent.
 * Plain JSON values only: details cross boundaries unchanged.
 */
export interface ErrorDetails {
  /** `pin-incorrect`: PIN tries left after this attempt. */
  triesLeft?: number;
  /** `rate-limited`, `psc-rate-limited`, `locked`: whole seconds before a new attempt is accepted. */
  retryAfter?: number;
  /** `agent-version-mismatch`: the protocol versions this page speaks (the agent must speak one of them). */
  requiredVersions?: number[];
  /** `agent-version-mismatch`: the protocol versions the installed agent speaks. */
  agentVersions?: number[];
  /** `invalid-credentials`: wrong attempts left before the lockout (when the host tells). */
  attemptsLeft?: number;
  /** A card proof refusal: the server's reason (`certificate-revoked`, `nonce-reused`…), for logs. */
  reason?: string;
  /** The HTTP status of the answer the error was read from. */
  status?: number;
  /** The code of the domain the error was mapped from (`rate-limited` of the agent, `psc-bad-id-token`…). */
  sourceCode?: string;
}

const DETAIL_NUMBERS = ['triesLeft', 'retryAfter', 'attemptsLeft', 'status'] as const;
const DETAIL_LISTS = ['requiredVersions', 'agentVersions'] as const;
const DETAIL_STRINGS = ['reason', 'sourceCode'] as const;

/** The known fields of `value` with the right types (anything else is dropped: details are data, not code). */
export function readErrorDetails(value: unknown): ErrorDetails {
  const out: ErrorDetails = {};
  if (typeof value !== 'object' || value === null) return out;
  const v = value as Record<string, unknown>;
  for (const k of DETAIL_NUMBERS) {
    const n = v[k];
    if (typeof n === 'number' && Number.isFinite(n) && n >= 0) out[k] = n;
  }
  for (const k of DETAIL_LISTS) {
    const l = v[k];
    if (Array.isArray(l) && l.length <= 32 && l.every((x) => Number.isInteger(x))) out[k] = [...(l as number[])];
  }
  for (const k of DETAIL_STRINGS) {
    const s = v[k];
    if (typeof s === 'string' && s.length <= 200) out[k] = s;
  }
  return out;
}

/** The JSON form of an error (`toJSON`), also the `error` member of every host endpoint's error answer. */
export interface AuthForteErrorJSON {
  code: string;
  category: ErrorCategory;
  retryable: boolean;
  /** Developer message (English). */
  message: string;
  details: ErrorDetails;
}

export interface AuthForteErrorOptions {
  category: ErrorCategory;
  retryable: boolean;
  message?: string;
  details?: ErrorDetails;
  cause?: unknown;
}

/** What an error adds to its table row. */
export interface RowExtra {
  message?: string | undefined;
  details?: ErrorDetails;
  cause?: unknown;
}

/** The options of an error of `code`: its row's category and retryable, with `extra`. */
export function rowOptions<C extends string>(
  table: ErrorTable<C>,
  code: C,
  extra: RowExtra = {},
): AuthForteErrorOptions {
  const spec = table[code];
  return {
    category: spec.category,
    retryable: spec.retryable,
    message: extra.message ?? spec.message,
    ...(extra.details ? { details: extra.details } : {}),
    ...(extra.cause === undefined ? {} : { cause: extra.cause }),
  };
}

/** The codes of a table, in order. */
/* @__NO_SIDE_EFFECTS__ */
export function codesOf<C extends string>(table: ErrorTable<C>): readonly C[] {
  return Object.keys(table) as C[];
}

/** Code → developer message, from a table. */
/* @__NO_SIDE_EFFECTS__ */
export function messagesOf<C extends string>(table: ErrorTable<C>): Readonly<Record<C, string>> {
  return Object.fromEntries(codesOf(table).map((code) => [code, table[code].message])) as Record<C, string>;
}

/** Whether `value` is a code of `table`. */
export function isCodeOf<C extends string>(table: ErrorTable<C>, value: unknown): value is C {
  return typeof value === 'string' && Object.hasOwn(table, value);
}

/** The base of every AuthForte error. */
export class AuthForteError<C extends string = string> extends Error {
  override readonly name: string = 'AuthForteError';
  readonly code: C;
  readonly category: ErrorCategory;
  readonly retryable: boolean;
  readonly details: Readonly<ErrorDetails>;

  constructor(code: C, options: AuthForteErrorOptions) {
    super(options.message ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.category = options.category;
    this.retryable = options.retryable;
    this.details = Object.freeze(readErrorDetails(options.details));
  }

  /** `pin-incorrect`: PIN tries left after this attempt (= `details.triesLeft`). */
  get triesLeft(): number | undefined {
    return this.details.triesLeft;
  }

  /** A rate limit or a lockout: whole seconds before a new attempt is accepted (= `details.retryAfter`). */
  get retryAfter(): number | undefined {
    return this.details.retryAfter;
  }

  /** A row of `table` made into an error (`message` and `details` override nothing else). */
  static fromTable<C extends string>(table: ErrorTable<C>, code: C, extra: RowExtra = {}): AuthForteError<C> {
    return new AuthForteError(code, rowOptions(table, code, extra));
  }

  toJSON(): AuthForteErrorJSON {
    return {
      code: this.code,
      category: this.category,
      retryable: this.retryable,
      message: this.message,
      details: { ...this.details },
    };
  }

  /**
   * The error `json` stands for (what `toJSON` gave, e.g. the `error` member of a host's answer), or `undefined`
   * when it is not one. Unknown detail fields are dropped; a missing category is `developer`, a missing
   * `retryable` false.
   */
  static fromJSON(json: unknown): AuthForteError | undefined {
    if (typeof json !== 'object' || json === null) return undefined;
    const j = json as Partial<Record<keyof AuthForteErrorJSON, unknown>>;
    if (typeof j.code !== 'string' || !/^[a-z][a-z0-9-]{0,63}$/.test(j.code)) return undefined;
    return new AuthForteError(j.code, {
      category: ERROR_CATEGORIES.includes(j.category as ErrorCategory) ? (j.category as ErrorCategory) : 'developer',
      retryable: j.retryable === true,
      message: typeof j.message === 'string' ? j.message.slice(0, 500) : j.code,
      details: readErrorDetails(j.details),
    });
  }
}

export function isAuthForteError(value: unknown): value is AuthForteError {
  return value instanceof AuthForteError;
}
