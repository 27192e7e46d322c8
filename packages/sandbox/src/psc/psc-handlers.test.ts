/** `@authforte/server`'s PSC handlers (Web Request/Response) against the sandbox PSC, without a browser. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPscHandlers, MemoryPscSessionStore } from '@authforte/server';
import { type RunningSandboxPsc, startSandboxPsc } from './server.js';
import { AIDE_SOIGNANTE, clientFor, phone } from './test-support/psc-client.js';

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
