/**
 * The demo host's application logic, on Web `Request` / `Response`: sessions (cookie), the pending identity after
 * a card / PSC proof, the account-link endpoint, sign-in and sign-out, and the signed-in home page.
 *
 * The sign-in integration (`<af-login>`) calls, after it has verified a card proof or a PSC sign-in:
 * `findAccountByNationalId(id)` → `signIn(session, account.id)` when linked, else `createPendingIdentity(session,
 * identity)` and send the user to `/espace-professionnel`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ProfessionalIdentity } from '@authforte/core';
import type { LinkIdentity } from '@authforte/core/account-link';
import type { PscEnvironment } from '@authforte/core/psc';
import {
  AccountLinkError,
  type AccountLinkHandler,
  CardChallenges,
  cardRefusalCode,
  createAccountLinkHandler,
  createPendingIdentityToken,
  createPscClient,
  createPscHandlers,
  type LockoutSettings,
  type PscHandlers,
  readPendingIdentityToken,
  type TrustAnchor,
  type TrustPreset,
  verifyCardProof,
} from '@authforte/server';
import { type Account, DemoStore, IdentityAlreadyLinkedError, type Session } from './store.js';

export const SESSION_COOKIE = 'af_demo_sid';

/** The demo's seeded accounts: the password is printed in the start banner (fictitious data). */
export const DEMO_ACCOUNTS = [
  {
    username: 'marie.dupont',
    password: 'Trajectoire-2026',
    displayName: 'Marie Dupont',
    establishment: 'Centre hospitalier de démonstration',
  },
  {
    username: 'paul.martin',
    password: 'Trajectoire-2026',
    displayName: 'Paul Martin',
    establishment: 'EHPAD Les Tilleuls (démonstration)',
  },
] as const;

export interface DemoAppOptions {
  /** SQLite file, or `:memory:` (default). */
  database?: string;
  /** Lockout of the link endpoint (default: 5 failures in 15 minutes lock for 15 minutes). */
  lockout?: LockoutSettings;
  /** Signs the pending identity tokens (default: random per start). */
  secret?: string;
  /** Pending identity lifetime in seconds (default 600). */
  pendingIdentityTtl?: number;
  /** Create the demo accounts (default true). */
  seed?: boolean;
  /** Cookies with `Secure` (default: when the request is https). */
  secureCookies?: boolean;
  /** Floor for credential failures in ms (default 300). */
  minFailureMs?: number;
  /** The host's name in the link form (default "Trajectoire Démo"). */
  hostName?: string;
  /**
   * The card sign-in: the trust of card certificates (a trust preset — the sandbox's test IGC-Santé hierarchy — or
   * trust anchors) and where the page finds the card agent. Without it the sign-in page offers the e-CPS only.
   */
  card?: { trust?: TrustPreset; trustAnchors?: readonly TrustAnchor[]; agentUrl?: string };
  /**
   * The e-CPS sign-in: Pro Santé Connect (the sandbox's `environment` and confidential client). Without it the
   * sign-in page offers the card only.
   */
  psc?: {
    environment: PscEnvironment;
    clientId: string;
    clientSecret: string;
    ciba?: boolean;
    /** Shared workstations: PSC asks for the e-CPS or the card at every sign-in (`prompt=login`). Default true. */
    sharedWorkstation?: boolean;
  };
  /** Sessions without an account nor pending identity kept at most (default 10 000; see `DemoStore`). */
  maxAnonymousSessions?: number;
}

/** What `<af-login>`'s `verify` service gets from the host (the `VerifyOutcome` of `@authforte/core/login`). */
export interface DemoVerifyOutcome {
  status: 'authenticated' | 'link-required';
  identity: { source: 'card' | 'psc'; nationalId: string; familyName: string; givenName?: string; displayName: string };
  redirectTo: string;
}

/** Where the PSC routes are mounted (the default of `PscBackendClient`). */
export const PSC_BASE_PATH = '/authforte/psc';

function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    },
  });
}

