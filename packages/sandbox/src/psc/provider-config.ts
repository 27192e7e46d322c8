/**
 * The `oidc-provider` configuration that makes it answer like PSC's Keycloak realm: PSC's routes
 * (`/protocol/openid-connect/*`), scopes `openid scope_all` without consent, acr `eidas1`–`eidas3`, 2-minute access
 * tokens, ID tokens and signed userinfo in RS256 / PS256 / ES256, CIBA in poll mode with PSC's `channel` and
 * binding message, RFC 8705 mTLS, RP-initiated logout. Sources: see ./server.ts.
 */
import { randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import type { JWK } from 'jose';
import { type ClientMetadata, type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { Approval, Approvals } from './approvals.js';
import { isLoopbackUrl } from './http.js';
import { subjectDnOf } from './mtls.js';
import { SANDBOX_PUBLIC_CLIENT_ID, type SandboxPscOptions } from './options.js';
import { errorPage, logoutPage } from './pages.js';
import {
  pscClaimNames,
  pscSubject,
  pscUserInfo,
  SANDBOX_PROFESSIONALS,
  type SandboxProfessional,
} from './professionals.js';

export interface SandboxConfigurationInput {
  options: SandboxPscOptions;
  professionals: readonly SandboxProfessional[];
  byId: Map<string, SandboxProfessional>;
  bySub: Map<string, SandboxProfessional>;
  confidential: { clientId: string; clientSecret: string };
  mtls: { clientId: string; clientSubjectDn: string } | undefined;
  signingKeys: JWK[];
  approvals: Approvals;
  approvalTtl: number;
  walletUrl: string;
}

export function sandboxConfiguration(input: SandboxConfigurationInput): Configuration {
  const { options, professionals, byId, bySub, confidential, mtls, signingKeys, approvals, approvalTtl, walletUrl } =
    input;
  const sampleClaims = pscClaimNames(professionals.length > 0 ? professionals : SANDBOX_PROFESSIONALS);
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
    ...(mtls
      ? [
          {
            client_id: mtls.clientId,
            client_name: 'Application de démonstration (client mTLS)',
            token_endpoint_auth_method: 'tls_client_auth',
            tls_client_auth_subject_dn: mtls.clientSubjectDn,
            grant_types: ['authorization_code', 'urn:openid:params:grant-type:ciba'],
            response_types: ['code'],
            backchannel_token_delivery_mode: 'poll',
            redirect_uris: ['http://127.0.0.1/'],
            post_logout_redirect_uris: ['http://127.0.0.1/'],
          } satisfies ClientMetadata,
        ]
      : []),
    ...(options.extraClients ?? []),
  ];

  const configuration: Configuration = {
    clients,
    jwks: { keys: signingKeys as NonNullable<Configuration['jwks']>['keys'] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'scope_all'],
    claims: { openid: ['sub'], scope_all: sampleClaims },
    acrValues: ['eidas1', 'eidas2', 'eidas3'],
    clientAuthMethods: [
      'none',
      'client_secret_basic',
      'client_secret_post',
      'private_key_jwt',
      ...(mtls ? (['tls_client_auth'] as const) : []),
    ],
    enabledJWA: {
      clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256'],
      idTokenSigningAlgValues: ['RS256', 'PS256', 'ES256'],
      userinfoSigningAlgValues: ['RS256', 'PS256', 'ES256'],
    },
    // CIBA's `channel` (CARD or MOBILE), as the ANS's proxy sends it (`ansforge/psc-edc-proxy-esante`).
    extraParams: ['channel'],
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
      // Userinfo as a signed JWT for clients registered so (`userinfo_signed_response_alg`), as Keycloak does.
      jwtUserinfo: { enabled: true },
      mTLS: {
        enabled: mtls !== undefined,
        tlsClientAuth: true,
        getCertificate: (ctx) => {
          const socket = ctx.req.socket as import('node:tls').TLSSocket;
          if (typeof socket.getPeerCertificate !== 'function') return undefined;
          const peer = socket.getPeerCertificate();
          return peer?.raw ? new X509Certificate(peer.raw) : undefined;
        },
        certificateAuthorized: (ctx) => (ctx.req.socket as import('node:tls').TLSSocket).authorized === true,
        certificateSubjectMatches: (ctx, property, expected) => {
          if (property !== 'tls_client_auth_subject_dn') return false;
          const peer = (ctx.req.socket as import('node:tls').TLSSocket).getPeerCertificate();
          return peer?.raw ? subjectDnOf(new X509Certificate(peer.raw)) === expected : false;
        },
      },
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
          // PSC's Keycloak answers a login_hint it cannot resolve with `400 invalid_request`, `invalid_user`
          // (keycloak/keycloak BackchannelAuthenticationEndpoint: invalid_request for an unresolvable or
          // deactivated user; `invalid_user` as PSC words it). An expired e-CPS leaves no device to send the request
          // to: modelled with the same answer (what real PSC says there is not public).
          const p = byId.get(loginHint ?? '');
          if (!p || p.eCps === 'expired') throw new errors.InvalidRequest('invalid_user');
          return pscSubject(p.nationalId);
        },
        processLoginHintToken: async () => {
          throw new errors.InvalidRequest('login_hint_token is not supported; use login_hint');
        },
        validateBindingMessage: async (_ctx, bindingMessage) => {
          // PSC takes any binding_message (the ANS's proxy sends "00"); one that cannot be shown is refused.
          if (bindingMessage === undefined) return;
          if (typeof bindingMessage !== 'string' || bindingMessage.length > 255 || /\p{Cc}/u.test(bindingMessage)) {
            throw new errors.InvalidBindingMessage('binding_message cannot be shown on the device');
          }
        },
        validateRequestContext: async (ctx) => {
          const channel = ctx.oidc.params?.channel;
          if (channel !== undefined && channel !== 'CARD' && channel !== 'MOBILE')
            throw new errors.InvalidRequest(`channel value ${String(channel)} is invalid`);
        },
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
          const params = request.params as Record<string, unknown> | undefined;
          if (typeof params?.binding_message === 'string') approval.bindingMessage = params.binding_message;
          if (params?.channel === 'CARD') approval.card = true;
          approvals.add(approval);
        },
      },
    },
  };
  return configuration;
}
