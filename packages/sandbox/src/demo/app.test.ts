/**
 * The demo host on the kit, through its Web routes (`demoRoutes`) with a real SQLite database (better-sqlite3) as
 * the account store: the first-connection link (right and wrong credentials, unknown users, lockout, CSRF, the
 * pending identity), sign-out, anonymous sessions under a flood, what the pages render.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BASE, Client, codeOf, MARIE, startDemoApp } from '../testing/demo-client.js';
import { KIT_SESSION_COOKIE, plantPendingIdentity } from '../testing/kit-session.js';
import { DemoApp } from './app.js';
import { demoRoutes } from './routes.js';
import { DemoStore, hashPassword, verifyPassword } from './store.js';

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
