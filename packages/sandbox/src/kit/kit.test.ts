/**
 * `createAuthForte` over HTTP with the real parts: a card agent with virtual cards signed by the test CA, the
 * sandbox PSC (CIBA approved on its simulated phone), Debian's `redis-server`. One instance in memory (the card
 * journey, the first-connection link, sign-out, attacker probes), then two instances on one Redis (a nonce from one
 * is single-use on both, the lockout counts across both, a PSC sign-in started on one completes on the other).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningCardAgent, startCardAgent, VirtualBackend } from '@authforte/card-agent';
import { CardAgentClient } from '@authforte/core/agent';
import { type AuthForteStore, createRedisStore } from '@authforte/server';
import {
  CookieClient,
  createTestCa,
  issueCardCertificate,
  profile,
  type RunningRedis,
  startRedisServer,
} from '@authforte/test-kit';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { testTrustPreset } from '../cards/trust.js';
import type { RunningSandboxPsc } from '../psc/options.js';
import { startSandboxPsc } from '../psc/server.js';
import { approveOnPhone, KIT_PASSWORD, type KitHost, MemoryAccounts, startKitHost } from '../testing/kit-host.js';

const PIN = '4321';
const ca = createTestCa();
const medecin = issueCardCertificate(ca, profile('medecin'));
const MEDECIN_PSC = '899700366240'; // Claire DUBOIS in the sandbox PSC

let psc: RunningSandboxPsc;
let agent: RunningCardAgent;

async function startAgent(origins: string[]) {
  const backend = new VirtualBackend({ readers: 1 });
  const slot = backend.insert({
    label: medecin.label,
    certificate: medecin.certificateDer,
    privateKey: medecin.privateKeyPem,
    pin: PIN,
  });
  const a = await startCardAgent({
    backend,
    port: 0,
    allowedOrigins: origins,
    logger: { info() {}, warn() {}, error() {} },
    rateLimits: { authenticatePerMinute: 1000 },
  });
  return { agent: a, slot };
}

/** The agent signs the nonce for `origin` (the page's Origin header, as a browser sends it). */
function prove(origin: string, slot: string, nonce: string) {
  return new CardAgentClient({ baseUrl: agent.url, headers: { origin } }).authenticate({ nonce, pin: PIN, slot });
}

async function cardSignIn(browser: CookieClient, slot: string, via: CookieClient = browser) {
  const nonce = (await (await via.post('/authforte/card/nonce')).json()) as { nonce: string };
  const proof = await prove(browser.origin, slot, nonce.nonce);
  return browser.post('/authforte/card/verify', proof);
}

