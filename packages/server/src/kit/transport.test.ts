/**
 * The transport of `<af-login server="/authforte">` (`createServerServices`, `lazyServerServices` of
 * `@authforte/core/login/server`) against a real kit (`createAuthForte`, memory store): the page's `fetch` is
 * answered by the kit's handler, with the cookies a browser would keep. What a host developer notices: the config
 * asked once, the CSRF token sent before every POST, the kit's refusals as the sign-in's codes with their details,
 * the PSC return read back, sign-out's next address.
 *
 * PSC here is a small OpenID provider stand-in (discovery and the CIBA backchannel endpoint only): the kit's
 * redirect, callback and CIBA routes run for real against it; its errors follow OpenID CIBA Core 1.0 §13
 * (`unknown_user_id`, https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.13)
 * and RFC 6749 §4.1.2.1 (`access_denied` at the callback).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, createSign, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { lazyServerServices, toLoginError } from '@authforte/core/login';
import { createServerServices, type ServerTransport } from '@authforte/core/login/server';
import { pscEnvironment } from '@authforte/core/psc';
import { createAuthForte } from './authforte.js';
import type { AuthForteOptions } from './types.js';

const ORIGIN = 'http://app.test';
const SECRET = 'transport-test-secret-transport-test-secret';
const LINKED = '810001234567';
const UNLINKED = '810009999999';

// ---- a test card: an ES256 CA and its holder's authentication certificate (CN = national identifier), by openssl

const dir = mkdtempSync(join(tmpdir(), 'af-transport-'));
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
let caPem: string;
let otherCaPem: string;
const cards = new Map<string, { der: string; sign(data: Buffer): string }>();

function makeCa(name: string): string {
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`);
  openssl(
    ...['req', '-x509', '-new', '-key', `${name}.key`, '-out', `${name}.pem`, '-days', '2'],
    ...['-subj', `/O=Transport test/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0'],
    ...['-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
  );
  return readFileSync(join(dir, `${name}.pem`), 'utf8');
}

function makeCard(ca: string, nationalId: string) {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(join(dir, `${nationalId}.key`), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, `${nationalId}.ext`), 'keyUsage=critical,digitalSignature\nbasicConstraints=CA:FALSE\n');
  openssl(
    ...['req', '-new', '-key', `${nationalId}.key`, '-out', `${nationalId}.csr`],
    ...['-subj', `/CN=${nationalId}/SN=MARTIN/GN=Camille`],
  );
  openssl(
    ...['x509', '-req', '-in', `${nationalId}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial'],
    ...['-days', '1', '-extfile', `${nationalId}.ext`, '-outform', 'DER', '-out', `${nationalId}.der`],
  );
  return {
    der: readFileSync(join(dir, `${nationalId}.der`)).toString('base64'),
    sign: (data: Buffer) =>
      createSign('sha256').update(data).sign({ key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url'),
  };
}

/** What the card agent signs: SHA-256(origin) ‖ SHA-256(nonce) (docs/card-proof.md). */
function proofFor(nationalId: string, nonce: string, origin = ORIGIN) {
  const c = cards.get(nationalId);
  assert.ok(c);
  const sha = (s: string) => createHash('sha256').update(s).digest();
  const data = Buffer.concat([sha(origin), sha(nonce)]);
  return {
    format: 'authforte-card-proof',
    version: 1,
    algorithm: 'ES256',
    origin,
    nonce,
    certificate: c.der,
    signature: c.sign(data),
  };
}

// ---- a PSC stand-in: discovery and the CIBA backchannel endpoint

let psc: Server;
let issuer: string;
const cibaRequests: URLSearchParams[] = [];

