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
import { createHash, randomBytes } from 'node:crypto';
import type { ProfessionalIdentity } from '@authforte/core';
import { identityFromPscUserInfo } from '@authforte/core';
import { isPscError, PSC_BACKEND_MESSAGE_TYPE, PscError, type PscErrorCode } from '@authforte/core/psc';
import type { PscAuthentication, PscClient, PscTransaction } from './client.js';
import { parseCookies, Sealer, serializeCookie } from './sealed.js';

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
  /** Called with every error (developer message inside); default: nothing. */
  onError?: (error: PscError, request: Request) => void;
}

/** Where sessions live when not in the cookie (Redis, a database table…). Values are JSON-serialisable. */
export interface PscSessionStore {
  get(key: string): Promise<unknown | undefined>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A {@link PscSessionStore} in this process's memory (one server instance; tests, demos). */
export class MemoryPscSessionStore implements PscSessionStore {
  readonly #entries = new Map<string, { value: unknown; expiresAt: number }>();
  async get(key: string): Promise<unknown | undefined> {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt < Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return structuredClone(e.value);
  }
  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    const now = Date.now();
    for (const [k, e] of this.#entries) if (e.expiresAt < now) this.#entries.delete(k);
    this.#entries.set(key, { value: structuredClone(value), expiresAt: now + ttlSeconds * 1000 });
  }
  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }
}

export interface PscSession {
  identity: ProfessionalIdentity;
  /** Seconds since the epoch. */
  expiresAt: number;
  idToken?: string;
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
}

export interface PscHandlers {
  basePath: string;
  /** Answers a request under `basePath`, or resolves to undefined for any other request. */
  handle(request: Request): Promise<Response | undefined>;
  /** The PSC session carried by a request (for the host's own routes), or null. */
  readSession(request: Request): Promise<PscSession | null>;
}

const TX_TTL = 600;

