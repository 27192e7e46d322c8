import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type AgentTokenStore, CardAgentClient } from './client.js';
import { AGENT_ERROR_CODES, AGENT_ERROR_STATUS, AgentError } from './errors.js';
import type { AgentDiscovery, AgentEvent } from './protocol.js';

const discovery = (over: Partial<AgentDiscovery> = {}): AgentDiscovery => ({
  protocol: 'authforte-card-agent',
  versions: [1],
  agent: { name: 'test', version: '0' },
  capabilities: ['pairing', 'events', 'card-info', 'authenticate', 'final-try-guard'],
  paired: true,
  pairing: true,
  backend: { kind: 'virtual', status: 'ready' },
  ...over,
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function memStore(): AgentTokenStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: (k) => data.get(k) ?? null,
    set: (k, v) => void data.set(k, v),
    delete: (k) => void data.delete(k),
  };
}

type FakeFetch = (url: string, init: RequestInit) => Promise<Response>;
const client = (f: FakeFetch, extra: ConstructorParameters<typeof CardAgentClient>[0] = {}) =>
  new CardAgentClient({ baseUrl: 'http://127.0.0.1:1', fetch: f as typeof fetch, tokenStore: memStore(), ...extra });

/** A fetch that only ends when aborted, like a request held by a permission prompt. */
const hanging: FakeFetch = (_url, init) =>
  new Promise((_, reject) => {
    // a real socket keeps the event loop alive; AbortSignal.timeout's timer does not
    const keepAlive = setInterval(() => {}, 1000);
    const abort = () => {
      clearInterval(keepAlive);
      reject(init.signal?.reason);
    };
    if (init.signal?.aborted) abort();
    else init.signal?.addEventListener('abort', abort);
  });

describe('CardAgentClient.detect', () => {
  test('ready', async () => {
    const d = await client(async () => json(200, discovery())).detect();
    assert.equal(d.status, 'ready');
  });
  test('not paired', async () => {
    const d = await client(async () => json(200, discovery({ paired: false }))).detect();
    assert.equal(d.status, 'not-paired');
  });
  test('version mismatch', async () => {
    const d = await client(async () => json(200, discovery({ versions: [2, 3] }))).detect();
    assert.deepEqual(d, { status: 'version-mismatch', versions: [2, 3] });
  });
  test('not installed: nothing listens', async () => {
    const c = client(async () => Promise.reject(new TypeError('Failed to fetch')), {
      queryLocalNetworkPermission: async () => 'granted',
    });
    assert.deepEqual(await c.detect(), { status: 'not-installed' });
  });
  test('not installed: something else answers on the port', async () => {
    assert.deepEqual(await client(async () => new Response('<html>', { status: 200 })).detect(), {
      status: 'not-installed',
    });
    assert.deepEqual(await client(async () => json(200, { hello: 1 })).detect(), { status: 'not-installed' });
  });
  test('blocked: the local network permission is denied', async () => {
    const c = client(async () => Promise.reject(new TypeError('Failed to fetch')), {
      queryLocalNetworkPermission: async () => 'denied',
    });
    assert.deepEqual(await c.detect(), { status: 'blocked', permission: 'denied' });
  });
  test('blocked: a permission prompt holds the request', async () => {
    const c = client(hanging, { detectTimeoutMs: 50, queryLocalNetworkPermission: async () => 'prompt' });
    assert.deepEqual(await c.detect(), { status: 'blocked', permission: 'prompt' });
  });
  test('a failing permission query falls back to not installed', async () => {
    const c = client(async () => Promise.reject(new TypeError('x')), {
      queryLocalNetworkPermission: () => Promise.reject(new Error('nope')),
    });
    assert.deepEqual(await c.detect(), { status: 'not-installed' });
  });
  test('cancelled detection throws cancelled', async () => {
    const ac = new AbortController();
    const p = client(hanging).detect({ signal: ac.signal });
    ac.abort();
    await assert.rejects(p, (e: AgentError) => e.code === 'cancelled');
  });
});

