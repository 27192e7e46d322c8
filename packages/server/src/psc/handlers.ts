/**
 * Framework-neutral PSC routes on Web `Request` / `Response` (mount them in Express, Fastify, Hono… or
 * plain `node:http` with `toNodeHandler`). The browser only goes to and from these routes; tokens, the
 * client secret and the PKCE verifier never reach it.
 *
 * State between the login and the callback (state, nonce, PKCE verifier, return address) lives in a sealed
 * cookie (AES-256-GCM, HttpOnly, SameSite=Lax, `__Host-` and Secure on https): no server-side store is needed
 * and several server instances work without sharing memory. The resulting session is in a sealed cookie too by
 * default, or in a `store` (the cookie then holds a sealed random id, and sign-out revokes it at once). A host
 * with its own sessions passes `onAuthenticated` and keeps what it needs there.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { identityFromPscUserInfo, normalizeLoginHint } from '@authforte/core';
import { isPscError, PSC_BACKEND_MESSAGE_TYPE, PscError, type PscErrorCode } from '@authforte/core/psc';
import { hostErrorResponse, jsonResponse as json } from '../http/errors.js';
import type { PscAuthentication, PscClient, PscTransaction } from './client.js';
import { Budget, popupPage, pscErrorResponse, safeReturnTo, withParam } from './responses.js';
import { parseCookies, Sealer, serializeCookie } from './sealed.js';
import { type PscSession, type PscSessionStore, trimUserinfo } from './session-store.js';

/** The project's one login-hint rule (`normalizeLoginHint`): the normalised identifier, or null. */
function loginHintOrNull(value: unknown): string | null {
  try {
    return normalizeLoginHint(value);
  } catch {
    return null;
  }
}

export interface PscHandlersOptions {
  client: PscClient;
  /** At least 32 random characters, from the server's secrets. Rotating it signs everyone out. */
  cookieSecret: string;
  /** Where the routes are mounted (default `/authforte/psc`). */
  basePath?: string;
  /** Lifetime of the session cookie (default 3600 s). */
  sessionTtlSeconds?: number;
  /** Where to go after sign-in when the login had no `return_to` (default `/`). */
  defaultReturnTo?: string;
  /** Secure cookies with the `__Host-` prefix; default: when the redirect URI is https. */
  secureCookies?: boolean;
  /**
   * Called after every successful sign-in (redirect, popup or CIBA), e.g. to look up the account linked to
   * `authentication.identity.nationalId` and open the host's own session. Return a Response to answer
   * instead of the default (redirect / popup page / JSON).
   */
  onAuthenticated?: (
    authentication: PscAuthentication,
    context: { request: Request; via: 'redirect' | 'popup' | 'ciba' },
    // biome-ignore lint/suspicious/noConfusingVoidType: a host's hook may return nothing (`async () => {}`)
  ) => Promise<Response | void> | Response | void;
  /**
   * Keep sessions on the server instead of in the cookie (which then only carries a sealed random id): sign-out
   * revokes the session at once, and nothing of the identity travels with each request. Default: none (the
   * sealed cookie holds the session, valid until it expires).
   */
  store?: PscSessionStore;
  /** Called with every error (developer message inside), refused CIBA floods included; default: nothing. */
  onError?: (error: PscError, request: Request) => void;
  /**
   * `prompt` of every authorization request (OpenID Connect Core 1.0 §3.1.2.1): `login` makes PSC ask for the
   * e-CPS or the card again even when its own session is still open. See `sharedWorkstation`.
   */
  prompt?: 'login' | 'consent' | 'select_account' | 'none';
  /**
   * `max_age` of every authorization request, in seconds (OpenID Connect Core 1.0 §3.1.2.1): PSC must
   * authenticate again when its last authentication is older, and the ID token's `auth_time` is checked.
   */
  maxAgeSeconds?: number;
  /**
   * Shared workstations (hospital wards, EHPAD offices: one computer, several professionals): every sign-in asks
   * PSC for a fresh authentication (`prompt=login`, unless `prompt` says otherwise), so that the next person never
   * inherits the previous one's PSC session. Recommended in production for such sites.
   */
  sharedWorkstation?: boolean;
  /**
   * The host session's CSRF token for this request. The in-page e-CPS approval (CIBA, which pushes a request to a
   * professional's phone) is refused unless the request carries it in `x-csrf-token`: without it, anyone could
   * push approvals to any professional by national identifier. Without this option, `ciba/start` answers 403.
   */
  getCsrfToken?: (request: Request) => string | null | undefined | Promise<string | null | undefined>;
  /**
   * Who is asking, for the per-client CIBA budget (e.g. the client's IP address from your proxy). Default: the
   * host session (its CSRF token).
   */
  clientKey?: (request: Request) => string | null | undefined;
  /** Limits of the in-page e-CPS approval (CIBA) against push bombing; counted in this process. */
  cibaLimits?: {
    /** Requests per national identifier per hour (default 3; one pending at a time whatever this says). */
    perIdentifierPerHour?: number;
    /** Requests per client (`clientKey`) per hour (default 10). */
    perClientPerHour?: number;
  };
  /** Clock in milliseconds (tests). */
  now?: () => number;
}

