/**
 * Security of the agent's HTTP surface: Host and Origin checks, CORS and the Private Network Access
 * preflight, loopback-only binding, malformed and oversized bodies, rate limits, pairing — and the
 * agent keeps serving after all of it, without a PIN in its log.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AgentError, CardAgentClient } from '@authforte/core/agent';
import { captureLogger, raw, rejectWrongPairingCode } from '@authforte/test-kit';
import { AgentConfigError, type RunningCardAgent, startCardAgent } from './index.js';
import { medecinCard, PIN } from './test-support/medecin-card.js';

const ALLOWED = 'http://localhost:42000';
const PAIRABLE = 'https://app.example.fr';

const { backend: virtualCard } = medecinCard('ca');
const log = captureLogger();
const codes: Array<{ origin: string; code: string }> = [];
let agent: RunningCardAgent;
let host: string;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'af-agent-sec-'));
  agent = await startCardAgent({
    backend: virtualCard(),
    port: 0,
    allowedOrigins: [ALLOWED],
    logger: log.logger,
    pairingFile: join(dir, 'pairings.json'),
    onPairingCode: (n) => codes.push({ origin: n.origin, code: n.code }),
    rateLimits: { authenticatePerMinute: 1000 },
  });
  host = new URL(agent.url).host;
});

after(async () => {
  await agent?.close();
  rmSync(dir, { recursive: true, force: true });
});

const json = (origin: string, body: unknown) => ({
  method: 'POST',
  headers: { host, origin, 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function stillServing(): Promise<void> {
  const c = new CardAgentClient({ baseUrl: agent.url, headers: { origin: ALLOWED } });
  const proof = await c.authenticate({ nonce: 'still-serving-0001', pin: PIN });
  assert.equal(proof.origin, ALLOWED);
}

describe('Host header (DNS rebinding)', () => {
  for (const bad of [
    'evil.example',
    `evil.example:${new URL('http://x:1').port || '80'}`,
    'attacker.test:24680',
    '127.0.0.1:1',
  ]) {
    test(`Host "${bad}" is refused without CORS headers`, async () => {
      const r = await raw(`${agent.url}/v1`, { headers: { host: bad, origin: ALLOWED } });
      assert.equal(r.status, 421);
      assert.equal(r.json.error?.code, 'host-not-allowed');
      assert.equal(r.headers['access-control-allow-origin'], undefined);
    });
  }
  test('a rebinding name on the right port is refused too', async () => {
    const r = await raw(`${agent.url}/v1/card`, {
      headers: { host: `rebind.attacker.test:${new URL(agent.url).port}`, origin: ALLOWED },
    });
    assert.equal(r.json.error?.code, 'host-not-allowed');
  });
  test('localhost and 127.0.0.1 names are accepted', async () => {
    for (const h of [host, `localhost:${new URL(agent.url).port}`]) {
      const r = await raw(`${agent.url}/v1`, { headers: { host: h, origin: ALLOWED } });
      assert.equal(r.status, 200);
    }
  });
});

describe('Origin and CORS', () => {
  test('an allowlisted origin gets CORS headers and card access', async () => {
    const r = await raw(`${agent.url}/v1/card`, { headers: { host, origin: ALLOWED } });
    assert.equal(r.status, 200);
    assert.equal(r.headers['access-control-allow-origin'], ALLOWED);
    assert.match(String(r.headers.vary), /Origin/);
  });
  for (const bad of ['http://evil.example', 'null', 'file://', 'https://evil.example/path', 'chrome-extension://abc']) {
    test(`origin "${bad}" is refused without CORS headers`, async () => {
      const r = await raw(`${agent.url}/v1/card`, { headers: { host, origin: bad } });
      assert.equal(r.status, 403);
      assert.equal(r.json.error?.code, 'origin-not-allowed');
      assert.equal(r.headers['access-control-allow-origin'], undefined);
    });
  }
  test('an https origin that has not paired sees discovery (paired: false) but not the card', async () => {
    const d = await raw(`${agent.url}/v1`, { headers: { host, origin: 'https://other.example' } });
    assert.equal(d.status, 200);
    assert.equal(d.json.paired, false);
    assert.equal(d.json.pairing, true);
    const r = await raw(`${agent.url}/v1/card`, { headers: { host, origin: 'https://other.example' } });
    assert.equal(r.status, 401);
    assert.equal(r.json.error?.code, 'not-paired');
    const a = await raw(
      `${agent.url}/v1/authenticate`,
      json('https://other.example', { nonce: 'a'.repeat(20), pin: PIN }),
    );
    assert.equal(a.json.error?.code, 'not-paired');
  });
  test('no Origin: discovery only', async () => {
    assert.equal((await raw(`${agent.url}/v1`, { headers: { host } })).status, 200);
    const r = await raw(`${agent.url}/v1/card`, { headers: { host } });
    assert.equal(r.json.error?.code, 'origin-required');
  });
  test('the Private Network Access preflight is answered for an allowed origin only', async () => {
    const pre = {
      method: 'OPTIONS',
      headers: {
        host,
        origin: ALLOWED,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
        'access-control-request-private-network': 'true',
      },
    };
    const ok = await raw(`${agent.url}/v1/authenticate`, pre);
    assert.equal(ok.status, 204);
    assert.equal(ok.headers['access-control-allow-origin'], ALLOWED);
    assert.equal(ok.headers['access-control-allow-private-network'], 'true');
    assert.match(String(ok.headers['access-control-allow-headers']), /authorization/);
    const bad = await raw(`${agent.url}/v1/authenticate`, {
      ...pre,
      headers: { ...pre.headers, origin: 'http://evil.example' },
    });
    assert.equal(bad.status, 403);
    assert.equal(bad.headers['access-control-allow-private-network'], undefined);
    assert.equal(bad.headers['access-control-allow-origin'], undefined);
  });
});

describe('loopback only', () => {
  for (const h of ['0.0.0.0', '::', '192.168.1.10', 'example.org', '10.0.0.1']) {
    test(`binding to ${h} is refused`, async () => {
      await assert.rejects(
        startCardAgent({ backend: virtualCard(), port: 0, host: h, logger: log.logger }),
        AgentConfigError,
      );
    });
  }
  test('binding to ::1 works (when IPv6 is available)', async (t) => {
    let a: RunningCardAgent | undefined;
    try {
      a = await startCardAgent({ backend: virtualCard(), port: 0, host: '::1', logger: log.logger });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') {
        t.diagnostic('no IPv6 loopback here');
        return;
      }
      throw err;
    }
    assert.match(a.url, /^http:\/\/\[::1\]:\d+$/);
    await a.close();
  });
});

describe('request bodies', () => {
  const cases: Array<[string, { headers?: Record<string, string>; body: string }, number, string]> = [
    ['invalid JSON', { body: '{"nonce": ' }, 400, 'bad-request'],
    ['a JSON array', { body: '[1,2]' }, 400, 'bad-request'],
    ['a JSON string', { body: '"pin"' }, 400, 'bad-request'],
    ['text/plain', { headers: { 'content-type': 'text/plain' }, body: '{}' }, 415, 'unsupported-media-type'],
    [
      'a form',
      { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'pin=1234' },
      415,
      'unsupported-media-type',
    ],
    [
      'an oversized body',
      { body: JSON.stringify({ nonce: 'a'.repeat(20), pin: PIN, pad: 'x'.repeat(20_000) }) },
      413,
      'body-too-large',
    ],
    ['a short nonce', { body: JSON.stringify({ nonce: 'abc', pin: PIN }) }, 400, 'bad-request'],
    [
      'a nonce with bad characters',
      { body: JSON.stringify({ nonce: '<script>alert(1)</script>', pin: PIN }) },
      400,
      'bad-request',
    ],
    ['a PIN with letters', { body: JSON.stringify({ nonce: 'a'.repeat(20), pin: '12ab' }) }, 400, 'pin-format-invalid'],
    ['a numeric PIN', { body: JSON.stringify({ nonce: 'a'.repeat(20), pin: 1234 }) }, 400, 'pin-format-invalid'],
    ['no PIN', { body: JSON.stringify({ nonce: 'a'.repeat(20) }) }, 400, 'pin-format-invalid'],
    // the CPS PIN is 4 digits (CPS_PIN_LENGTH, the one source): no try is spent on a longer one
    [
      'a PIN of 6 digits',
      { body: JSON.stringify({ nonce: 'a'.repeat(20), pin: '123456' }) },
      400,
      'pin-format-invalid',
    ],
    [
      'confirmFinalTry as a string',
      { body: JSON.stringify({ nonce: 'a'.repeat(20), pin: PIN, confirmFinalTry: 'yes' }) },
      400,
      'bad-request',
    ],
  ];
  for (const [name, req, status, code] of cases) {
    test(`${name} → ${status} ${code}`, async () => {
      const r = await raw(`${agent.url}/v1/authenticate`, {
        method: 'POST',
        headers: { host, origin: ALLOWED, 'content-type': 'application/json', ...req.headers },
        body: req.body,
      });
      assert.equal(r.status, status);
      assert.equal(r.json.error?.code, code);
      assert.equal(r.headers['access-control-allow-origin'], ALLOWED, 'the page can read the error');
    });
  }
  test('a chunked oversized body is cut off', async () => {
    const { request } = await import('node:http');
    const u = new URL(agent.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: '/v1/authenticate',
          method: 'POST',
          headers: { host, origin: ALLOWED, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write('x'.repeat(1024));
      req.end();
    });
    assert.equal(status, 413);
  });
  test('wrong methods and unknown paths', async () => {
    assert.equal(
      (await raw(`${agent.url}/v1/authenticate`, { headers: { host, origin: ALLOWED } })).json.error?.code,
      'method-not-allowed',
    );
    assert.equal(
      (await raw(`${agent.url}/v1/nope`, { headers: { host, origin: ALLOWED } })).json.error?.code,
      'not-found',
    );
    assert.equal(
      (await raw(`${agent.url}/../etc/passwd`, { headers: { host, origin: ALLOWED } })).json.error?.code,
      'not-found',
    );
  });
  test('the agent keeps serving', stillServing);
});

describe('pairing', () => {
  test('an origin pairs with the code the agent shows, and only that origin uses the token', async () => {
    const c = new CardAgentClient({ baseUrl: agent.url, headers: { origin: PAIRABLE } });
    assert.equal((await c.detect()).status, 'not-paired');
    const req1 = await c.requestPairing();
    assert.equal(req1.codeLength, 6);
    const shown = codes.at(-1)!;
    assert.equal(shown.origin, PAIRABLE);
    for (let i = 0; i < 3; i++) await rejectWrongPairingCode(c, req1.pairingId, shown.code);
    // three wrong codes void the request, even with the right code afterwards
    await assert.rejects(c.confirmPairing(req1.pairingId, shown.code), (e: AgentError) => e.code === 'pairing-unknown');

    const req2 = await c.requestPairing();
    // another origin cannot confirm it
    const thief = new CardAgentClient({ baseUrl: agent.url, headers: { origin: 'https://thief.example' } });
    await assert.rejects(
      thief.confirmPairing(req2.pairingId, codes.at(-1)!.code),
      (e: AgentError) => e.code === 'pairing-unknown',
    );
    await c.confirmPairing(req2.pairingId, codes.at(-1)!.code);
    assert.equal((await c.detect()).status, 'ready');
    const info = await c.cardInfo();
    assert.equal(info.holder.familyName, 'MARTIN-TEST');

    // the file keeps a hash, never the token
    const saved = readFileSync(join(dir, 'pairings.json'), 'utf8');
    assert.match(saved, /app\.example\.fr/);
    assert.ok(!saved.includes('"token"'));

    await c.unpair();
    assert.equal((await c.detect()).status, 'not-paired');
    await assert.rejects(c.cardInfo(), (e: AgentError) => e.code === 'not-paired');
  });

  test('pairing can be turned off (allowlist only)', async () => {
    const a = await startCardAgent({
      backend: virtualCard(),
      port: 0,
      pairing: false,
      allowedOrigins: [ALLOWED],
      logger: log.logger,
    });
    try {
      const req = json(PAIRABLE, {});
      const r = await raw(`${a.url}/v1/pairing`, { ...req, headers: { ...req.headers, host: new URL(a.url).host } });
      assert.equal(r.status, 403);
      assert.equal(r.json.error?.code, 'origin-not-allowed');
      const d = await raw(`${a.url}/v1`, { headers: { host: new URL(a.url).host, origin: ALLOWED } });
      assert.equal(d.json.pairing, false);
    } finally {
      await a.close();
    }
  });
});

describe('rate limits', () => {
  test('authentication attempts per origin are limited', async () => {
    const a = await startCardAgent({
      backend: virtualCard(),
      port: 0,
      allowedOrigins: [ALLOWED],
      logger: log.logger,
      rateLimits: { authenticatePerMinute: 3 },
    });
    try {
      const c = new CardAgentClient({ baseUrl: a.url, headers: { origin: ALLOWED } });
      for (let i = 0; i < 3; i++) await c.authenticate({ nonce: `rate-limit-nonce-${i}`, pin: PIN });
      const err = await c.authenticate({ nonce: 'rate-limit-nonce-x', pin: PIN }).catch((e: AgentError) => e);
      assert.ok(err instanceof AgentError);
      assert.equal(err.code, 'rate-limited');
      assert.ok((err.retryAfterSeconds ?? 0) > 0);
    } finally {
      await a.close();
    }
  });
  test('event streams are limited, and closing them frees the places', async () => {
    const c = new CardAgentClient({ baseUrl: agent.url, headers: { origin: ALLOWED } });
    const ac = new AbortController();
    // 4 per origin by default (and 32 in total)
    for (let i = 0; i < 4; i++) await c.subscribe(() => {}, { signal: ac.signal });
    await assert.rejects(
      c.subscribe(() => {}),
      (e: AgentError) => e.code === 'rate-limited',
    );
    ac.abort();
    await new Promise((r) => setTimeout(r, 100));
    const again = new AbortController();
    await c.subscribe(() => {}, { signal: again.signal });
    again.abort();
  });
  test('wrong pairing codes are limited per hour', async () => {
    const shown: string[] = [];
    const a = await startCardAgent({
      backend: virtualCard(),
      port: 0,
      logger: log.logger,
      onPairingCode: (n) => shown.push(n.code),
      rateLimits: { pairingPerMinute: 100, pairingFailuresPerHour: 4 },
    });
    try {
      const c = new CardAgentClient({ baseUrl: a.url, headers: { origin: PAIRABLE } });
      let failures = 0;
      for (let i = 0; i < 2; i++) {
        const { pairingId } = await c.requestPairing();
        for (let j = 0; j < 3 && failures < 4; j++, failures++)
          await rejectWrongPairingCode(c, pairingId, shown.at(-1));
      }
      const { pairingId } = await c.requestPairing();
      // even the right code is refused until the hour has passed
      await assert.rejects(c.confirmPairing(pairingId, shown.at(-1)!), (e: AgentError) => e.code === 'rate-limited');
    } finally {
      await a.close();
    }
  });
  test('pairing requests per origin are limited', async () => {
    const a = await startCardAgent({
      backend: virtualCard(),
      port: 0,
      logger: log.logger,
      onPairingCode: () => {},
      rateLimits: { pairingPerMinute: 2 },
    });
    try {
      const c = new CardAgentClient({ baseUrl: a.url, headers: { origin: PAIRABLE } });
      await c.requestPairing();
      await c.requestPairing();
      await assert.rejects(c.requestPairing(), (e: AgentError) => e.code === 'rate-limited');
    } finally {
      await a.close();
    }
  });
});

describe('after all that', () => {
  test('the agent still serves', stillServing);
  test('no PIN in the log', () => {
    const all = log.lines.join('\n');
    assert.ok(log.lines.length > 20);
    assert.ok(!all.includes(PIN));
    assert.ok(!all.includes('12ab'));
  });
});
