/**
 * The identity proof the link endpoint trusts: after the host has verified a card proof or a Pro Santé Connect
 * sign-in, it keeps a short-lived signed token of the identity in the user's session. The browser never says
 * which national identifier to link.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LinkIdentity } from '@authforte/core/account-link';

export interface PendingIdentityTokenOptions {
  /** At least 32 characters; the same secret signs and verifies. */
  secret: string;
  /** Lifetime (default 10 minutes: the time to type a username and a password). */
  ttlSeconds?: number;
  /** Clock in seconds (tests). */
  now?: () => number;
}

const PREFIX = 'afpi1';
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function key(secret: string): string {
  if (typeof secret !== 'string' || secret.length < 32)
    throw new TypeError('secret must be a string of at least 32 characters');
  return secret;
}

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', key(secret)).update(`${PREFIX}.${payload}`).digest();
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Signs the identity (national identifier, display name, source and any other fields you keep) for `ttlSeconds`. */
export function createPendingIdentityToken<I extends LinkIdentity>(
  identity: I,
  options: PendingIdentityTokenOptions,
): string {
  if (!identity || typeof identity.nationalId !== 'string' || identity.nationalId === '') {
    throw new TypeError('identity.nationalId is required');
  }
  const exp = (options.now ?? nowSeconds)() + (options.ttlSeconds ?? 600);
  const payload = b64(JSON.stringify({ i: identity, exp }));
  return `${PREFIX}.${payload}.${b64(mac(options.secret, payload))}`;
}

/** The identity, or null when the token is absent, forged, signed with another secret or expired. */
export function readPendingIdentityToken<I extends LinkIdentity = LinkIdentity>(
  token: string | null | undefined,
  options: Pick<PendingIdentityTokenOptions, 'secret' | 'now'>,
): I | null {
  if (typeof token !== 'string' || token.length > 16_384) return null;
  const [prefix, payload, signature] = token.split('.');
  if (prefix !== PREFIX || !payload || !signature) return null;
  const expected = mac(options.secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const { i, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { i: I; exp: number };
    if (typeof exp !== 'number' || exp <= (options.now ?? nowSeconds)()) return null;
    if (!i || typeof i.nationalId !== 'string') return null;
    return i;
  } catch {
    return null;
  }
}