interface TxCookie extends PscTransaction {
  returnTo: string;
  mode: 'redirect' | 'popup';
}
interface SessionCookie {
  /** Trimmed userinfo: the identity is derived from it on read. */
  u: Record<string, unknown>;
  t?: string;
  e: number;
}
interface CibaCookie {
  id: string;
  interval: number;
  last: number;
  /** The national identifier, to free its pending slot when the request ends. */
  n?: string;
}

export interface PscHandlers {
  basePath: string;
  /** Answers a request under `basePath`, or resolves to undefined for any other request. */
  handle(request: Request): Promise<Response | undefined>;
  /** The PSC session carried by a request (for the host's own routes), or null. */
  readSession(request: Request): Promise<PscSession | null>;
  /**
   * Sign-out that ends everything, for the host's own sign-out route (after it checked its CSRF token): revokes
   * the PSC session (store entry and cookie), clears the sign-in and CIBA cookies, adds the host's `headers`
   * (e.g. the `Set-Cookie` that clears the host session), and redirects to PSC's end-session endpoint with
   * `id_token_hint` (RP-initiated logout), which ends PSC's own session and comes back to the client's
   * `postLogoutRedirectUri`. Without a PSC sign-in in this browser, redirects to `returnTo` (default
   * `defaultReturnTo`) instead.
   */
  signOut(
    request: Request,
    options?: { headers?: ConstructorParameters<typeof Headers>[0]; returnTo?: string },
  ): Promise<Response>;
}

const TX_TTL = 600;

