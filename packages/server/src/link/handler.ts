/**
 * The account-link endpoint (first connection, "Espace professionnel"), on Web `Request` / `Response` so that it
 * mounts on any framework (`toNodeHandler` for `node:http`, Express, Connect; Hono, Next.js, Deno as is).
 *
 * - `GET`  → `200 { identity: { nationalId, displayName, source? }, csrfToken? }` (what the form shows), or
 *            `403 no-pending-identity`.
 * - `POST` `{ username, password }` with `x-csrf-token` → `200 { ok: true, accountId, redirectTo? }` or
 *          `{ ok: false, error: { code, category, retryable, message, details } }` (see `ACCOUNT_LINK_SERVER_ERRORS`).
 */
import { timingSafeEqual } from 'node:crypto';
import {
  ACCOUNT_LINK_CSRF_HEADER,
  ACCOUNT_LINK_SERVER_ERRORS,
  type AccountLinkResponseBody,
  type LinkIdentity,
  type PendingIdentityResponseBody,
  safeRedirectPath,
} from '@authforte/core/account-link';
import { jsonResponse, tableErrorResponse } from '../http/errors.js';
import { AccountLinkError, type AccountLinkServerErrorCode } from './errors.js';
import { createMemoryLockout, type LockoutPolicy, type LockState } from './lockout.js';

type MaybePromise<T> = T | Promise<T>;
type HeadersInit = ConstructorParameters<typeof Headers>[0];

export interface VerifiedAccount {
  accountId: string;
}

export interface AccountLinkHandlerOptions<I extends LinkIdentity = LinkIdentity> {
  /**
   * The identity the user proved with the card or Pro Santé Connect, from the request's session (e.g. a
   * `createPendingIdentityToken` kept there), or null when there is none or it expired.
   */
  getPendingIdentity(request: Request): MaybePromise<I | null | undefined>;
  /**
   * Checks the host account's username and password. Must take about as long for an unknown username as for a
   * wrong password (hash a dummy password), and answer null for both.
   */
  verifyCredentials(username: string, password: string, request: Request): MaybePromise<VerifiedAccount | null>;
  /**
   * Records national identifier → account. Throw `new AccountLinkError('already-linked')` when the identity is
   * already linked to another account (or the account to another identity, if the host allows one only).
   */
  linkIdentity(link: { identity: I; accountId: string; request: Request }): MaybePromise<void>;
  /** The CSRF token of the request's session (compared in constant time with the `x-csrf-token` header). */
  getCsrfToken(request: Request): MaybePromise<string | null | undefined>;
  /**
   * After the link: typically sign the user in (rotate the session) and say where to go. `headers` (e.g.
   * `Set-Cookie`) are added to the answer; `redirectTo` must be a same-site path.
   */
  onLinked?(link: {
    identity: I;
    accountId: string;
    request: Request;
  }): MaybePromise<{ redirectTo?: string; headers?: HeadersInit } | undefined>;
  /** Failure counting; default: in memory, 5 failures in 15 minutes lock for 15 minutes. */
  lockout?: LockoutPolicy;
  /** The message shown to a locked-out user (French by default). */
  lockoutMessage?: string | ((retryAfterSeconds: number) => string);
  /**
   * The application's public origin (e.g. `https://app.example.fr`), as the browser sees it: the `Origin` header
   * of a POST must be this one (or one of `allowedOrigins`). Behind a proxy, the request's own URL (built from
   * `Host`) is not a trustworthy origin: set this. Default: the origin of the request's URL.
   */
  origin?: string | (() => string | undefined);
  /**
   * Origins allowed in the `Origin` header besides the application's own (a front end on another host of the same
   * site). Requests from any other origin are refused as `csrf`.
   */
  allowedOrigins?: string[];
  /**
   * How a typed username becomes the account's username, for both the lockout key and `verifyCredentials` (so
   * that `Marie.Dupont` and `marie.dupont` are one account for the lockout *and* for the check). Default: trim,
   * Unicode NFKC, lower case. Return an empty string to refuse the username.
   */
  normalizeUsername?: (username: string) => string;
  /** Credential failures answer no sooner than this (default 300 ms), so that timing tells little. */
  minFailureMs?: number;
  /** Largest body accepted (default 8 KiB). */
  maxBodyBytes?: number;
  /**
   * Called with each outcome (logging, metrics). Never receives the password. `already-linked` is reported here
   * but answered as `invalid-credentials`: telling it apart would confirm that the password was right.
   */
  onEvent?(event: { type: 'linked' | AccountLinkServerErrorCode; username?: string; nationalId?: string }): void;
}