function json(body: unknown, status = 200, headers: ConstructorParameters<typeof Headers>[0] = {}): Response {
  const h = new Headers(headers);
  h.set('content-type', 'application/json; charset=utf-8');
  h.set('cache-control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers: h });
}

function statusFor(code: PscErrorCode): number {
  if (code === 'psc-not-signed-in') return 401;
  if (code === 'psc-unreachable' || code === 'psc-bad-response' || code === 'psc-bad-discovery') return 502;
  if (code === 'timeout') return 504;
  return 400;
}

/** A same-site relative path, else the fallback: never an open redirect. */
export function safeReturnTo(value: string | null, fallback: string): string {
  if (!value || value.length > 2048) return fallback;
  if (
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\') ||
    [...value].some((c) => c.charCodeAt(0) < 0x20)
  )
    return fallback;
  try {
    const u = new URL(value, 'http://x.invalid');
    if (u.origin !== 'http://x.invalid') return fallback;
  } catch {
    return fallback;
  }
  return value;
}

function withParam(path: string, key: string, value: string): string {
  const u = new URL(path, 'http://x.invalid');
  u.searchParams.delete('psc');
  u.searchParams.delete('psc_error');
  u.searchParams.set(key, value);
  return `${u.pathname}${u.search}${u.hash}`;
}

function trimUserinfo(u: Record<string, unknown>): Record<string, unknown> {
  const keep = ['sub', 'SubjectNameID', 'given_name', 'family_name', 'SubjectRefPro'];
  return Object.fromEntries(Object.entries(u).filter(([k]) => keep.includes(k)));
}

function popupPage(origin: string, message: { type: string; ok: boolean; error?: string }): Response {
  const data = JSON.stringify(message).replace(/</g, '\\u003c');
  const target = JSON.stringify(origin).replace(/</g, '\\u003c');
  const text = message.ok
    ? 'Connexion réussie. Cette fenêtre va se fermer.'
    : 'La connexion a échoué. Vous pouvez fermer cette fenêtre.';
  const script = `(function(){if(window.opener){window.opener.postMessage(${data},${target});}window.close();})();`;
  const body = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Pro Santé Connect</title></head><body><p role="status">${text}</p><script>${script}</script></body></html>`;
  // the page allows exactly its own script, whatever the host's policy for other pages
  const hash = createHash('sha256').update(script).digest('base64');
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `default-src 'none'; script-src 'sha256-${hash}'; frame-ancestors 'none'`,
      'referrer-policy': 'no-referrer',
    },
  });
}

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
      const { url: target, transaction } = await client.startAuthorization(
        hint && /^[0-9A-Za-z]{2,40}$/.test(hint) ? { loginHint: hint } : {},
      );
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

  async function cibaStart(request: Request): Promise<Response> {
    let body: { nationalId?: unknown };
    try {
      body = (await request.json()) as typeof body;
    } catch {
      body = {};
    }
    const nationalId = typeof body?.nationalId === 'string' ? body.nationalId.trim() : '';
    if (!/^[0-9A-Za-z]{2,40}$/.test(nationalId)) {
      const e = report(new PscError('psc-config', 'nationalId is missing or malformed'), request);
      return json({ error: e.code, message: e.message }, 400);
    }
    try {
      const r = await client.startCiba({ nationalId });
      const value: CibaCookie = { id: r.authReqId, interval: r.interval, last: Math.floor(Date.now() / 1000) };
      const ttl = Math.max(1, r.expiresAt - Math.floor(Date.now() / 1000));
      const headers = new Headers();
      headers.append('set-cookie', cookie(names.ciba, await sealers.ciba.seal(value, ttl + 30), ttl + 30));
      return json({ bindingMessage: r.bindingMessage, expiresIn: ttl, interval: r.interval }, 200, headers);
    } catch (err) {
      const e = report(err, request);
      return json({ error: e.code, message: e.message }, statusFor(e.code));
    }
  }

  async function cibaPoll(request: Request): Promise<Response> {
    const c = await sealers.ciba.unseal<CibaCookie>(parseCookies(request.headers.get('cookie')).get(names.ciba));
    if (!c) {
      const e = report(
        new PscError('psc-expired', 'No e-CPS approval in progress (missing or expired CIBA cookie)'),
        request,
      );
      return json({ error: e.code, message: e.message }, 400);
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
      const e = report(err, request);
      return json({ error: e.code, message: e.message }, statusFor(e.code), { 'set-cookie': clear(names.ciba) });
    }
  }

  async function logout(request: Request): Promise<Response> {
    const session = await readSession(request);
    const record = store ? await sessionRecord(request) : null;
    if (store && record?.sid) await store.delete(`session:${record.sid}`);
    const headers = new Headers({ 'cache-control': 'no-store' });
    headers.append('set-cookie', clear(names.session));
    try {
      const target = await client.logoutUrl(session?.idToken ? { idTokenHint: session.idToken } : {});
      headers.set('location', target.href);
    } catch (err) {
      report(err, request);
      headers.set('location', defaultReturnTo);
    }
    return new Response(null, { status: 303, headers });
  }

  return {
    basePath,
    readSession,
    async handle(request) {
      const url = new URL(request.url);
      if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return undefined;
      const route = url.pathname.slice(basePath.length);
      const method = request.method.toUpperCase();
      if (method === 'POST' && !sameOrigin(request))
        // `origin-refused`: the page's address is not this server's; the page says so (retrying cannot help)
        return json({ error: 'origin-refused', message: 'cross-origin request refused' }, 403);
      if (route === '/login' && method === 'GET') return login(request, url);
      if (route === '/callback' && method === 'GET') return callback(request, url);
      if (route === '/session' && method === 'GET') {
        const s = await readSession(request);
        if (!s) return json({ error: 'psc-not-signed-in', message: 'No PSC session' }, 401);
        return json({ identity: s.identity, expiresAt: s.expiresAt });
      }
      if (route === '/logout' && method === 'POST') return logout(request);
      if (route === '/ciba/start' && method === 'POST') return cibaStart(request);
      if (route === '/ciba/poll' && method === 'POST') return cibaPoll(request);
      return json({ error: 'psc-config', message: `No route ${method} ${route}` }, 404);
    },
  };
}
