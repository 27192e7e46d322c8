/**
 * The kit's own session: a random id in an HttpOnly cookie, the record (CSRF token, account, pending identity) in
 * the store, a new id at every privilege change, and the origin + CSRF check of every POST.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hostErrorResponse } from '../http/errors.js';
import { parseCookies, serializeCookie } from '../psc/sealed.js';
import type { AuthForteStore } from './store.js';
import type { AuthForteOptions, KitIdentity, KitSession } from './types.js';

function sameSecret(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The identity a kit session holds, from a card proof's or a PSC sign-in's identity. */
export function loginIdentity(identity: {
  source?: string;
  nationalId: string;
  familyName: string;
  givenName?: string | undefined;
  displayName: string;
}): KitIdentity {
  return {
    source: identity.source === 'psc' ? 'psc' : 'card',
    nationalId: identity.nationalId,
    familyName: identity.familyName,
    ...(identity.givenName ? { givenName: identity.givenName } : {}),
    displayName: identity.displayName,
  };
}

export interface KitSessionsOptions {
  store: AuthForteStore;
  /** The application's origin: POSTs must come from it. */
  origin: string;
  secure: boolean;
  /** Seconds. */
  sessionTtl: number;
  report: NonNullable<AuthForteOptions['onEvent']>;
}

export function kitSessions({ store, origin, secure, sessionTtl, report }: KitSessionsOptions) {
  const cookieName = `${secure ? '__Host-' : ''}af_sid`;
  // a session with no account nor pending identity (every visit of a sign-in page makes one) lives 15 minutes from
  // its last use, so that a flood of cookie-less requests cannot fill the store for the whole session lifetime
  const anonymousTtl = Math.min(sessionTtl, 15 * 60);
  const sessionKey = (id: string) => `af:session:${id}`;
  const cookie = (value: string, maxAge: number) =>
    serializeCookie(cookieName, value, { maxAge, path: '/', secure, sameSite: 'Lax' });

  async function readSession(request: Request): Promise<KitSession | null> {
    const id = parseCookies(request.headers.get('cookie')).get(cookieName);
    if (!id || !/^[A-Za-z0-9_-]{32,64}$/.test(id)) return null;
    const raw = await store.get(sessionKey(id));
    if (!raw) return null;
    const s = JSON.parse(raw) as KitSession;
    if (s.pending && s.pending.expiresAt < Date.now()) delete s.pending;
    return s;
  }

  async function saveSession(s: KitSession): Promise<string> {
    const ttl = s.accountId || s.pending ? sessionTtl : anonymousTtl;
    await store.set(sessionKey(s.id), JSON.stringify(s), ttl * 1000);
    return cookie(s.id, sessionTtl);
  }

  /** A new id and CSRF token for what the session becomes; the old id stops working at once. */
  async function rotate(
    old: KitSession | null,
    next: Omit<KitSession, 'id' | 'csrfToken'>,
  ): Promise<{
    session: KitSession;
    setCookie: string;
  }> {
    if (old) await store.delete(sessionKey(old.id));
    const session: KitSession = {
      ...next,
      id: randomBytes(32).toString('base64url'),
      csrfToken: randomBytes(32).toString('base64url'),
    };
    return { session, setCookie: await saveSession(session) };
  }

  async function ensureSession(request: Request): Promise<{ session: KitSession; setCookie?: string }> {
    const existing = await readSession(request);
    if (existing) return { session: existing };
    return rotate(null, {});
  }

  /** POSTs: from the application's origin, with the session's CSRF token. */
  async function checkPost(request: Request, formToken?: string | null): Promise<KitSession | Response> {
    const o = request.headers.get('origin');
    if (o !== null ? o !== origin : request.headers.get('sec-fetch-site') === 'cross-site') {
      report({ type: 'csrf', code: 'origin' });
      // its own code: the page's address is not the one the service expects (retrying cannot help)
      return hostErrorResponse('origin-refused', 'cross-origin request refused', { status: 403 });
    }
    const session = await readSession(request);
    if (!session || !sameSecret(request.headers.get('x-csrf-token') ?? formToken, session.csrfToken)) {
      report({ type: 'csrf', code: 'token' });
      return hostErrorResponse('csrf', 'missing or invalid CSRF token (GET session first)', { status: 403 });
    }
    return session;
  }

  /** Deletes the session from the store; the `Set-Cookie` that clears its cookie. */
  async function endSession(session: KitSession): Promise<string> {
    await store.delete(sessionKey(session.id));
    return cookie('', 0);
  }

  return { readSession, saveSession, rotate, ensureSession, checkPost, endSession };
}