export function createPscHandlers(options: PscHandlersOptions): PscHandlers {
  const client = options.client;
  const basePath = (options.basePath ?? '/authforte/psc').replace(/\/+$/, '');
  const appOrigin = new URL(client.options.redirectUri).origin;
  const secure = options.secureCookies ?? appOrigin.startsWith('https:');
  const prefix = secure ? '__Host-' : '';
  const names = { tx: `${prefix}af_psc_tx`, session: `${prefix}af_psc_session`, ciba: `${prefix}af_psc_ciba` };
  const sessionTtl = options.sessionTtlSeconds ?? 3600;
  const store = options.store;
  const defaultReturnTo = safeReturnTo(options.defaultReturnTo ?? '/', '/');
  const sealers = {
    tx: new Sealer(options.cookieSecret, 'tx'),
    session: new Sealer(options.cookieSecret, 'session'),
    ciba: new Sealer(options.cookieSecret, 'ciba'),
  };
  const cookie = (name: string, value: string, maxAge: number) =>
    serializeCookie(name, value, { maxAge, path: '/', secure });
  const clear = (name: string) => cookie(name, '', 0);
  const now = options.now ?? Date.now;
  const authorization = {
    ...((options.prompt ?? (options.sharedWorkstation ? 'login' : undefined))
      ? { prompt: options.prompt ?? 'login' }
      : {}),
    ...(options.maxAgeSeconds !== undefined ? { maxAge: options.maxAgeSeconds } : {}),
  };
  const cibaPerId = new Budget(options.cibaLimits?.perIdentifierPerHour ?? 3, 3600_000);
  const cibaPerClient = new Budget(options.cibaLimits?.perClientPerHour ?? 10, 3600_000);
  /**
   * national identifier → when its pending CIBA request expires (ms) and who asked: one pending request per
   * professional (the one who asked may ask again, e.g. after cancelling in the page, within the budgets).
   */
  const cibaPending = new Map<string, { until: number; owner: string }>();

  const report = (err: unknown, request: Request): PscError => {
    const e = isPscError(err)
      ? err
      : new PscError('psc-bad-response', err instanceof Error ? err.message : String(err), { cause: err });
    options.onError?.(e, request);
    return e;
  };

  /** The session record a request points to (in the cookie itself, or in the store). */
  async function sessionRecord(request: Request): Promise<{ value: SessionCookie; sid?: string } | null> {
    const raw = parseCookies(request.headers.get('cookie')).get(names.session);
    if (!store) {
      const value = await sealers.session.unseal<SessionCookie>(raw);
      return value ? { value } : null;
    }
    const ref = await sealers.session.unseal<{ sid: string }>(raw);
    if (!ref || typeof ref.sid !== 'string') return null;
    const value = (await store.get(`session:${ref.sid}`)) as SessionCookie | undefined;
    if (!value || value.e < Math.floor(Date.now() / 1000)) return null;
    return { value, sid: ref.sid };
  }

  async function readSession(request: Request): Promise<PscSession | null> {
    const record = await sessionRecord(request);
    if (!record) return null;
    const s = record.value;
    try {
      const session: PscSession = { identity: identityFromPscUserInfo(s.u), expiresAt: s.e };
      if (s.t) session.idToken = s.t;
      return session;
    } catch {
      return null;
    }
  }

  async function sessionCookie(auth: PscAuthentication): Promise<string> {
    const value: SessionCookie = {
      u: trimUserinfo(auth.userinfo),
      t: auth.idToken,
      e: Math.floor(Date.now() / 1000) + sessionTtl,
    };
    if (!store) return cookie(names.session, await sealers.session.seal(value, sessionTtl), sessionTtl);
    const sid = randomBytes(24).toString('base64url');
    await store.set(`session:${sid}`, value, sessionTtl);
    return cookie(names.session, await sealers.session.seal({ sid }, sessionTtl), sessionTtl);
  }

  /** POSTs must come from the application's own pages (CSRF). */
  function sameOrigin(request: Request): boolean {
    const originHeader = request.headers.get('origin');
    if (originHeader !== null) return originHeader === appOrigin;
    const site = request.headers.get('sec-fetch-site');
    return site === 'same-origin' || (site === null && request.headers.get('x-authforte') === '1');
  }

  async function login(request: Request, url: URL): Promise<Response> {
    const mode = url.searchParams.get('mode') === 'popup' ? 'popup' : 'redirect';
    const returnTo = safeReturnTo(url.searchParams.get('return_to'), defaultReturnTo);
    const hint = url.searchParams.get('login_hint');
    try {
      const loginHint = loginHintOrNull(hint);
      const { url: target, transaction } = await client.startAuthorization({
        ...authorization,
        ...(loginHint !== null ? { loginHint } : {}),
      });
      const tx: TxCookie = { ...transaction, returnTo, mode };
      const headers = new Headers({ location: target.href, 'cache-control': 'no-store' });
      headers.append('set-cookie', cookie(names.tx, await sealers.tx.seal(tx, TX_TTL), TX_TTL));
      return new Response(null, { status: 303, headers });
    } catch (err) {
      const e = report(err, request);
      if (mode === 'popup') return popupPage(appOrigin, { type: PSC_BACKEND_MESSAGE_TYPE, ok: false, error: e.code });
      return new Response(null, { status: 303, headers: { location: withParam(returnTo, 'psc_error', e.code) } });
    }
  }

  async function callback(request: Request, url: URL): Promise<Response> {
    const tx = await sealers.tx.unseal<TxCookie>(parseCookies(request.headers.get('cookie')).get(names.tx));
    const headers = new Headers({ 'cache-control': 'no-store' });
    headers.append('set-cookie', clear(names.tx));
    const mode = tx?.mode ?? (url.searchParams.get('mode') === 'popup' ? 'popup' : 'redirect');
    const returnTo = tx?.returnTo ?? defaultReturnTo;
    try {
      if (!tx)
        throw new PscError(
          'psc-state-mismatch',
          'No sign-in in progress in this browser (missing or expired transaction cookie)',
        );
      const auth = await client.completeAuthorization(url, tx);
      headers.append('set-cookie', await sessionCookie(auth));
      const custom = await options.onAuthenticated?.(auth, { request, via: mode });
      if (custom) {
        for (const c of headers.getSetCookie()) custom.headers.append('set-cookie', c);
        return custom;
      }
      if (mode === 'popup') {
        const page = popupPage(appOrigin, { type: PSC_BACKEND_MESSAGE_TYPE, ok: true });
        for (const c of headers.getSetCookie()) page.headers.append('set-cookie', c);
        return page;
      }
      headers.set('location', withParam(returnTo, 'psc', 'ok'));
      return new Response(null, { status: 303, headers });
    } catch (err) {
      const e = report(err, request);
      if (mode === 'popup') {
        const page = popupPage(appOrigin, { type: PSC_BACKEND_MESSAGE_TYPE, ok: false, error: e.code });
        page.headers.append('set-cookie', clear(names.tx));
        return page;
      }
      headers.set('location', withParam(returnTo, 'psc_error', e.code));
      return new Response(null, { status: 303, headers });
    }
  }

  const refuse = (code: PscErrorCode, message: string, request: Request, status: number, retryAfter?: number) =>
    pscErrorResponse(
      report(new PscError(code, message, retryAfter === undefined ? undefined : { retryAfter }), request),
      undefined,
      status,
    );

  const sameSecret = (given: string | null, expected: string | null | undefined): boolean => {
    if (!given || !expected) return false;
    const a = createHash('sha256').update(given).digest();
    const b = createHash('sha256').update(expected).digest();
    return timingSafeEqual(a, b);
  };

  async function cibaStart(request: Request): Promise<Response> {
    // pushing a request to a professional's phone: only from a host session, with its CSRF token
    const expected = options.getCsrfToken ? await options.getCsrfToken(request) : undefined;
    if (!options.getCsrfToken)
      return refuse('psc-config', 'In-page e-CPS approval needs the host session: pass getCsrfToken', request, 403);
    if (!sameSecret(request.headers.get('x-csrf-token'), expected))
      return refuse('psc-config', 'In-page e-CPS approval refused: missing or wrong CSRF token', request, 403);
    let body: { nationalId?: unknown; channel?: unknown };
    try {
      body = (await request.json()) as typeof body;
    } catch {
      body = {};
    }
    const nationalId = loginHintOrNull(body?.nationalId);
    if (nationalId === null) {
      return pscErrorResponse(report(new PscError('psc-unknown-user', 'nationalId is missing or malformed'), request));
    }
    const t = now();
    const clientId = createHash('sha256')
      .update(options.clientKey?.(request) || `session:${expected}`)
      .digest('base64url');
    const pending = cibaPending.get(nationalId);
    if (pending && pending.until > t && pending.owner !== clientId)
      return refuse(
        'rate-limited',
        'An e-CPS approval is already pending for this national identifier',
        request,
        429,
        Math.max(1, Math.ceil((pending.until - t) / 1000)),
      );
    const wait = Math.max(cibaPerClient.take(clientId, t), cibaPerId.take(nationalId, t));
    if (wait > 0) return refuse('rate-limited', 'Too many e-CPS approval requests', request, 429, wait);
    // until PSC says how long the request lives
    cibaPending.set(nationalId, { until: t + 120_000, owner: clientId });
    try {
      const r = await client.startCiba({ nationalId, ...(body?.channel === 'card' ? { channel: 'card' } : {}) });
      const value: CibaCookie = {
        id: r.authReqId,
        interval: r.interval,
        last: Math.floor(now() / 1000),
        n: nationalId,
      };
      const ttl = Math.max(1, r.expiresAt - Math.floor(now() / 1000));
      cibaPending.set(nationalId, { until: now() + ttl * 1000, owner: clientId });
      if (cibaPending.size > 50_000) for (const [k, p] of cibaPending) if (p.until <= now()) cibaPending.delete(k);
      const headers = new Headers();
      headers.append('set-cookie', cookie(names.ciba, await sealers.ciba.seal(value, ttl + 30), ttl + 30));
      return json({ bindingMessage: r.bindingMessage, expiresIn: ttl, interval: r.interval }, 200, headers);
    } catch (err) {
      cibaPending.delete(nationalId);
      return pscErrorResponse(report(err, request));
    }
  }

  async function cibaPoll(request: Request): Promise<Response> {
    const c = await sealers.ciba.unseal<CibaCookie>(parseCookies(request.headers.get('cookie')).get(names.ciba));
    if (!c) {
      return pscErrorResponse(
        report(new PscError('psc-expired', 'No e-CPS approval in progress (missing or expired CIBA cookie)'), request),
      );
    }
    const now = Math.floor(Date.now() / 1000);
    if (now - c.last < c.interval) return json({ status: 'pending', interval: c.interval - (now - c.last) });
    try {
      const r = await client.pollCiba(c.id, c.interval);
      const headers = new Headers();
      if (r.status === 'pending') {
        headers.append(
          'set-cookie',
          cookie(names.ciba, await sealers.ciba.seal({ ...c, interval: r.interval, last: now }, 300), 300),
        );
        return json({ status: 'pending', interval: r.interval }, 200, headers);
      }
      if (c.n) cibaPending.delete(c.n);
      headers.append('set-cookie', clear(names.ciba));
      headers.append('set-cookie', await sessionCookie(r.authentication));
      const custom = await options.onAuthenticated?.(r.authentication, { request, via: 'ciba' });
      if (custom) {
        for (const h of headers.getSetCookie()) custom.headers.append('set-cookie', h);
        return custom;
      }
      return json(
        { status: 'authenticated', identity: r.authentication.identity, expiresAt: now + sessionTtl },
        200,
        headers,
      );
    } catch (err) {
      if (c.n) cibaPending.delete(c.n); // refused or expired: the professional may ask again
      return pscErrorResponse(report(err, request), { 'set-cookie': clear(names.ciba) });
    }
  }

  async function signOut(
    request: Request,
    extra: { headers?: ConstructorParameters<typeof Headers>[0]; returnTo?: string } = {},
  ): Promise<Response> {
    const record = await sessionRecord(request);
    const idToken = record?.value.t;
    if (store && record?.sid) await store.delete(`session:${record.sid}`);
    const headers = new Headers(extra.headers);
    headers.set('cache-control', 'no-store');
    for (const name of [names.session, names.tx, names.ciba]) headers.append('set-cookie', clear(name));
    const local = safeReturnTo(extra.returnTo, defaultReturnTo);
    if (!idToken) {
      headers.set('location', local);
      return new Response(null, { status: 303, headers });
    }
    try {
      // RP-initiated logout: ends PSC's own session too, so that the next person is asked to authenticate
      const target = await client.logoutUrl({ idTokenHint: idToken });
      headers.set('location', target.href);
    } catch (err) {
      report(err, request);
      headers.set('location', local);
    }
    return new Response(null, { status: 303, headers });
  }

  async function logout(request: Request): Promise<Response> {
    return signOut(request);
  }

  return {
    basePath,
    readSession,
    signOut,
    async handle(request) {
      const url = new URL(request.url);
      if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return undefined;
      const route = url.pathname.slice(basePath.length);
      const method = request.method.toUpperCase();
      if (method === 'POST' && !sameOrigin(request))
        // `origin-refused`: the page's address is not this server's; the page says so (retrying cannot help)
        return hostErrorResponse('origin-refused', 'cross-origin request refused');
      if (route === '/login' && method === 'GET') return login(request, url);
      if (route === '/callback' && method === 'GET') return callback(request, url);
      if (route === '/session' && method === 'GET') {
        const s = await readSession(request);
        if (!s) return pscErrorResponse(new PscError('psc-not-signed-in', 'No PSC session'));
        return json({ identity: s.identity, expiresAt: s.expiresAt });
      }
      if (route === '/logout' && method === 'POST') return logout(request);
      if (route === '/ciba/start' && method === 'POST') return cibaStart(request);
      if (route === '/ciba/poll' && method === 'POST') return cibaPoll(request);
      return hostErrorResponse('not-found', `No route ${method} ${route}`);
    },
  };
}
