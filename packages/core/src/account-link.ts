/**
 * `@authforte/core/account-link`: the first-connection account link — its machine, the wire contract shared with
 * `@authforte/server`, and the browser client that posts to the host's endpoint.
 */

import type {
  AccountLinkCredentials,
  AccountLinkErrorCode,
  AccountLinked,
  AccountLinkResult,
  AccountLinkSubmit,
  LinkIdentity,
} from './account-link/account-link.machine.js';
import { ACCOUNT_LINK_ERROR_CODES } from './account-link/account-link.machine.js';
import type { AuthForteErrorJSON } from './errors/authforte-error.js';
import { safeRedirectPath } from './redirect.js';

export * from './account-link/account-link.machine.js';
export { isSafeRedirect, safeRedirectPath } from './redirect.js';

/** The request header that carries the CSRF token the host gave the page. */
export const ACCOUNT_LINK_CSRF_HEADER = 'x-csrf-token';

/**
 * `POST {endpoint}` body: what the user typed, as the machine's SUBMIT event carries it. The identity is not in it:
 * the server links the one its session holds.
 */
export type AccountLinkRequestBody = AccountLinkCredentials;

/** The server's answers (`Content-Type: application/json`): the link made, or the error envelope. */
export type AccountLinkResponseBody =
  | AccountLinked
  | {
      ok: false;
      /** The envelope of every host error answer; `details.retryAfter` (`locked`), `details.attemptsLeft`. */
      error: AuthForteErrorJSON & { code: Exclude<AccountLinkErrorCode, 'network' | 'server'> };
    };

/** `GET {endpoint}`: the identity waiting to be linked, for display, and the CSRF token for the POST. */
export interface PendingIdentityResponseBody {
  identity: LinkIdentity;
  csrfToken?: string;
}

export interface AccountLinkClientOptions {
  /** The host's link endpoint, e.g. `/api/account-link` (same origin). */
  endpoint: string;
  /** The CSRF token the host gave the page (a meta tag, a cookie it can read, a property). */
  csrfToken?: string | (() => string | undefined);
  /** Replaces the global `fetch` (tests). */
  fetch?: typeof fetch;
}

const SERVER_CODES = new Set<string>(ACCOUNT_LINK_ERROR_CODES.filter((c) => c !== 'network' && c !== 'server'));

/** Reads a server answer into a result; anything outside the contract is `server`. */
export async function readAccountLinkResponse(response: Response): Promise<AccountLinkResult> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, code: 'server' };
  }
  const b = body as Partial<{ ok: boolean; accountId: unknown; redirectTo: unknown; error: Record<string, unknown> }>;
  if (response.ok && b?.ok === true && typeof b.accountId === 'string') {
    const redirectTo = safeRedirectPath(b.redirectTo);
    return redirectTo ? { ok: true, accountId: b.accountId, redirectTo } : { ok: true, accountId: b.accountId };
  }
  const code = b?.error?.code;
  if (!response.ok && typeof code === 'string' && SERVER_CODES.has(code)) {
    const result: AccountLinkResult = { ok: false, code: code as AccountLinkErrorCode };
    // the envelope `{ error: { code, category, retryable, message, details } }`; older answers had the fields flat
    const details = {
      ...b.error,
      ...(typeof b.error?.details === 'object' ? (b.error.details as object) : {}),
    } as Record<string, unknown>;
    const message = b.error?.message;
    if (typeof message === 'string' && message.length <= 500) result.message = message;
    const header = Number(response.headers.get('retry-after'));
    const retryAfter = typeof details.retryAfter === 'number' ? details.retryAfter : header;
    if (Number.isFinite(retryAfter) && retryAfter > 0) result.retryAfter = Math.ceil(retryAfter);
    const left = details.attemptsLeft;
    if (code === 'invalid-credentials' && typeof left === 'number' && Number.isInteger(left) && left > 0 && left < 100)
      result.attemptsLeft = left;
    return result;
  }
  return { ok: false, code: 'server' };
}

/**
 * The transport the element uses: `POST` JSON to the host's endpoint, same-origin credentials (the session
 * cookie), the CSRF token in `x-csrf-token`. A fetch that throws (offline, DNS, CORS) is `network`.
 */
export function createAccountLinkClient(options: AccountLinkClientOptions): AccountLinkSubmit {
  return async (credentials: AccountLinkCredentials, signal: AbortSignal): Promise<AccountLinkResult> => {
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    const token = typeof options.csrfToken === 'function' ? options.csrfToken() : options.csrfToken;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers[ACCOUNT_LINK_CSRF_HEADER] = token;
    let response: Response;
    try {
      response = await doFetch(options.endpoint, {
        method: 'POST',
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        body: JSON.stringify({
          username: credentials.username,
          password: credentials.password,
        } satisfies AccountLinkRequestBody),
        signal,
      });
    } catch {
      return { ok: false, code: 'network' };
    }
    return readAccountLinkResponse(response);
  };
}

/** What `GET {server}/account-link` said: the identity waiting to be linked, or why there is none. */
export type ServerPendingIdentity =
  | { ok: true; identity: LinkIdentity; csrfToken?: string }
  | { ok: false; code: AccountLinkErrorCode };

/**
 * The transport of `<af-account-link server="/authforte">`: the pending identity and the CSRF token come from
 * `GET {server}/account-link`, asked again before each attempt (the kit rotates the session at sign-in).
 */
export function createServerAccountLink(
  server: string,
  options: { fetch?: typeof fetch } = {},
): {
  pending(signal?: AbortSignal): Promise<ServerPendingIdentity>;
  submit: AccountLinkSubmit;
  /** `GET {server}/config`: the host's name and where to go without a pending identity. */
  config(): Promise<{ hostName?: string; redirects?: { signIn?: string } }>;
} {
  const endpoint = `${server.replace(/\/+$/, '')}/account-link`;
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const pending = async (signal?: AbortSignal): Promise<ServerPendingIdentity> => {
    let response: Response;
    try {
      response = await doFetch(endpoint, {
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { accept: 'application/json' },
        ...(signal ? { signal } : {}),
      });
    } catch {
      return { ok: false, code: 'network' };
    }
    if (!response.ok) {
      const r = await readAccountLinkResponse(response);
      return { ok: false, code: r.ok ? 'server' : r.code };
    }
    const body = (await response.json().catch(() => null)) as PendingIdentityResponseBody | null;
    if (!body?.identity || typeof body.identity.nationalId !== 'string') return { ok: false, code: 'server' };
    return { ok: true, identity: body.identity, ...(body.csrfToken ? { csrfToken: body.csrfToken } : {}) };
  };
  return {
    pending,
    async config() {
      try {
        const r = await doFetch(`${server.replace(/\/+$/, '')}/config`, { credentials: 'same-origin' });
        return r.ok ? ((await r.json()) as { hostName?: string; redirects?: { signIn?: string } }) : {};
      } catch {
        return {};
      }
    },
    async submit(credentials, signal) {
      const p = await pending(signal);
      if (!p.ok) return { ok: false, code: p.code };
      return createAccountLinkClient({
        endpoint,
        ...(p.csrfToken ? { csrfToken: p.csrfToken } : {}),
        fetch: doFetch,
      })(credentials, signal);
    },
  };
}
