/**
 * The Pro Santé Connect confidential client, on `openid-client` v6: PSC's discovery path, authorization code
 * flow with PKCE (S256), state and nonce, client authentication by secret, `private_key_jwt` or mTLS
 * (`tls_client_auth`, RFC 8705, with PSC's `mtls_endpoint_aliases`), ID-token checks (signature against PSC's JWKS
 * with the algorithms its discovery lists among RS256/PS256/ES256, issuer, audience, expiry, nonce, `acr`),
 * userinfo as JSON or `application/jwt` (signature checked), logout URL, and CIBA (poll mode) start and poll.
 */
import {
  identityFromPscUserInfo,
  NationalIdError,
  normalizeLoginHint,
  type ProfessionalIdentity,
} from '@authforte/core';
import {
  checkIdTokenClaims,
  checkUserInfo,
  fetchPscDiscovery,
  type PscEnvironment,
  PscError,
  type PscServerMetadata,
  type PscSigningAlgorithm,
  parseCallbackUrl,
  pscErrorFromOAuthError,
  pscSigningAlgorithms,
} from '@authforte/core/psc';
import * as oidc from 'openid-client';
import { Agent, fetch as undiciFetch } from 'undici';
import { toServerPscError } from './errors.js';

export type PscClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'tls_client_auth';

/** The certificate (an IGC-Santé server certificate in production) and key for `tls_client_auth`. */
export interface PscTlsClientCertificate {
  /** PEM certificate, optionally followed by its intermediate CA certificates. */
  cert: string | Buffer;
  /** PEM private key. */
  key: string | Buffer;
  passphrase?: string;
  /** Extra CA certificates to trust for PSC's TLS server certificate (the system's are kept). */
  ca?: string | Buffer | Array<string | Buffer>;
}

export interface PscClientOptions {
  /** `PSC_BAS`, `PSC_PRODUCTION` (from `@authforte/core/psc`) or the sandbox's environment. */
  environment: PscEnvironment;
  clientId: string;
  /** For `client_secret_basic` / `client_secret_post`. Keep it in the server's secrets, never in a bundle. */
  clientSecret?: string;
  /**
   * Default: `tls_client_auth` when `tlsClientCertificate` is given, `private_key_jwt` when `privateKey` is given,
   * else `client_secret_basic`.
   */
  clientAuth?: PscClientAuthMethod;
  /** For `private_key_jwt`: a private oidc.CryptoKey, or `{ key, kid }`. */
  privateKey?: oidc.CryptoKey | { key: oidc.CryptoKey; kid?: string };
  /**
   * For `tls_client_auth`: the client certificate registered with the ANS, presented on every TLS connection to
   * PSC; the token, userinfo and CIBA calls go to PSC's `mtls_endpoint_aliases` when it publishes them. When you also
   * pass `fetch`, that fetch must present the certificate itself.
   */
  tlsClientCertificate?: PscTlsClientCertificate;
  /**
   * When the client is registered with signed userinfo: the algorithm PSC signs it with; userinfo is then asked as
   * `application/jwt` and a JSON answer is refused. Without it both are accepted (a JWT with its signature checked).
   */
  userinfoSignedResponseAlg?: PscSigningAlgorithm;
  /** The redirect URI registered with the ANS for this service (your callback route). */
  redirectUri: string;
  /** Where PSC sends the browser after logout (registered with the ANS). */
  postLogoutRedirectUri?: string;
  /** Replaces `fetch` for every call to PSC (tests, proxies). */
  fetch?: typeof fetch;
  /** Seconds before a call to PSC gives up (default 15). */
  timeoutSeconds?: number;
}

/** What the browser must come back with: keep it server-side or in a sealed cookie. */
export interface PscTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The `max_age` asked for, when one was: the ID token's `auth_time` is checked against it. */
  maxAge?: number;
}

export interface PscAuthentication {
  identity: ProfessionalIdentity;
  userinfo: Record<string, unknown>;
  idToken: string;
  idTokenClaims: Record<string, unknown>;
  accessToken: string;
  /** Seconds since the epoch. */
  expiresAt?: number;
}

export interface PscCibaRequest {
  authReqId: string;
  bindingMessage: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  /** Seconds between polls. */
  interval: number;
}

export type PscCibaResult =
  | { status: 'pending'; interval: number }
  | { status: 'authenticated'; authentication: PscAuthentication };

/** Channels of a CIBA request (`ansforge/psc-edc-proxy-esante`: `CARD` or `MOBILE`): `card` asks for approval with
 * the physical CPS card rather than the e-CPS app. */
