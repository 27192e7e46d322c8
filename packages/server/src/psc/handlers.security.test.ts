/**
 * The PSC routes attacked: open redirects through `return_to` (the strings and a property over the `Location`
 * sent), a shared workstation's sign-out, `prompt` / `max_age`, and CIBA push bombing. PSC itself is replaced by a
 * stand-in client here (the sandbox's real oidc-provider is used by the demo's end-to-end tests).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identityFromPscUserInfo } from '@authforte/core';
import { PscError } from '@authforte/core/psc';
import fc from 'fast-check';
import type { PscAuthentication, PscClient } from './client.js';
import { createPscHandlers, type PscHandlersOptions } from './handlers.js';
import { MemoryPscSessionStore } from './session-store.js';

const APP = 'https://app.example.fr';
const USERINFO = {
  sub: 'f:550dc1c8-d97b-4b1e-ac8c-8eb4471cf9dd:899700366240',
  SubjectNameID: '899700366240',
  given_name: 'ROBERT',
  family_name: 'DOC0036624',
  SubjectRefPro: { codeCivilite: 'M', exercices: [{ codeProfession: '10', codeCategorieProfessionnelle: 'C' }] },
};

function standIn() {
  const calls = { authorize: [] as unknown[], ciba: [] as string[], logout: [] as unknown[] };
  const auth: PscAuthentication = {
    identity: identityFromPscUserInfo(USERINFO),
    userinfo: USERINFO,
    idToken: 'id-token-of-robert',
    idTokenClaims: {},
    accessToken: 'at',
  };
  const client = {
    options: { redirectUri: `${APP}/authforte/psc/callback` },
    startAuthorization: async (o: unknown) => {
      calls.authorize.push(o);
      return { url: new URL('https://psc.example/auth'), transaction: { state: 's', nonce: 'n', codeVerifier: 'v' } };
    },
    completeAuthorization: async () => auth,
    startCiba: async ({ nationalId }: { nationalId: string }) => {
      calls.ciba.push(nationalId);
      return {
        authReqId: `req-${calls.ciba.length}`,
        bindingMessage: '42',
        expiresAt: Date.now() / 1000 + 120,
        interval: 1,
      };
    },
    pollCiba: async () => {
      throw new PscError('psc-refused', 'refused on the phone');
    },
    logoutUrl: async (o: { idTokenHint?: string }) => {
      calls.logout.push(o);
      return new URL(`https://psc.example/logout?id_token_hint=${o.idTokenHint}`);
    },
  } as unknown as PscClient;
  return { client, calls };
}

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

function setup(extra: Partial<PscHandlersOptions> = {}) {
  const { client, calls } = standIn();
  const errors: string[] = [];
  const h = createPscHandlers({
    client,
    cookieSecret: '0123456789abcdef0123456789abcdef!',
    onError: (e) => errors.push(e.code),
    getCsrfToken: (request) => (request.headers.get('cookie')?.includes('host=s1') ? 'csrf-1' : undefined),
    ...extra,
  });
  return { h, calls, errors };
}

/** The `Location` of a sign-in that went all the way (login → PSC → callback) with this `return_to`. */
async function landing(h: ReturnType<typeof setup>['h'], returnTo: string): Promise<string> {
  const login = await h.handle(new Request(`${APP}/authforte/psc/login?return_to=${encodeURIComponent(returnTo)}`));
  const cb = await h.handle(
    new Request(`${APP}/authforte/psc/callback?code=c&state=s`, { headers: { cookie: cookiesOf(login as Response) } }),
  );
  return (cb as Response).headers.get('location') ?? '';
}

