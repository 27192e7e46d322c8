import { PscError } from './errors.js';
import { acrSatisfies } from './presets.js';

/** Decodes the payload of a compact JWS without checking it. Throws `psc-bad-id-token` if it is not one. */
export function decodeJwtPayload(token: unknown): Record<string, unknown> {
  if (typeof token !== 'string') throw new PscError('psc-bad-id-token', 'No ID token in the token response');
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) throw new PscError('psc-bad-id-token', 'The ID token is not a compact JWS');
  try {
    const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(
      Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0)),
    );
    const payload: unknown = JSON.parse(json);
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new Error('not an object');
    return payload as Record<string, unknown>;
  } catch (err) {
    throw new PscError('psc-bad-id-token', 'The ID token payload is not a JSON object', { cause: err });
  }
}

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  /** The nonce sent with the authorization request; omit for CIBA (no nonce). */
  nonce?: string;
  minAcr: string;
  /** Seconds since the epoch; defaults to now. */
  now?: number;
  /** Tolerated clock skew in seconds (default 60). */
  skew?: number;
}

/**
 * Checks the claims of an ID token: issuer, audience / authorized party, expiry and issue time, nonce and
 * authentication level. Each failure is a typed error.
 */
export function checkIdTokenClaims(claims: Record<string, unknown>, expected: IdTokenExpectations): void {
  const now = expected.now ?? Math.floor(Date.now() / 1000);
  const skew = expected.skew ?? 60;
  if (claims.iss !== expected.issuer) {
    throw new PscError(
      'psc-bad-id-token',
      `ID token issuer ${JSON.stringify(claims.iss)} is not ${JSON.stringify(expected.issuer)}`,
    );
  }
  const aud = claims.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(expected.clientId)) {
    throw new PscError(
      'psc-bad-id-token',
      `ID token audience ${JSON.stringify(aud)} does not include ${expected.clientId}`,
    );
  }
  if (audiences.length > 1 && claims.azp !== expected.clientId) {
    throw new PscError('psc-bad-id-token', 'ID token has several audiences and another authorized party');
  }
  if (typeof claims.exp !== 'number' || claims.exp + skew < now)
    throw new PscError('psc-bad-id-token', 'ID token has expired');
  if (typeof claims.iat !== 'number' || claims.iat - skew > now)
    throw new PscError('psc-bad-id-token', 'ID token is issued in the future');
  if (typeof claims.sub !== 'string' || claims.sub === '')
    throw new PscError('psc-bad-id-token', 'ID token has no subject');
  if (expected.nonce !== undefined && claims.nonce !== expected.nonce) {
    throw new PscError('psc-nonce-mismatch', 'ID token nonce does not match the nonce of this sign-in');
  }
  if (!acrSatisfies(claims.acr, expected.minAcr)) {
    throw new PscError('psc-acr-too-low', `ID token acr ${JSON.stringify(claims.acr)} is below ${expected.minAcr}`);
  }
}

/**
 * Checks the URL PSC sent the browser back to: it must carry `state` and either `code` or `error`, and
 * when it names its issuer (`iss`, RFC 9207) that must be the expected one.
 */
export function parseCallbackUrl(
  url: string | URL,
  issuer: string,
):
  | { state: string; code: string; error?: undefined }
  | { state: string | null; error: string; errorDescription?: string; code?: undefined } {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch (err) {
    throw new PscError('psc-bad-callback', 'The callback address is not a URL', { cause: err });
  }
  const params = parsed.searchParams;
  const iss = params.get('iss');
  if (iss !== null && iss.replace(/\/+$/, '') !== issuer) {
    throw new PscError('psc-bad-callback', `The callback names another issuer: ${JSON.stringify(iss)}`);
  }
  const error = params.get('error');
  const state = params.get('state');
  if (error !== null) {
    const desc = params.get('error_description');
    return desc === null ? { state, error } : { state, error, errorDescription: desc };
  }
  const code = params.get('code');
  if (!code) throw new PscError('psc-bad-callback', 'The callback carries neither "code" nor "error"');
  if (!state) throw new PscError('psc-bad-callback', 'The callback carries no "state"');
  if (params.getAll('code').length > 1 || params.getAll('state').length > 1) {
    throw new PscError('psc-bad-callback', 'The callback repeats "code" or "state"');
  }
  return { state, code };
}

/** Checks a userinfo answer is a JSON object whose `sub` is the ID token's. */
export function checkUserInfo(userinfo: unknown, expectedSub: string): Record<string, unknown> {
  if (typeof userinfo !== 'object' || userinfo === null || Array.isArray(userinfo)) {
    throw new PscError('psc-bad-userinfo', 'Userinfo is not a JSON object');
  }
  const u = userinfo as Record<string, unknown>;
  if (u.sub !== expectedSub) throw new PscError('psc-bad-userinfo', 'Userinfo "sub" is not the ID token\'s');
  return u;
}
