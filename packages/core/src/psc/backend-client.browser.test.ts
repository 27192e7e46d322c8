/// <reference types="mocha" />
/**
 * The backend-mode client in a real browser, with the backend's answers injected (the routes themselves are
 * tested end to end against the sandbox in packages/sandbox/src/psc/psc.e2e.test.ts).
 */
import { expect } from '@open-wc/testing';
import { toLoginError } from '../login/errors.js';
import { PscBackendClient } from './backend-client.js';
import { PscBrowserClient } from './browser-client.js';
import { isPscError, type PscError } from './errors.js';
import { pscEnvironment } from './presets.js';

const identity = { nationalId: '899700366240', practices: [] };

function fakeBackend(
  answers: Array<{ status: number; body: unknown }>,
  calls: Array<{ url: string; init?: RequestInit }> = [],
) {
  const queue = [...answers];
  const f: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), ...(init ? { init } : {}) });
    const next = queue.shift() ?? { status: 500, body: {} };
    return new Response(JSON.stringify(next.body), {
      status: next.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return f;
}

async function rejection(p: Promise<unknown>): Promise<PscError> {
  try {
    await p;
  } catch (err) {
    expect(isPscError(err), String(err)).to.equal(true);
    return err as PscError;
  }
  throw new Error('expected a rejection');
}

describe('PscBackendClient', () => {
  it('builds login addresses under its base path', () => {
    const c = new PscBackendClient({ basePath: '/api/psc/' });
    expect(c.loginUrl()).to.equal('/api/psc/login');
    expect(c.loginUrl({ returnTo: '/a?b=1', mode: 'popup', loginHint: '899700366240' })).to.equal(
      '/api/psc/login?return_to=%2Fa%3Fb%3D1&mode=popup&login_hint=899700366240',
    );
  });

  it('handleReturn: typed error for psc_error, null without a PSC answer, the session on psc=ok', async () => {
    const c = new PscBackendClient({ fetch: fakeBackend([{ status: 200, body: { identity, expiresAt: 1 } }]) });
    expect((await rejection(c.handleReturn('/page?psc_error=psc-refused'))).code).to.equal('psc-refused');
    expect((await rejection(c.handleReturn('/page?psc_error=<script>'))).code).to.equal('psc-bad-response');
    expect(await c.handleReturn('/page')).to.equal(null);
    expect((await c.handleReturn('/page?psc=ok'))?.identity.nationalId).to.equal('899700366240');
  });

  it('session: null on 401, typed error otherwise; unreachable backend → psc-unreachable', async () => {
    const c = new PscBackendClient({
      fetch: fakeBackend([
        { status: 401, body: { error: 'psc-not-signed-in' } },
        { status: 502, body: { error: 'psc-unreachable', message: 'down' } },
      ]),
    });
    expect(await c.session()).to.equal(null);
    expect((await rejection(c.session())).code).to.equal('psc-unreachable');
    const down = new PscBackendClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect((await rejection(down.session())).code).to.equal('psc-unreachable');
  });

  it('a refusal of the page’s address (403 origin-refused) reaches the sign-in as origin-refused', async () => {
    const c = new PscBackendClient({
      fetch: fakeBackend([{ status: 403, body: { error: 'origin-refused', message: 'cross-origin request refused' } }]),
    });
    const err = await rejection(c.cibaStart('810001234567'));
    expect(toLoginError(err).code).to.equal('origin-refused');
  });

  it('CIBA: start sends JSON with the CSRF header; wait polls until authenticated', async () => {
    const calls: Array<{ url: string; init?: RequestInit }> = [];
    const c = new PscBackendClient({
      fetch: fakeBackend(
        [
          { status: 200, body: { bindingMessage: '42', expiresIn: 120, interval: 0.01 } },
          { status: 200, body: { status: 'pending', interval: 0.01 } },
          { status: 200, body: { status: 'authenticated', identity, expiresAt: 5 } },
        ],
        calls,
      ),
    });
    expect((await c.cibaStart('899700366240')).bindingMessage).to.equal('42');
    expect(calls[0]?.url).to.equal('/authforte/psc/ciba/start');
    expect(calls[0]?.init?.method).to.equal('POST');
    expect(((calls[0]?.init?.headers ?? {}) as Record<string, string>)['x-authforte']).to.equal('1');
    expect(JSON.parse(String(calls[0]?.init?.body))).to.deep.equal({ nationalId: '899700366240' });
    const session = await c.cibaWait({ initialInterval: 0.01 });
    expect(session.identity.nationalId).to.equal('899700366240');
    expect(calls.length).to.equal(3);
  });

  it('CIBA: refusal and expiry are typed errors; aborting → cancelled', async () => {
    const refused = new PscBackendClient({ fetch: fakeBackend([{ status: 400, body: { error: 'psc-refused' } }]) });
    expect((await rejection(refused.cibaWait({ initialInterval: 0.01 }))).code).to.equal('psc-refused');
    const expired = new PscBackendClient({ fetch: fakeBackend([{ status: 400, body: { error: 'psc-expired' } }]) });
    expect((await rejection(expired.cibaWait({ initialInterval: 0.01 }))).code).to.equal('psc-expired');
    const controller = new AbortController();
    const waiting = new PscBackendClient({ fetch: fakeBackend([]) }).cibaWait({
      signal: controller.signal,
      initialInterval: 10,
    });
    controller.abort();
    expect((await rejection(waiting)).code).to.equal('cancelled');
  });
});

describe('PscBrowserClient configuration', () => {
  const environment = pscEnvironment('https://broker.example/auth/realms/esante-wallet');
  it('refuses a configuration without client or with relative addresses (psc-config)', () => {
    for (const options of [
      { environment, clientId: '', redirectUri: 'https://app.example/cb' },
      { environment, clientId: 'spa', redirectUri: '/cb' },
      { environment, clientId: 'spa', redirectUri: 'https://app.example/cb', postLogoutRedirectUri: 'nope' },
    ]) {
      let code = 'none';
      try {
        new PscBrowserClient(options);
      } catch (err) {
        code = (err as PscError).code;
      }
      expect(code).to.equal('psc-config');
    }
  });

  it('a malformed discovery document → psc-bad-discovery; nothing written to localStorage', async () => {
    localStorage.clear();
    const client = new PscBrowserClient({
      environment,
      clientId: 'spa',
      redirectUri: 'https://app.example/cb',
      fetch: async () =>
        new Response('{"issuer":"https://evil.example"}', { headers: { 'content-type': 'application/json' } }),
    });
    expect((await rejection(client.signinRedirect())).code).to.equal('psc-bad-discovery');
    expect((await rejection(client.handleRedirectCallback('https://app.example/cb?code=a&state=b'))).code).to.equal(
      'psc-bad-discovery',
    );
    expect((await rejection(client.handleRedirectCallback('not a url'))).code).to.equal('psc-bad-callback');
    expect(localStorage.length).to.equal(0);
  });
});
