/**
 * The one JSON error answer of every host endpoint (the kit, the PSC routes, the account-link endpoint, the card
 * verify route, the Node adapter): `{ "error": { code, category, retryable, message, details } }` with the HTTP
 * status of the code's row, `cache-control: no-store`. `message` is an English developer message (for logs); what a
 * person reads is the elements' (docs/errors.md).
 */
import {
  AuthForteError,
  type ErrorDetails,
  type ErrorTable,
  HOST_ERRORS,
  type HostErrorCode,
} from '@authforte/core/errors';

export const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/** A JSON answer (no-store, nosniff). */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers?: ConstructorParameters<typeof Headers>[0],
): Response {
  const h = new Headers(headers);
  for (const [k, v] of Object.entries(JSON_HEADERS)) h.set(k, v);
  return new Response(JSON.stringify(body), { status, headers: h });
}

/** The envelope's body for `error` (`extra` members, e.g. `ok: false` of the account-link contract, first). */
export function errorBody(error: AuthForteError, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...extra, error: error.toJSON() };
}

/**
 * The error answer for `error`; `status` defaults to 500 (use `tableErrorResponse` for a table's own status). A
 * `retryAfter` in the details is also sent as the `Retry-After` header.
 */
export function errorResponse(
  error: AuthForteError,
  status = 500,
  headers?: ConstructorParameters<typeof Headers>[0],
  extra?: Record<string, unknown>,
): Response {
  const h = new Headers(headers);
  if (error.details.retryAfter !== undefined) h.set('retry-after', String(error.details.retryAfter));
  return jsonResponse(errorBody(error, extra), status, h);
}

/** The error answer for `code` of `table`, with its row's status (400 when the row has none). */
export function tableErrorResponse<C extends string>(
  table: ErrorTable<C>,
  code: C,
  options: {
    message?: string;
    details?: ErrorDetails;
    headers?: ConstructorParameters<typeof Headers>[0];
    extra?: Record<string, unknown>;
  } = {},
): Response {
  const error = AuthForteError.fromTable(table, code, {
    message: options.message,
    ...(options.details ? { details: options.details } : {}),
  });
  return errorResponse(error, table[code].status ?? 400, options.headers, options.extra);
}

/** A host code's error answer (`HOST_ERRORS`). */
export function hostErrorResponse(
  code: HostErrorCode,
  message?: string,
  options: { details?: ErrorDetails; headers?: ConstructorParameters<typeof Headers>[0]; status?: number } = {},
): Response {
  const error = AuthForteError.fromTable(HOST_ERRORS, code, {
    message,
    ...(options.details ? { details: options.details } : {}),
  });
  return errorResponse(error, options.status ?? HOST_ERRORS[code].status ?? 400, options.headers);
}