describe('createAuthForte, one instance (memory store)', () => {
  let host: KitHost;
  let slot: string;
  const accounts = new MemoryAccounts();

  before(async () => {
    psc = await startSandboxPsc({ port: 0, walletPort: 0 });
    host = await startKitHost({ psc, trust: testTrustPreset(ca, 'off'), accounts });
    ({ agent, slot } = await startAgent([host.origin]));
  });
  after(async () => {
    await host?.close();
    await agent?.close();
    await psc?.close();
  });

  it('GET config says what the elements offer; GET health answers', async () => {
    const config = await (await fetch(`${host.origin}/authforte/config`)).json();
    assert.deepEqual(config, {
      methods: ['card', 'psc'],
      ciba: true,
      pscMode: 'redirect',
      hostName: 'Cabinet Test',
      redirects: { signedIn: '/accueil', linkRequired: '/premiere-connexion', signedOut: '/', signIn: '/connexion' },
    });
    assert.deepEqual(await (await fetch(`${host.origin}/authforte/health`)).json(), { status: 'ok' });
  });

  it('card, first connection: link-required, the link form, then signed in with a new session; sign-out', async () => {
    const browser = new CookieClient(host.origin);
    const first = await browser.fetch('/authforte/session');
    const before = (await first.json()) as { csrfToken: string; signedIn: boolean };
    assert.equal(before.signedIn, false);
    const sidBefore = [...browser.cookies.values()][0];

    const res = await cardSignIn(browser, slot);
    assert.equal(res.status, 200);
    const outcome = (await res.json()) as { status: string; identity: { nationalId: string }; redirectTo: string };
    assert.equal(outcome.status, 'link-required');
    assert.equal(outcome.identity.nationalId, profile('medecin').nationalId);
    assert.equal(outcome.redirectTo, '/premiere-connexion');
    assert.notEqual([...browser.cookies.values()][0], sidBefore, 'the session id changes with the proof');

    const pending = (await (await browser.fetch('/authforte/account-link')).json()) as {
      identity: { nationalId: string; displayName: string };
    };
    assert.equal(pending.identity.nationalId, profile('medecin').nationalId);
    assert.equal(pending.identity.displayName, 'Camille MARTIN-TEST');

    const wrong = await browser.post('/authforte/account-link', { username: 'marie.dupont', password: 'faux' });
    assert.equal(wrong.status, 401);
    const ok = await browser.post('/authforte/account-link', { username: 'marie.dupont', password: KIT_PASSWORD });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { ok: true, accountId: 'acc-marie', redirectTo: '/accueil' });
    const session = (await (await browser.fetch('/authforte/session')).json()) as {
      signedIn: boolean;
      accountId: string;
      assertion: string;
    };
    assert.equal(session.signedIn, true);
    assert.equal(session.accountId, 'acc-marie');

    // the signed assertion verifies with the kit's JWKS, as any JOSE library would
    const jwks = createLocalJWKSet(await (await fetch(`${host.origin}/authforte/jwks.json`)).json());
    const { payload } = await jwtVerify(session.assertion, jwks, {
      issuer: `${host.origin}/authforte`,
      audience: host.origin,
    });
    assert.equal(payload.sub, profile('medecin').nationalId);
    assert.equal(payload.account_id, 'acc-marie');
    assert.equal(payload.method, 'card');
    assert.equal(decodeProtectedHeader(session.assertion).alg, 'ES256');

    // second connection: straight in
    const again = (await (await cardSignIn(browser, slot)).json()) as { status: string; redirectTo: string };
    assert.deepEqual([again.status, again.redirectTo], ['authenticated', '/accueil']);

    const out = await browser.post('/authforte/signout', {});
    assert.equal(out.status, 200);
    assert.deepEqual(await out.json(), { ok: true, redirectTo: '/' });
    const afterOut = (await (await browser.fetch('/authforte/session')).json()) as { signedIn: boolean };
    assert.equal(afterOut.signedIn, false);
  });

  it('refuses a POST without the CSRF token, from another origin, or with an old session', async () => {
    const browser = new CookieClient(host.origin);
    const token = await browser.csrf();
    const noToken = await browser.fetch('/authforte/card/nonce', { method: 'POST', json: {} });
    assert.equal(noToken.status, 403);
    assert.equal(((await noToken.json()) as { error: { code: string } }).error.code, 'csrf');
    const evil = await browser.fetch('/authforte/card/nonce', {
      method: 'POST',
      json: {},
      headers: { origin: 'https://evil.example', 'x-csrf-token': token },
    });
    assert.equal(evil.status, 403);
    // a stolen pre-sign-in session id is worthless after the proof (rotation)
    const stolen = new Map(browser.cookies);
    await cardSignIn(browser, slot);
    const attacker = new CookieClient(host.origin);
    for (const [k, v] of stolen) attacker.cookies.set(k, v);
    const seen = (await (await attacker.fetch('/authforte/account-link')).json()) as { error?: { code: string } };
    assert.equal(seen.error?.code, 'no-pending-identity');
  });

  it('a nonce is single-use, and bound to the session it was issued to', async () => {
    const browser = new CookieClient(host.origin);
    const { nonce } = (await (await browser.post('/authforte/card/nonce')).json()) as { nonce: string };
    const proof = await prove(host.origin, slot, nonce);
    const other = new CookieClient(host.origin);
    const elsewhere = await other.post('/authforte/card/verify', proof);
    assert.equal(elsewhere.status, 400);
    assert.equal(
      ((await elsewhere.json()) as { error: { details: { reason: string } } }).error.details.reason,
      'nonce-session-mismatch',
    );
    const replay = await browser.post('/authforte/card/verify', proof);
    assert.equal(
      ((await replay.json()) as { error: { details: { reason: string } } }).error.details.reason,
      'nonce-reused',
    );
  });

  it('a proof made for another origin is refused', async () => {
    const browser = new CookieClient(host.origin);
    const { nonce } = (await (await browser.post('/authforte/card/nonce')).json()) as { nonce: string };
    const proof = await new CardAgentClient({ baseUrl: agent.url, headers: { origin: host.origin } }).authenticate({
      nonce,
      pin: PIN,
      slot,
    });
    const forged = { ...proof, origin: 'https://evil.example' };
    const res = await browser.post('/authforte/card/verify', forged);
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'verification-failed');
  });

  it('bad input gets a clear typed error, and the server stays up', async () => {
    const browser = new CookieClient(host.origin);
    const junk = await browser.fetch('/authforte/card/verify', {
      method: 'POST',
      body: '{not json',
      headers: { 'content-type': 'application/json', 'x-csrf-token': await browser.csrf() },
    });
    assert.equal(junk.status, 400);
    assert.equal(
      ((await junk.json()) as { error: { details: { reason: string } } }).error.details.reason,
      'malformed-proof',
    );
    const unknown = await browser.fetch('/authforte/nothing-here');
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'not-found');
    assert.equal((await fetch(`${host.origin}/authforte/health`)).status, 200);
  });
});