describe('CardAgentClient requests', () => {
  test('pairing keeps the token and sends it as a bearer token', async () => {
    const seen: Array<{ url: string; auth: string | null }> = [];
    const store = memStore();
    const f: FakeFetch = async (url, init) => {
      const auth = new Headers(init.headers).get('authorization');
      seen.push({ url, auth });
      if (url.endsWith('/v1/pairing')) return json(200, { pairingId: 'p1', codeLength: 6, expiresAt: 'x' });
      if (url.endsWith('/v1/pairing/p1/confirm')) {
        assert.deepEqual(JSON.parse(String(init.body)), { code: '123456' });
        return json(200, { token: 't'.repeat(43), origin: 'https://a' });
      }
      return json(200, { readers: [] });
    };
    const c = client(f, { tokenStore: store });
    await c.requestPairing();
    await c.confirmPairing('p1', '123456');
    assert.equal(c.hasToken, true);
    await c.readers();
    assert.equal(seen.at(-1)?.auth, `Bearer ${'t'.repeat(43)}`);
  });

  test('a not-paired answer forgets the token', async () => {
    const store = memStore();
    store.set('authforte.card-agent.token:http://127.0.0.1:1', 'tok');
    const c = client(async () => json(401, { error: { code: 'not-paired', message: 'no' } }), { tokenStore: store });
    await assert.rejects(c.cardInfo(), (e: AgentError) => e.code === 'not-paired' && e.status === 401);
    assert.equal(c.hasToken, false);
  });

  test('agent errors keep their code and details', async () => {
    const c = client(async () => json(403, { error: { code: 'pin-incorrect', message: 'Wrong PIN', triesLeft: 2 } }));
    const err = await c.authenticate({ nonce: 'n'.repeat(20), pin: '1234' }).catch((e: unknown) => e);
    assert.ok(err instanceof AgentError);
    assert.equal(err.code, 'pin-incorrect');
    assert.equal(err.triesLeft, 2);
    const rl = client(async () => json(429, { error: { code: 'rate-limited', message: 'x', retryAfterSeconds: 30 } }));
    await assert.rejects(rl.readers(), (e: AgentError) => e.code === 'rate-limited' && e.retryAfterSeconds === 30);
  });

  test('an unknown error code or a non-JSON answer is a protocol error', async () => {
    await assert.rejects(
      client(async () => json(500, { error: { code: 'made-up' } })).readers(),
      (e: AgentError) => e.code === 'protocol-error',
    );
    await assert.rejects(
      client(async () => new Response('oops', { status: 502 })).readers(),
      (e: AgentError) => e.code === 'protocol-error',
    );
    await assert.rejects(
      client(async () => json(200, { nothing: true })).authenticate({ nonce: 'n'.repeat(20), pin: '1234' }),
      (e: AgentError) => e.code === 'protocol-error',
    );
  });

  test('authenticate sends confirmFinalTry and the slot only when given', async () => {
    const bodies: unknown[] = [];
    const c = client(async (_u, init) => {
      bodies.push(JSON.parse(String(init.body)));
      return json(200, { proof: { signature: 'x' } });
    });
    await c.authenticate({ nonce: 'n'.repeat(20), pin: '1234' });
    await c.authenticate({ nonce: 'n'.repeat(20), pin: '1234', confirmFinalTry: true, slot: 's1' });
    assert.deepEqual(bodies, [
      { nonce: 'n'.repeat(20), pin: '1234' },
      { nonce: 'n'.repeat(20), pin: '1234', confirmFinalTry: true, slot: 's1' },
    ]);
  });

  test('authenticate times out', async () => {
    await assert.rejects(
      client(hanging).authenticate({ nonce: 'n'.repeat(20), pin: '1234', timeoutMs: 30 }),
      (e: AgentError) => e.code === 'timeout',
    );
  });

  test('authenticate is cancelled by its signal, before or during the request', async () => {
    const ac = new AbortController();
    const p = client(hanging).authenticate({ nonce: 'n'.repeat(20), pin: '1234', signal: ac.signal });
    setTimeout(() => ac.abort(), 10);
    await assert.rejects(p, (e: AgentError) => e.code === 'cancelled');
    await assert.rejects(
      client(hanging).authenticate({ nonce: 'n'.repeat(20), pin: '1234', signal: AbortSignal.abort() }),
      (e: AgentError) => e.code === 'cancelled',
    );
  });

  test('a refused connection is a network error', async () => {
    await assert.rejects(
      client(async () => Promise.reject(new TypeError('Failed to fetch'))).readers(),
      (e: AgentError) => e.code === 'network-error',
    );
  });
});

describe('CardAgentClient.subscribe', () => {
  const events: AgentEvent[] = [
    { type: 'hello', readers: [], cards: [] },
    { type: 'reader-added', reader: { slot: 's', name: 'Lecteur é', cardPresent: false } },
    { type: 'card-removed', slot: 's', serial: '29' },
  ];
  const wire = `: comment\n\n${events.map(({ type, ...d }) => `event: ${type}\r\ndata: ${JSON.stringify(d)}\n\n`).join('')}`;

  test('parses Server-Sent Events however the stream is cut', async () => {
    const bytes = new TextEncoder().encode(wire);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }),
        async (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const body = new ReadableStream<Uint8Array>({
            start(ctrl) {
              for (let i = 0; i + 1 < points.length; i++) ctrl.enqueue(bytes.slice(points[i], points[i + 1]));
              ctrl.close();
            },
          });
          const got: AgentEvent[] = [];
          let ended: AgentError | undefined;
          await client(async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } })).subscribe(
            (e) => got.push(e),
            { onError: (e) => (ended = e) },
          );
          for (let i = 0; i < 50 && !ended; i++) await new Promise((r) => setTimeout(r, 1));
          assert.deepEqual(got, events);
          assert.equal(ended?.code, 'network-error');
        },
      ),
      { numRuns: 60 },
    );
  });

  test('an error answer rejects with its code', async () => {
    await assert.rejects(
      client(async () => json(401, { error: { code: 'not-paired', message: 'x' } })).subscribe(() => {}),
      (e: AgentError) => e.code === 'not-paired',
    );
  });
});

describe('error codes', () => {
  test('every agent code has an HTTP error status and a message; codes are distinct', () => {
    for (const [code, status] of Object.entries(AGENT_ERROR_STATUS)) assert.ok(status >= 400 && status < 600, code);
    assert.equal(new Set(AGENT_ERROR_CODES).size, AGENT_ERROR_CODES.length);
    for (const code of AGENT_ERROR_CODES) assert.ok(new AgentError(code).message.length > 10, code);
  });
});
