/**
 * The demo host's account link against a real SQLite database (better-sqlite3, in memory), through its Web
 * handlers: right and wrong credentials, unknown users, lockout, CSRF, pending identity, sessions.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LinkIdentity } from '@authforte/core/account-link';
import { createTestCa } from '@authforte/test-kit';
import { DemoApp, SESSION_COOKIE } from './app.js';
import { DemoStore, hashPassword, verifyPassword } from './store.js';

const MARIE: LinkIdentity = { nationalId: '899700540003', displayName: 'MARIE ASSISTDELCS170540003', source: 'card' };
const BASE = 'http://demo.test';

/** A browser of one: keeps the session cookie across requests. */
class Client {
  cookie = '';
  constructor(private readonly app: DemoApp) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    const res =
      (await this.app.handle(new Request(BASE + path, { ...init, headers }))) ?? new Response(null, { status: 404 });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      if (pair?.startsWith(`${SESSION_COOKIE}=`)) this.cookie = pair.endsWith('=') ? '' : pair;
    }
    return res;
  }

  async session() {
    return (await (await this.request('/api/session')).json()) as {
      signedIn: boolean;
      csrfToken: string;
      account: { displayName: string } | null;
      pendingIdentity: LinkIdentity | null;
    };
  }

  link(body: unknown, csrf: string | undefined) {
    const headers: Record<string, string> = { 'content-type': 'application/json', origin: BASE };
    if (csrf !== undefined) headers['x-csrf-token'] = csrf;
    return this.request('/api/account-link', { method: 'POST', headers, body: JSON.stringify(body) });
  }

  /** The session as the server sees it. */
  current(app: DemoApp) {
    const s = app.sessionOf({ headers: { cookie: this.cookie } });
    assert.ok(s, 'a session');
    return s;
  }
}