before(async () => {
  caPem = makeCa('test-ca');
  otherCaPem = makeCa('another-ca');
  cards.set(LINKED, makeCard('test-ca', LINKED));
  cards.set(UNLINKED, makeCard('test-ca', UNLINKED));
  psc = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += String(d)));
    req.on('end', () => {
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url?.includes('/.well-known/') && req.url.endsWith('openid-configuration'))
        return send(200, {
          issuer,
          authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
          token_endpoint: `${issuer}/protocol/openid-connect/token`,
          jwks_uri: `${issuer}/protocol/openid-connect/certs`,
          userinfo_endpoint: `${issuer}/protocol/openid-connect/userinfo`,
          end_session_endpoint: `${issuer}/protocol/openid-connect/logout`,
          backchannel_authentication_endpoint: `${issuer}/protocol/openid-connect/ext/ciba/auth`,
          backchannel_token_delivery_modes_supported: ['poll'],
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
        });
      if (req.url?.endsWith('/ext/ciba/auth')) {
        const params = new URLSearchParams(raw);
        cibaRequests.push(params);
        if (params.get('login_hint') === LINKED)
          return send(200, { auth_req_id: 'req-1', expires_in: 120, interval: 5 });
        return send(400, { error: 'unknown_user_id', error_description: 'no such user' });
      }
      send(404, { error: 'not_found' });
    });
  });
  await new Promise<void>((r) => psc.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(psc.address() as AddressInfo).port}/auth/realms/esante-wallet`;
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
  psc.close();
  psc.closeAllConnections();
});

// ---- the kit, and a browser in front of it

interface Sent {
  method: string;
  path: string;
  csrf: string | null;
}

function kitWith(overrides: Partial<AuthForteOptions> = {}) {
  const signOuts: Array<string | undefined> = [];
  const events: Array<{ type: string; code?: string }> = [];
  const kit = createAuthForte({
    origin: ORIGIN,
    secret: SECRET,
    hostName: 'Mon logiciel',
    card: { trustAnchors: [caPem], cardPolicy: 'any', revocation: 'off', agentUrl: 'http://127.0.0.1:1' },
    psc: {
      environment: pscEnvironment(issuer, { allowInsecureHttp: true }),
      clientId: 'mon-service',
      clientSecret: 'psc-client-secret',
    },
    accounts: {
      findByNationalId: (id) => (id === LINKED ? { accountId: 'acc-1' } : null),
      verifyCredentials: () => null,
      link: () => {},
    },
    sessions: { signOut: ({ accountId }) => void signOuts.push(accountId) },
    redirects: {
      signedIn: '/accueil',
      linkRequired: '/premiere-connexion',
      signedOut: '/au-revoir',
      signIn: '/connexion',
    },
    minFailureMs: 0,
    onEvent: (e) => events.push(e),
    ...overrides,
  });
  return { kit, signOuts, events };
}

/**
 * A browser's `fetch` on the kit: relative URLs on the application's origin, the cookie jar, the `Origin` header of
 * a same-origin POST. `tamper` may change a request before the kit sees it (a header dropped, the network down).
 */
const networkFetch = globalThis.fetch;

function browser(kit: ReturnType<typeof createAuthForte>, tamper?: (req: Request) => Request | Promise<never>) {
  const jar = new Map<string, string>();
  const sent: Sent[] = [];
  const doFetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input), ORIGIN);
    if (url.origin !== ORIGIN) return networkFetch(input, init); // the card agent, elsewhere
    if (init.signal?.aborted) throw init.signal.reason;
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    if (method !== 'GET') headers.set('origin', ORIGIN);
    let request = new Request(url, { method, headers, ...(init.body ? { body: init.body } : {}), redirect: 'manual' });
    if (tamper) request = await tamper(request);
    sent.push({ method, path: url.pathname, csrf: request.headers.get('x-csrf-token') });
    const response = await kit.handler(request);
    for (const c of response.headers.getSetCookie()) {
      const [pair = '', ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || pair.slice(eq + 1) === '') jar.delete(name);
      else jar.set(name, pair.slice(eq + 1));
    }
    return response;
  }) as typeof fetch;
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return { fetch: doFetch, sent, jar, cookieHeader };
}

const signal = () => new AbortController().signal;

/** Rejects with a LoginError of `code`; returns it for more checks. */
async function loginError(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e as Error & { code: string; details: Record<string, unknown> },
  );
  assert.equal(err.name, 'LoginError', String(err));
  assert.equal(err.code, code, err.message);
  return err;
}

async function cardSignIn(t: ServerTransport, nationalId: string) {
  const nonce = await t.services.getNonce({ signal: signal() });
  return t.services.verify({ method: 'card', proof: proofFor(nationalId, nonce), signal: signal() });
}

// ---- a fake `location` for the PSC redirect (the transport reads and assigns it as a page would)

const assigned: string[] = [];
function setLocation(path: string) {
  const url = new URL(path, ORIGIN);
  Object.defineProperty(globalThis, 'location', {
    configurable: true,
    value: {
      href: url.href,
      origin: url.origin,
      pathname: url.pathname,
      search: url.search,
      assign: (u: string) => assigned.push(u),
    },
  });
}
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'location');
  assigned.length = 0;
});

describe('createServerServices on a real kit', () => {
  it('asks the configuration once, and again after a failure', async () => {
    const { kit } = kitWith();
    let down = true;
    const b = browser(kit, (req) => (down ? Promise.reject(new TypeError('fetch failed')) : req));
    const t = createServerServices('/authforte/', { fetch: b.fetch });
    const first = await loginError(t.config(), 'network');
    assert.ok(first.cause instanceof TypeError);
    down = false;
    const config = await t.config();
    assert.deepEqual(config.methods, ['card', 'psc']);
    assert.equal(config.ciba, true);
    assert.equal(config.pscMode, 'redirect');
    assert.equal(config.hostName, 'Mon logiciel');
    assert.equal(config.agentUrl, 'http://127.0.0.1:1');
    assert.equal(config.redirects?.linkRequired, '/premiere-connexion');
    assert.equal(await t.config(), config, 'the same answer');
    assert.equal(b.sent.filter((s) => s.path === '/authforte/config').length, 1, 'one GET after the failure');
    // an error status is a failure too, retried next time
    const broken = createServerServices('/elsewhere', { fetch: b.fetch });
    await loginError(broken.config(), 'network');
  });

  it('card: a nonce with the session’s CSRF token, then the proof → authenticated, where to go, the assertion', async () => {
    const { kit } = kitWith();
    const b = browser(kit);
    const t = createServerServices('/authforte', { fetch: b.fetch });
    assert.equal(t.lastOutcome === undefined, true, 'no outcome yet');
    const outcome = await cardSignIn(t, LINKED);
    assert.equal(outcome.status, 'authenticated');
    assert.equal(outcome.identity.nationalId, LINKED);
    assert.equal(outcome.identity.displayName, 'Camille MARTIN');
    assert.equal(t.lastOutcome?.redirectTo, '/accueil');
    assert.match(t.lastOutcome?.assertion ?? '', /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    // every POST went after a GET session, with the token that GET gave
    const posts = b.sent.filter((s) => s.method === 'POST');
    assert.deepEqual(
      posts.map((p) => p.path),
      ['/authforte/card/nonce', '/authforte/card/verify'],
    );
    for (const p of posts) {
      const before = b.sent[b.sent.indexOf(p) - 1];
      assert.equal(before?.path, '/authforte/session');
      assert.ok(p.csrf && p.csrf.length >= 32);
    }
    const session = await kit.getSession(new Request(`${ORIGIN}/`, { headers: { cookie: b.cookieHeader() } }));
    assert.equal(session?.accountId, 'acc-1');
  });

  it('card: an unknown holder is link-required, with the first-connection page', async () => {
    const { kit } = kitWith();
    const t = createServerServices('/authforte', { fetch: browser(kit).fetch });
    const outcome = await cardSignIn(t, UNLINKED);
    assert.equal(outcome.status, 'link-required');
    assert.equal(t.lastOutcome?.status, 'link-required');
    assert.equal(t.lastOutcome?.redirectTo, '/premiere-connexion');
  });

  it('card: the kit’s refusals are the sign-in’s codes, with the reason and status in details', async () => {
    const { kit } = kitWith();
    const t = createServerServices('/authforte', { fetch: browser(kit).fetch });
    const malformed = await loginError(
      t.services.verify({ method: 'card', proof: { nonce: 'x' }, signal: signal() }),
      'verification-failed',
    );
    assert.equal(malformed.details.reason, 'malformed-proof');
    assert.equal(malformed.details.status, 400);

    // a proof used twice: the nonce is single-use
    const nonce = await t.services.getNonce({ signal: signal() });
    const proof = proofFor(LINKED, nonce);
    await t.services.verify({ method: 'card', proof, signal: signal() });
    const reused = await loginError(
      t.services.verify({ method: 'card', proof, signal: signal() }),
      'verification-failed',
    );
    assert.equal(reused.details.reason, 'nonce-reused');

    // signed for another site's page
    const n2 = await t.services.getNonce({ signal: signal() });
    const foreign = await loginError(
      t.services.verify({ method: 'card', proof: proofFor(LINKED, n2, 'https://evil.test'), signal: signal() }),
      'verification-failed',
    );
    assert.equal(foreign.details.reason, 'origin-mismatch');

    // a card of a CA the kit does not trust
    const strict = createServerServices('/authforte', {
      fetch: browser(kitWith({ card: { trustAnchors: [otherCaPem], cardPolicy: 'any', revocation: 'off' } }).kit).fetch,
    });
    const n3 = await strict.services.getNonce({ signal: signal() });
    const untrusted = await strict.services
      .verify({ method: 'card', proof: proofFor(LINKED, n3), signal: signal() })
      .catch((e: { code: string; details: Record<string, unknown> }) => e);
    assert.equal((untrusted as { details: Record<string, unknown> }).details.reason, 'certificate-untrusted');
    assert.equal((untrusted as { code: string }).code, 'verification-failed');
    assert.equal(strict.lastOutcome, undefined, 'no outcome from a refusal');
  });

  it('a POST without the CSRF token is refused by the kit: the transport sends it, else the step fails', async () => {
    const { kit, events } = kitWith();
    const bare = browser(kit);
    await bare.fetch('/authforte/session');
    const direct = await bare.fetch('/authforte/card/nonce', { method: 'POST', body: '{}' });
    assert.equal(direct.status, 403);
    assert.equal(((await direct.json()) as { error: { code: string } }).error.code, 'csrf');
    // a proxy that drops the header: the nonce step's failure, with the kit's status
    const stripped = browser(kit, (req) => {
      const headers = new Headers(req.headers);
      headers.delete('x-csrf-token');
      return new Request(req, { headers });
    });
    const t = createServerServices('/authforte', { fetch: stripped.fetch });
    const nonce = await loginError(t.services.getNonce({ signal: signal() }), 'network');
    assert.equal(nonce.details.status, 403);
    const verify = await loginError(
      t.services.verify({ method: 'psc', proof: undefined, signal: signal() }),
      'verification-failed',
    );
    assert.equal(verify.details.status, 403);
    assert.ok(events.filter((e) => e.type === 'csrf').length >= 3);
  });

  it('the network down (fetch rejects): each step fails with network, the cause kept', async () => {
    const { kit } = kitWith();
    const b = browser(kit, () => Promise.reject(new TypeError('fetch failed')));
    const t = createServerServices('/authforte', { fetch: b.fetch });
    const nonce = await loginError(t.services.getNonce({ signal: signal() }), 'network');
    assert.ok(nonce.cause instanceof TypeError);
    await loginError(t.services.verify({ method: 'card', proof: {}, signal: signal() }), 'network');
    await loginError(t.signOut(), 'network');
    // only the POST fails (the token was fetched): the same code
    const postDown = browser(kit, (req) => (req.method === 'POST' ? Promise.reject(new TypeError('reset')) : req));
    const t2 = createServerServices('/authforte', { fetch: postDown.fetch });
    await loginError(t2.services.getNonce({ signal: signal() }), 'network');
    await loginError(t2.signOut(), 'network');
  });

  it('a cancelled step rejects with the AbortError, not as a failure to show', async () => {
    const { kit } = kitWith();
    const t = createServerServices('/authforte', { fetch: browser(kit).fetch });
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(t.services.getNonce({ signal: ac.signal }), { name: 'AbortError' });
    await assert.rejects(t.services.verify({ method: 'card', proof: {}, signal: ac.signal }), { name: 'AbortError' });
  });

  it('signOut ends the kit session and resolves with where to go next', async () => {
    const { kit, signOuts } = kitWith();
    const b = browser(kit);
    const t = createServerServices('/authforte', { fetch: b.fetch });
    await cardSignIn(t, LINKED);
    assert.equal(await t.signOut(), '/au-revoir');
    // the token rotated with the proof: sign-out asked for the new one
    const [verify, signout] = ['/authforte/card/verify', '/authforte/signout'].map((p) =>
      b.sent.find((s) => s.path === p),
    );
    assert.ok(signout?.csrf && verify?.csrf);
    assert.notEqual(signout.csrf, verify.csrf);
    assert.deepEqual(signOuts, ['acc-1']);
    const session = await kit.getSession(new Request(`${ORIGIN}/`, { headers: { cookie: b.cookieHeader() } }));
    assert.equal(session, null);
    // a kit that refuses (no route): the failure is network
    const gone = createServerServices('/elsewhere', { fetch: b.fetch });
    await loginError(gone.signOut(), 'network');
  });

  it('PSC redirect: the login route of the kit, to PSC and back to this page; PSC’s answer read as a login code', async () => {
    const { kit } = kitWith();
    const b = browser(kit);
    const t = createServerServices('/authforte', { fetch: b.fetch });
    setLocation('/connexion?x=1');
    await t.services.psc?.signinRedirect({ signal: signal() });
    assert.deepEqual(assigned, ['/authforte/psc/login?return_to=%2Fconnexion%3Fx%3D1']);
    // the browser follows: the kit sends it to PSC's authorization endpoint, for this application
    const toPsc = await b.fetch(assigned[0] as string);
    assert.equal(toPsc.status, 303);
    const authorize = new URL(toPsc.headers.get('location') ?? '');
    assert.equal(`${authorize.origin}${authorize.pathname}`, `${issuer}/protocol/openid-connect/auth`);
    assert.equal(authorize.searchParams.get('client_id'), 'mon-service');
    assert.equal(authorize.searchParams.get('redirect_uri'), `${ORIGIN}/authforte/psc/callback`);
    assert.equal(authorize.searchParams.get('response_type'), 'code');
    const state = authorize.searchParams.get('state');
    assert.ok(state);

    // the professional refuses at PSC (RFC 6749 §4.1.2.1): back on the page, the refusal
    const back = await b.fetch(`/authforte/psc/callback?error=access_denied&state=${state}`);
    assert.equal(back.status, 303);
    const page = back.headers.get('location') ?? '';
    assert.match(page, /^\/connexion\?x=1&psc_error=psc-refused$/);
    setLocation(page);
    const refused = await t.services.psc?.completeRedirect({ signal: signal() }).catch((e: unknown) => e);
    assert.equal(toLoginError(refused).code, 'psc-refused');

    // an answer that is not this browser's transaction
    setLocation('/connexion');
    await b.fetch('/authforte/psc/login?return_to=%2Fconnexion');
    const forged = await b.fetch('/authforte/psc/callback?code=abc&state=not-the-state');
    setLocation(forged.headers.get('location') ?? '');
    const mismatch = toLoginError(
      await t.services.psc?.completeRedirect({ signal: signal() }).catch((e: unknown) => e),
    );
    assert.equal(mismatch.code, 'psc-failed');
    assert.equal(mismatch.details.sourceCode, 'psc-state-mismatch');

    // no PSC answer in the address: nothing to complete; `psc=ok` without a PSC session: none either
    setLocation('/connexion');
    assert.equal(await t.services.psc?.completeRedirect({ signal: signal() }), null);
    setLocation('/connexion?psc=ok');
    assert.equal(await t.services.psc?.completeRedirect({ signal: signal() }), null);
    // and the kit refuses to report a PSC sign-in this session did not make
    const verify = await loginError(
      t.services.verify({ method: 'psc', proof: undefined, signal: signal() }),
      'verification-failed',
    );
    assert.equal(verify.details.status, 401);
    assert.equal(t.lastOutcome, undefined);
  });

  it('PSC unreachable: the kit sends the page back with psc-unreachable, read as network', async () => {
    const { kit } = kitWith({
      psc: {
        environment: pscEnvironment('http://127.0.0.1:1/auth/realms/esante-wallet', { allowInsecureHttp: true }),
        clientId: 'mon-service',
        clientSecret: 's',
      },
    });
    const b = browser(kit);
    const t = createServerServices('/authforte', { fetch: b.fetch });
    setLocation('/connexion');
    await t.services.psc?.signinRedirect({ signal: signal() });
    const back = await b.fetch(assigned[0] as string);
    assert.equal(back.headers.get('location'), '/connexion?psc_error=psc-unreachable');
    setLocation('/connexion?psc_error=psc-unreachable');
    const err = await t.services.psc?.completeRedirect({ signal: signal() }).catch((e: unknown) => e);
    assert.equal(toLoginError(err).code, 'network');
  });

  it('CIBA: start with the CSRF token → the two digits; an unknown user; too many requests keep retryAfter', async () => {
    const { kit } = kitWith();
    const b = browser(kit);
    const t = createServerServices('/authforte', { fetch: b.fetch });
    assert.equal((await t.config()).ciba, true);
    const psc = t.services.psc;
    assert.ok(psc?.cibaStart && psc.cibaPoll);
    const start = await psc.cibaStart({ nationalId: LINKED, signal: signal() });
    assert.match(start.bindingMessage, /^\d{2}$/);
    assert.equal(start.interval, 5);
    assert.ok(start.expiresIn > 100 && start.expiresIn <= 120);
    const sent = cibaRequests.at(-1);
    assert.equal(sent?.get('login_hint'), LINKED);
    assert.equal(sent?.get('binding_message'), start.bindingMessage, 'the digits PSC shows on the phone');
    assert.ok(b.sent.find((s) => s.path === '/authforte/psc/ciba/start')?.csrf, 'the token was sent');
    // asked again before the interval: pending, PSC not bothered
    assert.deepEqual(await psc.cibaPoll({ signal: signal() }), { status: 'pending', interval: 5 });

    const unknown = toLoginError(
      await psc.cibaStart({ nationalId: UNLINKED, signal: signal() }).catch((e: unknown) => e),
    );
    assert.equal(unknown.code, 'psc-unknown-user');
    // the kit's budget per national identifier (3 an hour): the fourth is refused with when to try again
    let limited: unknown;
    for (let i = 0; i < 4 && !limited; i++)
      limited = await psc.cibaStart({ nationalId: UNLINKED, signal: signal() }).then(
        () => undefined,
        (e: unknown) => ((e as { code?: string }).code === 'rate-limited' ? e : undefined),
      );
    const e = toLoginError(limited);
    assert.equal(e.code, 'psc-rate-limited');
    assert.ok(Number(e.details.retryAfter) > 0, JSON.stringify(e.details));
  });

  it('CIBA disabled: the config says so and the kit refuses to push a request to a phone', async () => {
    const { kit } = kitWith({
      psc: {
        environment: pscEnvironment(issuer, { allowInsecureHttp: true }),
        clientId: 'mon-service',
        clientSecret: 'psc-client-secret',
        ciba: false,
      },
    });
    const t = createServerServices('/authforte', { fetch: browser(kit).fetch });
    assert.equal((await t.config()).ciba, false);
    const before = cibaRequests.length;
    const err = await t.services.psc?.cibaStart?.({ nationalId: LINKED, signal: signal() }).catch((e: unknown) => e);
    assert.ok(err instanceof Error);
    assert.equal(toLoginError(err).code, 'psc-failed');
    const poll = await t.services.psc?.cibaPoll?.({ signal: signal() }).catch((e: unknown) => e);
    assert.equal(toLoginError(poll).code, 'psc-failed');
    assert.equal(cibaRequests.length, before, 'PSC was not asked');
  });
});

describe('lazyServerServices on a real kit', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('the configuration without the transport, retried after a failure', async () => {
    const { kit } = kitWith();
    let down = true;
    const b = browser(kit, (req) => (down ? Promise.reject(new TypeError('fetch failed')) : req));
    globalThis.fetch = b.fetch;
    const lazy = lazyServerServices('/authforte');
    await assert.rejects(lazy.config(), TypeError);
    down = false;
    const config = await lazy.config();
    assert.deepEqual(config.methods, ['card', 'psc']);
    assert.equal(await lazy.config(), config);
    assert.equal(b.sent.filter((s) => s.path === '/authforte/config').length, 1);
    const missing = lazyServerServices('/nowhere');
    await assert.rejects(missing.config(), /HTTP 404/);
    assert.equal(lazy.lastOutcome, undefined, 'nothing before the transport loads');
  });

  it('every service works once loaded: card sign-in, PSC, CIBA, the card agent', async () => {
    const { kit } = kitWith();
    const b = browser(kit);
    globalThis.fetch = b.fetch;
    const lazy = lazyServerServices('/authforte');
    const { services } = lazy;
    const nonce = await services.getNonce({ signal: signal() });
    const outcome = await services.verify({ method: 'card', proof: proofFor(LINKED, nonce), signal: signal() });
    assert.equal(outcome.status, 'authenticated');
    assert.equal(lazy.lastOutcome?.redirectTo, '/accueil');
    const transport = await lazy.transport();
    assert.equal(await lazy.transport(), transport, 'loaded once');
    assert.equal(transport.lastOutcome, lazy.lastOutcome);

    // PSC
    setLocation('/connexion');
    await services.psc?.signinRedirect({ signal: signal() });
    assert.deepEqual(assigned, ['/authforte/psc/login?return_to=%2Fconnexion']);
    setLocation('/connexion?psc_error=psc-expired');
    assert.equal(
      toLoginError(await services.psc?.completeRedirect({ signal: signal() }).catch((e: unknown) => e)).code,
      'psc-expired',
    );
    Object.assign(globalThis, { open: () => null });
    try {
      const blocked = await services.psc?.signinPopup?.({ signal: signal() }).catch((e: unknown) => e);
      assert.equal(toLoginError(blocked).code, 'psc-popup-blocked');
    } finally {
      Reflect.deleteProperty(globalThis, 'open');
    }
    const start = await services.psc?.cibaStart?.({ nationalId: LINKED, signal: signal() });
    assert.match(start?.bindingMessage ?? '', /^\d{2}$/);
    assert.equal((await services.psc?.cibaPoll?.({ signal: signal() }))?.status, 'pending');

    // the card agent (none at its address): not installed, its stream stopped, each call a typed failure
    const card = services.card;
    assert.ok(card);
    assert.equal((await card.detect({ signal: signal() })).status, 'not-installed');
    const stopped = await new Promise((resolve) => card.watch(resolve, { signal: signal() }));
    assert.deepEqual(stopped, { type: 'agent-stopped' });
    for (const step of [
      () => card.startPairing({ signal: signal() }),
      () => card.confirmPairing({ pairingId: 'p', code: '123456', signal: signal() }),
      () => card.authenticate({ nonce: 'n', pin: '1234', confirmFinalTry: false, signal: signal() }),
    ]) {
      const e = toLoginError(await step().catch((err: unknown) => err));
      assert.ok(['agent-not-installed', 'agent-stopped'].includes(e.code), e.code);
    }
    const ac = new AbortController();
    const waiting = card.waitForPairingApproval?.({ pairingId: 'p', signal: ac.signal }).catch((e: unknown) => e);
    ac.abort();
    assert.equal(toLoginError(await waiting).code, 'cancelled', 'the wait ends when the user leaves the screen');

    assert.equal(await transport.signOut(), '/au-revoir');
  });
});
