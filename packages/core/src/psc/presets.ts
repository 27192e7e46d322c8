import { PSC_WALLET_HOSTS } from './wallet.js';

/**
 * Where Pro Santé Connect lives. PSC is a Keycloak realm (`esante-wallet`) whose discovery document sits at
 * the non-standard path `.well-known/wallet-openid-configuration` and whose authorization endpoint is on the
 * "wallet" host; token, userinfo, logout and JWKS are under `{issuer}/protocol/openid-connect/`.
 */
export interface PscEnvironment {
  /** Short name: `production`, `bas` (the ANS test environment), `sandbox`… */
  name: string;
  /** Issuer identifier, exactly as the ID tokens carry it (no trailing slash). */
  issuer: string;
  /** Absolute URL of the discovery document. */
  discoveryUrl: string;
  /** `scope` sent with every authorization request. */
  scope: string;
  /** `acr_values` sent with every authorization request. */
  acrValues: string;
  /** The lowest `acr` accepted in the ID token (see {@link PSC_ACR_LEVELS}). */
  minAcr: string;
  /** Plain-http endpoints are accepted (only for a local sandbox; never for BAS or production). */
  allowInsecureHttp?: boolean;
}

export const PSC_DISCOVERY_PATH = '.well-known/wallet-openid-configuration';
export const PSC_SCOPE = 'openid scope_all';
export const PSC_ACR_VALUES = 'eidas1';

/** Authentication levels PSC may put in `acr`, weakest first. Anything else ranks below `eidas1`. */
export const PSC_ACR_LEVELS: readonly string[] = ['eidas1', 'eidas2', 'eidas3'];

/** True when `acr` is at least `min` in {@link PSC_ACR_LEVELS}. */
export function acrSatisfies(acr: unknown, min: string): boolean {
  if (typeof acr !== 'string') return false;
  const have = PSC_ACR_LEVELS.indexOf(acr);
  const need = PSC_ACR_LEVELS.indexOf(min);
  return have >= 0 && need >= 0 && have >= need;
}

/** Builds an environment for any issuer that follows PSC's conventions (the sandbox, a broker in front of PSC). */
export function pscEnvironment(
  issuer: string,
  overrides: Partial<Omit<PscEnvironment, 'issuer'>> = {},
): PscEnvironment {
  const clean = issuer.replace(/\/+$/, '');
  return {
    name: 'custom',
    discoveryUrl: `${clean}/${PSC_DISCOVERY_PATH}`,
    scope: PSC_SCOPE,
    acrValues: PSC_ACR_VALUES,
    minAcr: PSC_ACR_VALUES,
    ...overrides,
    issuer: clean,
  };
}

/** Production Pro Santé Connect (`auth.esw.esante.gouv.fr`, wallet `wallet.esw.esante.gouv.fr`). */
export const PSC_PRODUCTION: PscEnvironment = Object.freeze(
  pscEnvironment('https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet', { name: 'production' }),
);

/** The ANS test environment ("bac à sable", BAS): test cards and test e-CPS only. */
export const PSC_BAS: PscEnvironment = Object.freeze(
  pscEnvironment('https://auth.bas.psc.esante.gouv.fr/auth/realms/esante-wallet', { name: 'bas' }),
);

/** The wallet hosts where PSC's authorization endpoint lives (documented; discovery is authoritative). */
export const PSC_WALLET_AUTHORIZATION_ENDPOINTS = Object.freeze({
  production: `${PSC_WALLET_HOSTS.production}/auth`,
  bas: `${PSC_WALLET_HOSTS.bas}/auth`,
});
