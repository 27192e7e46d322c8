/**
 * A local Pro Santé Connect look-alike on `oidc-provider`: realm-style issuer
 * (`/auth/realms/esante-wallet`), PSC's non-standard discovery path, the authorization page on a second
 * port standing for the wallet host ("Application e-CPS" with approval on a simulated phone, "Carte CPS"
 * with a test card), userinfo in PSC's JSON shape, 2-minute access tokens, CIBA in poll mode with a
 * binding message, refusal and expiry.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PSC_DISCOVERY_PATH, type PscEnvironment, pscEnvironment } from '@authforte/core/psc';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type ClientMetadata, type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { RunningService } from '../services.js';
import { errorPage, loginPage, logoutPage, phonePage, waitingPage } from './pages.js';
import {
  pscSubject,
  pscUserInfo,
  SANDBOX_CARD_PIN,
  SANDBOX_PROFESSIONALS,
  type SandboxProfessional,
} from './professionals.js';

export const SANDBOX_PSC_REALM_PATH = '/auth/realms/esante-wallet';
export const SANDBOX_PUBLIC_CLIENT_ID = 'authforte-sandbox-public';
export const SANDBOX_CONFIDENTIAL_CLIENT_ID = 'authforte-sandbox-confidential';
export const SANDBOX_CONFIDENTIAL_CLIENT_SECRET = 'authforte-sandbox-secret-not-for-production';

export interface SandboxPscOptions {
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Port of the issuer ("auth" host); 0 = any free port. */
  port?: number;
  /** Port of the wallet host (authorization page, simulated phone); 0 = any free port. */
  walletPort?: number;
  /** Seconds a person has to approve on the phone (redirect flow and CIBA). Default 120. */
  approvalTtlSeconds?: number;
  /** Access-token lifetime in seconds. Default 120, as PSC. */
  accessTokenTtlSeconds?: number;
  /** The `acr` the sandbox puts in ID tokens. Default `eidas1`; tests set lower values. */
  acr?: string;
  professionals?: readonly SandboxProfessional[];
  /** The confidential client (secret auth). */
  confidentialClient?: { clientId?: string; clientSecret?: string };
  /** More clients (e.g. one with `private_key_jwt` and its `jwks`). Any loopback redirect URI is accepted. */
  extraClients?: ClientMetadata[];
  /** Private signing keys (JWK) to use instead of a fresh RSA key (two sandboxes can then share keys). */
  signingKeys?: JWK[];
}

export interface RunningSandboxPsc extends RunningService {
  issuer: string;
  /** Origin of the wallet host. */
  walletUrl: string;
  /** PSC's discovery document (`.well-known/wallet-openid-configuration`). */
  discoveryUrl: string;
  /** Ready for `PscBrowserClient` / `createPscClient`: plain http allowed (loopback only). */
  environment: PscEnvironment;
  publicClientId: string;
  confidentialClient: { clientId: string; clientSecret: string };
  professionals: readonly SandboxProfessional[];
  /** The simulated phone of a professional. */
  phoneUrl(nationalId: string): string;
  provider: Provider;
}

type ApprovalStatus = 'pending' | 'approved' | 'refused';
interface Approval {
  id: string;
  kind: 'redirect' | 'ciba';
  nationalId: string;
  clientName: string;
  status: ApprovalStatus;
  expiresAt: number;
  /** When the request was made (epoch ms), shown on the phone page to tell two requests apart. */
  createdAt: number;
  /** Interaction uid (redirect) or BackchannelAuthenticationRequest jti (CIBA). */
  ref: string;
  bindingMessage?: string;
}

function isLoopbackUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (
      (u.protocol === 'http:' || u.protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)
    );
  } catch {
    return false;
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'text/html; charset=utf-8',
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...headers,
  });
  res.end(body);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store' });
  res.end();
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export async function startSandboxPsc(options: SandboxPscOptions = {}): Promise<RunningSandboxPsc> {
  const host = options.host ?? '127.0.0.1';
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const approvalTtl = options.approvalTtlSeconds ?? 120;
  const acr = options.acr ?? 'eidas1';
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
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    signingKeys = [{ ...(await exportJWK(privateKey)), kid: `sandbox-${randomUUID()}`, alg: 'RS256', use: 'sig' }];
  }

  const approvals = new Map<string, Approval>();
  const isExpired = (a: Approval) => Date.now() > a.expiresAt;

  const sampleClaims = Object.keys(pscUserInfo(professionals[0] ?? SANDBOX_PROFESSIONALS[0]!)).filter(
    (k) => k !== 'sub',
  );
  const clients: ClientMetadata[] = [
    {
      client_id: SANDBOX_PUBLIC_CLIENT_ID,
      // the name users know the service by, shown on the sign-in and phone pages (PSC shows the client's name)
      client_name: 'Trajectoire Démo',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/'],
      post_logout_redirect_uris: ['http://127.0.0.1/'],
    },
    {
      client_id: confidential.clientId,
      client_secret: confidential.clientSecret,
      client_name: 'Trajectoire Démo',
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code', 'urn:openid:params:grant-type:ciba'],
      response_types: ['code'],
      backchannel_token_delivery_mode: 'poll',
      redirect_uris: ['http://127.0.0.1/'],
      post_logout_redirect_uris: ['http://127.0.0.1/'],
    },
    ...(options.extraClients ?? []),
  ];

  const configuration: Configuration = {
    clients,
    jwks: { keys: signingKeys as NonNullable<Configuration['jwks']>['keys'] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'scope_all'],
    claims: { openid: ['sub'], scope_all: sampleClaims },
    acrValues: ['eidas1'],
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    enabledJWA: { clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256'], idTokenSigningAlgValues: ['RS256'] },
    pkce: { required: () => true },
    routes: {
      authorization: '/protocol/openid-connect/auth',
      token: '/protocol/openid-connect/token',
      userinfo: '/protocol/openid-connect/userinfo',
      jwks: '/protocol/openid-connect/certs',
      end_session: '/protocol/openid-connect/logout',
      revocation: '/protocol/openid-connect/revoke',
      backchannel_authentication: '/protocol/openid-connect/ext/ciba/auth',
    },
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 120,
      AuthorizationCode: 60,
      IdToken: 300,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      BackchannelAuthenticationRequest: approvalTtl,
    },
    findAccount: async (_ctx, id) => {
      const p = bySub.get(id);
      if (!p) return undefined;
      return { accountId: id, claims: async () => pscUserInfo(p) as { sub: string } };
    },
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const client = ctx.oidc.client;
      const session = ctx.oidc.session;
      if (!client || !session?.accountId) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) {
        const g = await ctx.oidc.provider.Grant.find(existing);
        if (g) return g;
      }
      // Like PSC: no consent screen, every registered client gets openid + scope_all.
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid scope_all');
      await grant.save();
      return grant;
    },
    interactions: { url: async (_ctx, interaction) => `${walletUrl}/interaction/${interaction.uid}` },
    clientBasedCORS: (_ctx, corsOrigin) => isLoopbackUrl(corsOrigin),
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage('Erreur', `${out.error}${out.error_description ? ` : ${out.error_description}` : ''}`);
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = errorPage('Déconnecté', 'Vous êtes déconnecté de Pro Santé Connect.');
        },
      },
      ciba: {
        enabled: true,
        deliveryModes: ['poll'],
        processLoginHint: async (_ctx, loginHint) => {
          if (!byId.has(loginHint ?? '')) throw new errors.UnknownUserId('unknown national identifier (login_hint)');
          return pscSubject(loginHint as string);
        },
        processLoginHintToken: async () => {
          throw new errors.InvalidRequest('login_hint_token is not supported; use login_hint');
        },
        validateBindingMessage: async (_ctx, bindingMessage) => {
          if (typeof bindingMessage !== 'string' || !/^[0-9]{2}$/.test(bindingMessage)) {
            throw new errors.InvalidBindingMessage('binding_message must be two digits');
          }
        },
        validateRequestContext: async () => {},
        verifyUserCode: async () => {},
        triggerAuthenticationDevice: async (_ctx, request, account, client) => {
          const id = randomUUID();
          const approval: Approval = {
            id,
            kind: 'ciba',
            nationalId: bySub.get(account.accountId)?.nationalId ?? account.accountId,
            clientName: client.clientName ?? client.clientId,
            status: 'pending',
            expiresAt: (request.exp ?? Math.floor(Date.now() / 1000) + approvalTtl) * 1000,
            createdAt: Date.now(),
            ref: request.jti,
          };
          const bm = (request.params as Record<string, unknown> | undefined)?.binding_message;
          if (typeof bm === 'string') approval.bindingMessage = bm;
          approvals.set(id, approval);
        },
      },
    },
  };

  const provider = new Provider(issuer, configuration);
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

  async function finishLogin(
    req: IncomingMessage,
    res: ServerResponse,
    nationalId: string,
    amr: string[],
  ): Promise<void> {
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: pscSubject(nationalId), acr, amr, ts: Math.floor(Date.now() / 1000) } },
      { mergeWithLastSubmission: false },
    );
  }

  async function refuse(req: IncomingMessage, res: ServerResponse, description: string): Promise<void> {
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: description },
      { mergeWithLastSubmission: false },
    );
  }

  /** Forgets requests that ended or expired more than 10 minutes ago. */
  function purge(): void {
    const limit = Date.now() - 600_000;
    for (const a of approvals.values()) if (a.expiresAt < limit) approvals.delete(a.id);
  }

  function pendingFor(nationalId: string) {
    purge();
    return [...approvals.values()].filter(
      (a) => a.nationalId === nationalId && a.status === 'pending' && !isExpired(a),
    );
  }

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

    const phone = /^\/telephone\/demandes\/([\w-]+)\/(valider|refuser)$/.exec(path);
    if (path === '/telephone' && method === 'GET') {
      const idnat = url.searchParams.get('idnat')?.trim() ?? '';
      const requests = idnat
        ? pendingFor(idnat).map((a) => {
            const view: Parameters<typeof phonePage>[0]['requests'][number] = {
              id: a.id,
              clientName: a.clientName,
              kind: a.kind,
              secondsLeft: Math.max(0, Math.round((a.expiresAt - Date.now()) / 1000)),
              createdAt: a.createdAt,
            };
            if (a.bindingMessage) view.bindingMessage = a.bindingMessage;
            return view;
          })
        : [];
      const notice = url.searchParams.get('ok');
      const pageOptions: Parameters<typeof phonePage>[0] = { nationalId: idnat, requests };
      if (notice === 'valide') pageOptions.notice = 'Connexion validée.';
      if (notice === 'refuse') pageOptions.notice = 'Connexion refusée.';
      if (notice === 'expire') pageOptions.notice = 'Cette demande a expiré.';
      send(res, 200, phonePage(pageOptions));
      return;
    }
    if (phone && method === 'POST') {
      const [, id, action] = phone;
      const a = approvals.get(id ?? '');
      if (a?.status !== 'pending') {
        send(res, 404, errorPage('Demande introuvable', "Cette demande n'existe pas ou a déjà été traitée."));
        return;
      }
      const back = (ok: string) => redirect(res, `/telephone?idnat=${encodeURIComponent(a.nationalId)}&ok=${ok}`);
      if (isExpired(a)) return back('expire');
      a.status = action === 'valider' ? 'approved' : 'refused';
      if (a.kind === 'ciba') {
        const request = await provider.BackchannelAuthenticationRequest.find(a.ref, { ignoreExpiration: true });
        if (!request || request.isExpired) return back('expire');
        if (a.status === 'approved') {
          const grant = new provider.Grant({ clientId: request.clientId, accountId: pscSubject(a.nationalId) });
          grant.addOIDCScope(String(request.scope ?? 'openid scope_all'));
          await grant.save();
          await provider.backchannelResult(request, grant, {
            acr,
            amr: ['mfa'],
            authTime: Math.floor(Date.now() / 1000),
          });
        } else {
          await provider.backchannelResult(request, new errors.AccessDenied("l'utilisateur a refusé la demande"));
        }
      }
      return back(a.status === 'approved' ? 'valide' : 'refuse');
    }

    const m = /^\/interaction\/([\w-]+)(?:\/(ecps|carte|attente|etat|fin|annuler))?$/.exec(path);
    if (!m) {
      send(res, 404, errorPage('Page introuvable', "Cette adresse n'existe pas sur le bac à sable Pro Santé Connect."));
      return;
    }
    const [, uid = '', step] = m;
    let details: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      send(
        res,
        400,
        errorPage(
          'Session expirée',
          "Cette demande de connexion n'est plus valable. Revenez au service et recommencez.",
        ),
      );
      return;
    }
    if (details.uid !== uid) {
      send(
        res,
        400,
        errorPage(
          'Session expirée',
          "Cette demande de connexion n'est plus valable. Revenez au service et recommencez.",
        ),
      );
      return;
    }
    const client = await provider.Client.find(String(details.params.client_id));
    const clientName = client?.clientName ?? String(details.params.client_id);
    const redirectApproval = () => [...approvals.values()].find((a) => a.kind === 'redirect' && a.ref === uid);

    if (details.prompt.name === 'consent') {
      // loadExistingGrant grants everything; this is only a fallback.
      const grant = new provider.Grant({
        clientId: String(details.params.client_id),
        accountId: String(details.session?.accountId),
      });
      grant.addOIDCScope('openid scope_all');
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }

    if (!step && method === 'GET') {
      const tab = url.searchParams.get('onglet') === 'carte' ? 'carte' : 'ecps';
      const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
      send(res, 200, loginPage({ uid, clientName, tab, professionals, ...(hint ? { nationalId: hint } : {}) }));
      return;
    }
    if (step === 'ecps' && method === 'POST') {
      const form = await readForm(req);
      const idnat = (form.get('idnat') ?? '').trim();
      if (!byId.has(idnat)) {
        send(
          res,
          200,
          loginPage({
            uid,
            clientName,
            tab: 'ecps',
            professionals,
            nationalId: idnat,
            error: 'Identifiant national inconnu du bac à sable. Vérifiez le numéro (8 suivi du numéro RPPS).',
          }),
        );
        return;
      }
      for (const a of approvals.values()) if (a.kind === 'redirect' && a.ref === uid) approvals.delete(a.id);
      const id = randomUUID();
      approvals.set(id, {
        id,
        kind: 'redirect',
        nationalId: idnat,
        clientName,
        status: 'pending',
        expiresAt: Date.now() + approvalTtl * 1000,
        createdAt: Date.now(),
        ref: uid,
      });
      redirect(res, `/interaction/${uid}/attente`);
      return;
    }
    if (step === 'carte' && method === 'POST') {
      const form = await readForm(req);
      const idnat = (form.get('idnat') ?? '').trim();
      const p = byId.get(idnat);
      if (!p?.hasCard || form.get('pin') !== SANDBOX_CARD_PIN) {
        send(
          res,
          200,
          loginPage({
            uid,
            clientName,
            tab: 'carte',
            professionals,
            nationalId: idnat,
            error: `Code porteur incorrect (carte de test : ${SANDBOX_CARD_PIN}).`,
          }),
        );
        return;
      }
      await finishLogin(req, res, idnat, ['hwk', 'pin']);
      return;
    }
    if (step === 'annuler' && method === 'POST') {
      for (const a of approvals.values()) if (a.kind === 'redirect' && a.ref === uid) approvals.delete(a.id);
      await refuse(req, res, "l'utilisateur a annulé la connexion");
      return;
    }
    const a = redirectApproval();
    if (!a) {
      redirect(res, `/interaction/${uid}`);
      return;
    }
    const status = a.status === 'pending' && isExpired(a) ? 'expired' : a.status;
    if (step === 'etat') {
      send(res, 200, JSON.stringify({ status }), 'application/json; charset=utf-8');
      return;
    }
    if (step === 'attente' || step === 'fin') {
      if (status === 'approved') {
        approvals.delete(a.id);
        await finishLogin(req, res, a.nationalId, ['mfa', 'swk']);
      } else if (status === 'refused') {
        approvals.delete(a.id);
        await refuse(req, res, "l'utilisateur a refusé la demande dans l'application e-CPS");
      } else {
        send(
          res,
          200,
          waitingPage({
            uid,
            nationalId: a.nationalId,
            phoneUrl: phoneUrl(a.nationalId),
            expired: status === 'expired',
            pending: step === 'fin',
          }),
        );
      }
      return;
    }
    send(res, 405, errorPage('Action impossible', "Cette action n'est pas disponible."));
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
      [authServer, walletServer].map(
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
    close,
  };
}
