/**
 * The demo host's application logic, on Web `Request` / `Response`: sessions (cookie), the pending identity after
 * a card / PSC proof, the account-link endpoint, sign-in and sign-out, and the signed-in home page.
 *
 * The sign-in integration (`<af-login>`) calls, after it has verified a card proof or a PSC sign-in:
 * `findAccountByNationalId(id)` → `signIn(session, account.id)` when linked, else `createPendingIdentity(session,
 * identity)` and send the user to `/espace-professionnel`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { LinkIdentity } from '@authforte/core/account-link';
import {
  AccountLinkError,
  type AccountLinkHandler,
  createAccountLinkHandler,
  createPendingIdentityToken,
  type LockoutSettings,
  readPendingIdentityToken,
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

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

export class DemoApp {
  readonly store: DemoStore;
  readonly hostName: string;
  /** `POST` / `GET` `/api/account-link`. */
  readonly linkHandler: AccountLinkHandler;
  private readonly secret: string;
  private readonly options: DemoAppOptions;

  constructor(options: DemoAppOptions = {}) {
    this.options = options;
    this.store = new DemoStore({ filename: options.database ?? ':memory:' });
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
      ...(options.minFailureMs === undefined ? {} : { minFailureMs: options.minFailureMs }),
    });
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
   * of it in the session, for the link endpoint.
   */
  createPendingIdentity(session: Session, identity: LinkIdentity): void {
    const token = createPendingIdentityToken(
      {
        nationalId: identity.nationalId,
        displayName: identity.displayName,
        ...(identity.source ? { source: identity.source } : {}),
      },
      { secret: this.secret, ttlSeconds: this.options.pendingIdentityTtl ?? 600 },
    );
    this.store.setPendingIdentity(session.id, token);
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
    this.createPendingIdentity(session, identity);
    return { linked: false, redirectTo: '/espace-professionnel', session };
  }

  signOut(session: Session): void {
    this.store.deleteSession(session.id);
  }

  // ---- routes

  /** The demo's dynamic routes; undefined for anything else (static files). */
  async handle(request: Request): Promise<Response | undefined> {
    const url = new URL(request.url);
    switch (url.pathname) {
      case '/api/account-link':
        return this.linkHandler(request);
      case '/api/session':
        return request.method === 'GET' ? this.sessionInfo(request) : undefined;
      case '/accueil':
        return request.method === 'GET' ? this.home(request) : undefined;
      case '/deconnexion':
        return request.method === 'POST' ? this.logout(request) : undefined;
      default:
        return undefined;
    }
  }

  private sessionInfo(request: Request): Response {
    const { session, setCookie } = this.ensureSession(request);
    const account = session.accountId ? this.store.getAccount(session.accountId) : undefined;
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
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

  private home(request: Request): Response {
    const session = this.sessionOf(request);
    const account = session?.accountId ? this.store.getAccount(session.accountId) : undefined;
    if (!session || !account) return new Response(null, { status: 303, headers: { location: '/' } });
    const link = this.store.findLinkByAccount(account.id);
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
    <header class="banner">
      <p class="brand">Trajectoire <span>Démo</span></p>
      <p class="tagline">Application hôte de démonstration d’AuthForte — données fictives</p>
      <nav aria-label="Menu principal">
        <ul>
          <li><a href="/accueil" aria-current="page">Accueil</a></li>
          <li><a href="/">Trouver ma profession</a></li>
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
      <form method="post" action="/deconnexion">
        <input type="hidden" name="csrf" value="${escapeHtml(session.csrfToken)}" />
        <button type="submit" class="button">Se déconnecter</button>
      </form>
    </main>
  </body>
</html>`;
    return new Response(body, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
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
    return new Response(null, { status: 303, headers: { location: '/', 'set-cookie': this.clearedSessionCookie() } });
  }
}