export type PscCibaChannel = 'card' | 'mobile';

function twoDigits(): string {
  const n = crypto.getRandomValues(new Uint8Array(1))[0] ?? 0;
  return String(n % 100).padStart(2, '0');
}

export class PscClient {
  readonly options: PscClientOptions;
  readonly environment: PscEnvironment;
  #config: Promise<oidc.Configuration> | undefined;

  constructor(options: PscClientOptions) {
    const auth =
      options.clientAuth ??
      (options.tlsClientCertificate
        ? 'tls_client_auth'
        : options.privateKey
          ? 'private_key_jwt'
          : 'client_secret_basic');
    if (!options.clientId) throw new PscError('psc-config', 'clientId is required');
    if (auth === 'private_key_jwt' && !options.privateKey)
      throw new PscError('psc-config', 'private_key_jwt needs privateKey');
    if (auth === 'tls_client_auth' && (!options.tlsClientCertificate?.cert || !options.tlsClientCertificate.key))
      throw new PscError('psc-config', 'tls_client_auth needs tlsClientCertificate { cert, key }');
    if ((auth === 'client_secret_basic' || auth === 'client_secret_post') && !options.clientSecret)
      throw new PscError('psc-config', `${auth} needs clientSecret`);
    try {
      new URL(options.redirectUri);
    } catch {
      throw new PscError('psc-config', `redirectUri is not an absolute URL: ${options.redirectUri}`);
    }
    this.options = { ...options, clientAuth: auth };
    this.environment = options.environment;
  }