describe('demo host: account link on SQLite', () => {
  let app: DemoApp;

  before(async () => {
    app = new DemoApp({ database: ':memory:', minFailureMs: 0, lockout: { maxFailures: 3 } });
    await app.seed();
  });
  after(() => app.close());

  async function withPending(identity: LinkIdentity = MARIE) {
    const c = new Client(app);
    await c.session();
    const pending = app.createPendingIdentity(c.current(app), identity);
    c.cookie = `${SESSION_COOKIE}=${pending.id}`;
    return { c, csrfToken: pending.csrfToken };
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
    const body = (await res.json()) as { ok: boolean; accountId: string; redirectTo: string };
    assert.equal(body.ok, true);
    assert.equal(body.redirectTo, '/accueil');
    const setCookie = res.headers.getSetCookie()[0] ?? '';
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.notEqual(c.cookie, before, 'the session id changes at sign-in');
    assert.equal(app.findAccountByNationalId(MARIE.nationalId)?.username, 'marie.dupont');
    const s = await c.session();
    assert.equal(s.signedIn, true);
    assert.equal(s.account?.displayName, 'Marie Dupont');
    assert.equal(s.pendingIdentity, null, 'the pending identity is gone with the old session');
    assert.notEqual(s.csrfToken, csrfToken, 'a new CSRF token too');
    const home = await c.request('/accueil');
    assert.equal(home.status, 200);
    const html = await home.text();
    assert.match(html, /Bonjour Marie Dupont/);
    assert.match(html, /MARIE ASSISTDELCS170540003/);
    // the second time, the card alone finds the account
    assert.equal(app.findAccountByNationalId('899700540003')?.displayName, 'Marie Dupont');
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
    assert.equal(body.error.code, 'locked');
    assert.match(body.error.message, /Trop de tentatives/);
    const rows = app.store.db.prepare('SELECT key FROM lockouts ORDER BY key').all() as Array<{ key: string }>;
    assert.ok(rows.some((r) => r.key === 'user:lucie.bernard'));
    assert.ok(rows.some((r) => r.key === 'identity:899700000029'));
  });

  it('refuses a missing or wrong CSRF token', async () => {
    const { c } = await withPending({ ...MARIE, nationalId: '899700000037' });
    for (const token of [undefined, 'faux-jeton']) {
      const res = await c.link({ username: 'marie.dupont', password: 'Trajectoire-2026' }, token);
      assert.equal(res.status, 403);
      assert.deepEqual(await res.json(), { ok: false, error: { code: 'csrf' } });
    }
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
    assert.deepEqual(await res.json(), { ok: false, error: { code: 'no-pending-identity' } });
    assert.equal((await c.request('/api/account-link')).status, 403);
  });

  it('GET shows the pending identity and the CSRF token', async () => {
    const { c, csrfToken } = await withPending({ ...MARIE, nationalId: '899700000052' });
    const res = await c.request('/api/account-link');
    assert.deepEqual(await res.json(), {
      identity: { ...MARIE, nationalId: '899700000052' },
      csrfToken,
    });
  });

  it('refuses to link an identity already linked to another account', async () => {
    const { c, csrfToken } = await withPending(); // MARIE is linked to marie.dupont above
    const res = await c.link({ username: 'paul.martin', password: 'Trajectoire-2026' }, csrfToken);
    // answered as a wrong password: a distinct answer would tell the attacker the password was right
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { ok: false, error: { code: 'invalid-credentials' } });
    assert.equal(app.findAccountByNationalId(MARIE.nationalId)?.username, 'marie.dupont');
  });

  it('after a strong authentication: pending + link page the first time, signed in directly the second time', async () => {
    const identity = { ...MARIE, nationalId: '899700000060', displayName: 'PAUL MARTIN' };
    const c = new Client(app);
    await c.session();
    const first = app.afterStrongAuthentication(c.current(app), identity);
    assert.equal(first.linked, false);
    assert.equal(first.redirectTo, '/espace-professionnel');
    assert.match(first.setCookie ?? '', /HttpOnly; SameSite=Lax/, 'a new session for the pending identity');
    c.cookie = `${SESSION_COOKIE}=${first.session.id}`;
    assert.deepEqual((await c.session()).pendingIdentity, identity);
    const { csrfToken } = await c.session();
    assert.equal((await c.link({ username: 'paul.martin', password: 'Trajectoire-2026' }, csrfToken)).status, 200);
    const other = new Client(app); // another day, another browser
    await other.session();
    const second = app.afterStrongAuthentication(other.current(app), identity);
    assert.equal(second.linked, true);
    assert.equal(second.redirectTo, '/accueil');
    assert.match(second.setCookie ?? '', /HttpOnly; SameSite=Lax/);
    other.cookie = `${SESSION_COOKIE}=${second.session.id}`;
    assert.equal((await other.session()).account?.displayName, 'Paul Martin');
  });

  it('signs out with the CSRF token only, and the home page then sends back to the start', async () => {
    const c = new Client(app);
    const s0 = await c.session();
    const signedIn = app.signIn(c.current(app), app.store.findAccountByUsername('marie.dupont')!.id);
    c.cookie = `${SESSION_COOKIE}=${signedIn.id}`;
    assert.equal((await c.request('/accueil')).status, 200);
    const refused = await c.request('/deconnexion', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${encodeURIComponent(s0.csrfToken)}`, // the token of the session before sign-in
    });
    assert.equal(refused.status, 403);
    const out = await c.request('/deconnexion', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${encodeURIComponent(signedIn.csrfToken)}`,
    });
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), '/deconnecte.html');
    assert.equal(c.cookie, '');
    assert.equal(app.store.getSession(signedIn.id), undefined);
    const home = await c.request('/accueil');
    assert.equal(home.status, 303);
    assert.equal(home.headers.get('location'), '/connexion');
  });

  it('a planted session id is worth nothing once the victim proved an identity (session fixation)', async () => {
    const attacker = new Client(app);
    const planted = await attacker.session(); // the attacker's own session id and CSRF token…
    const victim = new Client(app);
    victim.cookie = attacker.cookie; // …planted in the victim's browser (a sibling subdomain, a shared computer)
    const identity = { ...MARIE, nationalId: '899700000078', displayName: 'JEANNE VICTIME' };
    const proved = app.afterStrongAuthentication(victim.current(app), identity);
    victim.cookie = `${SESSION_COOKIE}=${proved.session.id}`;
    assert.notEqual(proved.session.id, attacker.cookie.split('=')[1]);
    assert.notEqual(proved.session.csrfToken, planted.csrfToken);
    // the attacker cannot read the victim's identity, nor link it to their own account
    const read = await attacker.request('/api/account-link');
    assert.equal(read.status, 403);
    const attempt = await attacker.link({ username: 'paul.martin', password: 'Trajectoire-2026' }, planted.csrfToken);
    assert.equal(attempt.status, 403);
    assert.equal(app.findAccountByNationalId(identity.nationalId), undefined);
    assert.deepEqual((await victim.session()).pendingIdentity, identity, 'the victim goes on');
  });

  it('a flood of cookie-less requests keeps a bounded number of anonymous sessions', async () => {
    const small = new DemoApp({ database: ':memory:', seed: false, maxAnonymousSessions: 50 });
    try {
      const keep = new Client(small);
      await keep.session();
      const pending = small.createPendingIdentity(keep.current(small), MARIE);
      for (let i = 0; i < 400; i++) await small.handle(new Request(`${BASE}/api/session`));
      assert.ok(small.store.countSessions() <= 51, `${small.store.countSessions()} sessions`);
      assert.ok(small.store.getSession(pending.id), 'a session holding a pending identity is never dropped');
    } finally {
      small.close();
    }
  });

  it('SQLite lockout: a burst of 25 simultaneous guesses checks at most maxFailures passwords', async () => {
    const burst = new DemoApp({ database: ':memory:', minFailureMs: 0, lockout: { maxFailures: 3 } });
    await burst.seed();
    try {
      let checked = 0;
      const verify = burst.store.verifyCredentials.bind(burst.store);
      burst.store.verifyCredentials = (u, p) => {
        checked++;
        return verify(u, p);
      };
      const c = new Client(burst);
      await c.session();
      const pending = burst.createPendingIdentity(c.current(burst), MARIE);
      c.cookie = `${SESSION_COOKIE}=${pending.id}`;
      const guesses = Array.from({ length: 25 }, (_, i) => (i === 24 ? 'Trajectoire-2026' : `essai-${i}`));
      const answers = await Promise.all(
        guesses.map((password) => c.link({ username: 'marie.dupont', password }, pending.csrfToken)),
      );
      assert.ok(checked <= 3, `${checked} passwords checked`);
      assert.ok(answers.every((r) => r.status === 401 || r.status === 429));
      assert.equal(burst.findAccountByNationalId(MARIE.nationalId), undefined);
      // the policy itself, straight: 40 attempts at once, 3 accepted
      const policy = burst.store.lockout({ maxFailures: 3 });
      const states = await Promise.all(Array.from({ length: 40 }, async () => policy.attempt('user:x')));
      assert.equal(states.filter((s) => !s.locked).length, 3);
    } finally {
      burst.close();
    }
  });

  it('escapes what it renders', async () => {
    const acc = await app.store.createAccount({
      username: 'x<y',
      password: 'p',
      displayName: '<script>alert(1)</script>',
    });
    const c = new Client(app);
    await c.session();
    const s = app.signIn(c.current(app), acc.id);
    c.cookie = `${SESSION_COOKIE}=${s.id}`;
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
      first.close();
      const second = new DemoApp({ database: file });
      await second.seed(); // no duplicate
      assert.equal(second.findAccountByNationalId(MARIE.nationalId)?.id, marie.id);
      assert.equal((second.store.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n, 2);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('demo host: sign-in routes (card nonce and verify, PSC verify)', () => {
  let app: DemoApp;

  before(async () => {
    app = new DemoApp({
      minFailureMs: 0,
      card: { trustAnchors: createTestCa({ keyType: 'ec' }).rootsPem, agentUrl: 'http://127.0.0.1:24680' },
    });
    app.setOrigin(BASE);
    await app.seed();
  });
  after(() => app.close());

  const post = (c: Client, path: string, headers: Record<string, string>, body: unknown = {}) =>
    c.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('tells the sign-in page what it offers', async () => {
    const c = new Client(app);
    assert.deepEqual(await (await c.request('/api/login/config')).json(), {
      methods: ['card'],
      agentUrl: 'http://127.0.0.1:24680',
      ciba: false,
    });
  });

  it('issues a nonce only to the session’s own pages (CSRF token, same origin)', async () => {
    const c = new Client(app);
    const { csrfToken } = await c.session();
    assert.equal((await post(c, '/api/card/nonce', { origin: BASE })).status, 403, 'no CSRF token');
    assert.equal((await post(c, '/api/card/nonce', { origin: BASE, 'x-csrf-token': 'x' })).status, 403);
    const cross = await post(c, '/api/card/nonce', { origin: 'http://evil.test', 'x-csrf-token': csrfToken });
    assert.equal(cross.status, 403, 'another origin');
    // its own code: the page says its address is not the expected one, rather than "check your connection"
    assert.equal(((await cross.json()) as { error: string }).error, 'origin-refused');
    const res = await post(c, '/api/card/nonce', { origin: BASE, 'x-csrf-token': csrfToken });
    assert.equal(res.status, 200);
    const { nonce, expiresAt } = (await res.json()) as { nonce: string; expiresAt: string };
    assert.match(nonce, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(Date.parse(expiresAt) > Date.now());
  });

  it('refuses a proof that is not one, and signs no one in', async () => {
    const c = new Client(app);
    const { csrfToken } = await c.session();
    const res = await post(c, '/api/card/verify', { origin: BASE, 'x-csrf-token': csrfToken }, { nonce: 'x' });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: string; reason: string };
    assert.deepEqual([body.error, body.reason], ['verification-failed', 'malformed-proof']);
    // the route takes the bare proof: a proof wrapped as { proof } is not one either
    const wrapped = await post(
      c,
      '/api/card/verify',
      { origin: BASE, 'x-csrf-token': csrfToken },
      { proof: { format: 'authforte-card-proof', version: 1, algorithm: 'RS256', nonce: 'x' } },
    );
    assert.equal(((await wrapped.json()) as { reason: string }).reason, 'malformed-proof');
    assert.equal((await c.session()).signedIn, false);
  });

  it('PSC verify without a PSC sign-in: 401, nothing granted', async () => {
    const c = new Client(app);
    const { csrfToken } = await c.session();
    const res = await post(c, '/api/psc/verify', { origin: BASE, 'x-csrf-token': csrfToken });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { error: string }).error, 'verification-failed');
  });

  it('/accueil without a session sends to the sign-in page', async () => {
    const res = await new Client(app).request('/accueil');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/connexion');
  });
});
