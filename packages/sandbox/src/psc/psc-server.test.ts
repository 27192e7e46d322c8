/**
 * `@authforte/server`'s PSC client and handlers against the sandbox PSC (a real OpenID provider), without a
 * browser: CIBA with approval on the simulated phone, client authentication, and tokens/documents an
 * attacker or a broken provider could hand the client.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProfessionalIdentity } from '@authforte/core';
import { PscError } from '@authforte/core/psc';
import {
  type CardIdentity,
  createPscClient,
  createPscHandlers,
  MemoryPscSessionStore,
  type PscClient,
  type PscClientOptions,
} from '@authforte/server';
import { exportJWK, generateKeyPair } from 'jose';
import type { ClientMetadata } from 'oidc-provider';
import { type RunningSandboxPsc, startSandboxPsc } from './server.js';

const MEDECIN = '899700366240';
const INFIRMIERE = '899701000012';
const PSYCHOLOGUE = '899701000020';
const AIDE_SOIGNANTE = '899701000038';
const DIRECTEUR = '899701000046';

/** Acts on the simulated phone like a person would (same HTML forms). Returns the binding code shown. */
async function phone(
  sandbox: RunningSandboxPsc,
  nationalId: string,
  action: 'valider' | 'refuser',
): Promise<string | undefined> {
  const html = await (await fetch(sandbox.phoneUrl(nationalId))).text();
  const id = /\/telephone\/demandes\/([\w-]+)\/valider/.exec(html)?.[1];
  assert.ok(id, `a pending request on ${nationalId}'s phone`);
  const binding = /data-binding>(\d+)</.exec(html)?.[1];
  const r = await fetch(`${sandbox.walletUrl}/telephone/demandes/${id}/${action}`, {
    method: 'POST',
    redirect: 'manual',
  });
  assert.equal(r.status, 303);
  return binding;
}