  /** The checked discovery document and client configuration (discovered once, retried after a failure). */
  configuration(): Promise<oidc.Configuration> {
    this.#config ??= this.#discover().catch((err: unknown) => {
      this.#config = undefined;
      throw toServerPscError(err, 'discovery');
    });
    return this.#config;
  }

  async metadata(): Promise<PscServerMetadata> {
    return (await this.configuration()).serverMetadata() as unknown as PscServerMetadata;
  }

  async #discover(): Promise<oidc.Configuration> {
    const o = this.options;
    const doFetch = o.fetch ?? this.#mtlsFetch();
    const metadata = await fetchPscDiscovery(this.environment, {
      ...(doFetch ? { fetch: doFetch } : {}),
      timeoutMs: (o.timeoutSeconds ?? 15) * 1000,
    });
    let auth: oidc.ClientAuth;
    if (o.clientAuth === 'tls_client_auth') {
      auth = oidc.TlsClientAuth();
    } else if (o.clientAuth === 'private_key_jwt') {
      const pk = o.privateKey as oidc.CryptoKey | { key: oidc.CryptoKey; kid?: string };
      auth = oidc.PrivateKeyJwt('key' in pk ? (pk.kid ? { key: pk.key, kid: pk.kid } : pk.key) : pk);
    } else if (o.clientAuth === 'client_secret_post') {
      auth = oidc.ClientSecretPost(o.clientSecret);
    } else {
      auth = oidc.ClientSecretBasic(o.clientSecret);
    }
    // Only the asymmetric algorithms PSC's discovery lists are accepted for ID tokens and signed userinfo (never
    // `none`, never HS*): openid-client checks each JWT's `alg` against these lists.
    const server = {
      ...metadata,
      id_token_signing_alg_values_supported: pscSigningAlgorithms(metadata),
      userinfo_signing_alg_values_supported: pscSigningAlgorithms(metadata, 'userinfo_signing_alg_values_supported'),
    };
    const clientMetadata: Partial<oidc.ClientMetadata> = {};
    if (o.clientSecret && o.clientAuth !== 'tls_client_auth') clientMetadata.client_secret = o.clientSecret;
    if (o.userinfoSignedResponseAlg) clientMetadata.userinfo_signed_response_alg = o.userinfoSignedResponseAlg;
    if (o.clientAuth === 'tls_client_auth' && metadata.mtls_endpoint_aliases)
      clientMetadata.use_mtls_endpoint_aliases = true;
    const config = new oidc.Configuration(server as unknown as oidc.ServerMetadata, o.clientId, clientMetadata, auth);
    if (doFetch) config[oidc.customFetch] = doFetch as oidc.CustomFetch;
    config.timeout = o.timeoutSeconds ?? 15;
    if (this.environment.allowInsecureHttp) oidc.allowInsecureRequests(config);
    // ID tokens from the token endpoint are checked against PSC's JWKS too, not only for claims.
    oidc.enableNonRepudiationChecks(config);
    return config;
  }

  #mtlsAgent: Agent | undefined;

  /** For `tls_client_auth` without a host-given `fetch`: undici's fetch presenting the client certificate. */
  #mtlsFetch(): typeof fetch | undefined {
    const tls = this.options.clientAuth === 'tls_client_auth' ? this.options.tlsClientCertificate : undefined;
    if (!tls) return undefined;
    this.#mtlsAgent ??= new Agent({
      connect: {
        cert: tls.cert,
        key: tls.key,
        ...(tls.passphrase !== undefined ? { passphrase: tls.passphrase } : {}),
        ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
      },
    });
    const dispatcher = this.#mtlsAgent;
    return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
      undiciFetch(input as Parameters<typeof undiciFetch>[0], {
        ...(init as Parameters<typeof undiciFetch>[1]),
        dispatcher,
      })) as unknown as typeof fetch;
  }

  /** Closes the mTLS connections (tests, shutdown). */
  async close(): Promise<void> {
    await this.#mtlsAgent?.close();
    this.#mtlsAgent = undefined;
  }

  /** Starts a sign-in: the URL to send the browser to, and the transaction to keep until the callback. */
  async startAuthorization(
    options: {
      loginHint?: string;
      /** `prompt` (OpenID Connect Core 1.0 §3.1.2.1): `login` asks PSC to authenticate again. */
      prompt?: string;
      /** `max_age` in seconds (OpenID Connect Core 1.0 §3.1.2.1); `auth_time` is then checked at the callback. */
      maxAge?: number;
    } = {},
  ): Promise<{ url: URL; transaction: PscTransaction }> {
    const config = await this.configuration();
    const transaction: PscTransaction = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
    const params: Record<string, string> = {
      redirect_uri: this.options.redirectUri,
      scope: this.environment.scope,
      acr_values: this.environment.acrValues,
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
      response_type: 'code',
    };
    if (options.loginHint) {
      try {
        params.login_hint = normalizeLoginHint(options.loginHint);
      } catch (err) {
        throw new PscError('psc-config', 'loginHint is not an identifier PSC can know', { cause: err });
      }
    }
    if (options.prompt) params.prompt = options.prompt;
    if (options.maxAge !== undefined && Number.isInteger(options.maxAge) && options.maxAge >= 0) {
      params.max_age = String(options.maxAge);
      transaction.maxAge = options.maxAge;
    }
    return { url: oidc.buildAuthorizationUrl(config, params), transaction };
  }

  /**
   * Completes a sign-in from the callback's query string (or full URL): checks state, exchanges the code
   * (PKCE), checks the ID token (signature, issuer, audience, dates, nonce, acr), reads userinfo.
   */
  async completeAuthorization(callback: URL | string, transaction: PscTransaction): Promise<PscAuthentication> {
    const config = await this.configuration();
    let incoming: URL;
    try {
      incoming = typeof callback === 'string' ? new URL(callback, this.options.redirectUri) : callback;
    } catch (err) {
      throw new PscError('psc-bad-callback', 'The callback address is not a URL', { cause: err });
    }
    const parsed = parseCallbackUrl(incoming, this.environment.issuer);
    if (parsed.error !== undefined) {
      if (parsed.state !== null && parsed.state !== transaction.state)
        throw new PscError('psc-state-mismatch', 'Error callback for another sign-in');
      throw pscErrorFromOAuthError(parsed.error, parsed.errorDescription);
    }
    if (parsed.state !== transaction.state)
      throw new PscError('psc-state-mismatch', 'The callback state is not the one of this sign-in');
    // openid-client derives redirect_uri from the URL: rebuild it on the registered redirect URI.
    const current = new URL(this.options.redirectUri);
    current.search = incoming.search;
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, current, {
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        pkceCodeVerifier: transaction.codeVerifier,
        idTokenExpected: true,
        ...(transaction.maxAge !== undefined ? { maxAge: transaction.maxAge } : {}),
      });
    } catch (err) {
      throw toServerPscError(err, 'token');
    }
    return this.#finish(config, tokens, transaction.nonce);
  }

  async #finish(
    config: oidc.Configuration,
    tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
    nonce?: string,
  ): Promise<PscAuthentication> {
    const claims = tokens.claims() as Record<string, unknown> | undefined;
    if (!claims || !tokens.id_token) throw new PscError('psc-bad-id-token', 'No ID token in the token response');
    checkIdTokenClaims(claims, {
      issuer: this.environment.issuer,
      clientId: this.options.clientId,
      minAcr: this.environment.minAcr,
      ...(nonce !== undefined ? { nonce } : {}),
    });
    let userinfo: Record<string, unknown>;
    try {
      userinfo = checkUserInfo(
        await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub)),
        String(claims.sub),
      );
    } catch (err) {
      throw toServerPscError(err, 'userinfo');
    }
    let identity: ProfessionalIdentity;
    try {
      identity = identityFromPscUserInfo(userinfo);
    } catch (err) {
      throw toServerPscError(err, 'userinfo');
    }
    const result: PscAuthentication = {
      identity,
      userinfo,
      idToken: tokens.id_token,
      idTokenClaims: claims,
      accessToken: tokens.access_token,
    };
    const expiresIn = tokens.expiresIn();
    if (expiresIn !== undefined) result.expiresAt = Math.floor(Date.now() / 1000) + expiresIn;
    return result;
  }

  /**
   * Starts an in-page e-CPS approval (CIBA, poll mode) for a national identifier (PSC's `SubjectNameID`, whatever
   * its form: `normalizeLoginHint`). Show `bindingMessage` (two random digits unless you give one) to the user: the
   * e-CPS app shows the same. `channel: 'card'` asks PSC for an approval with the physical CPS card.
   */
  async startCiba(options: {
    nationalId: string;
    bindingMessage?: string;
    channel?: PscCibaChannel;
  }): Promise<PscCibaRequest> {
    let loginHint: string;
    try {
      loginHint = normalizeLoginHint(options.nationalId);
    } catch (err) {
      const why = err instanceof NationalIdError ? err.message : String(err);
      throw new PscError('psc-unknown-user', `nationalId is not an identifier PSC can know: ${why}`, { cause: err });
    }
    const bindingMessage = options.bindingMessage ?? twoDigits();
    if (
      typeof bindingMessage !== 'string' ||
      bindingMessage === '' ||
      bindingMessage.length > 255 ||
      /\p{Cc}/u.test(bindingMessage)
    )
      throw new PscError('psc-config', 'bindingMessage must be 1 to 255 characters without control characters');
    if (options.channel !== undefined && options.channel !== 'card' && options.channel !== 'mobile')
      throw new PscError('psc-config', "channel must be 'card' or 'mobile'");
    const config = await this.configuration();
    const params: Record<string, string> = {
      scope: this.environment.scope,
      acr_values: this.environment.acrValues,
      login_hint: loginHint,
      binding_message: bindingMessage,
    };
    if (options.channel) params.channel = options.channel.toUpperCase();
    try {
      const r = await oidc.initiateBackchannelAuthentication(config, params);
      return {
        authReqId: r.auth_req_id,
        bindingMessage,
        expiresAt: Math.floor(Date.now() / 1000) + r.expires_in,
        interval: r.interval ?? 5,
      };
    } catch (err) {
      throw toServerPscError(err, 'ciba-start');
    }
  }

  /** Asks PSC once whether the CIBA request was approved. Refusal → `psc-refused`, expiry → `psc-expired`. */
  async pollCiba(authReqId: string, interval = 5): Promise<PscCibaResult> {
    const config = await this.configuration();
    let tokens: Awaited<ReturnType<typeof oidc.genericGrantRequest>>;
    try {
      tokens = await oidc.genericGrantRequest(config, 'urn:openid:params:grant-type:ciba', { auth_req_id: authReqId });
    } catch (err) {
      if (err instanceof oidc.ResponseBodyError && err.error === 'authorization_pending')
        return { status: 'pending', interval };
      if (err instanceof oidc.ResponseBodyError && err.error === 'slow_down')
        return { status: 'pending', interval: interval + 5 };
      throw toServerPscError(err, 'token');
    }
    return { status: 'authenticated', authentication: await this.#finish(config, tokens) };
  }

  /** PSC's logout URL (RP-initiated logout). */
  async logoutUrl(
    options: { idTokenHint?: string; postLogoutRedirectUri?: string; state?: string } = {},
  ): Promise<URL> {
    const config = await this.configuration();
    const params: Record<string, string> = {};
    if (options.idTokenHint) params.id_token_hint = options.idTokenHint;
    const post = options.postLogoutRedirectUri ?? this.options.postLogoutRedirectUri;
    if (post) params.post_logout_redirect_uri = post;
    if (options.state) params.state = options.state;
    if (!options.idTokenHint) params.client_id = this.options.clientId;
    try {
      return oidc.buildEndSessionUrl(config, params);
    } catch (err) {
      throw new PscError('psc-bad-discovery', 'PSC advertises no end_session_endpoint', { cause: err });
    }
  }
}

export function createPscClient(options: PscClientOptions): PscClient {
  return new PscClient(options);
}
