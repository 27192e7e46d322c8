/**
 * A local Pro Santé Connect look-alike on `oidc-provider`: realm-style issuer
 * (`/auth/realms/esante-wallet`), PSC's non-standard discovery path, the authorization page on a second
 * port standing for the wallet host ("Application e-CPS" with approval on a simulated phone, "Carte CPS"
 * with a test card), userinfo in PSC's JSON shape, 2-minute access tokens, CIBA in poll mode with a
 * binding message, refusal and expiry; errors as PSC's Keycloak answers them; ID tokens and signed userinfo
 * (`application/jwt`) in RS256, PS256 or ES256; and, on demand, an mTLS port (`tls_client_auth`, RFC 8705) that
 * PSC's discovery publishes as `mtls_endpoint_aliases`.
 *
 * What it models, with the public sources: docs/psc.md ("The sandbox as a witness") and real-systems facts from
 * `ansforge/keycloak-prosanteconnect` (psc.properties, issue #43 on acr), `ansforge/psc-edc-proxy-esante`
 * (`src/test/resources/mock_discovery_response.json`, CIBA tests), `erickriegel/esignsante-fse-psc` (payloads).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { PSC_DISCOVERY_PATH, pscEnvironment } from '@authforte/core/psc';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { Approvals } from './approvals.js';
import { isLoopbackUrl, listen, send } from './http.js';
import { type MtlsMaterial, mtlsMaterial } from './mtls.js';
import {
  type RunningSandboxPsc,
  SANDBOX_CONFIDENTIAL_CLIENT_ID,
  SANDBOX_CONFIDENTIAL_CLIENT_SECRET,
  SANDBOX_PSC_REALM_PATH,
  SANDBOX_PUBLIC_CLIENT_ID,
  type SandboxPscOptions,
} from './options.js';
import { errorPage } from './pages.js';
import { pscSubject, SANDBOX_CARD_PIN, SANDBOX_PROFESSIONALS } from './professionals.js';
import { sandboxConfiguration } from './provider-config.js';
import { interactionRoute, phoneRoute, type WalletContext } from './wallet-pages.js';

export type { RunningSandboxMtls, RunningSandboxPsc, SandboxPscOptions } from './options.js';

export async function startSandboxPsc(options: SandboxPscOptions = {}): Promise<RunningSandboxPsc> {
  const host = options.host ?? '127.0.0.1';
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const approvalTtl = options.approvalTtlSeconds ?? 120;
  const acrFor = (card: boolean) => options.acr ?? (card ? 'eidas2' : 'eidas1');
  const professionals = options.professionals ?? SANDBOX_PROFESSIONALS;
  const byId = new Map(professionals.map((p) => [p.nationalId, p]));
  // oidc-provider's accountId is the `sub`: PSC's technical `f:<uuid>:<national id>`
  const bySub = new Map(professionals.map((p) => [pscSubject(p.nationalId), p]));
  const confidential = {
    clientId: options.confidentialClient?.clientId ?? SANDBOX_CONFIDENTIAL_CLIENT_ID,
    clientSecret: options.confidentialClient?.clientSecret ?? SANDBOX_CONFIDENTIAL_CLIENT_SECRET,
  };

  // Both servers listen first: the issuer URL needs the port.
  let handleAuth: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) =>
    send(res, 503, 'starting', 'text/plain');
  let handleWallet: (req: IncomingMessage, res: ServerResponse) => void = handleAuth;
  const authServer = createServer((req, res) => handleAuth(req, res));
  const walletServer = createServer((req, res) => handleWallet(req, res));
  const authPort = await listen(authServer, options.port ?? 0, host);
  const walletPort = await listen(walletServer, options.walletPort ?? 0, host);
  const origin = `http://${publicHost}:${authPort}`;
  const walletUrl = `http://${publicHost}:${walletPort}`;
  const issuer = `${origin}${SANDBOX_PSC_REALM_PATH}`;
  const phoneUrl = (nationalId: string) => `${walletUrl}/telephone?idnat=${encodeURIComponent(nationalId)}`;

  let signingKeys = options.signingKeys;
  if (!signingKeys) {
    // An RSA key (RS256, PS256) and an EC P-256 key (ES256): Keycloak's discovery lists them all.
    const rsa = (await generateKeyPair('RS256', { extractable: true })).privateKey;
    const ec = (await generateKeyPair('ES256', { extractable: true })).privateKey;
    signingKeys = [
      { ...(await exportJWK(rsa)), kid: `sandbox-rsa-${randomUUID()}`, use: 'sig' },
      { ...(await exportJWK(ec)), kid: `sandbox-ec-${randomUUID()}`, alg: 'ES256', use: 'sig' },
    ];
  }

  let mtls: (MtlsMaterial & { origin: string; clientId: string; server: Server }) | undefined;
  if (options.mtls) {
    const material = mtlsMaterial(publicHost.replace(/^\[|\]$/g, ''));
    // requestCert without rejectUnauthorized: the provider answers a missing or unknown certificate with
    // `invalid_client`, as Keycloak does, instead of a TLS alert.
    const server = createHttpsServer(
      {
        cert: material.serverCert,
        key: material.serverKey,
        ca: material.caPem,
        requestCert: true,
        rejectUnauthorized: false,
      },
      (req, res) => handleAuth(req, res),
    );
    const mtlsPort = await listen(server, options.mtls.port ?? 0, host);
    mtls = {
      ...material,
      server,
      origin: `https://${publicHost}:${mtlsPort}`,
      clientId: options.mtls.clientId ?? 'authforte-sandbox-mtls',
    };
  }

  const approvals = new Approvals();
  const provider = new Provider(
    issuer,
    sandboxConfiguration({
      options,
      professionals,
      byId,
      bySub,
      confidential,
      mtls,
      signingKeys,
      approvals,
      approvalTtl,
      walletUrl,
    }),
  );
  // Sandbox only: every client accepts any loopback redirect URI (tests and the demo use random ports).
  const clientProto = provider.Client.prototype as unknown as {
    redirectUriAllowed(v: string): boolean;
    postLogoutRedirectUriAllowed(v: string): boolean;
  };
  const origRedirect = clientProto.redirectUriAllowed;
  const origLogout = clientProto.postLogoutRedirectUriAllowed;
  clientProto.redirectUriAllowed = function (v: string) {
    return isLoopbackUrl(v) || origRedirect.call(this, v);
  };
  clientProto.postLogoutRedirectUriAllowed = function (v: string) {
    return isLoopbackUrl(v) || origLogout.call(this, v);
  };
  const providerCallback = provider.callback();

  let walletDiscovery: string | undefined;
  async function walletDiscoveryDocument(): Promise<string> {
    if (!walletDiscovery) {
      const res = await fetch(`${issuer}/.well-known/openid-configuration`);
      const doc = (await res.json()) as Record<string, unknown>;
      doc.authorization_endpoint = `${walletUrl}/auth`;
      if (mtls) {
        // Keycloak publishes the mTLS endpoints as RFC 8705 aliases (real-systems: psc-edc-proxy-esante discovery).
        const at = (route: string) => `${mtls?.origin}${SANDBOX_PSC_REALM_PATH}/protocol/openid-connect/${route}`;
        doc.mtls_endpoint_aliases = {
          token_endpoint: at('token'),
          userinfo_endpoint: at('userinfo'),
          backchannel_authentication_endpoint: at('ext/ciba/auth'),
          revocation_endpoint: at('revoke'),
        };
      }
      walletDiscovery = JSON.stringify(doc);
    }
    return walletDiscovery;
  }

  handleAuth = (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === `${SANDBOX_PSC_REALM_PATH}/${PSC_DISCOVERY_PATH}`) {
      walletDiscoveryDocument().then(
        (body) => send(res, 200, body, 'application/json; charset=utf-8', { 'access-control-allow-origin': '*' }),
        () => send(res, 500, 'discovery failed', 'text/plain'),
      );
      return;
    }
    if (url.pathname === SANDBOX_PSC_REALM_PATH || url.pathname.startsWith(`${SANDBOX_PSC_REALM_PATH}/`)) {
      const r = req as IncomingMessage & { originalUrl?: string };
      r.originalUrl = req.url;
      req.url = req.url?.slice(SANDBOX_PSC_REALM_PATH.length) || '/';
      if (!req.url.startsWith('/')) req.url = `/${req.url}`;
      providerCallback(req, res);
      return;
    }
    send(res, 404, errorPage('Page introuvable', "Cette adresse n'existe pas sur le bac à sable Pro Santé Connect."));
  };

  const ctx: WalletContext = { provider, approvals, professionals, byId, approvalTtl, acrFor, phoneUrl };

  async function wallet(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', walletUrl);
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path === '/auth') {
      // The wallet host's authorization endpoint hands over to the realm (Keycloak) with the same request.
      res.writeHead(302, {
        location: `${issuer}/protocol/openid-connect/auth${url.search}`,
        'cache-control': 'no-store',
      });
      res.end();
      return;
    }
    if (path === '/' && method === 'GET') {
      send(
        res,
        200,
        errorPage(
          'Bac à sable Pro Santé Connect',
          `Émetteur : ${issuer}. Téléphone simulé : ${walletUrl}/telephone`,
        ).replace('class="erreur" role="alert"', ''),
      );
      return;
    }
    if (await phoneRoute(ctx, req, res, url)) return;
    if (path.startsWith('/interaction/')) return interactionRoute(ctx, req, res, url);
    send(res, 404, errorPage('Page introuvable', "Cette adresse n'existe pas sur le bac à sable Pro Santé Connect."));
  }

  handleWallet = (req, res) => {
    wallet(req, res).catch((err: unknown) => {
      if (!res.headersSent)
        send(res, 500, errorPage('Erreur interne', err instanceof Error ? err.message : String(err)));
      else res.end();
    });
  };

  const close = async () => {
    await Promise.all(
      [authServer, walletServer, ...(mtls ? [mtls.server] : [])].map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
  };

  return {
    name: 'Sandbox PSC',
    url: walletUrl,
    notes: [
      `issuer ${issuer}`,
      `clients: ${SANDBOX_PUBLIC_CLIENT_ID} (public), ${confidential.clientId} / ${confidential.clientSecret} (confidential)`,
      `test professionals: ${professionals.map((p) => `${p.nationalId} ${p.label}`).join(', ')}`,
      `e-CPS phone: ${walletUrl}/telephone · test card PIN ${SANDBOX_CARD_PIN}`,
    ],
    issuer,
    walletUrl,
    discoveryUrl: `${issuer}/${PSC_DISCOVERY_PATH}`,
    environment: pscEnvironment(issuer, { name: 'sandbox', allowInsecureHttp: true }),
    publicClientId: SANDBOX_PUBLIC_CLIENT_ID,
    confidentialClient: confidential,
    professionals,
    phoneUrl,
    provider,
    ...(mtls
      ? {
          mtls: {
            origin: mtls.origin,
            caPem: mtls.caPem,
            clientId: mtls.clientId,
            clientCertificate: { cert: mtls.clientCert, key: mtls.clientKey },
          },
        }
      : {}),
    close,
  };
}
