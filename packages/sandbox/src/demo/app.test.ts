/**
 * The demo host on the kit, through its Web routes (`demoRoutes`) with a real SQLite database (better-sqlite3) as
 * the account store: the first-connection link (right and wrong credentials, unknown users, lockout, CSRF, the
 * pending identity), a real card proof (a virtual card signed by the test CA, through the card agent), sign-out,
 * session rotation, and the pages the host renders itself.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunningCardAgent, startCardAgent, VirtualBackend } from '@authforte/card-agent';
import { CardAgentClient } from '@authforte/core/agent';
import { testTrustPreset } from '../cards/pki.js';
import { createTestCa, issueCardCertificate } from '../cards/test-ca.js';
import { profile } from '../cards/test-support/helpers.js';
import { type RunningSandboxPsc, startSandboxPsc } from '../psc/server.js';
import { KIT_SESSION_COOKIE, plantPendingIdentity } from '../testing/kit-session.js';
import { DemoApp } from './app.js';
import { demoRoutes } from './routes.js';
import { DemoStore, hashPassword, verifyPassword } from './store.js';

const MARIE = { nationalId: '899700540003', displayName: 'MARIE ASSISTDELCS170540003', source: 'card' as const };
const BASE = 'http://demo.test';

/** The error code of a refusal (`{ error: code }` or `{ error: { code } }`). */
const codeOf = (body: { error?: string | { code?: string } }) =>
  typeof body.error === 'string' ? body.error : body.error?.code;

/** A browser of one: keeps the kit's session cookie across requests, sends the page's Origin on POSTs. */
class Client {
  cookie = '';
  private readonly routes: (request: Request) => Promise<Response | undefined>;
  constructor(app: DemoApp) {
    this.routes = demoRoutes(app);
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', BASE);
    const res =
      (await this.routes(new Request(BASE + path, { ...init, headers }))) ?? new Response(null, { status: 404 });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      if (pair?.startsWith(`${KIT_SESSION_COOKIE}=`)) this.cookie = pair.endsWith('=') ? '' : pair;
    }
    return res;
  }

  async session() {
    return (await (await this.request('/authforte/session')).json()) as {
      signedIn: boolean;
      csrfToken: string;
      accountId?: string;
      pendingIdentity?: { nationalId: string; displayName: string };
    };
  }

  post(path: string, body: unknown, csrf: string | undefined, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...headers };
    if (csrf !== undefined) h['x-csrf-token'] = csrf;
    return this.request(path, { method: 'POST', headers: h, body: JSON.stringify(body) });
  }

  link(body: unknown, csrf: string | undefined) {
    return this.post('/authforte/account-link', body, csrf);
  }

  signOut(csrf: string) {
    return this.request('/authforte/signout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${encodeURIComponent(csrf)}`,
    });
  }
}

function startDemoApp(options: ConstructorParameters<typeof DemoApp>[0] = {}) {
  const app = new DemoApp({ database: ':memory:', minFailureMs: 0, lockout: { maxFailures: 3 }, ...options });
  app.setOrigin(BASE);
  return app;
}

