/**
 * `createAuthForte(options)`: the whole server side of AuthForte as one Web `Request → Response` handler under one
 * base path (default `/authforte`). Built on the exported building blocks — `CardChallenges` + `verifyCardProof`
 * (card), `createPscClient` + `createPscHandlers` (Pro Santé Connect), `createAccountLinkHandler` + a lockout
 * (first connection) — with the kit's own session (CSRF token, pending identity, rotation at every privilege
 * change) kept in one store. The host writes its account callbacks, and optionally its own session hooks.
 *
 * Routes (see docs/http-api.md):
 *   GET  config · GET session · GET health · GET jwks.json
 *   POST card/nonce · POST card/verify
 *   GET  psc/login · GET psc/callback · GET psc/session · POST psc/verify · POST psc/ciba/start · POST psc/ciba/poll
 *   GET|POST account-link · POST signout
 */
import { ACCOUNT_LINK_ERRORS, type LinkIdentity } from '@authforte/core/account-link';
import { AuthForteError, type HostErrorCode } from '@authforte/core/errors';
import type { LoginMethod } from '@authforte/core/login';
import type { PscError } from '@authforte/core/psc';
import { CardChallenges } from '../card/nonces.js';
import { cardRefusalResponse, verifyCardProof } from '../card/verify.js';
import { errorResponse, hostErrorResponse, jsonResponse as json } from '../http/errors.js';
import { AccountLinkError } from '../link/errors.js';
import { createAccountLinkHandler } from '../link/handler.js';
import { createPscClient, type PscAuthentication } from '../psc/client.js';
import { createPscHandlers } from '../psc/handlers.js';
import { type AssertionKey, assertionKeyFromSecret, signIdentityAssertion } from './assertion.js';
import { kitSessions, loginIdentity } from './session.js';
import { type AuthForteStore, MemoryStore, storeLockout, storeNonces, storePscSessions } from './store.js';
import type { AuthForte, AuthForteOptions, KitConfigBody, KitIdentity, KitSession } from './types.js';

type HeadersInit = ConstructorParameters<typeof Headers>[0];

/** The envelope `{ error: { code, category, retryable, message, details } }` (`HOST_ERRORS`), at `status`. */
const problem = (status: number, code: HostErrorCode, message: string, headers?: HeadersInit) =>
  hostErrorResponse(code, message, { status, ...(headers ? { headers } : {}) });

const samePath = (p: string) => /^\/(?![/\\])[^\s]*$/.test(p);

