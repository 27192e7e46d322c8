/**
 * The sandbox PSC as a faithful witness of real Pro Santé Connect, and `@authforte/server`'s client against it:
 * every real shape of professional (RPPS with two practices, ADELI, EDIT `ANS…`, CPE staff with `/` and an empty
 * profession code, RPPS+ roles, an expired e-CPS), Keycloak's error answers, CIBA `channel=CARD` and any binding
 * message, ID tokens and `application/jwt` userinfo in the algorithms the discovery lists, and mTLS client
 * authentication (`tls_client_auth`) on a real https port with a certificate from the sandbox CA.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PscError } from '@authforte/core/psc';
import { createPscClient, createPscHandlers, type PscClient, type PscClientOptions } from '@authforte/server';
import { SignJWT } from 'jose';
import type { ClientMetadata } from 'oidc-provider';
import type { RunningSandboxPsc } from './options.js';
import { pscUserInfo, SANDBOX_PROFESSIONALS } from './professionals.js';
import { startSandboxPsc } from './server.js';

async function phone(sandbox: RunningSandboxPsc, nationalId: string): Promise<string | undefined> {
  const html = await (await fetch(sandbox.phoneUrl(nationalId))).text();
  const id = /\/telephone\/demandes\/([\w-]+)\/valider/.exec(html)?.[1];
  assert.ok(id, `a pending request on ${nationalId}'s phone`);
  const binding = /data-binding>([^<]*)</.exec(html)?.[1];
  const r = await fetch(`${sandbox.walletUrl}/telephone/demandes/${id}/valider`, {
    method: 'POST',
    redirect: 'manual',
  });
  assert.equal(r.status, 303);
  return binding;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<PscError> {
  let caught: unknown;
  await assert.rejects(promise, (err: unknown) => {
    caught = err;
    assert.ok(err instanceof PscError, `a PscError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return true;
  });
  return caught as PscError;
}

const REDIRECT = 'http://127.0.0.1:9/authforte/psc/callback';
const SECRET = 'signed-service-secret';
const signedClient = (clientId: string, alg: string, more: Partial<ClientMetadata> = {}): ClientMetadata =>
  ({
    client_id: clientId,
    client_secret: SECRET,
    grant_types: ['authorization_code', 'urn:openid:params:grant-type:ciba'],
    response_types: ['code'],
    backchannel_token_delivery_mode: 'poll',
    redirect_uris: ['http://127.0.0.1/'],
    id_token_signed_response_alg: alg,
    ...more,
  }) as ClientMetadata;

describe('sandbox PSC as a witness of real PSC', () => {
  let sandbox: RunningSandboxPsc;
  const clients: PscClient[] = [];
  const client = (extra: Partial<PscClientOptions> = {}) => {
    const c = createPscClient({
      environment: sandbox.environment,
      clientId: sandbox.confidentialClient.clientId,
      clientSecret: sandbox.confidentialClient.clientSecret,
      redirectUri: REDIRECT,
      ...extra,
    });
    clients.push(c);
    return c;
  };
  const signIn = async (
    c: PscClient,
    nationalId: string,
    more: Parameters<PscClient['startCiba']>[0] = { nationalId },
  ) => {
    const started = await c.startCiba({ ...more, nationalId });
    const shown = await phone(sandbox, nationalId);
    const r = await c.pollCiba(started.authReqId);
    assert.equal(r.status, 'authenticated');
    if (r.status !== 'authenticated') throw new Error('not authenticated');
    return { started, shown, authentication: r.authentication };
  };

  before(async () => {
    sandbox = await startSandboxPsc({
      mtls: {},
      extraClients: [
        signedClient('service-ps256', 'PS256'),
        signedClient('service-es256', 'ES256'),
        signedClient('service-jwt-userinfo', 'RS256', { userinfo_signed_response_alg: 'ES256' }),
      ],
    });
  });
  after(async () => {
    for (const c of clients) await c.close();
    await sandbox?.close();
  });

  it('answers userinfo with PSC’s key spellings', async () => {
    const staff = SANDBOX_PROFESSIONALS.find((p) => p.nationalId.includes('/'));
    assert.ok(staff);
    const info = pscUserInfo(staff) as Record<string, unknown> & {
      SubjectRefPro: { exercices: Array<{ codeProfession: string; activities: Array<Record<string, string>> }> };
    };
    assert.ok(Array.isArray(info.otherIDs), 'otherIDs spelling');
    assert.equal(info.codeCivilite, 'MME', 'top-level codeCivilite');
    assert.equal(info.SubjectRefPro.exercices[0]?.codeProfession, '');
    assert.equal(info.SubjectRefPro.exercices[0]?.activities[0]?.codeSecteurDactivite, 'SA01');
    assert.equal(Object.keys(info.SubjectRefPro.exercices[0]?.activities[0] ?? {}).length, 30);
  });

  const expected: Array<[string, string, string, string[]]> = [
    ['899700366240', 'rpps', 'Claire DUBOIS', ['Médecin', 'Chirurgien-dentiste']],
    ['899701000012', 'rpps', 'Sophie MARTIN', ['Infirmier']],
    ['899701000020', 'rpps', 'Lucas BERNARD', ['Psychologue']],
    ['899701000038', 'rpps', 'Nadia PETIT', ['Aide-soignant']],
    ['899701000046', 'rpps', 'Paul MOREAU', ['Directeur d’ESMS']],
    ['0319876543', 'adeli', 'Julie LAMBERT', ['Orthophoniste']],
    ['ANS20210107161422', 'edit-test', 'Paul NOM', ['Médecin']],
    ['30B0168811/CPET00001', 'finess-staff', 'Camille SECRETARIAT', ['']],
  ];
  for (const [nationalId, idType, name, labels] of expected) {
    it(`CIBA sign-in of ${nationalId}: ${idType}, ${name}, practices ${labels.join(' + ') || '(unclassified)'}`, async () => {
      const { authentication } = await signIn(client(), nationalId);
      const { identity } = authentication;
      assert.equal(identity.nationalId, nationalId);
      assert.equal(identity.idType, idType);
      assert.equal(identity.displayName.toUpperCase(), name.toUpperCase());
      assert.deepEqual(
        identity.practices.map((p) => p.classification?.profession.label ?? p.label).map((l) => l.replace("'", '’')),
        labels,
      );
      assert.ok(
        identity.practices.every((p) => p.activities.every((a) => a.sectorCode)),
        'sector read',
      );
    });
  }

  it('the médecin’s hospital activity keeps its BAS FINESS with a letter', async () => {
    const { authentication } = await signIn(client(), '899700366240');
    const activities = authentication.identity.practices[0]?.activities ?? [];
    assert.deepEqual(
      activities.map((a) => a.finess),
      [undefined, '0B0172805'],
    );
  });

  it('Keycloak’s unknown-user answer (400 invalid_request, invalid_user) and an expired e-CPS → psc-unknown-user', async () => {
    const raw = await fetch(`${sandbox.issuer}/protocol/openid-connect/ext/ciba/auth`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${sandbox.confidentialClient.clientId}:${sandbox.confidentialClient.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ scope: 'openid scope_all', login_hint: '899999999999', binding_message: '00' }),
    });
    assert.equal(raw.status, 400);
    assert.deepEqual(
      { ...((await raw.json()) as Record<string, string>), iss: undefined },
      { error: 'invalid_request', error_description: 'invalid_user', iss: undefined },
    );
    await expectCode(client().startCiba({ nationalId: '899999999999' }), 'psc-unknown-user');
    await expectCode(client().startCiba({ nationalId: '899701000053' }), 'psc-unknown-user');
    await expectCode(client().startCiba({ nationalId: '500000001815646/CPAT00045' }), 'psc-unknown-user');
  });

  it('CIBA channel card: PSC is asked with channel=CARD; the approval by card gives acr eidas2', async () => {
    const seen: string[] = [];
    const c = client({
      fetch: async (input, init) => {
        if (String(input instanceof Request ? input.url : input).endsWith('/ciba/auth')) seen.push(String(init?.body));
        return fetch(input, init);
      },
    });
    const { authentication } = await signIn(c, '899701000012', { nationalId: '899701000012', channel: 'card' });
    assert.match(seen[0] ?? '', /(^|&)channel=CARD(&|$)/);
    assert.equal(authentication.idTokenClaims.acr, 'eidas2');
    await expectCode(c.startCiba({ nationalId: '899701000012', channel: 'pigeon' as 'card' }), 'psc-config');
  });

  it('CIBA takes any binding message and shows it on the phone', async () => {
    const { shown } = await signIn(client(), '899701000020', {
      nationalId: '899701000020',
      bindingMessage: 'Connexion à DPI-Test',
    });
    assert.equal(shown, 'Connexion à DPI-Test');
  });

  it('ID tokens in PS256 and ES256 (listed by the discovery) are accepted, signatures checked', async () => {
    const metadata = await client().metadata();
    for (const alg of ['RS256', 'PS256', 'ES256'])
      assert.ok(metadata.id_token_signing_alg_values_supported?.includes(alg), alg);
    for (const [clientId, alg] of [
      ['service-ps256', 'PS256'],
      ['service-es256', 'ES256'],
    ] as const) {
      const { authentication } = await signIn(client({ clientId, clientSecret: SECRET }), '899701000012');
      const header = JSON.parse(Buffer.from(authentication.idToken.split('.')[0] ?? '', 'base64url').toString());
      assert.equal(header.alg, alg);
      assert.equal(authentication.identity.nationalId, '899701000012');
    }
  });

  it('an ID token in HS256 keyed with the client secret is refused even when the discovery lists HS256', async () => {
    const c = client({
      fetch: async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        const res = await fetch(input, init);
        if (url.endsWith('wallet-openid-configuration')) {
          const doc = (await res.json()) as Record<string, unknown>;
          doc.id_token_signing_alg_values_supported = ['HS256', 'none', 'RS256'];
          return Response.json(doc);
        }
        if (!url.endsWith('/protocol/openid-connect/token')) return res;
        const body = (await res.json()) as Record<string, unknown>;
        if (typeof body.id_token !== 'string') return Response.json(body, { status: res.status });
        const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1] ?? '', 'base64url').toString());
        body.id_token = await new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode(sandbox.confidentialClient.clientSecret));
        return Response.json(body);
      },
    });
    const started = await c.startCiba({ nationalId: '899701000012' });
    await phone(sandbox, '899701000012');
    await expectCode(c.pollCiba(started.authReqId), 'psc-bad-id-token');
  });

  it('application/jwt userinfo: signature checked, identity read; a tampered one is refused', async () => {
    const c = client({ clientId: 'service-jwt-userinfo', clientSecret: SECRET, userinfoSignedResponseAlg: 'ES256' });
    const { authentication } = await signIn(c, 'ANS20210107161422');
    assert.equal(authentication.identity.idType, 'edit-test');

    let tamper = false;
    const forged = client({
      clientId: 'service-jwt-userinfo',
      clientSecret: SECRET,
      userinfoSignedResponseAlg: 'ES256',
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (!tamper || !String(input instanceof Request ? input.url : input).endsWith('/userinfo')) return res;
        const [h, p, sig] = (await res.text()).split('.');
        const claims = JSON.parse(Buffer.from(p ?? '', 'base64url').toString());
        claims.SubjectNameID = '899700366240';
        const body = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
        return new Response(body, { status: 200, headers: { 'content-type': 'application/jwt' } });
      },
    });
    const started = await forged.startCiba({ nationalId: '899701000046' });
    await phone(sandbox, '899701000046');
    tamper = true;
    await expectCode(forged.pollCiba(started.authReqId), 'psc-bad-userinfo');
  });

  it('mTLS (tls_client_auth): the token, CIBA and userinfo calls present the client certificate', async () => {
    const mtls = sandbox.mtls;
    assert.ok(mtls);
    const metadata = await client().metadata();
    const aliases = metadata.mtls_endpoint_aliases as Record<string, string>;
    assert.equal(aliases.token_endpoint, `${mtls.origin}/auth/realms/esante-wallet/protocol/openid-connect/token`);
    const c = client({
      clientId: mtls.clientId,
      clientSecret: undefined,
      clientAuth: 'tls_client_auth',
      tlsClientCertificate: { ...mtls.clientCertificate, ca: mtls.caPem },
    } as Partial<PscClientOptions>);
    const { authentication } = await signIn(c, '899701000038');
    assert.equal(authentication.identity.practices[0]?.classification?.category, 'role');
  });

  it('mTLS: no certificate, or a forged one with the registered subject, is refused with psc-config (invalid_client)', async () => {
    const mtls = sandbox.mtls;
    assert.ok(mtls);
    const noCert = client({ clientId: mtls.clientId, clientSecret: 'x', clientAuth: 'client_secret_post' });
    await expectCode(noCert.startCiba({ nationalId: '899701000038' }), 'psc-config');
    // an attacker's self-signed certificate with the registered subject DN: not issued by the trusted CA
    const dir = mkdtempSync(join(tmpdir(), 'authforte-attacker-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/C=FR/O=AuthForte TEST/OU=NOT FOR PRODUCTION/CN=authforte-sandbox-mtls',
          '-keyout',
          join(dir, 'k.pem'),
          '-out',
          join(dir, 'c.pem'),
        ],
        { stdio: 'ignore' },
      );
      const forged = client({
        clientId: mtls.clientId,
        clientAuth: 'tls_client_auth',
        tlsClientCertificate: {
          cert: readFileSync(join(dir, 'c.pem')),
          key: readFileSync(join(dir, 'k.pem')),
          ca: mtls.caPem,
        },
      });
      const err = await expectCode(forged.startCiba({ nationalId: '899701000038' }), 'psc-config');
      assert.match(err.message, /invalid_client/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the handlers apply the same identifier rule: slashes and EDIT identities pass, control characters do not', async () => {
    const app = 'http://127.0.0.1:9';
    const sent: string[] = [];
    const spy: typeof fetch = async (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/ciba/auth')) sent.push(String(init?.body));
      return fetch(input, init);
    };
    const h = createPscHandlers({
      client: client({ redirectUri: `${app}/authforte/psc/callback`, fetch: spy }),
      cookieSecret: 'a-test-secret-of-more-than-32-characters!',
      // in-page approval needs the host session's CSRF token (issue 9: no push to a phone from a bare request)
      getCsrfToken: () => 'csrf-token-of-the-host-session',
    });
    const hintOf = async (hint: string) => {
      const r = await h.handle(new Request(`${app}/authforte/psc/login?login_hint=${encodeURIComponent(hint)}`));
      return new URL(r?.headers.get('location') ?? '').searchParams.get('login_hint');
    };
    assert.equal(await hintOf('30B0168811/CPET00001'), '30B0168811/CPET00001');
    assert.equal(await hintOf('ANS20210107161422'), 'ANS20210107161422');
    assert.equal(await hintOf('8997\u0000'), null);
    const start = (nationalId: unknown, channel?: string) =>
      h.handle(
        new Request(`${app}/authforte/psc/ciba/start`, {
          method: 'POST',
          headers: {
            origin: app,
            'content-type': 'application/json',
            'x-csrf-token': 'csrf-token-of-the-host-session',
          },
          body: JSON.stringify({ nationalId, channel }),
        }),
      );
    const ok = await start(' 30B0168811/CPET00001 ', 'card');
    assert.equal(ok?.status, 200);
    assert.match(sent[0] ?? '', /login_hint=30B0168811%2FCPET00001/);
    assert.match(sent[0] ?? '', /channel=CARD/);
    await phone(sandbox, '30B0168811/CPET00001');
    for (const bad of ['', 'x'.repeat(81), '8997\n12', 42]) {
      const r = await start(bad);
      assert.equal(r?.status, 400);
      assert.equal(((await r?.json()) as { error?: { code: string } } | undefined)?.error?.code, 'psc-unknown-user');
    }
  });

  it('refuses a tls_client_auth client without certificate and key', () => {
    assert.throws(
      () =>
        createPscClient({
          environment: sandbox.environment,
          clientId: 'x',
          clientAuth: 'tls_client_auth',
          redirectUri: REDIRECT,
        }),
      (e: unknown) => e instanceof PscError && e.code === 'psc-config',
    );
  });
});
