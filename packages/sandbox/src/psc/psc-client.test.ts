/**
 * `@authforte/server`'s PSC client against the sandbox PSC (a real OpenID provider), without a browser: CIBA with
 * approval on the simulated phone, client authentication, and tokens/documents an attacker or a broken provider
 * could hand the client. The handlers: ./psc-handlers.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProfessionalIdentity } from '@authforte/core';
import { type CardIdentity, createPscClient } from '@authforte/server';
import { exportJWK, generateKeyPair } from 'jose';
import type { ClientMetadata } from 'oidc-provider';
import { type RunningSandboxPsc, startSandboxPsc } from './server.js';
import {
  AIDE_SOIGNANTE,
  clientFor,
  DIRECTEUR,
  expectCode,
  INFIRMIERE,
  MEDECIN,
  PSYCHOLOGUE,
  phone,
  swapTokenResponse,
  tokenResponse,
} from './test-support/psc-client.js';

describe('PSC server client against the sandbox', () => {
  let sandbox: RunningSandboxPsc;
  let other: RunningSandboxPsc;
  const sharedKeys: Array<Record<string, unknown>> = [];

  before(async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    sharedKeys.push({ ...(await exportJWK(privateKey)), kid: 'shared', alg: 'RS256', use: 'sig' });
    const otherClient = {
      client_id: 'another-service',
      client_secret: 'another-service-secret',
      grant_types: ['authorization_code', 'urn:openid:params:grant-type:ciba'],
      response_types: ['code'],
      backchannel_token_delivery_mode: 'poll',
      redirect_uris: ['http://127.0.0.1/'],
    } as ClientMetadata;
    sandbox = await startSandboxPsc({ signingKeys: sharedKeys, extraClients: [otherClient] });
    // another PSC-like issuer with the same signing keys and the same client registration
    other = await startSandboxPsc({ signingKeys: sharedKeys });
  });
  after(async () => {
    await sandbox?.close();
    await other?.close();
  });

  it('discovers PSC at .well-known/wallet-openid-configuration, authorization endpoint on the wallet host', async () => {
    const metadata = await clientFor(sandbox).metadata();
    assert.equal(metadata.issuer, sandbox.issuer);
    assert.equal(metadata.authorization_endpoint, `${sandbox.walletUrl}/auth`);
    assert.equal(metadata.token_endpoint, `${sandbox.issuer}/protocol/openid-connect/token`);
    const standard = (await (await fetch(`${sandbox.issuer}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
    };
    assert.equal(standard.issuer, sandbox.issuer, 'the standard discovery path answers too');
  });

  it('builds the authorization URL with scope_all, acr_values=eidas1, state, nonce and PKCE S256', async () => {
    const { url, transaction } = await clientFor(sandbox).startAuthorization({ loginHint: MEDECIN });
    assert.equal(url.origin + url.pathname, `${sandbox.walletUrl}/auth`);
    const p = url.searchParams;
    assert.equal(p.get('scope'), 'openid scope_all');
    assert.equal(p.get('acr_values'), 'eidas1');
    assert.equal(p.get('state'), transaction.state);
    assert.equal(p.get('nonce'), transaction.nonce);
    assert.equal(p.get('code_challenge_method'), 'S256');
    assert.ok(p.get('code_challenge'));
    assert.equal(p.get('login_hint'), MEDECIN);
    assert.equal(p.get('client_secret'), null);
  });

  const categories: Array<[string, string, string]> = [
    [MEDECIN, 'ordre', 'Médecin'],
    [INFIRMIERE, 'ordre', 'Infirmier'],
    [PSYCHOLOGUE, 'ars', 'Psychologue'],
    [AIDE_SOIGNANTE, 'role', 'Aide-soignant'],
    [DIRECTEUR, 'autre', "Directeur d'ESMS"],
  ];
  for (const [nationalId, category] of categories) {
    it(`CIBA: ${nationalId} approves on the phone (same binding code) → identity classified "${category}"`, async () => {
      const client = clientFor(sandbox);
      const started = await client.startCiba({ nationalId });
      assert.match(started.bindingMessage, /^\d{2}$/);
      assert.deepEqual(await client.pollCiba(started.authReqId, 1), { status: 'pending', interval: 1 });
      assert.equal(await phone(sandbox, nationalId, 'valider'), started.bindingMessage);
      const r = await client.pollCiba(started.authReqId);
      assert.equal(r.status, 'authenticated');
      if (r.status !== 'authenticated') return;
      const { identity, idTokenClaims } = r.authentication;
      assert.equal(identity.nationalId, nationalId);
      assert.equal(identity.rppsNumber, nationalId.slice(1));
      assert.equal(identity.source, 'psc');
      assert.notEqual(identity.nationalId, idTokenClaims.sub, 'the identity is SubjectNameID, not sub');
      assert.equal(idTokenClaims.acr, 'eidas1');
      assert.equal(identity.practices[0]?.classification?.category, category);
      const expiresIn = (r.authentication.expiresAt ?? 0) - Math.floor(Date.now() / 1000);
      assert.ok(expiresIn > 100 && expiresIn <= 120, `2-minute access token (${expiresIn})`);
    });
  }

  it('CIBA: refusal on the phone → psc-refused', async () => {
    const client = clientFor(sandbox);
    const started = await client.startCiba({ nationalId: MEDECIN });
    await phone(sandbox, MEDECIN, 'refuser');
    await expectCode(client.pollCiba(started.authReqId), 'psc-refused');
  });

  it('CIBA: unknown national identifier or bad binding message → typed errors', async () => {
    const client = clientFor(sandbox);
    await expectCode(client.startCiba({ nationalId: '899999999999' }), 'psc-unknown-user');
    await expectCode(client.startCiba({ nationalId: '../../etc' }), 'psc-unknown-user');
    await expectCode(client.startCiba({ nationalId: '8997\u0000' }), 'psc-unknown-user');
    await expectCode(client.startCiba({ nationalId: MEDECIN, bindingMessage: 'bip\u0007' }), 'psc-config');
  });

  it('private_key_jwt client authentication', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'svc-key', alg: 'RS256', use: 'sig' };
    const s = await startSandboxPsc({
      extraClients: [
        {
          client_id: 'service-pkjwt',
          token_endpoint_auth_method: 'private_key_jwt',
          token_endpoint_auth_signing_alg: 'RS256',
          jwks: { keys: [jwk] },
          grant_types: ['urn:openid:params:grant-type:ciba', 'authorization_code'],
          response_types: ['code'],
          backchannel_token_delivery_mode: 'poll',
          redirect_uris: ['http://127.0.0.1/'],
        },
      ],
    });
    try {
      const client = createPscClient({
        environment: s.environment,
        clientId: 'service-pkjwt',
        privateKey: { key: privateKey, kid: 'svc-key' },
        redirectUri: 'http://127.0.0.1:9/cb',
      });
      const started = await client.startCiba({ nationalId: INFIRMIERE });
      await phone(s, INFIRMIERE, 'valider');
      const r = await client.pollCiba(started.authReqId);
      assert.equal(r.status, 'authenticated');
      // a wrong key is refused by PSC
      const { privateKey: wrong } = await generateKeyPair('RS256');
      const bad = createPscClient({
        environment: s.environment,
        clientId: 'service-pkjwt',
        privateKey: { key: wrong, kid: 'svc-key' },
        redirectUri: 'http://127.0.0.1:9/cb',
      });
      await expectCode(bad.startCiba({ nationalId: INFIRMIERE }), 'psc-config');
    } finally {
      await s.close();
    }
  });

  it('a wrong client secret → psc-config', async () => {
    await expectCode(clientFor(sandbox, { clientSecret: 'wrong' }).startCiba({ nationalId: MEDECIN }), 'psc-config');
  });

  it('an ID token from another issuer (same keys, same client) → psc-bad-id-token', async () => {
    const foreign = await tokenResponse(
      other,
      other.confidentialClient.clientId,
      other.confidentialClient.clientSecret,
      MEDECIN,
    );
    const client = clientFor(sandbox, { fetch: swapTokenResponse(foreign) });
    const started = await client.startCiba({ nationalId: MEDECIN });
    await phone(sandbox, MEDECIN, 'valider');
    await expectCode(client.pollCiba(started.authReqId), 'psc-bad-id-token');
  });

  it('an ID token for another audience (same issuer) → psc-bad-id-token', async () => {
    const foreign = await tokenResponse(sandbox, 'another-service', 'another-service-secret', PSYCHOLOGUE);
    const client = clientFor(sandbox, { fetch: swapTokenResponse(foreign) });
    const started = await client.startCiba({ nationalId: PSYCHOLOGUE });
    await phone(sandbox, PSYCHOLOGUE, 'valider');
    await expectCode(client.pollCiba(started.authReqId), 'psc-bad-id-token');
  });

  it('an ID token not signed by PSC → psc-bad-id-token', async () => {
    const genuine = JSON.parse(
      await tokenResponse(
        sandbox,
        sandbox.confidentialClient.clientId,
        sandbox.confidentialClient.clientSecret,
        MEDECIN,
      ),
    ) as {
      id_token: string;
    };
    const [h, p] = genuine.id_token.split('.');
    const tampered = JSON.stringify({
      ...genuine,
      id_token: `${h}.${p}.${Buffer.from('forged signature').toString('base64url')}`,
    });
    const client = clientFor(sandbox, { fetch: swapTokenResponse(tampered) });
    const started = await client.startCiba({ nationalId: MEDECIN });
    await phone(sandbox, MEDECIN, 'valider');
    await expectCode(client.pollCiba(started.authReqId), 'psc-bad-id-token');
  });

  it('an acr below eidas1 → psc-acr-too-low', async () => {
    const weak = await startSandboxPsc({ acr: 'eidas0' });
    try {
      const client = clientFor(weak);
      const started = await client.startCiba({ nationalId: MEDECIN });
      await phone(weak, MEDECIN, 'valider');
      await expectCode(client.pollCiba(started.authReqId), 'psc-acr-too-low');
    } finally {
      await weak.close();
    }
  });

  it('CIBA not approved in time → psc-expired', async () => {
    const quick = await startSandboxPsc({ approvalTtlSeconds: 1 });
    try {
      const client = clientFor(quick);
      const started = await client.startCiba({ nationalId: MEDECIN });
      await new Promise((r) => setTimeout(r, 1500));
      await expectCode(client.pollCiba(started.authReqId), 'psc-expired');
    } finally {
      await quick.close();
    }
  });

  it('malformed userinfo payloads → psc-bad-userinfo', async () => {
    const payloads: Array<[string, string]> = [
      ['{"sub":"__SUB__"}', 'no SubjectNameID'],
      ['{"sub":"__SUB__","SubjectNameID":42,"family_name":"X"}', 'SubjectNameID not a string'],
      [
        '{"sub":"__SUB__","SubjectNameID":"899700366240","family_name":"X","SubjectRefPro":{"exercices":"nope"}}',
        'exercices not a list',
      ],
      ['{"sub":"someone-else","SubjectNameID":"899700366240","family_name":"X"}', 'another sub'],
      ['[1,2,3]', 'not an object'],
      ['<html>', 'not JSON'],
    ];
    for (const [payload, why] of payloads) {
      let sub = '';
      const f: typeof fetch = async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        const real = await fetch(input, init);
        if (url.endsWith('/protocol/openid-connect/token')) {
          const body = (await real.clone().json()) as { id_token?: string };
          if (body.id_token)
            sub = (
              JSON.parse(Buffer.from(body.id_token.split('.')[1] ?? '', 'base64url').toString()) as { sub: string }
            ).sub;
          return real;
        }
        if (url.endsWith('/protocol/openid-connect/userinfo')) {
          return new Response(payload.replace('__SUB__', sub), {
            status: 200,
            headers: { 'content-type': 'application/json' },
          });
        }
        return real;
      };
      const client = clientFor(sandbox, { fetch: f });
      const started = await client.startCiba({ nationalId: INFIRMIERE });
      await phone(sandbox, INFIRMIERE, 'valider');
      await expectCode(client.pollCiba(started.authReqId), 'psc-bad-userinfo').catch((e: unknown) => {
        throw new Error(`${why}: ${String(e)}`);
      });
    }
  });

  it('malformed discovery documents → psc-bad-discovery (never a crash)', async () => {
    const genuine = await (await fetch(sandbox.discoveryUrl)).json();
    const documents: unknown[] = [
      'not json',
      [],
      null,
      { ...(genuine as object), issuer: 'https://evil.example/auth/realms/esante-wallet' },
      { ...(genuine as object), token_endpoint: 'ftp://x' },
      { ...(genuine as object), userinfo_endpoint: undefined },
      { ...(genuine as object), code_challenge_methods_supported: ['plain'] },
    ];
    for (const doc of documents) {
      const f: typeof fetch = async () =>
        new Response(typeof doc === 'string' ? doc : JSON.stringify(doc), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      await expectCode(clientFor(sandbox, { fetch: f }).startAuthorization(), 'psc-bad-discovery');
    }
    const notFound: typeof fetch = async () => new Response('nope', { status: 404 });
    await expectCode(clientFor(sandbox, { fetch: notFound }).startAuthorization(), 'psc-bad-discovery');
    const down: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    await expectCode(clientFor(sandbox, { fetch: down }).startAuthorization(), 'psc-unreachable');
  });

  it('callbacks: wrong state, error, missing code, another issuer → typed errors before any token request', async () => {
    const client = clientFor(sandbox);
    const { transaction } = await client.startAuthorization();
    const cb = 'http://127.0.0.1:9/authforte/psc/callback';
    await expectCode(client.completeAuthorization(`${cb}?code=abc&state=forged`, transaction), 'psc-state-mismatch');
    await expectCode(client.completeAuthorization(`${cb}?state=${transaction.state}`, transaction), 'psc-bad-callback');
    await expectCode(
      client.completeAuthorization(`${cb}?error=access_denied&state=${transaction.state}`, transaction),
      'psc-refused',
    );
    await expectCode(
      client.completeAuthorization(
        `${cb}?code=a&state=${transaction.state}&iss=https%3A%2F%2Fevil.example`,
        transaction,
      ),
      'psc-bad-callback',
    );
    // a code PSC never issued: without PSC's `iss` (RFC 9207), then with it
    await expectCode(
      client.completeAuthorization(`${cb}?code=forged&state=${transaction.state}`, transaction),
      'psc-bad-callback',
    );
    const iss = encodeURIComponent(sandbox.issuer);
    await expectCode(
      client.completeAuthorization(`${cb}?code=forged&state=${transaction.state}&iss=${iss}`, transaction),
      'psc-state-mismatch',
    );
  });

  it('logout URL on PSC with id_token_hint and post_logout_redirect_uri', async () => {
    const url = await clientFor(sandbox, { postLogoutRedirectUri: 'http://127.0.0.1:9/bye' }).logoutUrl({
      idTokenHint: 'x.y.z',
    });
    assert.equal(url.origin + url.pathname, `${sandbox.issuer}/protocol/openid-connect/logout`);
    assert.equal(url.searchParams.get('id_token_hint'), 'x.y.z');
    assert.equal(url.searchParams.get('post_logout_redirect_uri'), 'http://127.0.0.1:9/bye');
  });
});

describe('one identity shape for both means', () => {
  it("the card path's identity is a ProfessionalIdentity (checked by the compiler)", () => {
    const card: CardIdentity = {
      source: 'card',
      nationalId: '899700366240',
      idType: 'rpps',
      rppsNumber: '99700366240',
      familyName: 'DUBOIS',
      displayName: 'CLAIRE DUBOIS',
      practices: [{ professionCode: '10', roleCodes: [], classification: null, label: '10', activities: [] }],
    };
    const identity: ProfessionalIdentity = card;
    assert.equal(identity.source, 'card');
  });
});