export function createAuthForte(options: AuthForteOptions): AuthForte {
  if (typeof options.secret !== 'string' || options.secret.length < 32)
    throw new TypeError('createAuthForte: `secret` must be a string of at least 32 characters');
  const origin = new URL(options.origin).origin;
  const basePath = `/${(options.basePath ?? '/authforte').replace(/^\/+|\/+$/g, '')}`;
  const store: AuthForteStore = options.store ?? new MemoryStore();
  const secure = options.secureCookies ?? origin.startsWith('https:');
  const pendingTtl = options.pendingTtlSeconds ?? 600;
  const redirects = {
    signedIn: '/',
    linkRequired: '/',
    signedOut: '/',
    signIn: '/',
    ...options.redirects,
  };
  for (const [k, v] of Object.entries(redirects))
    if (!samePath(v)) throw new TypeError(`createAuthForte: redirects.${k} must be a same-site path`);
  const report: NonNullable<AuthForteOptions['onEvent']> = (e) => {
    try {
      options.onEvent?.(e);
    } catch {
      // a failing logger changes nothing
    }
  };

  const challenges = options.card
    ? new CardChallenges({
        store: storeNonces(store),
        ...(options.card.nonceTtlMs ? { ttlMs: options.card.nonceTtlMs } : {}),
      })
    : undefined;
  let keyPromise: Promise<AssertionKey> | undefined;
  const assertionKey = () => {
    keyPromise ??= assertionKeyFromSecret(options.secret);
    return keyPromise;
  };

  // ---- the kit session

  const { readSession, saveSession, rotate, ensureSession, checkPost, endSession } = kitSessions({
    store,
    origin,
    secure,
    sessionTtl: options.sessionTtlSeconds ?? 8 * 3600,
    report,
  });

  // ---- after a proof: signed in, or pending for the link

  interface Outcome {
    status: 'authenticated' | 'link-required';
    identity: KitIdentity;
    redirectTo: string;
    assertion: string;
  }

  async function assertion(session: KitSession, status: Outcome['status']): Promise<string> {
    const identity = (status === 'authenticated' ? session.identity : session.pending?.identity) as KitIdentity;
    const method = (status === 'authenticated' ? session.method : session.pending?.method) as LoginMethod;
    return signIdentityAssertion(
      await assertionKey(),
      {
        sub: identity.nationalId,
        method,
        status,
        ...(session.accountId ? { account_id: session.accountId } : {}),
        family_name: identity.familyName,
        ...(identity.givenName ? { given_name: identity.givenName } : {}),
        name: identity.displayName,
      },
      {
        issuer: `${origin}${basePath}`,
        audience: options.assertion?.audience ?? origin,
        ttlSeconds: options.assertion?.ttlSeconds ?? 120,
      },
    );
  }

  async function signedIn(
    request: Request,
    old: KitSession | null,
    accountId: string,
    identity: KitIdentity,
    method: LoginMethod,
  ): Promise<{ session: KitSession; cookies: string[] }> {
    const { session, setCookie } = await rotate(old, { accountId, identity, method });
    const cookies = [setCookie];
    const extra = (await options.sessions?.signIn?.({ accountId, identity, method, request })) || undefined;
    if (extra?.headers) for (const c of new Headers(extra.headers).getSetCookie()) cookies.push(c);
    report({ type: 'signed-in', method, nationalId: identity.nationalId, accountId });
    return { session, cookies };
  }

  async function afterProof(
    request: Request,
    old: KitSession | null,
    identity: KitIdentity,
    method: LoginMethod,
  ): Promise<{ outcome: Outcome; cookies: string[] }> {
    const account = await options.accounts.findByNationalId(identity.nationalId, identity);
    if (account) {
      const { session, cookies } = await signedIn(request, old, account.accountId, identity, method);
      return {
        outcome: {
          status: 'authenticated',
          identity,
          redirectTo: redirects.signedIn,
          assertion: await assertion(session, 'authenticated'),
        },
        cookies,
      };
    }
    const { session, setCookie } = await rotate(old, {
      pending: { identity, method, expiresAt: Date.now() + pendingTtl * 1000 },
    });
    report({ type: 'link-required', method, nationalId: identity.nationalId });
    return {
      outcome: {
        status: 'link-required',
        identity,
        redirectTo: redirects.linkRequired,
        assertion: await assertion(session, 'link-required'),
      },
      cookies: [setCookie],
    };
  }

  const withCookies = (response: Response, cookies: readonly string[]) => {
    for (const c of cookies) response.headers.append('set-cookie', c);
    return response;
  };

  // ---- PSC, through createPscHandlers (the transaction in a sealed cookie: any instance completes it)

  /** Cookies of the kit session rotated inside a PSC route, added to that route's answer. */
  const pscCookies = new WeakMap<Request, string[]>();
  const pscOptions = options.psc && {
    client: createPscClient({
      ...options.psc,
      redirectUri: `${origin}${basePath}/psc/callback`,
      postLogoutRedirectUri: `${origin}${redirects.signedOut}`,
    }),
    cookieSecret: options.secret,
    basePath: `${basePath}/psc`,
    defaultReturnTo: redirects.signIn,
    sharedWorkstation: options.psc.sharedWorkstation === true,
    secureCookies: secure,
    store: storePscSessions(store),
    onAuthenticated: async (authentication: PscAuthentication, { request }: { request: Request }) => {
      const { cookies } = await afterProof(
        request,
        await readSession(request),
        loginIdentity({ ...authentication.identity, source: 'psc' }),
        'psc',
      );
      pscCookies.set(request, cookies);
    },
    onError: (error: PscError) => report({ type: 'psc-error', method: 'psc', code: error.code }),
    // the CIBA guard of createPscHandlers (push to a phone only from a session, with its CSRF token), where it has one
    getCsrfToken: async (request: Request) => (await readSession(request))?.csrfToken,
  };
  const psc = pscOptions ? createPscHandlers(pscOptions) : undefined;

  async function pscRoute(request: Request, route: string): Promise<Response> {
    if (!psc) return problem(404, 'not-configured', 'Pro Santé Connect is not configured');
    if (route === '/psc/verify') {
      if (request.method !== 'POST') return problem(405, 'method-not-allowed', 'POST only', { allow: 'POST' });
      const session = await checkPost(request);
      if (session instanceof Response) return session;
      const pscSession = await psc.readSession(request);
      if (!pscSession) return problem(401, 'verification-failed', 'no Pro Santé Connect sign-in');
      const nationalId = pscSession.identity.nationalId;
      // grants nothing by itself: reports what the PSC sign-in of this session came to
      if (session.accountId && session.identity?.nationalId === nationalId && session.method === 'psc')
        return json({
          status: 'authenticated',
          identity: session.identity,
          redirectTo: redirects.signedIn,
          assertion: await assertion(session, 'authenticated'),
        });
      if (session.pending?.identity.nationalId === nationalId && session.pending.method === 'psc')
        return json({
          status: 'link-required',
          identity: session.pending.identity,
          redirectTo: redirects.linkRequired,
          assertion: await assertion(session, 'link-required'),
        });
      return problem(401, 'verification-failed', 'the PSC sign-in is not this session’s');
    }
    if (route === '/psc/logout') return signOut(request);
    // `psc.ciba: false` (the ANS did not enable CIBA for this service, or the host does not want it): the config says
    // so, and the routes push nothing to a professional's phone either
    if (route.startsWith('/psc/ciba/') && options.psc?.ciba === false)
      return problem(404, 'not-configured', 'in-page e-CPS approval (CIBA) is not enabled');
    if (request.method === 'POST') {
      const session = await checkPost(request);
      if (session instanceof Response) return session;
    }
    const response = (await psc.handle(request)) ?? problem(404, 'not-found', 'no such route');
    return withCookies(response, pscCookies.get(request) ?? []);
  }

  // ---- card

  async function cardRoute(request: Request, route: string): Promise<Response> {
    if (!options.card || !challenges) return problem(404, 'not-configured', 'card sign-in is not configured');
    if (request.method !== 'POST') return problem(405, 'method-not-allowed', 'POST only', { allow: 'POST' });
    const session = await checkPost(request);
    if (session instanceof Response) return session;
    if (route === '/card/nonce') return json(await challenges.issue(session.id));
    if (route !== '/card/verify') return problem(404, 'not-found', 'no such route');
    let proof: unknown;
    try {
      const text = await request.text();
      if (text.length > 64 * 1024) return problem(413, 'body-too-large', 'proof too large');
      proof = JSON.parse(text);
    } catch {
      proof = undefined;
    }
    const { trustAnchors, agentUrl: _a, nonceTtlMs: _n, ...verifyOptions } = options.card;
    const result = await verifyCardProof({
      ...verifyOptions,
      proof,
      expectedOrigin: origin,
      sessionId: session.id,
      ...(trustAnchors ? { trustAnchors } : {}),
      challenges,
    });
    if (!result.ok) {
      report({ type: 'card-refused', method: 'card', code: result.reason });
      return cardRefusalResponse(result.reason, result.message);
    }
    const { outcome, cookies } = await afterProof(request, session, loginIdentity(result.identity), 'card');
    return json(
      outcome,
      200,
      cookies.map((c) => ['set-cookie', c] as [string, string]),
    );
  }

  // ---- first connection

  const linkCookies = new WeakMap<Request, string[]>();
  const link = createAccountLinkHandler<LinkIdentity & { method: LoginMethod; identity: KitIdentity }>({
    getPendingIdentity: async (request) => {
      const p = (await readSession(request))?.pending;
      return p
        ? { nationalId: p.identity.nationalId, displayName: p.identity.displayName, source: p.method, ...p }
        : null;
    },
    getCsrfToken: async (request) => (await readSession(request))?.csrfToken,
    verifyCredentials: async (username, password) =>
      (await options.accounts.verifyCredentials(username, password)) ?? null,
    linkIdentity: async ({ identity, accountId }) => {
      await options.accounts.link({ identity: identity.identity, accountId });
    },
    onLinked: async ({ identity, accountId, request }) => {
      const { cookies } = await signedIn(
        request,
        await readSession(request),
        accountId,
        identity.identity,
        identity.method,
      );
      linkCookies.set(request, cookies);
      return { redirectTo: redirects.signedIn };
    },
    lockout: storeLockout(store, options.lockout),
    allowedOrigins: [origin],
    ...(options.minFailureMs === undefined ? {} : { minFailureMs: options.minFailureMs }),
    onEvent: (e) => report({ type: `link-${e.type}`, ...(e.nationalId ? { nationalId: e.nationalId } : {}) }),
  });

  async function linkRoute(request: Request): Promise<Response> {
    const response = await link(request);
    return withCookies(response, linkCookies.get(request) ?? []);
  }

  // ---- sign-out: the kit session, the host's, and the PSC session (PSC's logout when there was one)

  async function signOut(request: Request): Promise<Response> {
    if (request.method !== 'POST') return problem(405, 'method-not-allowed', 'POST only', { allow: 'POST' });
    const isForm = /^application\/x-www-form-urlencoded/i.test(request.headers.get('content-type') ?? '');
    const form = isForm
      ? await request
          .clone()
          .formData()
          .catch(() => undefined)
      : undefined;
    const token = form?.get('csrf');
    const session = await checkPost(request, typeof token === 'string' ? token : null);
    if (session instanceof Response) return session;
    const cookies = [await endSession(session)];
    const extra =
      (await options.sessions?.signOut?.({
        ...(session.accountId ? { accountId: session.accountId } : {}),
        request,
      })) || undefined;
    if (extra?.headers) for (const c of new Headers(extra.headers).getSetCookie()) cookies.push(c);
    let redirectTo = redirects.signedOut;
    if (psc && (await psc.readSession(request))) {
      // createPscHandlers' logout: revokes the PSC session and sends the browser to PSC's end-session endpoint
      const headers = new Headers(request.headers);
      headers.set('origin', origin);
      headers.delete('content-type');
      const out = await psc.handle(
        new Request(new URL(`${basePath}/psc/logout`, request.url), { method: 'POST', headers }),
      );
      if (out) {
        redirectTo = out.headers.get('location') ?? redirectTo;
        cookies.push(...out.headers.getSetCookie());
      }
    }
    report({ type: 'signed-out', ...(session.accountId ? { accountId: session.accountId } : {}) });
    if (isForm || !(request.headers.get('accept') ?? '').includes('application/json')) {
      const headers = new Headers({ location: redirectTo, 'cache-control': 'no-store' });
      return withCookies(new Response(null, { status: 303, headers }), cookies);
    }
    return withCookies(json({ ok: true, redirectTo }), cookies);
  }

  // ---- config and session

  const config = (): KitConfigBody => {
    const methods: LoginMethod[] = [];
    if (options.card) methods.push('card');
    if (options.psc) methods.push('psc');
    return {
      methods,
      ...(options.card?.agentUrl ? { agentUrl: options.card.agentUrl } : {}),
      ciba: !!options.psc && options.psc.ciba !== false,
      pscMode: options.psc?.mode ?? 'redirect',
      ...(options.hostName ? { hostName: options.hostName } : {}),
      ...(options.helpContact ? { helpContact: options.helpContact } : {}),
      redirects,
    };
  };

  async function sessionRoute(request: Request): Promise<Response> {
    const { session, setCookie } = await ensureSession(request);
    // the elements ask before each POST: an anonymous session in use lives on
    if (!setCookie && !session.accountId && !session.pending) await saveSession(session);
    const body: Record<string, unknown> = { signedIn: !!session.accountId, csrfToken: session.csrfToken };
    if (session.accountId && session.identity) {
      body.accountId = session.accountId;
      body.identity = session.identity;
      body.method = session.method;
      body.assertion = await assertion(session, 'authenticated');
    }
    if (session.pending) body.pendingIdentity = session.pending.identity;
    return json(body, 200, setCookie ? { 'set-cookie': setCookie } : {});
  }

  async function handle(request: Request): Promise<Response | undefined> {
    const url = new URL(request.url);
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return undefined;
    const route = url.pathname.slice(basePath.length) || '/';
    const get = request.method === 'GET' || request.method === 'HEAD';
    try {
      if (route === '/config' && get) return json(config());
      if (route === '/health' && get) {
        await store.get('af:health');
        return json({ status: 'ok' });
      }
      if (route === '/jwks.json' && get) return json(await jwks(), 200, { 'cache-control': 'public, max-age=300' });
      if (route === '/session' && get) return await sessionRoute(request);
      if (route.startsWith('/card/')) return await cardRoute(request, route);
      if (route.startsWith('/psc/')) return await pscRoute(request, route);
      if (route === '/account-link') return await linkRoute(request);
      if (route === '/signout') return await signOut(request);
      return problem(404, 'not-found', `no route ${request.method} ${route}`);
    } catch (error) {
      report({ type: 'server-error', code: error instanceof Error ? error.name : 'unknown' });
      if (error instanceof AccountLinkError)
        return errorResponse(
          AuthForteError.fromTable(ACCOUNT_LINK_ERRORS, error.code, { message: error.message }),
          400,
        );
      return problem(500, 'server', 'internal error');
    }
  }

  async function jwks(): Promise<{ keys: object[] }> {
    return { keys: [(await assertionKey()).publicJwk] };
  }

  return {
    basePath,
    handle,
    async handler(request) {
      return (await handle(request)) ?? problem(404, 'not-found', 'not an AuthForte route');
    },
    getSession: readSession,
    jwks,
    store,
    card: challenges,
    psc,
    async close() {
      await store.close?.();
    },
  };
}
