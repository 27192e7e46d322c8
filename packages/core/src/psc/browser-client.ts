/**
 * Pro Santé Connect from the browser, on `oidc-client-ts`: authorization code flow with PKCE (S256), state and
 * nonce, by redirect or popup. Only for an authority that accepts public clients (the AuthForte sandbox, an
 * establishment's own broker in front of PSC): PSC itself only knows confidential clients, whose code exchange
 * belongs on a server — use {@link PscBackendClient} with `@authforte/server` for that.
 *
 * Tokens live in `sessionStorage` (default) or in memory, never in `localStorage` unless the host asks for it.
 * The ID token is checked like on the server: signature (the authority's JWKS), issuer, audience, dates, nonce, `acr`.
 */
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { InMemoryWebStorage, type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { identityFromPscUserInfo } from '../identity/from-psc.js';
import type { ProfessionalIdentity } from '../identity/identity.js';
import { IdentityError } from '../identity/identity.js';
import { fetchPscDiscovery, type PscServerMetadata, pscSigningAlgorithms } from './discovery.js';
import { isPscError, PscError, pscErrorFromOAuthError } from './errors.js';
import { checkIdTokenClaims, checkUserInfo, decodeJwtPayload, parseCallbackUrl } from './id-token.js';
import type { PscEnvironment } from './presets.js';

export type PscTokenStorage = 'session' | 'memory' | 'local';

export interface PscBrowserClientOptions {
  environment: PscEnvironment;
  clientId: string;
  /** Where PSC sends the browser back after a redirect sign-in (a page that calls `handleRedirectCallback`). */
  redirectUri: string;
  /** Where PSC sends the popup back (a page that calls `completePscPopup`); defaults to `redirectUri`. */
  popupRedirectUri?: string;
  /** Where PSC sends the browser after sign-out. */
  postLogoutRedirectUri?: string;
  /** Where tokens are kept: `session` (default), `memory`, or `local` (only if the host really wants it). */
  tokenStorage?: PscTokenStorage;
  /** Give up a popup sign-in after this long (default 5 minutes). */
  popupTimeoutMs?: number;
  /** Replaces `fetch` for discovery and userinfo (tests). */
  fetch?: typeof fetch;
}

/** What a successful sign-in gives. */
export interface PscSignInResult {
  identity: ProfessionalIdentity;
  /** The raw userinfo answer (PSC's JSON). */
  userinfo: Record<string, unknown>;
  idTokenClaims: Record<string, unknown>;
  accessToken: string;
  idToken: string;
  /** Seconds since the epoch. */
  expiresAt?: number;
  /** What the host passed as `returnTo` to `signinRedirect`. */
  returnTo?: string;
}

const STATE_PREFIX = 'authforte.psc.state.';
const USER_PREFIX = 'authforte.psc.user.';
const RESULT_KEY = 'authforte.psc.result.';

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Turns whatever oidc-client-ts or the network threw into a typed {@link PscError}. */
export function toPscError(err: unknown): PscError {
  if (isPscError(err)) return err;
  if (err instanceof IdentityError) return new PscError('psc-bad-userinfo', err.message, { cause: err });
  const e = err as { name?: string; message?: string; error?: string | null; error_description?: string | null };
  if (e?.name === 'ErrorResponse' && typeof e.error === 'string')
    return pscErrorFromOAuthError(e.error, e.error_description ?? undefined);
  if (e?.name === 'ErrorTimeout' || e?.name === 'TimeoutError')
    return new PscError('timeout', e.message, { cause: err });
  const msg = String(e?.message ?? err);
  if (/No matching state|State does not match|No state in response/i.test(msg))
    return new PscError('psc-state-mismatch', msg, { cause: err });
  if (/nonce/i.test(msg)) return new PscError('psc-nonce-mismatch', msg, { cause: err });
  if (/Popup closed|Popup aborted|cancel/i.test(msg)) return new PscError('cancelled', msg, { cause: err });
  if (/disposed window|Popup blocked|Error opening popup/i.test(msg))
    return new PscError('psc-popup-blocked', msg, { cause: err });
  if (/subject from UserInfo|UserInfo/i.test(msg)) return new PscError('psc-bad-userinfo', msg, { cause: err });
  if (/ID Token|id_token|JWT|Invalid token/i.test(msg)) return new PscError('psc-bad-id-token', msg, { cause: err });
  if (/code in response|No (response_mode|code|authority)/i.test(msg))
    return new PscError('psc-bad-callback', msg, { cause: err });
  if (/Failed to fetch|NetworkError|Network Error|fetch failed/i.test(msg))
    return new PscError('psc-unreachable', msg, { cause: err });
  return new PscError('psc-bad-response', msg, { cause: err });
}

function storeFor(kind: PscTokenStorage): Storage {
  if (kind === 'memory') return new InMemoryWebStorage();
  if (kind === 'local') return globalThis.localStorage;
  return globalThis.sessionStorage;
}

export class PscBrowserClient {
  readonly environment: PscEnvironment;
  readonly options: PscBrowserClientOptions;
  #metadata: Promise<PscServerMetadata> | undefined;
  #manager: Promise<UserManager> | undefined;
  #jwks: Promise<JSONWebKeySet> | undefined;
  readonly #userStore: Storage;

  constructor(options: PscBrowserClientOptions) {
    if (!options.clientId) throw new PscError('psc-config', 'clientId is required');
    for (const key of ['redirectUri', 'popupRedirectUri', 'postLogoutRedirectUri'] as const) {
      const v = options[key];
      if (v === undefined) continue;
      try {
        new URL(v);
      } catch {
        throw new PscError('psc-config', `${key} is not an absolute URL: ${v}`);
      }
    }
    if (!options.redirectUri) throw new PscError('psc-config', 'redirectUri is required');
    this.environment = options.environment;
    this.options = options;
    this.#userStore = storeFor(options.tokenStorage ?? 'session');
  }

  /**
   * The checked discovery document (fetched once). Call it when the page loads: `signinPopup` then opens its
   * window at once on the user's click, as popup blockers expect.
   */
  metadata(): Promise<PscServerMetadata> {
    this.#metadata ??= fetchPscDiscovery(
      this.environment,
      this.options.fetch ? { fetch: this.options.fetch } : {},
    ).catch((err) => {
      this.#metadata = undefined;
      throw err;
    });
    return this.#metadata;
  }

  #userManager(): Promise<UserManager> {
    this.#manager ??= this.metadata().then((metadata) => {
      const settings: ConstructorParameters<typeof UserManager>[0] = {
        authority: this.environment.issuer,
        metadata: { ...metadata },
        client_id: this.options.clientId,
        redirect_uri: this.options.redirectUri,
        popup_redirect_uri: this.options.popupRedirectUri ?? this.options.redirectUri,
        response_type: 'code',
        scope: this.environment.scope,
        acr_values: this.environment.acrValues,
        loadUserInfo: false,
        automaticSilentRenew: false,
        monitorSession: false,
        includeIdTokenInSilentRenew: false,
        revokeTokensOnSignout: false,
        staleStateAgeInSeconds: 900,
        // state / PKCE verifier / nonce: never tokens, removed once the callback is processed
        stateStore: new WebStorageStateStore({ store: globalThis.sessionStorage, prefix: STATE_PREFIX }),
        userStore: new WebStorageStateStore({ store: this.#userStore, prefix: USER_PREFIX }),
      };
      if (this.options.postLogoutRedirectUri) settings.post_logout_redirect_uri = this.options.postLogoutRedirectUri;
      const manager = new UserManager(settings);
      // forget the transient state of sign-ins that were abandoned (older than 15 minutes)
      void manager.clearStaleState().catch(() => undefined);
      return manager;
    });
    return this.#manager;
  }

  /** Sends the browser to PSC. `returnTo` is given back by `handleRedirectCallback`. */
  async signinRedirect(options: { returnTo?: string; loginHint?: string } = {}): Promise<void> {
    try {
      const manager = await this.#userManager();
      const args: Parameters<UserManager['signinRedirect']>[0] = { nonce: randomToken() };
      if (options.returnTo !== undefined) args.state = { returnTo: options.returnTo };
      if (options.loginHint) args.login_hint = options.loginHint;
      await manager.signinRedirect(args);
    } catch (err) {
      throw toPscError(err);
    }
  }

  /** Signs in through a popup window; resolves when the popup came back and everything checked out. */
  async signinPopup(options: { loginHint?: string; signal?: AbortSignal } = {}): Promise<PscSignInResult> {
    const timeoutMs = this.options.popupTimeoutMs ?? 5 * 60_000;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort('timeout'), timeoutMs);
    const onAbort = () => controller.abort('cancelled');
    options.signal?.addEventListener('abort', onAbort);
    try {
      const manager = await this.#userManager();
      const args: Parameters<UserManager['signinPopup']>[0] = {
        nonce: randomToken(),
        popupSignal: controller.signal,
        popupAbortOnClose: true,
      };
      if (options.loginHint) args.login_hint = options.loginHint;
      let user: User;
      try {
        user = await manager.signinPopup(args);
      } catch (err) {
        if (controller.signal.aborted && controller.signal.reason === 'timeout')
          throw new PscError('timeout', 'The popup sign-in timed out');
        if (controller.signal.aborted) throw new PscError('cancelled', 'The popup sign-in was cancelled');
        throw err;
      }
      return await this.#complete(user);
    } catch (err) {
      await this.#forget();
      throw toPscError(err);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Processes PSC's answer on the redirect page (`url` defaults to the current address), checks state,
   * nonce, ID token claims and `acr`, fetches userinfo and returns the identity.
   */
  async handleRedirectCallback(url: string = globalThis.location.href): Promise<PscSignInResult> {
    try {
      const callback = parseCallbackUrl(url, this.environment.issuer);
      const manager = await this.#userManager();
      if (callback.error !== undefined && callback.state === null) {
        throw pscErrorFromOAuthError(callback.error, callback.errorDescription);
      }
      const user = await manager.signinRedirectCallback(url);
      const result = await this.#complete(user);
      const state = user.state as { returnTo?: unknown } | undefined;
      if (typeof state?.returnTo === 'string') result.returnTo = state.returnTo;
      return result;
    } catch (err) {
      await this.#forget();
      throw toPscError(err);
    }
  }

  async #complete(user: User): Promise<PscSignInResult> {
    const metadata = await this.metadata();
    const idToken = user.id_token;
    const claims = decodeJwtPayload(idToken);
    await this.#verifySignature(idToken as string, metadata);
    checkIdTokenClaims(claims, {
      issuer: this.environment.issuer,
      clientId: this.options.clientId,
      minAcr: this.environment.minAcr,
      // the nonce itself was compared by oidc-client-ts against the one kept with the state
    });
    const doFetch = this.options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await doFetch(metadata.userinfo_endpoint, {
        headers: { authorization: `Bearer ${user.access_token}`, accept: 'application/json' },
      });
    } catch (err) {
      throw new PscError('psc-unreachable', `Userinfo request failed: ${String(err)}`, { cause: err });
    }
    if (!response.ok) throw new PscError('psc-bad-userinfo', `Userinfo answered HTTP ${response.status}`);
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('json'))
      throw new PscError('psc-bad-userinfo', `Userinfo answered ${type || 'no content type'}, not JSON`);
    let body: unknown;
    try {
      body = await response.json();
    } catch (err) {
      throw new PscError('psc-bad-userinfo', 'Userinfo is not JSON', { cause: err });
    }
    const userinfo = checkUserInfo(body, String(claims.sub));
    const identity = identityFromPscUserInfo(userinfo);
    const result: PscSignInResult = {
      identity,
      userinfo,
      idTokenClaims: claims,
      accessToken: user.access_token,
      idToken: idToken ?? '',
    };
    if (user.expires_at !== undefined) result.expiresAt = user.expires_at;
    this.#userStore.setItem(
      RESULT_KEY + this.options.clientId,
      JSON.stringify({ identity, expiresAt: result.expiresAt }),
    );
    return result;
  }

  /**
   * Checks the ID token's signature against the authority's JWKS (fetched once, again on an unknown key), with the
   * algorithms the discovery lists among RS256/PS256/ES256 (never `none`, never HS*: a public client has no secret).
   */
  async #verifySignature(idToken: string, metadata: PscServerMetadata): Promise<void> {
    const jwksUri = metadata.jwks_uri;
    const algorithms = pscSigningAlgorithms(metadata);
    const load = async (): Promise<JSONWebKeySet> => {
      const doFetch = this.options.fetch ?? globalThis.fetch;
      let response: Response;
      try {
        response = await doFetch(jwksUri, { headers: { accept: 'application/json' } });
      } catch (err) {
        throw new PscError('psc-unreachable', `JWKS request failed: ${String(err)}`, { cause: err });
      }
      const body = (await response.json().catch(() => null)) as JSONWebKeySet | null;
      if (!response.ok || !body || !Array.isArray(body.keys))
        throw new PscError('psc-bad-discovery', 'The JWKS is unreadable');
      return body;
    };
    const verify = async (jwks: JSONWebKeySet) => compactVerify(idToken, createLocalJWKSet(jwks), { algorithms });
    this.#jwks ??= load();
    try {
      await verify(await this.#jwks);
    } catch (err) {
      if (isPscError(err)) throw err;
      if ((err as { code?: string }).code === 'ERR_JWKS_NO_MATCHING_KEY') {
        this.#jwks = load();
        try {
          await verify(await this.#jwks);
          return;
        } catch (again) {
          throw new PscError('psc-bad-id-token', `ID token signature: ${String(again)}`, { cause: again });
        }
      }
      throw new PscError('psc-bad-id-token', `ID token signature: ${String(err)}`, { cause: err });
    }
  }

  async #forget(): Promise<void> {
    try {
      this.#userStore.removeItem(RESULT_KEY + this.options.clientId);
      const manager = await this.#manager;
      await manager?.removeUser();
    } catch {
      // nothing to forget
    }
  }

  /** The identity of the current sign-in (kept in the chosen storage), or null. */
  async currentIdentity(): Promise<ProfessionalIdentity | null> {
    const raw = this.#userStore.getItem(RESULT_KEY + this.options.clientId);
    if (!raw) return null;
    try {
      const { identity } = JSON.parse(raw) as { identity: ProfessionalIdentity };
      return identity;
    } catch {
      return null;
    }
  }

  /** Forgets the local session and, unless `local` is set, ends the PSC session (redirect to PSC's logout). */
  async signout(options: { local?: boolean } = {}): Promise<void> {
    const manager = await this.#userManager().catch(() => undefined);
    const user = await manager?.getUser().catch(() => null);
    await this.#forget();
    if (options.local || !manager) return;
    try {
      const args: Parameters<UserManager['signoutRedirect']>[0] = {};
      if (user?.id_token) args.id_token_hint = user.id_token;
      await manager.signoutRedirect(args);
    } catch (err) {
      throw toPscError(err);
    }
  }
}

/**
 * To call on the page PSC sends the popup back to: hands the answer to the opener window (which checks it)
 * and closes the popup.
 */
export async function completePscPopup(url: string = globalThis.location.href): Promise<void> {
  const manager = new UserManager({ authority: 'about:blank', client_id: 'popup', redirect_uri: url });
  await manager.signinPopupCallback(url);
}
