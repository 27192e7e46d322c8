import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import type { LinkIdentity } from '@authforte/core/account-link';
import { toNodeHandler } from '../http/node-adapter.js';
import { AccountLinkError } from './errors.js';
import { createAccountLinkHandler } from './handler.js';
import { createMemoryLockout } from './lockout.js';
import { createPendingIdentityToken, readPendingIdentityToken } from './pending.js';

const SECRET = 'x'.repeat(40);
const MARIE: LinkIdentity = { nationalId: '899700540003', displayName: 'MARIE ASSISTDELCS170540003', source: 'card' };

/** A host in memory: one account, a session with a CSRF token and maybe a pending identity. */
function host(options: { pending?: LinkIdentity | null; now?: () => number; linkedTo?: string } = {}) {
  const links = new Map<string, string>();
  if (options.linkedTo) links.set(MARIE.nationalId, options.linkedTo);
  const verified: string[] = [];
  const events: string[] = [];
  let clock = 0;
  const now = options.now ?? (() => clock);
  const handler = createAccountLinkHandler({
    getPendingIdentity: () => (options.pending === null ? null : (options.pending ?? MARIE)),
    getCsrfToken: () => 'csrf-ok',
    verifyCredentials: (u, p) => {
      verified.push(u);
      return u === 'marie.dupont' && p === 'Bon-Mot-de-passe' ? { accountId: 'acc-1' } : null;
    },
    linkIdentity: ({ identity, accountId }) => {
      const existing = links.get(identity.nationalId);
      if (existing && existing !== accountId) throw new AccountLinkError('already-linked');
      links.set(identity.nationalId, accountId);
    },
    onLinked: () => ({ redirectTo: '/accueil', headers: { 'set-cookie': 'sid=new; HttpOnly' } }),
    lockout: createMemoryLockout({ maxFailures: 3, windowMs: 60_000, lockMs: 120_000, now }),
    minFailureMs: 0,
    onEvent: (e) => events.push(e.type),
  });
  return {
    handler,
    links,
    verified,
    events,
    tick: (ms: number) => {
      clock += ms;
    },
  };
}