function loginIdentity(identity: {
  source?: string;
  nationalId: string;
  familyName: string;
  givenName?: string | undefined;
  displayName: string;
}): DemoVerifyOutcome['identity'] {
  return {
    source: identity.source === 'psc' ? 'psc' : 'card',
    nationalId: identity.nationalId,
    familyName: identity.familyName,
    ...(identity.givenName ? { givenName: identity.givenName } : {}),
    displayName: identity.displayName,
  };
}

function parseCookies(header: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (name && !out.has(name)) out.set(name, part.slice(i + 1).trim());
  }
  return out;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The practices of a PSC identity, for the signed-in page: profession (or "unclassified") and places. */
function practicesHtml(practices: ProfessionalIdentity['practices']): string {
  if (practices.length === 0) return '';
  const items = practices.map((p) => {
    const places = p.activities.map((a) => a.organizationName).filter((n): n is string => Boolean(n));
    const label = p.label || 'Exercice non classé (aucun code de profession transmis)';
    return `<li>${escapeHtml(label)}${places.length ? ` — ${places.map(escapeHtml).join(', ')}` : ''}</li>`;
  });
  return `<h2>Vos exercices (transmis par Pro Santé Connect)</h2>
      <ul data-testid="practices">${items.join('')}</ul>`;
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The card refusals the sign-in page explains with their own message (the rest: `verification-failed`). */
export class DemoApp {
  readonly store: DemoStore;
  readonly hostName: string;
  /** `POST` / `GET` `/api/account-link`. */
  readonly linkHandler: AccountLinkHandler;
  /** Card authentication nonces, bound to the demo session. */
  readonly cardChallenges = new CardChallenges();
  private readonly secret: string;
  private options: DemoAppOptions;
  private originValue: string | undefined;
  private psc: PscHandlers | undefined;
  /** `Set-Cookie` of the host session opened by a PSC sign-in, added to the PSC route's answer. */
  private readonly pscCookies = new WeakMap<Request, string>();

  constructor(options: DemoAppOptions = {}) {
    this.options = options;
    this.store = new DemoStore({
      filename: options.database ?? ':memory:',
      ...(options.maxAnonymousSessions === undefined ? {} : { maxAnonymousSessions: options.maxAnonymousSessions }),
    });
    this.secret = options.secret ?? randomBytes(32).toString('base64url');
    this.hostName = options.hostName ?? 'Trajectoire Démo';
    this.linkHandler = createAccountLinkHandler<LinkIdentity>({
      getPendingIdentity: (request) => {
        const session = this.sessionOf(request);
        return session ? this.pendingIdentity(session) : null;
      },
      getCsrfToken: (request) => this.sessionOf(request)?.csrfToken,
      verifyCredentials: async (username, password) => {
        const account = await this.store.verifyCredentials(username, password);
        return account ? { accountId: account.id } : null;
      },
      linkIdentity: ({ identity, accountId }) => {
        try {
          this.store.linkIdentity(identity, accountId);
        } catch (error) {
          if (error instanceof IdentityAlreadyLinkedError) throw new AccountLinkError('already-linked');
          throw error;
        }
      },
      onLinked: ({ accountId, request }) => {
        const session = this.sessionOf(request);
        if (!session) return { redirectTo: '/accueil' };
        const signedIn = this.signIn(session, accountId);
        return { redirectTo: '/accueil', headers: { 'set-cookie': this.sessionCookie(signedIn, request) } };
      },
      lockout: this.store.lockout(options.lockout),
      // the Origin of a POST must be the host's public origin, not one derived from the request's Host header
      origin: () => this.originValue,
      ...(options.minFailureMs === undefined ? {} : { minFailureMs: options.minFailureMs }),
    });
  }

  /**
   * The host's own origin (e.g. `http://localhost:8080`), known once it listens: card proofs must be made for it,
   * and PSC comes back to `<origin>/authforte/psc/callback`.
   */
  setOrigin(origin: string): void {
    this.originValue = new URL(origin).origin;
    const psc = this.options.psc;
    if (!psc) return;
    this.psc = createPscHandlers({
      client: createPscClient({
        environment: psc.environment,
        clientId: psc.clientId,
        clientSecret: psc.clientSecret,
        redirectUri: `${this.originValue}${PSC_BASE_PATH}/callback`,
        postLogoutRedirectUri: `${this.originValue}/deconnecte.html`,
      }),
      cookieSecret: this.secret.padEnd(32, '0'),
      basePath: PSC_BASE_PATH,
      defaultReturnTo: '/connexion',
      sharedWorkstation: psc.sharedWorkstation !== false,
      // the in-page e-CPS approval pushes to a phone: only from a host session, with its CSRF token
      getCsrfToken: (request) => this.sessionOf(request)?.csrfToken,
      onError: (error) => {
        if (error.code === 'rate-limited') console.warn(`[demo] e-CPS approval refused: ${error.message}`);
      },
      onAuthenticated: (authentication, { request }) => {
        // the host's own sign-in, at the moment PSC proved the identity (redirect, popup or CIBA)
        const { session, setCookie } = this.ensureSession(request);
        const result = this.afterStrongAuthentication(session, loginIdentity(authentication.identity), request);
        const cookie = result.setCookie ?? setCookie;
        if (cookie) this.pscCookies.set(request, cookie);
      },
    });
  }

  /** Where the sign-in page finds the card agent (when it starts after the host, e.g. on a free port in tests). */
  setCardAgentUrl(agentUrl: string): void {
    if (!this.options.card) throw new Error('the demo host was started without card sign-in (option `card`)');
    this.options = { ...this.options, card: { ...this.options.card, agentUrl } };
  }

  get origin(): string | undefined {
    return this.originValue;
  }

  /** What the sign-in page needs to know (`GET /api/login/config`). */
  loginConfig(): { methods: Array<'card' | 'psc'>; agentUrl?: string; ciba: boolean } {
    const methods: Array<'card' | 'psc'> = [];
    if (this.options.card) methods.push('card');
    if (this.options.psc) methods.push('psc');
    return {
      methods,
      ...(this.options.card?.agentUrl ? { agentUrl: this.options.card.agentUrl } : {}),
      ciba: !!this.options.psc && this.options.psc.ciba !== false,
    };
  }

  /**
   * The headers every answer of the demo carries (what a host copies): a strict Content-Security-Policy — scripts
   * and styles of the site only (no inline script, no inline style element: the elements adopt constructable
   * stylesheets), the card agent as the only other address fetched, forms posting to the site or PSC (sign-out
   * goes on to PSC's end-session endpoint), no framing (`frame-ancestors 'none'` and `X-Frame-Options: DENY`:
   * the PIN screen and the link form cannot be framed for clickjacking) — and `nosniff`.
   */
  securityHeaders(): Record<string, string> {
    const agent = this.options.card?.agentUrl ? ` ${new URL(this.options.card.agentUrl).origin}` : '';
    const psc = this.options.psc ? ` ${new URL(this.options.psc.environment.issuer).origin}` : '';
    return {
      'content-security-policy': [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        `connect-src 'self'${agent}`,
        `form-action 'self'${psc}`,
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
      ].join('; '),
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
    };
  }

  /** Creates the demo accounts that do not exist yet. */
  async seed(): Promise<void> {
    for (const a of DEMO_ACCOUNTS) {
      if (!this.store.findAccountByUsername(a.username)) await this.store.createAccount(a);
    }
  }

  close(): void {
    this.store.close();
  }

  // ---- sessions

  /** The live session of the request's cookie, if any. */
  sessionOf(request: Request | { headers: { cookie?: string | undefined } }): Session | undefined {
    const header =
      request instanceof Request ? request.headers.get('cookie') : (request.headers as { cookie?: string }).cookie;
    return this.store.getSession(parseCookies(header).get(SESSION_COOKIE));
  }

  /** The request's session, or a new one (then `setCookie` must be sent). */
  ensureSession(request: Request | { headers: { cookie?: string | undefined } }): {
    session: Session;
    setCookie?: string;
  } {
    const existing = this.sessionOf(request);
    if (existing) return { session: existing };
    const session = this.store.createSession();
    return { session, setCookie: this.sessionCookie(session, request instanceof Request ? request : undefined) };
  }

  /** `Set-Cookie` for a session: random id, HttpOnly, SameSite=Lax, Secure on https. */
  sessionCookie(session: Session, request?: Request): string {
    const secure = this.options.secureCookies ?? (request ? new URL(request.url).protocol === 'https:' : false);
    const maxAge = Math.max(0, Math.floor((session.expiresAt - Date.now()) / 1000));
    return [
      `${SESSION_COOKIE}=${session.id}`,
      'Path=/',
      `Max-Age=${maxAge}`,
      'HttpOnly',
      'SameSite=Lax',
      ...(secure ? ['Secure'] : []),
    ].join('; ');
  }

  clearedSessionCookie(): string {
    return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`;
  }

  // ---- what the sign-in integration calls

  /**
   * After a verified card proof or PSC sign-in whose identity is not linked yet: keeps a short-lived signed token
   * of it in a new session (id and CSRF token rotated: a session id planted before the proof reads nothing after
   * it). Send `sessionCookie(result)`.
   */
  createPendingIdentity(session: Session, identity: LinkIdentity): Session {
    const token = createPendingIdentityToken(
      {
        nationalId: identity.nationalId,
        displayName: identity.displayName,
        ...(identity.source ? { source: identity.source } : {}),
      },
      { secret: this.secret, ttlSeconds: this.options.pendingIdentityTtl ?? 600 },
    );
    return this.store.rotateSession(session, null, token);
  }

  /** The identity waiting to be linked in this session, or null (none, or expired). */
  pendingIdentity(session: Session): LinkIdentity | null {
    const fresh = this.store.getSession(session.id);
    return readPendingIdentityToken(fresh?.pendingIdentity, { secret: this.secret });
  }

  findAccountByNationalId(nationalId: string): Account | undefined {
    return this.store.findAccountByNationalId(nationalId);
  }

  /** Signs in: a new session (id and CSRF token rotated) for the account. Send `sessionCookie(result)`. */
  signIn(session: Session, accountId: string): Session {
    return this.store.rotateSession(session, accountId);
  }

  /**
   * What the sign-in integration does after a verified card proof or PSC sign-in: signs in when the identity is
   * linked (`af-authenticated`), else keeps it pending and sends to the link page (`af-link-required`).
   * Send `setCookie` when present, then go to `redirectTo`.
   */
  afterStrongAuthentication(
    session: Session,
    identity: LinkIdentity,
    request?: Request,
  ): { linked: boolean; redirectTo: string; session: Session; setCookie?: string } {
    const account = this.findAccountByNationalId(identity.nationalId);
    if (account) {
      const signedIn = this.signIn(session, account.id);
      return {
        linked: true,
        redirectTo: '/accueil',
        session: signedIn,
        setCookie: this.sessionCookie(signedIn, request),
      };
    }
    const pending = this.createPendingIdentity(session, identity);
    return {
      linked: false,
      redirectTo: '/espace-professionnel',
      session: pending,
      setCookie: this.sessionCookie(pending, request),
    };
  }

  /** Ends the host session (the row is deleted: its id and CSRF token are worth nothing any more). */
  signOut(session: Session): void {
    this.store.deleteSession(session.id);
  }

  // ---- routes

  /** The demo's dynamic routes; undefined for anything else (static files). */
  async handle(request: Request): Promise<Response | undefined> {
    const url = new URL(request.url);
    if (this.psc && (url.pathname === PSC_BASE_PATH || url.pathname.startsWith(`${PSC_BASE_PATH}/`))) {
      const response = await this.psc.handle(request);
      const cookie = this.pscCookies.get(request);
      if (response && cookie) response.headers.append('set-cookie', cookie);
      return response;
    }
    switch (url.pathname) {
      case '/api/login/config':
        return request.method === 'GET' ? jsonResponse(this.loginConfig()) : undefined;
      case '/api/card/nonce':
        return request.method === 'POST' ? this.cardNonce(request) : undefined;
      case '/api/card/verify':
        return request.method === 'POST' ? this.cardVerify(request) : undefined;
      case '/api/psc/verify':
        return request.method === 'POST' ? this.pscVerify(request) : undefined;
      case '/api/account-link':
        return this.linkHandler(request);
      case '/api/session':
        return request.method === 'GET' ? this.sessionInfo(request) : undefined;
      case '/accueil':
        return request.method === 'GET' ? await this.home(request) : undefined;
      case '/deconnexion':
        return request.method === 'POST' ? this.logout(request) : undefined;
      default:
        return undefined;
    }
  }

  /**
   * POSTs of the sign-in: from the host's own pages (Origin, when sent, is the host's) with the session's CSRF
   * token in `x-csrf-token`. Returns the session, or the refusal to send.
   */
  private checkPost(request: Request): Session | Response {
    const origin = request.headers.get('origin');
    if (origin !== null && origin !== this.originValue)
      // its own code, so the page tells the user the address is wrong (retrying cannot help)
      return jsonResponse({ error: 'origin-refused', message: 'cross-origin request refused' }, 403);
    const session = this.sessionOf(request);
    const token = request.headers.get('x-csrf-token');
    if (!session || !token || !sameSecret(token, session.csrfToken))
      return jsonResponse({ error: 'forbidden', message: 'missing or invalid CSRF token' }, 403);
    return session;
  }

  /** `POST /api/card/nonce`: a single-use nonce bound to this session, for the card agent to sign. */
  private async cardNonce(request: Request): Promise<Response> {
    const session = this.checkPost(request);
    if (session instanceof Response) return session;
    if (!this.options.card) return jsonResponse({ error: 'not-configured', message: 'no card sign-in' }, 404);
    return jsonResponse(await this.cardChallenges.issue(session.id));
  }

  /**
   * `POST /api/card/verify` (body: the agent's proof): verifies the proof (nonce of this session, this origin,
   * the test CA), then signs in or keeps the identity pending for the account link.
   */
  private async cardVerify(request: Request): Promise<Response> {
    const session = this.checkPost(request);
    if (session instanceof Response) return session;
    if (!this.options.card || !this.originValue)
      return jsonResponse({ error: 'not-configured', message: 'no card sign-in' }, 404);
    let proof: unknown;
    try {
      proof = await request.json();
    } catch {
      proof = undefined;
    }
    const result = await verifyCardProof({
      proof,
      expectedOrigin: this.originValue,
      sessionId: session.id,
      ...(this.options.card.trust ? { trust: this.options.card.trust } : {}),
      ...(this.options.card.trustAnchors ? { trustAnchors: this.options.card.trustAnchors } : {}),
      challenges: this.cardChallenges,
    });
    if (!result.ok) {
      const error = cardRefusalCode(result.reason);
      return jsonResponse({ error, reason: result.reason, message: result.message }, 400);
    }
    return this.outcome(session, loginIdentity(result.identity), request);
  }

  /**
   * `POST /api/psc/verify`: what the PSC sign-in (done server-side by the PSC routes, where `onAuthenticated`
   * signed in or kept the identity pending) came to. Grants nothing by itself: it reports the session's state for
   * the identity of the PSC session.
   */
  private async pscVerify(request: Request): Promise<Response> {
    const session = this.checkPost(request);
    if (session instanceof Response) return session;
    const psc = this.psc ? await this.psc.readSession(request) : null;
    if (!psc) return jsonResponse({ error: 'verification-failed', message: 'no Pro Santé Connect sign-in' }, 401);
    const identity = loginIdentity(psc.identity);
    const link = session.accountId ? this.store.findLinkByAccount(session.accountId) : undefined;
    if (link?.nationalId === identity.nationalId)
      return jsonResponse({ status: 'authenticated', identity, redirectTo: '/accueil' } satisfies DemoVerifyOutcome);
    if (this.pendingIdentity(session)?.nationalId === identity.nationalId)
      return jsonResponse({
        status: 'link-required',
        identity,
        redirectTo: '/espace-professionnel',
      } satisfies DemoVerifyOutcome);
    return jsonResponse({ error: 'verification-failed', message: 'the PSC sign-in is not this session’s' }, 401);
  }

  private outcome(session: Session, identity: DemoVerifyOutcome['identity'], request: Request): Response {
    const r = this.afterStrongAuthentication(session, identity, request);
    const body: DemoVerifyOutcome = {
      status: r.linked ? 'authenticated' : 'link-required',
      identity,
      redirectTo: r.redirectTo,
    };
    return jsonResponse(body, 200, r.setCookie ? { 'set-cookie': r.setCookie } : {});
  }

  private sessionInfo(request: Request): Response {
    const { session, setCookie } = this.ensureSession(request);
    const account = session.accountId ? this.store.getAccount(session.accountId) : undefined;
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    };
    if (setCookie) headers['set-cookie'] = setCookie;
    return new Response(
      JSON.stringify({
        signedIn: !!account,
        account: account ? { displayName: account.displayName, username: account.username } : null,
        pendingIdentity: this.pendingIdentity(session),
        csrfToken: session.csrfToken,
        hostName: this.hostName,
      }),
      { headers },
    );
  }

  private async home(request: Request): Promise<Response> {
    const session = this.sessionOf(request);
    const account = session?.accountId ? this.store.getAccount(session.accountId) : undefined;
    if (!session || !account) return new Response(null, { status: 303, headers: { location: '/connexion' } });
    const link = this.store.findLinkByAccount(account.id);
    // signed in with the e-CPS: the practices PSC gave for this identity (escaped: claims are data, never markup)
    const psc = this.psc ? await this.psc.readSession(request) : null;
    const practices =
      psc && link && psc.identity.nationalId === link.nationalId ? practicesHtml(psc.identity.practices) : '';
    const body = `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Accueil — ${escapeHtml(this.hostName)}</title>
    <link rel="stylesheet" href="/demo.css" />
  </head>
  <body>
    <a class="skip" href="#contenu">Aller au contenu</a>
    <header class="header">
      <div class="header__brand">
        <p class="logo">République<br />Française</p>
        <div class="header__service">
          <a class="header__service-title" href="/">Trajectoire <span>Démo</span></a>
          <p class="header__service-tagline">Application hôte de démonstration d’AuthForte — données fictives</p>
        </div>
      </div>
      <nav aria-label="Menu principal">
        <ul>
          <li><a href="/accueil" aria-current="page">Accueil</a></li>
          <li><a href="/">Trouver ma profession</a></li>
          <li><a href="/activation.html">Activer mon e-CPS</a></li>
        </ul>
      </nav>
    </header>
    <main id="contenu">
      <h1>Bonjour ${escapeHtml(account.displayName)}</h1>
      <p>Vous êtes connecté(e) à ${escapeHtml(this.hostName)}${account.establishment ? ` — ${escapeHtml(account.establishment)}` : ''}.</p>
      <dl class="account">
        <dt>Nom d’utilisateur</dt>
        <dd data-testid="username">${escapeHtml(account.username)}</dd>
        <dt>Identité reliée</dt>
        <dd data-testid="linked-identity">${
          link
            ? `${escapeHtml(link.displayName)} (identifiant national ${escapeHtml(link.nationalId)})`
            : 'aucune carte CPS ni e-CPS reliée'
        }</dd>
      </dl>
      ${practices}
      <form method="post" action="/deconnexion">
        <input type="hidden" name="csrf" value="${escapeHtml(session.csrfToken)}" />
        <button type="submit" class="button">Se déconnecter</button>
      </form>
    </main>
  </body>
</html>`;
    return new Response(body, {
      headers: { ...this.securityHeaders(), 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });
  }

  private async logout(request: Request): Promise<Response> {
    const session = this.sessionOf(request);
    const form = await request.formData().catch(() => undefined);
    const token = form?.get('csrf');
    if (!session || typeof token !== 'string' || !sameSecret(token, session.csrfToken)) {
      return new Response('Requête refusée (jeton CSRF absent ou invalide).', {
        status: 403,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    }
    this.signOut(session);
    // shared workstation: the PSC session and PSC's own session end too (RP-initiated logout), in one call; then a
    // page that says so: "Vous êtes déconnecté(e)"
    if (this.psc)
      return this.psc.signOut(request, {
        headers: { 'set-cookie': this.clearedSessionCookie() },
        returnTo: '/deconnecte.html',
      });
    return new Response(null, {
      status: 303,
      headers: { location: '/deconnecte.html', 'set-cookie': this.clearedSessionCookie() },
    });
  }
}