/** The endpoint: a Web handler that answers every request it is given. */
export type AccountLinkHandler = (request: Request) => Promise<Response>;

const MAX_USERNAME = 256;
const MAX_PASSWORD = 1024;

/** The default `normalizeUsername`: trim, Unicode NFKC (full-width and compatibility forms), lower case. */
export function defaultNormalizeUsername(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

/** The default `lockoutMessage`: an English developer message (the elements say it to the user, with the delay). */
export function defaultLockoutMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many failed attempts: linking is locked for ${minutes} minute${minutes > 1 ? 's' : ''}.`;
}

/**
 * The envelope `{ ok: false, error: { code, category, retryable, message, details } }` with the status of the code's
 * row (`ACCOUNT_LINK_SERVER_ERRORS`); `retryAfter` is also the `Retry-After` header.
 */
function failure(
  code: AccountLinkServerErrorCode,
  extra: { message?: string; retryAfter?: number; attemptsLeft?: number } = {},
): Response {
  const { message, ...details } = extra;
  return tableErrorResponse(ACCOUNT_LINK_SERVER_ERRORS, code, {
    ...(message === undefined ? {} : { message }),
    details,
    extra: { ok: false },
    ...(code === 'bad-request' ? { headers: { allow: 'GET, POST' } } : {}),
  });
}

function json(status: number, body: unknown, headers?: HeadersInit): Response {
  return jsonResponse(body, status, headers);
}

function sameToken(given: string | null, expected: string | null | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The account-link endpoint: `GET` the pending identity, `POST` the credentials to link it. */
export function createAccountLinkHandler<I extends LinkIdentity = LinkIdentity>(
  options: AccountLinkHandlerOptions<I>,
): AccountLinkHandler {
  const lockout = options.lockout ?? createMemoryLockout();
  if (typeof (lockout as Partial<LockoutPolicy>).attempt !== 'function')
    throw new TypeError(
      'lockout must implement attempt(key): count the attempt atomically before the password check (see LockoutPolicy)',
    );
  const minFailureMs = options.minFailureMs ?? 300;
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024;
  const lockMessage = (s: number) =>
    typeof options.lockoutMessage === 'function'
      ? options.lockoutMessage(s)
      : (options.lockoutMessage ?? defaultLockoutMessage(s));
  const report = (type: 'linked' | AccountLinkServerErrorCode, username?: string, nationalId?: string) => {
    try {
      options.onEvent?.({ type, ...(username ? { username } : {}), ...(nationalId ? { nationalId } : {}) });
    } catch {
      // a failing logger does not change the answer
    }
  };

  const normalize = options.normalizeUsername ?? defaultNormalizeUsername;
  const ownOrigin = (request: Request): string => {
    const configured = typeof options.origin === 'function' ? options.origin() : options.origin;
    return configured ? new URL(configured).origin : new URL(request.url).origin;
  };
  const originAllowed = (request: Request): boolean => {
    const origin = request.headers.get('origin');
    if (origin === null) return true; // same-origin GETs and older browsers; the CSRF token still applies
    if (origin === ownOrigin(request)) return true;
    return options.allowedOrigins?.includes(origin) ?? false;
  };

  const locked = (state: LockState): Response => {
    const retryAfter = state.retryAfter ?? 60;
    return failure('locked', { message: lockMessage(retryAfter), retryAfter });
  };

  async function get(request: Request): Promise<Response> {
    const identity = await options.getPendingIdentity(request);
    if (!identity) return failure('no-pending-identity');
    const body: PendingIdentityResponseBody = {
      identity: {
        nationalId: identity.nationalId,
        displayName: identity.displayName,
        ...(identity.source ? { source: identity.source } : {}),
      },
    };
    const token = await options.getCsrfToken(request);
    if (token) body.csrfToken = token;
    return json(200, body);
  }

  async function post(request: Request): Promise<Response> {
    const type = request.headers.get('content-type') ?? '';
    // JSON only: a cross-site HTML form cannot send it (a first line against CSRF, before the token)
    if (!/^application\/json\s*(;|$)/i.test(type)) return failure('bad-request');
    if (!originAllowed(request)) {
      report('csrf');
      return failure('csrf');
    }
    if (!sameToken(request.headers.get(ACCOUNT_LINK_CSRF_HEADER), await options.getCsrfToken(request))) {
      report('csrf');
      return failure('csrf');
    }
    const identity = await options.getPendingIdentity(request);
    if (!identity) {
      report('no-pending-identity');
      return failure('no-pending-identity');
    }

    let raw: string;
    try {
      raw = await request.text();
    } catch {
      return failure('bad-request');
    }
    if (Buffer.byteLength(raw) > maxBodyBytes) return failure('bad-request');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return failure('bad-request');
    }
    const { username: u, password } = (body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof u !== 'string' || typeof password !== 'string') return failure('bad-request');
    const username = u.length > MAX_USERNAME ? '' : normalize(u);
    if (!username || !password || username.length > MAX_USERNAME || password.length > MAX_PASSWORD) {
      return failure('bad-request');
    }
    const started = Date.now();
    const keys = [`user:${username}`, `identity:${identity.nationalId}`];
    // the attempt is counted before the password is checked: a burst cannot test more than the budget
    let refused: LockState | undefined;
    const counted: LockState[] = [];
    for (const key of keys) {
      const state = await lockout.attempt(key);
      counted.push(state);
      if (state.locked && (state.retryAfter ?? 0) >= (refused?.retryAfter ?? 0)) refused = state;
    }
    if (refused) {
      report('locked', username, identity.nationalId);
      return locked(refused);
    }
    const failed = async (type: AccountLinkServerErrorCode): Promise<Response> => {
      let worst: LockState = { locked: false };
      let attemptsLeft: number | undefined;
      for (const key of keys) {
        const state = await lockout.check(key);
        if (state.locked && (state.retryAfter ?? 0) >= (worst.retryAfter ?? 0)) worst = state;
      }
      // from the third failure, say how many are left: counted per username typed (known or not) and per
      // identity, so it tells nothing about whether an account exists
      for (const state of counted) {
        if (state.remaining !== undefined && (state.failures ?? 0) >= 3)
          attemptsLeft = Math.min(attemptsLeft ?? state.remaining, state.remaining);
      }
      const wait = minFailureMs - (Date.now() - started);
      if (wait > 0) await sleep(wait);
      report(type, username, identity.nationalId);
      if (worst.locked) return locked(worst);
      return failure('invalid-credentials', attemptsLeft ? { attemptsLeft } : {});
    };
    const account = await options.verifyCredentials(username, password, request);
    if (!account) return failed('invalid-credentials');
    try {
      await options.linkIdentity({ identity, accountId: account.accountId, request });
    } catch (error) {
      // already linked elsewhere: answered as a wrong password (a distinct answer would confirm the password)
      if (error instanceof AccountLinkError && error.code === 'already-linked') return failed('already-linked');
      if (error instanceof AccountLinkError) {
        report(error.code, username, identity.nationalId);
        return failure(error.code);
      }
      throw error;
    }
    for (const key of keys) await lockout.reset(key);
    const after = (await options.onLinked?.({ identity, accountId: account.accountId, request })) || undefined;
    report('linked', username, identity.nationalId);
    const ok: AccountLinkResponseBody = { ok: true, accountId: account.accountId };
    const redirectTo = safeRedirectPath(after?.redirectTo);
    if (redirectTo) ok.redirectTo = redirectTo;
    return json(200, ok, after?.headers);
  }

  return async (request: Request): Promise<Response> => {
    if (request.method === 'GET' || request.method === 'HEAD') return get(request);
    if (request.method === 'POST') return post(request);
    return failure('bad-request');
  };
}
