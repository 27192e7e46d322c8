import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import type { LinkIdentity } from '@authforte/core/account-link';
import { ACCOUNT_LINK_SERVER_ERRORS } from '@authforte/core/account-link';
import fc from 'fast-check';
import { toNodeHandler } from '../http/node-adapter.js';
import { AccountLinkError, type AccountLinkServerErrorCode } from './errors.js';
import { createAccountLinkHandler } from './handler.js';
import { createMemoryLockout, type LockoutPolicy } from './lockout.js';
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

/** The error envelope the endpoint answers for `code` (its row of the table, no details). */
function envelope(code: AccountLinkServerErrorCode) {
  const { category, retryable, message } = ACCOUNT_LINK_SERVER_ERRORS[code];
  return { code, category, retryable, message, details: {} };
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
    assert.deepEqual(wrong, { status: 401, body: { ok: false, error: envelope('invalid-credentials') } });
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
    const body = (await third.json()) as { error: { code: string; message: string; details: { retryAfter: number } } };
    assert.equal(body.error.code, 'locked');
    assert.equal(body.error.details.retryAfter, 120);
    assert.match(body.error.message, /locked for 2 minutes/);
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
        const error = body.error as { code: string; details: { attemptsLeft?: number } };
        return [status, error.code, error.details.attemptsLeft];
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
        body: { ok: false, error: envelope('csrf') },
      });
    }
    assert.equal(h.verified.length, 0);
    assert.equal(h.links.size, 0);
  });

  it('refuses when no identity is pending', async () => {
    const h = host({ pending: null });
    assert.deepEqual(await answer(await h.handler(post({ username: 'marie.dupont', password: 'Bon-Mot-de-passe' }))), {
      status: 403,
      body: { ok: false, error: envelope('no-pending-identity') },
    });
    const get = await h.handler(new Request('http://app.test/api/account-link'));
    assert.equal(get.status, 403);
  });

  it('answers an identity already linked elsewhere exactly as a wrong password (no password oracle)', async () => {
    const h = host({ linkedTo: 'acc-other' });
    const right = await answer(await h.handler(post({ username: 'marie.dupont', password: 'Bon-Mot-de-passe' })));
    const wrong = await answer(await h.handler(post({ username: 'marie.dupont', password: 'Mauvais' })));
    assert.deepEqual(right, { status: 401, body: { ok: false, error: envelope('invalid-credentials') } });
    assert.deepEqual(right, wrong);
    assert.deepEqual(h.events, ['already-linked', 'invalid-credentials'], 'the host still logs what happened');
    assert.equal(h.links.get(MARIE.nationalId), 'acc-other');
    // and it counts as a failure: the third try is locked
    const third = await h.handler(post({ username: 'marie.dupont', password: 'Bon-Mot-de-passe' }));
    assert.equal(third.status, 429);
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
      assert.deepEqual(await res.json(), { ok: false, error: envelope('bad-request') });
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

describe('createAccountLinkHandler under attack', () => {
  const slowHost = (lockout = createMemoryLockout({ maxFailures: 5 })) => {
    const links = new Map<string, string>();
    const verified: string[] = [];
    const handler = createAccountLinkHandler({
      getPendingIdentity: () => MARIE,
      getCsrfToken: () => 'csrf-ok',
      // a real password hash takes tens of milliseconds: every request of a burst is in flight at once
      verifyCredentials: async (u, p) => {
        verified.push(p);
        await new Promise((r) => setTimeout(r, 30));
        return u === 'marie.dupont' && p === 'Bon-Mot-de-passe' ? { accountId: 'victim' } : null;
      },
      linkIdentity: ({ identity, accountId }) => {
        links.set(identity.nationalId, accountId);
      },
      lockout,
      minFailureMs: 0,
    });
    return { handler, links, verified };
  };

  it('a burst of 25 simultaneous guesses tests at most maxFailures passwords, and the right one does not link', async () => {
    const h = slowHost();
    const guesses = Array.from({ length: 25 }, (_, i) => (i === 20 ? 'Bon-Mot-de-passe' : `guess-${i}`));
    const answers = await Promise.all(guesses.map((p) => h.handler(post({ username: 'marie.dupont', password: p }))));
    const statuses = answers.map((r) => r.status);
    assert.ok(h.verified.length <= 5, `${h.verified.length} passwords were checked`);
    assert.equal(statuses.filter((s) => s === 200).length, 0);
    assert.ok(statuses.every((s) => s === 401 || s === 429));
    assert.ok(statuses.filter((s) => s === 429).length >= 20, 'the attempts over the budget are refused unchecked');
    assert.equal(h.links.size, 0, 'the attacker’s card is not linked to the victim’s account');
  });

  it('the memory policy counts attempts atomically: 50 concurrent attempts, exactly maxFailures accepted', async () => {
    const lockout = createMemoryLockout({ maxFailures: 4 });
    const states = await Promise.all(Array.from({ length: 50 }, async () => lockout.attempt('user:x')));
    assert.equal(states.filter((s) => !s.locked).length, 4);
    assert.ok(states.filter((s) => s.locked).every((s) => (s.retryAfter ?? 0) > 0));
    await lockout.reset('user:x');
    assert.equal((await lockout.attempt('user:x')).locked, false, 'a success (reset) unlocks');
  });

  it('refuses a lockout policy of the old two-step shape (check, then registerFailure)', () => {
    const twoStep = { check: () => ({ locked: false }), registerFailure: () => ({ locked: false }), reset: () => {} };
    assert.throws(
      () =>
        createAccountLinkHandler({
          getPendingIdentity: () => MARIE,
          getCsrfToken: () => 'csrf-ok',
          verifyCredentials: () => null,
          linkIdentity: () => {},
          lockout: twoStep as unknown as LockoutPolicy,
        }),
      /attempt\(key\)/,
    );
  });

  it('compares Origin with the configured public origin, not one derived from Host', async () => {
    const handler = createAccountLinkHandler({
      getPendingIdentity: () => MARIE,
      getCsrfToken: () => 'csrf-ok',
      verifyCredentials: () => ({ accountId: 'acc-1' }),
      linkIdentity: () => {},
      origin: 'https://app.example.fr',
      minFailureMs: 0,
    });
    const creds = { username: 'marie.dupont', password: 'x' };
    // the attacker's page sets Host to its own name (DNS rebinding, a proxy that forwards Host): refused
    const forged = new Request('http://evil.example/api/account-link', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'csrf-ok', origin: 'http://evil.example' },
      body: JSON.stringify(creds),
    });
    assert.equal((await handler(forged)).status, 403);
    const real = post(creds, { origin: 'https://app.example.fr' });
    assert.equal((await handler(real)).status, 200);
  });

  it('one normalizeUsername for the lockout key and verifyCredentials: case and width variants share a budget', async () => {
    const seen: string[] = [];
    const handler = createAccountLinkHandler({
      getPendingIdentity: () => ({ ...MARIE, nationalId: `${Math.random()}` }),
      getCsrfToken: () => 'csrf-ok',
      verifyCredentials: (u) => {
        seen.push(u);
        return null;
      },
      linkIdentity: () => {},
      lockout: createMemoryLockout({ maxFailures: 3 }),
      minFailureMs: 0,
    });
    const variants = ['marie.dupont', 'MARIE.DUPONT', ' Marie.Dupont ', 'ｍａｒｉｅ.ｄｕｐｏｎｔ'];
    const statuses = [];
    for (const username of variants) statuses.push((await handler(post({ username, password: 'x' }))).status);
    assert.deepEqual(statuses, [401, 401, 429, 429]);
    assert.deepEqual(
      seen,
      ['marie.dupont', 'marie.dupont', 'marie.dupont'],
      'the host checks the name the lockout counted',
    );
  });

  it('never answers a redirectTo that leads off-site, whatever the host returned', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom('//evil.example', '/\\evil.example', '/\t/evil.example', '/.//evil.example/', '/a/..//evil'),
          fc.string({ unit: fc.constantFrom('/', '\\', '.', '%2e', '%2f', 'evil', ':', '\t', '\n', '?', '#', '@') }),
        ),
        async (target) => {
          const handler = createAccountLinkHandler({
            getPendingIdentity: () => MARIE,
            getCsrfToken: () => 'csrf-ok',
            verifyCredentials: () => ({ accountId: 'acc-1' }),
            linkIdentity: () => {},
            onLinked: () => ({ redirectTo: target }),
            lockout: createMemoryLockout({ maxFailures: 1e9 }),
            minFailureMs: 0,
          });
          const body = (await (await handler(post({ username: 'u', password: 'p' }))).json()) as {
            redirectTo?: string;
          };
          if (body.redirectTo === undefined) return;
          const resolved = new URL(body.redirectTo, 'https://app.example.fr/espace-professionnel');
          assert.equal(resolved.origin, 'https://app.example.fr', `${JSON.stringify(target)} → ${body.redirectTo}`);
          assert.ok(![...body.redirectTo].some((c) => c.charCodeAt(0) < 0x20 || c === '\\'));
        },
      ),
      { numRuns: 300 },
    );
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
