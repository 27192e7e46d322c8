/**
 * The real kit and the small PSC stand-in the transport tests run against (transport*.test.ts): see
 * transport.test.ts for what they check. Its `before` / `after` / `afterEach` hooks run in the test file that
 * imports it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, createSign, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { createServerServices, type ServerTransport } from '@authforte/core/login/server';
import { pscEnvironment } from '@authforte/core/psc';
import { createAuthForte } from '../authforte.js';
import type { AuthForteOptions } from '../types.js';

export const ORIGIN = 'http://app.test';
export const SECRET = 'transport-test-secret-transport-test-secret';
export const LINKED = '810001234567';
export const UNLINKED = '810009999999';

// ---- a test card: an ES256 CA and its holder's authentication certificate (CN = national identifier), by openssl

export const dir = mkdtempSync(join(tmpdir(), 'af-transport-'));
export const openssl = (...args: string[]) =>
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
export let caPem: string;
export let otherCaPem: string;
export const cards = new Map<string, { der: string; sign(data: Buffer): string }>();

export function makeCa(name: string): string {
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`);
  openssl(
    ...['req', '-x509', '-new', '-key', `${name}.key`, '-out', `${name}.pem`, '-days', '2'],
    ...['-subj', `/O=Transport test/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0'],
    ...['-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
  );
  return readFileSync(join(dir, `${name}.pem`), 'utf8');
}

export function makeCard(ca: string, nationalId: string) {
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
export function proofFor(nationalId: string, nonce: string, origin = ORIGIN) {
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

export let psc: Server;
export let issuer: string;
export const cibaRequests: URLSearchParams[] = [];

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

export interface Sent {
  method: string;
  path: string;
  csrf: string | null;
}

export function kitWith(overrides: Partial<AuthForteOptions> = {}) {
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
export const networkFetch = globalThis.fetch;

export function browser(kit: ReturnType<typeof createAuthForte>, tamper?: (req: Request) => Request | Promise<never>) {
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

/**
 * A page of the application on a new kit (`kitWith(overrides)`): its browser `b` and the transport `t` of
 * `<af-login server="/authforte">` on that browser's `fetch`.
 */
export function pageOnKit(overrides: Partial<AuthForteOptions> = {}) {
  const fixture = kitWith(overrides);
  const b = browser(fixture.kit);
  return { ...fixture, b, t: createServerServices('/authforte', { fetch: b.fetch }) };
}

export const signal = (): AbortSignal => new AbortController().signal;

/** Rejects with a LoginError of `code`; returns it for more checks. */
export async function loginError(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e as Error & { code: string; details: Record<string, unknown> },
  );
  assert.equal(err.name, 'LoginError', String(err));
  assert.equal(err.code, code, err.message);
  return err;
}

export async function cardSignIn(t: ServerTransport, nationalId: string) {
  const nonce = await t.services.getNonce({ signal: signal() });
  return t.services.verify({ method: 'card', proof: proofFor(nationalId, nonce), signal: signal() });
}