function clientFor(sandbox: RunningSandboxPsc, extra: Partial<PscClientOptions> = {}): PscClient {
  return createPscClient({
    environment: sandbox.environment,
    clientId: sandbox.confidentialClient.clientId,
    clientSecret: sandbox.confidentialClient.clientSecret,
    redirectUri: 'http://127.0.0.1:9/authforte/psc/callback',
    ...extra,
  });
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof PscError, `a PscError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return true;
  });
}

/** A real token response for `client` (CIBA, approved on the phone). */
async function tokenResponse(
  sandbox: RunningSandboxPsc,
  clientId: string,
  secret: string,
  nationalId: string,
): Promise<string> {
  const basic = `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
  const headers = { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' };
  const start = await fetch(`${sandbox.issuer}/protocol/openid-connect/ext/ciba/auth`, {
    method: 'POST',
    headers,
    body: new URLSearchParams({ scope: 'openid scope_all', login_hint: nationalId, binding_message: '07' }),
  });
  const { auth_req_id } = (await start.json()) as { auth_req_id: string };
  await phone(sandbox, nationalId, 'valider');
  const token = await fetch(`${sandbox.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers,
    body: new URLSearchParams({ grant_type: 'urn:openid:params:grant-type:ciba', auth_req_id }),
  });
  assert.equal(token.status, 200);
  return token.text();
}

/** A fetch that answers the token endpoint with `body` instead of PSC's answer. */
function swapTokenResponse(body: string): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith('/protocol/openid-connect/token')) {
      await fetch(input, init); // PSC still sees the request
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    }
    return fetch(input, init);
  };
}

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

describe('PSC handlers (Web Request/Response)', () => {
  let sandbox: RunningSandboxPsc;
  before(async () => {
    sandbox = await startSandboxPsc();
  });
  after(async () => sandbox?.close());

  const app = 'http://127.0.0.1:9';
  const HOST_CSRF = 'host-session-csrf-token';
  const handlersFor = (store?: MemoryPscSessionStore) =>
    createPscHandlers({
      client: clientFor(sandbox, { redirectUri: `${app}/authforte/psc/callback` }),
      cookieSecret: 'a-test-secret-of-more-than-32-characters!',
      // the in-page approval needs the host session's CSRF token (here a fixed one)
      getCsrfToken: () => HOST_CSRF,
      ...(store ? { store } : {}),
    });

  it('login redirects to the wallet host with a sealed, HttpOnly transaction cookie; open redirects are refused', async () => {
    const h = handlersFor();
    const r = await h.handle(
      new Request(`${app}/authforte/psc/login?return_to=${encodeURIComponent('//evil.example/x')}`),
    );
    assert.equal(r?.status, 303);
    assert.ok(r?.headers.get('location')?.startsWith(`${sandbox.walletUrl}/auth?`));
    const cookie = r?.headers.getSetCookie()[0] ?? '';
    assert.match(cookie, /^af_psc_tx=[\w.-]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
    assert.ok(
      !cookie.includes(new URL(r?.headers.get('location') ?? '').searchParams.get('state') ?? '!'),
      'state is not readable in the cookie',
    );
    // a callback with this cookie but a forged state, and one with a tampered cookie
    const value = cookie.split(';')[0] ?? '';
    const forged = await h.handle(
      new Request(`${app}/authforte/psc/callback?code=x&state=forged`, { headers: { cookie: value } }),
    );
    assert.equal(forged?.headers.get('location'), '/?psc_error=psc-state-mismatch', 'return_to fell back to /');
    const tampered = await h.handle(
      new Request(`${app}/authforte/psc/callback?code=x&state=y`, { headers: { cookie: `${value.slice(0, -4)}AAAA` } }),
    );
    assert.equal(tampered?.headers.get('location'), '/?psc_error=psc-state-mismatch');
    const none = await h.handle(new Request(`${app}/authforte/psc/callback?code=x&state=y`));
    assert.equal(none?.headers.get('location'), '/?psc_error=psc-state-mismatch');
  });

  it('POST routes refuse cross-origin requests; session is 401 without a sign-in; other paths are not handled', async () => {
    const h = handlersFor();
    const cross = await h.handle(
      new Request(`${app}/authforte/psc/ciba/start`, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    assert.equal(cross?.status, 403);
    const session = await h.handle(new Request(`${app}/authforte/psc/session`));
    assert.equal(session?.status, 401);
    assert.deepEqual(((await session!.json()) as { error: { code: string } }).error.code, 'psc-not-signed-in');
    assert.equal(await h.handle(new Request(`${app}/elsewhere`)), undefined);
    const bad = await h.handle(
      new Request(`${app}/authforte/psc/ciba/start`, {
        method: 'POST',
        headers: { origin: app, 'content-type': 'application/json', 'x-csrf-token': HOST_CSRF },
        body: '{"nationalId":"<script>"}',
      }),
    );
    assert.equal(bad?.status, 400);
    const poll = await h.handle(
      new Request(`${app}/authforte/psc/ciba/poll`, { method: 'POST', headers: { origin: app } }),
    );
    assert.equal(((await poll!.json()) as { error: { code: string } }).error.code, 'psc-expired');
  });

  for (const withStore of [false, true]) {
    it(`CIBA through the handlers: start, poll pending, approve, poll → session → /session → logout (${withStore ? 'server-side session store' : 'session in the sealed cookie'})`, async () => {
      const store = withStore ? new MemoryPscSessionStore() : undefined;
      const h = handlersFor(store);
      const start = await h.handle(
        new Request(`${app}/authforte/psc/ciba/start`, {
          method: 'POST',
          headers: { origin: app, 'content-type': 'application/json', 'x-csrf-token': HOST_CSRF },
          body: JSON.stringify({ nationalId: AIDE_SOIGNANTE }),
        }),
      );
      assert.equal(start?.status, 200);
      const { bindingMessage } = (await start!.json()) as { bindingMessage: string };
      let cookie = (start?.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
      const pending = await h.handle(
        new Request(`${app}/authforte/psc/ciba/poll`, { method: 'POST', headers: { origin: app, cookie } }),
      );
      assert.equal(((await pending!.json()) as { status: string }).status, 'pending');
      assert.equal(await phone(sandbox, AIDE_SOIGNANTE, 'valider'), bindingMessage);
      // the handler respects PSC's polling interval (5 s): wait it out
      let done: Response | undefined;
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 500));
        done = await h.handle(
          new Request(`${app}/authforte/psc/ciba/poll`, { method: 'POST', headers: { origin: app, cookie } }),
        );
        const next = done?.headers.getSetCookie() ?? [];
        const body = (await done?.clone().json()) as { status?: string };
        if (body.status === 'authenticated') break;
        const c = next.find((x) => x.startsWith('af_psc_ciba='));
        if (c) cookie = c.split(';')[0] ?? cookie;
      }
      const body = (await done?.json()) as { status: string; identity: { nationalId: string } };
      assert.equal(body.status, 'authenticated');
      assert.equal(body.identity.nationalId, AIDE_SOIGNANTE);
      const sessionCookie = (done?.headers.getSetCookie() ?? []).find((c) => c.startsWith('af_psc_session=')) ?? '';
      assert.match(sessionCookie, /HttpOnly; SameSite=Lax/);
      assert.ok(sessionCookie.length < 4096, `session cookie fits (${sessionCookie.length} bytes)`);
      const session = await h.handle(
        new Request(`${app}/authforte/psc/session`, { headers: { cookie: sessionCookie.split(';')[0] ?? '' } }),
      );
      assert.equal(
        ((await session!.json()) as { identity: { nationalId: string } }).identity.nationalId,
        AIDE_SOIGNANTE,
      );
      const logout = await h.handle(
        new Request(`${app}/authforte/psc/logout`, {
          method: 'POST',
          headers: { origin: app, cookie: sessionCookie.split(';')[0] ?? '' },
        }),
      );
      assert.equal(logout?.status, 303);
      assert.ok(
        logout?.headers.get('location')?.startsWith(`${sandbox.issuer}/protocol/openid-connect/logout?id_token_hint=`),
      );
      assert.ok(logout?.headers.getSetCookie().some((c) => /^af_psc_session=; .*Max-Age=0/.test(c)));
      if (withStore) {
        assert.ok(sessionCookie.length < 400, `the cookie only carries a sealed id (${sessionCookie.length} bytes)`);
        const replayed = await h.handle(
          new Request(`${app}/authforte/psc/session`, { headers: { cookie: sessionCookie.split(';')[0] ?? '' } }),
        );
        assert.equal(replayed?.status, 401, 'sign-out revoked the session on the server');
      }
    });
  }
});