function post(body: unknown, headers: Record<string, string> = {}) {
  return new Request('http://app.test/api/account-link', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': 'csrf-ok', origin: 'http://app.test', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function answer(res: Response) {
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('createAccountLinkHandler', () => {
  it('links the pending identity on the right credentials, with the host redirect and cookie', async () => {
    const h = host();
    const res = await h.handler(post({ username: ' marie.dupont ', password: 'Bon-Mot-de-passe' }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(res.headers.getSetCookie(), ['sid=new; HttpOnly']);
    assert.deepEqual(await res.json(), { ok: true, accountId: 'acc-1', redirectTo: '/accueil' });
    assert.equal(h.links.get(MARIE.nationalId), 'acc-1');
    assert.deepEqual(h.events, ['linked']);
  });

  it('answers the same for a wrong password and an unknown user', async () => {
    const h = host();
    const wrong = await answer(await h.handler(post({ username: 'marie.dupont', password: 'nope' })));
    const unknown = await answer(await h.handler(post({ username: 'nobody', password: 'nope' })));
    assert.deepEqual(wrong, { status: 401, body: { ok: false, error: { code: 'invalid-credentials' } } });
    assert.deepEqual(unknown, wrong);
    assert.equal(h.links.size, 0);
  });

  it('locks after repeated failures with the message and Retry-After, even the right password, then unlocks', async () => {
    const h = host();
    for (let i = 0; i < 2; i++) {
      assert.equal((await h.handler(post({ username: 'marie.dupont', password: 'bad' }))).status, 401);
    }
    const third = await h.handler(post({ username: 'marie.dupont', password: 'bad' }));
    assert.equal(third.status, 429);
    assert.equal(third.headers.get('retry-after'), '120');
    const body = (await third.json()) as { error: { code: string; message: string; retryAfter: number } };
    assert.equal(body.error.code, 'locked');
    assert.equal(body.error.retryAfter, 120);
    assert.match(body.error.message, /Trop de tentatives.*2 minutes/);
    const verifiedBefore = h.verified.length;
    const right = await h.handler(post({ username: 'MARIE.DUPONT', password: 'Bon-Mot-de-passe' }));
    assert.equal(right.status, 429, 'locked whatever the case of the username');
    assert.equal(h.verified.length, verifiedBefore, 'credentials are not even checked while locked');
    h.tick(120_001);
    assert.equal((await h.handler(post({ username: 'marie.dupont', password: 'Bon-Mot-de-passe' }))).status, 200);
  });

  it('from the third failure says how many attempts are left, the same for a known and an unknown username', async () => {
    const answersFor = async (username: string) => {
      const handler = createAccountLinkHandler({
        getPendingIdentity: () => MARIE,
        getCsrfToken: () => 'csrf-ok',
        verifyCredentials: (u, p) => (u === 'marie.dupont' && p === 'Bon-Mot-de-passe' ? { accountId: 'acc-1' } : null),
        linkIdentity: () => {},
        lockout: createMemoryLockout({ maxFailures: 5 }),
        minFailureMs: 0,
      });
      const seen = [];
      for (let i = 0; i < 5; i++) seen.push(await answer(await handler(post({ username, password: 'bad' }))));
      return seen.map(({ status, body }) => {
        const error = body.error as { code: string; attemptsLeft?: number };
        return [status, error.code, error.attemptsLeft];
      });
    };
    const known = await answersFor('marie.dupont');
    assert.deepEqual(known, [
      [401, 'invalid-credentials', undefined],
      [401, 'invalid-credentials', undefined],
      [401, 'invalid-credentials', 2],
      [401, 'invalid-credentials', 1],
      [429, 'locked', undefined],
    ]);
    assert.deepEqual(await answersFor('nobody'), known, 'no enumeration through the count');
  });

  it('locks an unknown username like a known one (no enumeration through lockout)', async () => {
    const h = host();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await h.handler(post({ username: 'ghost', password: 'x' }))).status);
    assert.deepEqual(statuses, [401, 401, 429]);
  });

  it('locks the pending identity too when it sprays usernames', async () => {
    const h = host();
    const statuses = [];
    for (const u of ['a', 'b', 'c', 'd']) statuses.push((await h.handler(post({ username: u, password: 'x' }))).status);
    assert.deepEqual(statuses, [401, 401, 429, 429]);
  });

  it('refuses a missing or wrong CSRF token, and a foreign Origin', async () => {
    const h = host();
    const creds = { username: 'marie.dupont', password: 'Bon-Mot-de-passe' };
    const cases: Array<Record<string, string>> = [
      { 'x-csrf-token': '' },
      { 'x-csrf-token': 'csrf-ko' },
      { origin: 'https://evil.example' },
    ];
    for (const headers of cases) {
      assert.deepEqual(await answer(await h.handler(post(creds, headers))), {
        status: 403,
        body: { ok: false, error: { code: 'csrf' } },
      });
    }
    assert.equal(h.verified.length, 0);
    assert.equal(h.links.size, 0);
  });

  it('refuses when no identity is pending', async () => {
    const h = host({ pending: null });
    assert.deepEqual(await answer(await h.handler(post({ username: 'marie.dupont', password: 'Bon-Mot-de-passe' }))), {
      status: 403,
      body: { ok: false, error: { code: 'no-pending-identity' } },
    });
    const get = await h.handler(new Request('http://app.test/api/account-link'));
    assert.equal(get.status, 403);
  });

  it('answers already-linked when the identity belongs to another account', async () => {
    const h = host({ linkedTo: 'acc-other' });
    assert.deepEqual(await answer(await h.handler(post({ username: 'marie.dupont', password: 'Bon-Mot-de-passe' }))), {
      status: 409,
      body: { ok: false, error: { code: 'already-linked' } },
    });
  });

  it('answers bad-request to malformed bodies, other content types and methods', async () => {
    const h = host();
    const bad = [
      post('{not json'),
      post({ username: 'marie' }),
      post({ username: '', password: 'x' }),
      post({ username: 'marie', password: 42 }),
      post({ username: 'm'.repeat(300), password: 'x' }),
      post('x'.repeat(9000)),
      post({ username: 'marie', password: 'x' }, { 'content-type': 'application/x-www-form-urlencoded' }),
      new Request('http://app.test/api/account-link', { method: 'DELETE' }),
    ];
    for (const r of bad) assert.equal((await answer(await h.handler(r))).body.ok, false);
    for (const r of [post('{'), new Request('http://app.test/x', { method: 'PUT' })]) {
      const res = await h.handler(r);
      assert.equal(res.status, 400);
      assert.deepEqual(await res.json(), { ok: false, error: { code: 'bad-request' } });
    }
  });

  it('GET shows the pending identity and the CSRF token', async () => {
    const h = host();
    const res = await h.handler(new Request('http://app.test/api/account-link'));
    assert.deepEqual(await answer(res), {
      status: 200,
      body: { identity: MARIE, csrfToken: 'csrf-ok' },
    });
  });

  it('waits minFailureMs before answering a credential failure', async () => {
    const handler = createAccountLinkHandler({
      getPendingIdentity: () => MARIE,
      getCsrfToken: () => 'csrf-ok',
      verifyCredentials: () => null,
      linkIdentity: () => {},
      minFailureMs: 120,
    });
    const t = Date.now();
    assert.equal((await handler(post({ username: 'x', password: 'y' }))).status, 401);
    assert.ok(Date.now() - t >= 110);
  });
});

describe('pending identity tokens', () => {
  it('round-trips, and refuses forged, foreign or expired tokens', () => {
    let now = 1000;
    const token = createPendingIdentityToken(MARIE, { secret: SECRET, ttlSeconds: 60, now: () => now });
    assert.deepEqual(readPendingIdentityToken(token, { secret: SECRET, now: () => now }), MARIE);
    assert.equal(readPendingIdentityToken(token, { secret: 'y'.repeat(40), now: () => now }), null);
    const [p, payload, sig] = token.split('.');
    const other = Buffer.from(JSON.stringify({ i: { ...MARIE, nationalId: '899700000000' }, exp: 9e9 })).toString(
      'base64url',
    );
    assert.equal(readPendingIdentityToken(`${p}.${other}.${sig}`, { secret: SECRET, now: () => now }), null);
    assert.equal(readPendingIdentityToken(`${p}.${payload}.`, { secret: SECRET }), null);
    assert.equal(readPendingIdentityToken('garbage', { secret: SECRET }), null);
    assert.equal(readPendingIdentityToken(undefined, { secret: SECRET }), null);
    now += 61;
    assert.equal(readPendingIdentityToken(token, { secret: SECRET, now: () => now }), null);
    assert.throws(() => createPendingIdentityToken(MARIE, { secret: 'short' }), /32 characters/);
  });
});

describe('toNodeHandler', () => {
  it('serves the handler on node:http with cookies kept apart, 404 when it declines, 413 on a huge body', async () => {
    const listener = toNodeHandler(
      async (request) => {
        const url = new URL(request.url);
        if (url.pathname === '/none') return undefined;
        const headers = new Headers({ 'content-type': 'application/json' });
        headers.append('set-cookie', 'a=1');
        headers.append('set-cookie', 'b=2');
        return new Response(JSON.stringify({ method: request.method, host: url.host, body: await request.text() }), {
          status: 201,
          headers,
        });
      },
      { bodyLimit: 100 },
    );
    const server = createServer(listener);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const res = await fetch(`${base}/x`, { method: 'POST', body: 'hello' });
      assert.equal(res.status, 201);
      assert.deepEqual(res.headers.getSetCookie(), ['a=1', 'b=2']);
      assert.deepEqual(await res.json(), { method: 'POST', host: new URL(base).host, body: 'hello' });
      assert.equal((await fetch(`${base}/none`)).status, 404);
      assert.equal((await fetch(`${base}/x`, { method: 'POST', body: 'x'.repeat(1000) })).status, 413);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
