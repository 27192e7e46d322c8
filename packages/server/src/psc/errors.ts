/** What openid-client (and the identity mapping) throw while talking to PSC, as typed {@link PscError}s. */
import { IdentityError } from '@authforte/core';
import { isPscError, PscError, pscErrorFromOAuthError } from '@authforte/core/psc';
import * as oidc from 'openid-client';

function chain(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const x = e as { message?: unknown; code?: unknown; claim?: unknown; cause?: unknown };
    parts.push(String(x.message ?? ''), String(x.code ?? ''));
    if (x.claim) parts.push(`claim:${String(x.claim)}`);
    const cause = x.cause as { claim?: unknown; attribute?: unknown } | undefined;
    if (cause && typeof cause === 'object') {
      if (cause.claim) parts.push(`claim:${String(cause.claim)}`);
      if (cause.attribute) parts.push(`attribute:${String(cause.attribute)}`);
    }
    e = x.cause;
  }
  return parts.join(' | ');
}

/** Maps what openid-client threw in `phase` to a typed {@link PscError}. */
export function toServerPscError(err: unknown, phase: 'token' | 'userinfo' | 'ciba-start' | 'discovery'): PscError {
  if (isPscError(err)) return err;
  if (err instanceof IdentityError) return new PscError('psc-bad-userinfo', err.message, { cause: err });
  if (err instanceof oidc.ResponseBodyError || err instanceof oidc.AuthorizationResponseError) {
    return pscErrorFromOAuthError(err.error, err.error_description);
  }
  if (err instanceof oidc.WWWAuthenticateChallengeError) {
    const challenge = err.cause[0]?.parameters;
    return pscErrorFromOAuthError(challenge?.error ?? 'invalid_client', challenge?.error_description);
  }
  const text = chain(err);
  const e = err as { name?: string };
  if (e?.name === 'TimeoutError' || /timed? ?out|aborted due to timeout/i.test(text))
    return new PscError('timeout', text, { cause: err });
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|network/i.test(text))
    return new PscError('psc-unreachable', text, { cause: err });
  if (/response parameter "?(iss|state|code)/i.test(text))
    return new PscError('psc-bad-callback', text, { cause: err });
  if (phase === 'userinfo') return new PscError('psc-bad-userinfo', text, { cause: err });
  if (/claim:nonce|nonce/i.test(text)) return new PscError('psc-nonce-mismatch', text, { cause: err });
  if (
    /claim:(iss|aud|azp|exp|iat|sub)|attribute:(iss|aud)|JWT_TIMESTAMP|SIGNATURE|KEY_SELECTION|JWT_CLAIM|JWT "alg"|id_token|ID Token/i.test(
      text,
    )
  ) {
    return new PscError('psc-bad-id-token', text, { cause: err });
  }
  if (/state/i.test(text)) return new PscError('psc-state-mismatch', text, { cause: err });
  return new PscError(phase === 'discovery' ? 'psc-bad-discovery' : 'psc-bad-response', text, { cause: err });
}