describe('demo host on the kit: account link on SQLite', () => {
  let app: DemoApp;

  before(async () => {
    app = startDemoApp();
    await app.seed();
  });
  after(() => app.close());

  /** A browser whose kit session holds `identity`, as a verified card proof of an unlinked identity leaves it. */
  async function withPending(identity: { nationalId: string; displayName: string; source: 'card' | 'psc' } = MARIE) {
    const c = new Client(app);
    const planted = await plantPendingIdentity(app.kitStore, identity);
    c.cookie = planted.cookie;
    return { c, csrfToken: planted.csrfToken };
  }

  it('hashes passwords with scrypt, a salt per user, and verifies them', async () => {
    const a = await hashPassword('Trajectoire-2026');
    const b = await hashPassword('Trajectoire-2026');
    assert.match(a, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.notEqual(a, b, 'a different salt each time');
    assert.equal(await verifyPassword('Trajectoire-2026', a), true);
    assert.equal(await verifyPassword('trajectoire-2026', a), false);
    const row = app.store.db.prepare('SELECT password_hash FROM accounts WHERE username = ?').get('marie.dupont') as {
      password_hash: string;
    };
    assert.doesNotMatch(row.password_hash, /Trajectoire/);
  });

  it('links the pending identity with the right credentials and signs the user in on a new session', async () => {
    const { c, csrfToken } = await withPending();
    const before = c.cookie;
    const res = await c.link({ username: 'marie.dupont', password: 'Trajectoire-2026' }, csrfToken);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { ok: boolean; redirectTo: string };
    assert.equal(body.ok, true);
    assert.equal(body.redirectTo, '/accueil');
    const setCookie = res.headers.getSetCookie().find((h) => h.startsWith(`${KIT_SESSION_COOKIE}=`)) ?? '';
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Lax/i);
    assert.notEqual(c.cookie, before, 'the session id changes at sign-in');
    assert.equal(app.findAccountByNationalId(MARIE.nationalId)?.username, 'marie.dupont');
    const s = await c.session();
    assert.equal(s.signedIn, true);
    assert.equal(s.accountId, app.store.findAccountByUsername('marie.dupont')?.id);
    assert.equal(s.pendingIdentity, undefined, 'the pending identity is gone with the old session');
    assert.notEqual(s.csrfToken, csrfToken, 'a new CSRF token too');
    const home = await c.request('/accueil');
    assert.equal(home.status, 200);
    const html = await home.text();
    assert.match(html, /Bonjour Marie Dupont/);
    assert.match(html, /MARIE ASSISTDELCS170540003/);
    // the second time, the card alone finds the account (the kit's `findByNationalId`, from SQLite)
    assert.deepEqual(await app.accounts.findByNationalId('899700540003', { ...MARIE, familyName: 'MARIE' }), {
      accountId: s.accountId,
    });
    // the old session is worth nothing any more
    const old = new Client(app);
    old.cookie = before;
    assert.equal((await old.session()).pendingIdentity, undefined);
  });

  it('answers the same generic error for a wrong password and an unknown user, and links nothing', async () => {
    const { c, csrfToken } = await withPending({ ...MARIE, nationalId: '899700000011' });
    const wrong = await c.link({ username: 'paul.martin', password: 'pas-le-bon' }, csrfToken);
    const unknown = await c.link({ username: 'inconnu', password: 'pas-le-bon' }, csrfToken);
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(await wrong.json(), await unknown.json());
    assert.equal(app.findAccountByNationalId('899700000011'), undefined);
  });

  it('an unknown user costs a password hash too (no timing shortcut)', async () => {
    const store = new DemoStore();
    await store.createAccount({ username: 'a', password: 'x', displayName: 'A' });
    await store.verifyCredentials('nobody', 'x'); // warms the dummy hash
    const t0 = performance.now();
    await store.verifyCredentials('nobody', 'x');
    const unknown = performance.now() - t0;
    const t1 = performance.now();
    await store.verifyCredentials('a', 'y');
    const known = performance.now() - t1;
    store.close();
    assert.ok(unknown > known / 3, `unknown ${unknown.toFixed(1)} ms vs known ${known.toFixed(1)} ms`);
  });

  it('locks after repeated failures with the message and Retry-After, even with the right password', async () => {
    await app.store.createAccount({ username: 'lucie.bernard', password: 'Lucie-2026!', displayName: 'Lucie Bernard' });
    const { c, csrfToken } = await withPending({ ...MARIE, nationalId: '899700000029' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await c.link({ username: 'lucie.bernard', password: `faux-${i}` }, csrfToken)).status);
    }
    assert.deepEqual(statuses, [401, 401, 429]);
    const res = await c.link({ username: 'Lucie.Bernard', password: 'Lucie-2026!' }, csrfToken);
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) > 800);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(codeOf(body), 'locked');
    // counted per username and per identity: another browser does not start again
    const other = await withPending({ ...MARIE, nationalId: '899700000086' });
    const sameUser = await other.c.link({ username: 'lucie.bernard', password: 'Lucie-2026!' }, other.csrfToken);
    assert.equal(sameUser.status, 429, 'the username is locked');
    const again = await withPending({ ...MARIE, nationalId: '899700000029' });
    const sameIdentity = await again.c.link({ username: 'personne', password: 'faux' }, again.csrfToken);
    assert.equal(sameIdentity.status, 429, 'the identity is locked');
    assert.equal(app.findAccountByNationalId('899700000029'), undefined);
  });

  it('refuses a missing or wrong CSRF token, and a POST from another origin', async () => {
    const { c, csrfToken } = await withPending({ ...MARIE, nationalId: '899700000037' });
    for (const token of [undefined, 'faux-jeton']) {
      const res = await c.link({ username: 'marie.dupont', password: 'Trajectoire-2026' }, token);
      assert.equal(res.status, 403);
      assert.equal(codeOf(await res.json()), 'csrf');
    }
    const cross = await c.post(
      '/authforte/account-link',
      { username: 'marie.dupont', password: 'Trajectoire-2026' },
      csrfToken,
      { origin: 'http://evil.test' },
    );
    assert.equal(cross.status, 403);
    assert.equal(app.findAccountByNationalId('899700000037'), undefined);
  });

  it('refuses without a pending identity (the browser cannot name one)', async () => {
    const c = new Client(app);
    const { csrfToken } = await c.session();
    const res = await c.link(
      { username: 'marie.dupont', password: 'Trajectoire-2026', nationalId: '899700000045' },
      csrfToken,
    );
    assert.equal(res.status, 403);
    assert.equal(codeOf(await res.json()), 'no-pending-identity');
    assert.equal((await c.request('/authforte/account-link')).status, 403);
    assert.equal(app.findAccountByNationalId('899700000045'), undefined);
  });

  it('GET shows the pending identity and the CSRF token', async () => {
    const { c, csrfToken } = await withPending({ ...MARIE, nationalId: '899700000052' });
    const res = (await (await c.request('/authforte/account-link')).json()) as {
      identity: { nationalId: string; displayName: string; source: string };
      csrfToken: string;
    };
    assert.deepEqual(
      [res.identity.nationalId, res.identity.displayName, res.identity.source, res.csrfToken],
      ['899700000052', MARIE.displayName, 'card', csrfToken],
    );
  });

  it('refuses to link an identity already linked to another account', async () => {
    await app.store.createAccount({ username: 'jean.petit', password: 'Jean-2026!', displayName: 'Jean Petit' });
    const { c, csrfToken } = await withPending(); // MARIE is linked to marie.dupont above
    const res = await c.link({ username: 'jean.petit', password: 'Jean-2026!' }, csrfToken);
    // answered as a wrong password: a distinct answer would tell the attacker the password was right
    assert.equal(res.status, 401);
    assert.equal(codeOf(await res.json()), 'invalid-credentials');
    assert.equal(app.findAccountByNationalId(MARIE.nationalId)?.username, 'marie.dupont');
  });

  it('signs out with the CSRF token only, and the home page then sends back to the sign-in page', async () => {
    await app.store.createAccount({ username: 'anne.roux', password: 'Anne-2026!', displayName: 'Anne Roux' });
    const { c, csrfToken: pendingToken } = await withPending({ ...MARIE, nationalId: '899700000060' });
    await c.link({ username: 'anne.roux', password: 'Anne-2026!' }, pendingToken);
    const { csrfToken, signedIn } = await c.session();
    assert.equal(signedIn, true);
    assert.equal((await c.request('/accueil')).status, 200);
    const refused = await c.signOut(pendingToken); // the token of the session before sign-in
    assert.equal(refused.status, 403);
    const out = await c.signOut(csrfToken);
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), '/deconnecte.html');
    assert.equal(c.cookie, '');
    const home = await c.request('/accueil');
    assert.equal(home.status, 303);
    assert.equal(home.headers.get('location'), '/connexion');
  });

  it('a flood of cookie-less requests: the anonymous sessions it makes expire within 15 minutes', async () => {
    const routes = demoRoutes(app);
    const ids = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const res = await routes(new Request(`${BASE}/authforte/session`));
      const id = new RegExp(`${KIT_SESSION_COOKIE}=([^;]+)`).exec(res?.headers.get('set-cookie') ?? '')?.[1];
      assert.ok(id, 'a session for the page');
      ids.add(id);
    }
    assert.equal(ids.size, 400);
    for (const id of ids) assert.ok(((await app.kitStore.ttl(`af:session:${id}`)) ?? 0) <= 15 * 60_000, id);
    // a signed-in session lives the working day
    await app.store.createAccount({ username: 'luc.morel', password: 'Luc-2026!', displayName: 'Luc Morel' });
    const { c, csrfToken } = await withPending({ ...MARIE, nationalId: '899700000102' });
    assert.equal((await c.link({ username: 'luc.morel', password: 'Luc-2026!' }, csrfToken)).status, 200);
    const signedIn = c.cookie.split('=')[1];
    assert.ok(((await app.kitStore.ttl(`af:session:${signedIn}`)) ?? 0) > 7 * 3600_000);
  });

  it('a burst of 25 simultaneous guesses checks at most maxFailures passwords (the kit’s lockout)', async () => {
    const burst = startDemoApp();
    await burst.seed();
    try {
      let checked = 0;
      const verify = burst.store.verifyCredentials.bind(burst.store);
      burst.store.verifyCredentials = (u, p) => {
        checked++;
        return verify(u, p);
      };
      const c = new Client(burst);
      const pending = await plantPendingIdentity(burst.kitStore, MARIE);
      c.cookie = pending.cookie;
      const guesses = Array.from({ length: 25 }, (_, i) => (i === 24 ? 'Trajectoire-2026' : `essai-${i}`));
      const answers = await Promise.all(
        guesses.map((password) => c.link({ username: 'marie.dupont', password }, pending.csrfToken)),
      );
      assert.ok(checked <= 3, `${checked} passwords checked`);
      assert.ok(answers.every((r) => r.status === 401 || r.status === 429));
      assert.equal(burst.findAccountByNationalId(MARIE.nationalId), undefined);
    } finally {
      await burst.close();
    }
  });

  it('escapes what it renders', async () => {
    const acc = await app.store.createAccount({
      username: 'x<y',
      password: 'p',
      displayName: '<script>alert(1)</script>',
    });
    const { c, csrfToken } = await withPending({ ...MARIE, nationalId: '899700000094' });
    await c.link({ username: 'x<y', password: 'p' }, csrfToken);
    assert.equal(app.findAccountByNationalId('899700000094')?.id, acc.id);
    const html = await (await c.request('/accueil')).text();
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('keeps accounts and links in a SQLite file across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'af-demo-'));
    try {
      const file = join(dir, 'sub', 'demo.sqlite');
      const first = new DemoApp({ database: file });
      await first.seed();
      const marie = first.store.findAccountByUsername('marie.dupont')!;
      first.store.linkIdentity(MARIE, marie.id);
      await first.close();
      const second = new DemoApp({ database: file });
      await second.seed(); // no duplicate
      assert.equal(second.findAccountByNationalId(MARIE.nationalId)?.id, marie.id);
      assert.equal((second.store.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n, 2);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('demo host on the kit: Pro Santé Connect on a shared workstation', () => {
  let psc: RunningSandboxPsc;
  before(async () => {
    psc = await startSandboxPsc({ port: 0, walletPort: 0 });
  });
  after(() => psc?.close());

  /** Where `<af-login>`'s "S’identifier avec Pro Santé Connect" sends the browser: PSC's authorization endpoint. */
  async function authorizeUrl(sharedWorkstation?: boolean) {
    const app = startDemoApp({
      psc: {
        environment: psc.environment,
        clientId: psc.confidentialClient.clientId,
        clientSecret: psc.confidentialClient.clientSecret,
        ...(sharedWorkstation === undefined ? {} : { sharedWorkstation }),
      },
    });
    try {
      const res = await new Client(app).request('/authforte/psc/login?return_to=%2Fconnexion');
      assert.ok([302, 303].includes(res.status), `status ${res.status}`);
      return new URL(res.headers.get('location') ?? '');
    } finally {
      await app.close();
    }
  }

  it('asks PSC for the e-CPS or the card at every sign-in (prompt=login), unless the host says otherwise', async () => {
    const shared = await authorizeUrl();
    assert.equal(shared.origin, new URL(psc.walletUrl).origin, 'PSC’s sign-in page');
    assert.equal(shared.searchParams.get('prompt'), 'login');
    assert.equal(shared.searchParams.get('redirect_uri'), `${BASE}/authforte/psc/callback`);
    assert.equal((await authorizeUrl(false)).searchParams.get('prompt'), null);
  });
});

describe('demo host on the kit: card sign-in (a virtual card through the card agent), pages', () => {
  const PIN = '4321';
  const ca = createTestCa({ keyType: 'ec' });
  let app: DemoApp;
  let agent: RunningCardAgent;
  let slot: string;

  before(async () => {
    const card = issueCardCertificate(ca, profile('medecin'));
    const backend = new VirtualBackend({ readers: 1 });
    slot = backend.insert({
      label: card.label,
      certificate: card.certificateDer,
      privateKey: card.privateKeyPem,
      pin: PIN,
    });
    agent = await startCardAgent({
      backend,
      port: 0,
      allowedOrigins: [BASE],
      logger: { info() {}, warn() {}, error() {} },
    });
    app = startDemoApp({ card: { trust: testTrustPreset(ca, 'off'), agentUrl: agent.url } });
    await app.seed();
  });
  after(async () => {
    await app?.close();
    await agent?.close();
  });

  /** `<af-login>`'s card sign-in, as the element does it: nonce, the agent signs it for this origin, verify. */
  async function cardSignIn(c: Client) {
    const nonce = (await (await c.post('/authforte/card/nonce', {}, (await c.session()).csrfToken)).json()) as {
      nonce: string;
    };
    const proof = await new CardAgentClient({ baseUrl: agent.url, headers: { origin: BASE } }).authenticate({
      nonce: nonce.nonce,
      pin: PIN,
      slot,
    });
    return c.post('/authforte/card/verify', proof, (await c.session()).csrfToken);
  }

  it('tells the sign-in page what it offers, with the demo’s help desk and pages', async () => {
    const config = (await (await new Client(app).request('/authforte/config')).json()) as Record<string, unknown>;
    assert.deepEqual(config.methods, ['card']);
    assert.equal(config.agentUrl, agent.url);
    assert.equal(config.hostName, 'Trajectoire Démo');
    assert.deepEqual(config.helpContact, { name: 'Assistance de démonstration', email: 'assistance@demo.invalid' });
    assert.deepEqual(config.redirects, {
      signedIn: '/accueil',
      linkRequired: '/espace-professionnel',
      signedOut: '/deconnecte.html',
      signIn: '/connexion',
    });
  });

  it('a card proof: the link page the first time (the planted session id rotated), signed in directly the second time', async () => {
    const attacker = new Client(app);
    const planted = await attacker.session(); // the attacker's own session id and CSRF token…
    const victim = new Client(app);
    victim.cookie = attacker.cookie; // …planted in the victim's browser (a sibling subdomain, a shared computer)
    const first = await cardSignIn(victim);
    assert.equal(first.status, 200);
    const outcome = (await first.json()) as { status: string; redirectTo: string; identity: { nationalId: string } };
    assert.deepEqual([outcome.status, outcome.redirectTo], ['link-required', '/espace-professionnel']);
    assert.notEqual(victim.cookie, attacker.cookie, 'a new session id for the proved identity');
    // the attacker cannot read the victim's identity, nor link it to their own account
    assert.equal((await attacker.request('/authforte/account-link')).status, 403);
    const attempt = await attacker.link({ username: 'paul.martin', password: 'Trajectoire-2026' }, planted.csrfToken);
    assert.equal(attempt.status, 403);
    assert.equal(app.findAccountByNationalId(outcome.identity.nationalId), undefined);
    // the victim links, then another day signs in with the card alone
    const page = await (await victim.request('/espace-professionnel')).text();
    assert.match(page, /<af-account-link[^>]*server="\/authforte"/);
    assert.doesNotMatch(page, /id="none"/);
    const linked = await victim.link(
      { username: 'marie.dupont', password: 'Trajectoire-2026' },
      (await victim.session()).csrfToken,
    );
    assert.equal(linked.status, 200);
    const nextDay = new Client(app);
    const second = (await (await cardSignIn(nextDay)).json()) as { status: string; redirectTo: string };
    assert.deepEqual([second.status, second.redirectTo], ['authenticated', '/accueil']);
    assert.match(await (await nextDay.request('/accueil')).text(), /Bonjour Marie Dupont/);
    // signed in, the sign-in page sends on to the home page
    const signIn = await nextDay.request('/connexion');
    assert.deepEqual([signIn.status, signIn.headers.get('location')], [303, '/accueil']);
  });

  it('refuses a proof that is not one, and signs no one in', async () => {
    const c = new Client(app);
    const res = await c.post('/authforte/card/verify', { nonce: 'x' }, (await c.session()).csrfToken);
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: string; reason: string };
    assert.deepEqual([codeOf(body), body.reason], ['verification-failed', 'malformed-proof']);
    assert.equal((await c.session()).signedIn, false);
  });

  it('serves its pages with the shared header, and no page script', async () => {
    const c = new Client(app);
    for (const [path, current] of [
      ['/', '/'],
      ['/connexion', '/connexion'],
      ['/activation.html', '/activation.html'],
      ['/espace-professionnel', undefined],
      ['/deconnecte.html', undefined],
    ] as const) {
      const res = await c.request(path);
      assert.equal(res.status, 200, path);
      const html = await res.text();
      assert.match(html, /<header class="header">/, path);
      assert.doesNotMatch(html, /<!--#/, `${path}: a template marker left`);
      const currentLinks = [...html.matchAll(/<a href="([^"]+)" aria-current="page">/g)].map((m) => m[1]);
      assert.deepEqual(currentLinks, current ? [current] : [], path);
      const scripts = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]);
      assert.deepEqual(scripts, ['<script type="module" src="/assets/authforte.js">'], path);
    }
    // nothing pending: the first-connection page says so, and has no form
    const none = await (await c.request('/espace-professionnel')).text();
    assert.match(none, /id="none"/);
    assert.doesNotMatch(none, /<af-account-link|<form/);
  });

  it('/accueil without a session sends to the sign-in page', async () => {
    const res = await new Client(app).request('/accueil');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/connexion');
  });
});