describe('two kit instances on one Redis', () => {
  let redis: RunningRedis;
  let stores: AuthForteStore[] = [];
  let a: KitHost;
  let b: KitHost;
  let slot: string;
  const accounts = new MemoryAccounts();

  before(async () => {
    redis = await startRedisServer();
    psc = await startSandboxPsc({ port: 0, walletPort: 0 });
    stores = [await createRedisStore({ url: redis.url }), await createRedisStore({ url: redis.url })];
    const secret = 'shared-secret-of-both-instances-0123456789';
    // both instances answer for one origin (a load balancer in front): same secret, same store, the origin of `a`
    const instance = (store: AuthForteStore, origin?: string) =>
      startKitHost({
        psc,
        trust: testTrustPreset(ca, 'off'),
        accounts,
        secret,
        store,
        extra: { ...(origin ? { origin } : {}), lockout: { maxFailures: 3 } },
      });
    a = await instance(stores[0]!);
    b = await instance(stores[1]!, a.origin);
    await agent?.close();
    ({ agent, slot } = await startAgent([a.origin]));
  });
  after(async () => {
    await a?.close();
    await b?.close();
    for (const s of stores) await s.close?.();
    await agent?.close();
    await psc?.close();
    await redis?.close();
  });

  /** A browser of origin `a` whose requests reach instance `b` (the load balancer's choice). */
  const via = (browser: CookieClient, host: KitHost) => ({
    post: async (path: string, json: unknown = {}) => {
      const token = await browser.csrf();
      return browser.fetch(`${host.origin}${path}`, {
        method: 'POST',
        json,
        headers: { 'x-csrf-token': token, origin: a.origin, accept: 'application/json' },
      });
    },
    get: (path: string) => browser.fetch(`${host.origin}${path}`),
  });

  it('a nonce issued by one instance is used on the other, once only', async () => {
    const browser = new CookieClient(a.origin);
    const { nonce } = (await (await via(browser, a).post('/authforte/card/nonce')).json()) as { nonce: string };
    const proof = await prove(a.origin, slot, nonce);
    const onB = await via(browser, b).post('/authforte/card/verify', proof);
    assert.equal(onB.status, 200);
    assert.equal(((await onB.json()) as { status: string }).status, 'link-required');
    const replayOnA = await via(browser, a).post('/authforte/card/verify', proof);
    assert.equal(replayOnA.status, 400);
    assert.equal(
      ((await replayOnA.json()) as { error: { details: { reason: string } } }).error.details.reason,
      'nonce-reused',
    );
  });

  it('the lockout counts failures on both instances', async () => {
    const browser = new CookieClient(a.origin);
    await cardSignIn(browser, slot);
    const statuses: number[] = [];
    for (const host of [a, b, a]) {
      const r = await via(browser, host).post('/authforte/account-link', { username: 'paul.martin', password: 'x' });
      statuses.push(r.status);
    }
    assert.deepEqual(statuses, [401, 401, 429]);
    const right = await via(browser, b).post('/authforte/account-link', {
      username: 'paul.martin',
      password: KIT_PASSWORD,
    });
    assert.equal(right.status, 429, 'locked on the other instance too, even with the right password');
    assert.ok(Number(right.headers.get('retry-after')) > 0);
  });

  it('a PSC sign-in (in-page e-CPS approval) started on one instance completes on the other', async () => {
    const browser = new CookieClient(a.origin);
    const start = await via(browser, a).post('/authforte/psc/ciba/start', { nationalId: MEDECIN_PSC });
    assert.equal(start.status, 200, await start.clone().text());
    const { bindingMessage } = (await start.json()) as { bindingMessage: string };
    assert.match(bindingMessage, /^\d{2}$/);
    await approveOnPhone(psc, MEDECIN_PSC);
    let status = 'pending';
    for (let i = 0; i < 40 && status === 'pending'; i++) {
      await new Promise((r) => setTimeout(r, 600));
      const poll = await via(browser, b).post('/authforte/psc/ciba/poll');
      status = ((await poll.json()) as { status: string }).status;
    }
    assert.equal(status, 'authenticated');
    const verify = await via(browser, a).post('/authforte/psc/verify');
    const outcome = (await verify.json()) as { status: string; identity: { nationalId: string } };
    assert.equal(outcome.status, 'link-required');
    assert.equal(outcome.identity.nationalId, MEDECIN_PSC);
    const link = await via(browser, b).post('/authforte/account-link', {
      username: 'marie.dupont',
      password: KIT_PASSWORD,
    });
    assert.equal(link.status, 200);
    const session = (await (await via(browser, a).get('/authforte/session')).json()) as { accountId: string };
    assert.equal(session.accountId, 'acc-marie');
    // JWKS alike on both instances: an assertion of one verifies with the keys of the other
    const jwksA = await (await fetch(`${a.origin}/authforte/jwks.json`)).json();
    const jwksB = await (await fetch(`${b.origin}/authforte/jwks.json`)).json();
    assert.deepEqual(jwksA, jwksB);
  });
});