describe('PSC routes: return_to', () => {
  it('refuses the strings that normalise to another host', async () => {
    const { h } = setup();
    for (const attack of ['/.//evil.example/', '/%2e%2e//evil.example/', '/a/..//evil.example/', '/\t/evil.example']) {
      const location = await landing(h, attack);
      assert.equal(new URL(location, `${APP}/x`).origin, APP, `${attack} → ${location}`);
      assert.equal(location, '/?psc=ok');
    }
    assert.equal(await landing(h, '/dossier/42?onglet=2'), '/dossier/42?onglet=2&psc=ok');
  });

  it('property: the Location of the callback never leaves the application', async () => {
    const { h } = setup();
    const piece = fc.constantFrom('/', '\\', '.', '..', '%2e', '%2f', 'evil.example', '@', ':', '?', '#', '\t', 'a');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.array(piece, { maxLength: 10 }).map((p) => p.join('')),
        ),
        async (rt) => {
          const location = await landing(h, rt);
          assert.equal(new URL(location, `${APP}/page`).origin, APP, `${JSON.stringify(rt)} → ${location}`);
          assert.ok(location.startsWith('/') && !location.startsWith('//') && !location.includes('\\'));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('PSC routes: shared workstation', () => {
  it('sharedWorkstation asks PSC for a fresh authentication; maxAgeSeconds sends max_age', async () => {
    const shared = setup({ sharedWorkstation: true });
    await shared.h.handle(new Request(`${APP}/authforte/psc/login`));
    assert.deepEqual(shared.calls.authorize, [{ prompt: 'login' }]);
    const aged = setup({ maxAgeSeconds: 0, prompt: 'select_account' });
    await aged.h.handle(new Request(`${APP}/authforte/psc/login?login_hint=899700366240`));
    assert.deepEqual(aged.calls.authorize, [{ prompt: 'select_account', maxAge: 0, loginHint: '899700366240' }]);
  });

  it('signOut ends the PSC session, its cookies and PSC’s own session (id_token_hint), with the host’s cookie', async () => {
    const store = new MemoryPscSessionStore();
    const { h, calls } = setup({ store });
    const login = await h.handle(new Request(`${APP}/authforte/psc/login`));
    const cb = (await h.handle(
      new Request(`${APP}/authforte/psc/callback?code=c&state=s`, {
        headers: { cookie: cookiesOf(login as Response) },
      }),
    )) as Response;
    const cookie = cookiesOf(cb);
    const before = await h.handle(new Request(`${APP}/authforte/psc/session`, { headers: { cookie } }));
    assert.equal(before?.status, 200);
    const out = await h.signOut(new Request(`${APP}/deconnexion`, { method: 'POST', headers: { cookie } }), {
      headers: { 'set-cookie': 'host_sid=; Max-Age=0' },
    });
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), 'https://psc.example/logout?id_token_hint=id-token-of-robert');
    assert.deepEqual(calls.logout, [{ idTokenHint: 'id-token-of-robert' }]);
    const cleared = out.headers.getSetCookie();
    assert.ok(cleared.includes('host_sid=; Max-Age=0'));
    for (const name of ['af_psc_session', 'af_psc_tx', 'af_psc_ciba'])
      assert.ok(
        cleared.some((c) => c.startsWith(`__Host-${name}=;`) && c.includes('Max-Age=0')),
        name,
      );
    // even a copy of the old cookie (the browser of the next person never has it, an attacker might) is dead
    const after = await h.handle(new Request(`${APP}/authforte/psc/session`, { headers: { cookie } }));
    assert.equal(after?.status, 401);
  });

  it('signOut without a PSC sign-in stays on the site', async () => {
    const { h, calls } = setup();
    const out = await h.signOut(new Request(`${APP}/deconnexion`, { method: 'POST' }), { returnTo: '//evil.example' });
    assert.equal(out.headers.get('location'), '/');
    assert.equal(calls.logout.length, 0);
  });
});

describe('PSC routes: CIBA push bombing', () => {
  const start = (h: ReturnType<typeof setup>['h'], nationalId: string, headers: Record<string, string> = {}) =>
    h.handle(
      new Request(`${APP}/authforte/psc/ciba/start`, {
        method: 'POST',
        headers: {
          origin: APP,
          'content-type': 'application/json',
          cookie: 'host=s1',
          'x-csrf-token': 'csrf-1',
          ...headers,
        },
        body: JSON.stringify({ nationalId }),
      }),
    ) as Promise<Response>;

  it('refuses a push without the host session’s CSRF token, and when the host gave no way to check it', async () => {
    const { h, calls } = setup();
    assert.equal((await start(h, '899700366240', { 'x-csrf-token': '' })).status, 403);
    assert.equal((await start(h, '899700366240', { 'x-csrf-token': 'forged' })).status, 403);
    assert.equal((await start(h, '899700366240', { cookie: '' })).status, 403, 'no host session');
    const unguarded = setup({ getCsrfToken: undefined });
    assert.equal((await start(unguarded.h, '899700366240')).status, 403);
    assert.deepEqual([...calls.ciba, ...unguarded.calls.ciba], [], 'no phone was disturbed');
  });

  it('a flood of 30 pushes to one professional reaches the phone once, the rest are rate-limited and logged', async () => {
    const { h, calls, errors } = setup({
      // 30 attackers' sessions (or addresses), each with its own CSRF token
      getCsrfToken: (request) => request.headers.get('cookie')?.replace('host=', 'csrf-'),
    });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        start(h, '899700366240', { cookie: `host=${i}`, 'x-csrf-token': `csrf-${i}` }),
      ),
    );
    assert.equal(answers.filter((r) => r.status === 200).length, 1);
    assert.deepEqual(calls.ciba, ['899700366240']);
    const refused = answers.filter((r) => r.status === 429);
    assert.equal(refused.length, 29);
    const body = (await refused[0]?.json()) as {
      error: { code: string; category: string; retryable: boolean; details: { retryAfter: number } };
    };
    assert.equal(body.error.code, 'rate-limited');
    assert.equal(body.error.retryable, true);
    assert.equal(refused[0]?.headers.get('x-content-type-options'), 'nosniff', 'JSON answers are not sniffed');
    const retryAfter = body.error.details.retryAfter;
    assert.ok(retryAfter > 0 && Number(refused[0]?.headers.get('retry-after')) === retryAfter);
    assert.equal(errors.filter((c) => c === 'rate-limited').length, 29);
  });

  it('the professional who cancelled in the page may ask again at once; someone else may not', async () => {
    const { h, calls } = setup({
      getCsrfToken: (request) => request.headers.get('cookie')?.replace('host=', 'csrf-'),
    });
    assert.equal((await start(h, '899700366240', { cookie: 'host=a', 'x-csrf-token': 'csrf-a' })).status, 200);
    assert.equal((await start(h, '899700366240', { cookie: 'host=a', 'x-csrf-token': 'csrf-a' })).status, 200);
    assert.equal((await start(h, '899700366240', { cookie: 'host=b', 'x-csrf-token': 'csrf-b' })).status, 429);
    assert.equal(calls.ciba.length, 2);
  });

  it('budgets per national identifier per hour (after each refusal) and per session', async () => {
    const { h, calls } = setup();
    for (let i = 0; i < 3; i++) {
      const r = await start(h, '899700366240');
      assert.equal(r.status, 200, `request ${i + 1}`);
      // the professional refuses on the phone: the request ends, a new one may be asked
      await new Promise((resolve) => setTimeout(resolve, 1100)); // the poll interval
      await h.handle(
        new Request(`${APP}/authforte/psc/ciba/poll`, {
          method: 'POST',
          headers: { origin: APP, cookie: cookiesOf(r) },
        }),
      );
    }
    const fourth = await start(h, '899700366240');
    assert.equal(fourth.status, 429);
    assert.ok(
      ((await fourth.json()) as { error: { details: { retryAfter: number } } }).error.details.retryAfter > 3000,
    );
    // one session spraying identifiers: 10 requests per hour in all, refused ones included
    const spray = [];
    for (let i = 0; i < 8; i++) spray.push((await start(h, `89970000000${i}`)).status);
    assert.deepEqual(spray, [200, 200, 200, 200, 200, 200, 429, 429]);
    assert.equal(calls.ciba.length, 9);
  });
});
