import { PscError } from './errors.js';
import type { PscEnvironment } from './presets.js';

/** The parts of PSC's discovery document the clients use, checked. */
export interface PscServerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
  backchannel_authentication_endpoint?: string;
  backchannel_token_delivery_modes_supported?: string[];
  acr_values_supported?: string[];
  code_challenge_methods_supported?: string[];
  id_token_signing_alg_values_supported?: string[];
  userinfo_signing_alg_values_supported?: string[];
  /** RFC 8705: the endpoints to use with mTLS client authentication (Keycloak publishes them). */
  mtls_endpoint_aliases?: Record<string, string>;
  /** Everything else the document carried. */
  [key: string]: unknown;
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]' || hostname.endsWith('.localhost')
  );
}

/** True when `url` may be used: https, or http on loopback when the environment allows plain http. */
export function isAcceptableEndpoint(url: string, allowInsecureHttp = false): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password || parsed.hash) return false;
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && allowInsecureHttp && isLoopback(parsed.hostname);
}

/**
 * Checks a discovery document against the environment it is supposed to describe. Throws a
 * `PscError('psc-bad-discovery')` naming what is wrong; never returns a half-valid document.
 */
export function parsePscDiscovery(
  document: unknown,
  environment: Pick<PscEnvironment, 'issuer' | 'allowInsecureHttp'>,
): PscServerMetadata {
  const fail = (why: string): never => {
    throw new PscError('psc-bad-discovery', `Discovery document for ${environment.issuer}: ${why}`);
  };
  if (typeof document !== 'object' || document === null || Array.isArray(document)) fail('not a JSON object');
  const doc = document as Record<string, unknown>;
  if (typeof doc.issuer !== 'string') fail('"issuer" is missing');
  if (String(doc.issuer).replace(/\/+$/, '') !== environment.issuer) {
    fail(`"issuer" is ${JSON.stringify(doc.issuer)}, expected ${JSON.stringify(environment.issuer)}`);
  }
  const insecure = environment.allowInsecureHttp === true;
  for (const key of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri'] as const) {
    const v = doc[key];
    if (typeof v !== 'string') fail(`"${key}" is missing`);
    if (!isAcceptableEndpoint(v as string, insecure))
      fail(`"${key}" is not an acceptable https URL: ${JSON.stringify(v)}`);
  }
  for (const key of ['end_session_endpoint', 'backchannel_authentication_endpoint'] as const) {
    const v = doc[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !isAcceptableEndpoint(v, insecure)) fail(`"${key}" is not an acceptable https URL`);
  }
  for (const key of [
    'acr_values_supported',
    'code_challenge_methods_supported',
    'backchannel_token_delivery_modes_supported',
    'scopes_supported',
    'response_types_supported',
  ]) {
    const v = doc[key];
    if (v !== undefined && (!Array.isArray(v) || !v.every((x) => typeof x === 'string')))
      fail(`"${key}" is not a list of strings`);
  }
  for (const key of ['id_token_signing_alg_values_supported', 'userinfo_signing_alg_values_supported']) {
    const v = doc[key];
    if (v !== undefined && (!Array.isArray(v) || !v.every((x) => typeof x === 'string')))
      fail(`"${key}" is not a list of strings`);
  }
  const aliases = doc.mtls_endpoint_aliases;
  if (aliases !== undefined) {
    if (typeof aliases !== 'object' || aliases === null || Array.isArray(aliases))
      fail('"mtls_endpoint_aliases" is not an object');
    for (const [key, v] of Object.entries(aliases as Record<string, unknown>)) {
      if (typeof v !== 'string' || !isAcceptableEndpoint(v, insecure))
        fail(`"mtls_endpoint_aliases.${key}" is not an acceptable https URL`);
    }
  }
  const methods = doc.code_challenge_methods_supported as string[] | undefined;
  if (methods && !methods.includes('S256')) fail('PKCE S256 is not supported');
  return { ...doc, issuer: environment.issuer } as PscServerMetadata;
}

/**
 * The asymmetric algorithms AuthForte accepts for PSC's signed ID tokens and userinfo. Keycloak's discovery lists
 * many more (`ansforge/psc-edc-proxy-esante` `mock_discovery_response.json`: PS384, EdDSA, HS256…); `none` and the
 * HMAC ones (keyed with a secret a public client cannot have) are never accepted.
 */
export const PSC_SIGNING_ALGORITHMS = ['RS256', 'PS256', 'ES256'] as const;
export type PscSigningAlgorithm = (typeof PSC_SIGNING_ALGORITHMS)[number];

/**
 * The algorithms to accept for `key` (`id_token_signing_alg_values_supported` by default): those of
 * `PSC_SIGNING_ALGORITHMS` that the discovery document lists, in that order; RS256 (OpenID Connect's default) when it
 * lists none of them or nothing.
 */
export function pscSigningAlgorithms(
  metadata: Pick<PscServerMetadata, 'id_token_signing_alg_values_supported' | 'userinfo_signing_alg_values_supported'>,
  key:
    | 'id_token_signing_alg_values_supported'
    | 'userinfo_signing_alg_values_supported' = 'id_token_signing_alg_values_supported',
): PscSigningAlgorithm[] {
  const listed = metadata[key];
  const accepted = PSC_SIGNING_ALGORITHMS.filter((alg) => Array.isArray(listed) && listed.includes(alg));
  return accepted.length > 0 ? accepted : ['RS256'];
}

/** Fetches and checks the discovery document of `environment`. */
export async function fetchPscDiscovery(
  environment: PscEnvironment,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<PscServerMetadata> {
  const doFetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await doFetch(environment.discoveryUrl, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError')
      throw new PscError('timeout', `Discovery at ${environment.discoveryUrl} timed out`, { cause: err });
    throw new PscError('psc-unreachable', `Discovery at ${environment.discoveryUrl} failed: ${String(err)}`, {
      cause: err,
    });
  }
  if (!response.ok)
    throw new PscError(
      'psc-bad-discovery',
      `Discovery at ${environment.discoveryUrl} answered HTTP ${response.status}`,
    );
  let body: unknown;
  try {
    body = await response.json();
  } catch (err) {
    throw new PscError('psc-bad-discovery', `Discovery at ${environment.discoveryUrl} is not JSON`, { cause: err });
  }
  return parsePscDiscovery(body, environment);
}
