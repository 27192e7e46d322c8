import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { PscError, pscEnvironment } from '@authforte/core/psc';
import fc from 'fast-check';
import { toNodeHandler } from '../http/node-adapter.js';
import { createPscClient } from './client.js';
import { createPscHandlers } from './handlers.js';
import { safeReturnTo } from './responses.js';
import { parseCookies, Sealer, serializeCookie } from './sealed.js';

describe('sealed cookies', () => {
  it('round-trips, and refuses tampered, foreign, expired or oversized values', async () => {
    const a = new Sealer('0123456789abcdef0123456789abcdef!', 'tx');
    const token = await a.seal({ state: 's', n: [1, 2] }, 60);
    assert.deepEqual(await a.unseal(token), { state: 's', n: [1, 2] });
    assert.ok(!token.includes('"state"'), 'not readable');
    assert.equal(await a.unseal(`${token.slice(0, -2)}AA`), undefined);
    assert.equal(
      await new Sealer('0123456789abcdef0123456789abcdef!', 'session').unseal(token),
      undefined,
      'other purpose',
    );
    assert.equal(
      await new Sealer('another-secret-of-at-least-32-chars', 'tx').unseal(token),
      undefined,
      'other secret',
    );
    assert.equal(await a.unseal(await a.seal('x', -1)), undefined, 'expired');
    assert.equal(await a.unseal('x'.repeat(9000)), undefined);
    assert.equal(await a.unseal(undefined), undefined);
    assert.throws(() => new Sealer('short', 'tx'), TypeError);
  });
  it('unseal never throws (property)', async () => {
    const a = new Sealer('0123456789abcdef0123456789abcdef!', 'tx');
    await fc.assert(fc.asyncProperty(fc.string(), async (s) => (await a.unseal(s)) === undefined));
  });
  it('parses and writes cookies', () => {
    assert.deepEqual(
      [...parseCookies('a=1; b=2=3; c')],
      [
        ['a', '1'],
        ['b', '2=3'],
      ],
    );
    assert.equal(
      serializeCookie('n', 'v', { maxAge: 5, path: '/', secure: true }),
      'n=v; Path=/; Max-Age=5; HttpOnly; SameSite=Lax; Secure',
    );
  });
});

describe('safeReturnTo', () => {
  it('keeps same-site paths and refuses everything else', () => {
    assert.equal(safeReturnTo('/dossier/42?x=1#h', '/'), '/dossier/42?x=1#h');
    for (const bad of [
      null,
      '',
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      'dossier',
      '/a\nb',
    ]) {
      assert.equal(safeReturnTo(bad, '/home'), '/home', String(bad));
    }
  });
  it('never returns something that leaves the site (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = safeReturnTo(s, '/');
        return new URL(r, 'https://app.example').origin === 'https://app.example';
      }),
    );
  });
});

describe('PSC client configuration and Node adapter', () => {
  const environment = pscEnvironment('http://127.0.0.1:1/auth/realms/esante-wallet', { allowInsecureHttp: true });
  it('refuses incomplete configurations with psc-config', () => {
    const base = { environment, clientId: 'svc', redirectUri: 'https://app.example/cb' };
    assert.throws(
      () => createPscClient({ ...base }),
      (e: unknown) => e instanceof PscError && e.code === 'psc-config',
    );
    assert.throws(() => createPscClient({ ...base, clientAuth: 'private_key_jwt', clientSecret: 's' }), PscError);
    assert.throws(() => createPscClient({ ...base, clientSecret: 's', redirectUri: '/relative' }), PscError);
    assert.throws(() => createPscClient({ ...base, clientId: '', clientSecret: 's' }), PscError);
  });

  it('serves the handlers on node:http; unknown paths fall through to 404; PSC unreachable → typed error', async () => {
    const client = createPscClient({
      environment,
      clientId: 'svc',
      clientSecret: 's',
      redirectUri: 'http://127.0.0.1:9/authforte/psc/callback',
    });
    const handlers = createPscHandlers({ client, cookieSecret: '0123456789abcdef0123456789abcdef!' });
    const server = createServer(toNodeHandler(handlers.handle));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      assert.equal((await fetch(`${base}/elsewhere`)).status, 404);
      const session = await fetch(`${base}/authforte/psc/session`);
      assert.equal(session.status, 401);
      const login = await fetch(`${base}/authforte/psc/login?return_to=/x`, { redirect: 'manual' });
      assert.equal(login.status, 303);
      assert.equal(login.headers.get('location'), '/x?psc_error=psc-unreachable');
      const big = await fetch(`${base}/authforte/psc/ciba/start`, {
        method: 'POST',
        headers: { origin: 'http://127.0.0.1:9' },
        body: 'x'.repeat(100_000),
      });
      assert.equal(big.status, 413);
      // a page at another address: refused with its own code, so the sign-in says the address is wrong
      const foreign = await fetch(`${base}/authforte/psc/ciba/start`, {
        method: 'POST',
        headers: { origin: 'http://evil.test', 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(foreign.status, 403);
      assert.equal(((await foreign.json()) as { error: { code: string } }).error.code, 'origin-refused');
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});
