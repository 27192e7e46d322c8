/**
 * The card agent in the field: what a stranger origin learns (only that pairing is possible), the
 * pairing-guess limits across origins, event streams bounded per origin, pairings listed and forgotten
 * from the CLI with immediate effect, the agent's own approval page, and the answers of issue 9 item 8
 * (204 with nosniff, 413 on a large body instead of a reset, `--host 127.0.0.2` refused).
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AgentError, CardAgentClient } from '@authforte/core/agent';
import { captureLogger, raw, rejectWrongPairingCode, waitFor } from '@authforte/test-kit';
import { AgentConfigError, type RunningCardAgent, startCardAgent } from './index.js';
import { medecinCard, PIN } from './test-support/medecin-card.js';

const ALLOWED = 'http://localhost:42001';
const { card, backend: virtualCard } = medecinCard();
const log = captureLogger();
const cli = fileURLToPath(new URL('./cli.js', import.meta.url));
let dir: string;

async function withAgent<T>(
  options: Partial<Parameters<typeof startCardAgent>[0]>,
  fn: (a: RunningCardAgent, host: string, codes: string[]) => Promise<T>,
): Promise<T> {
  const codes: string[] = [];
  const a = await startCardAgent({
    backend: virtualCard(),
    port: 0,
    allowedOrigins: [ALLOWED],
    logger: log.logger,
    onPairingCode: (n) => codes.push(n.code),
    ...options,
  });
  try {
    return await fn(a, new URL(a.url).host, codes);
  } finally {
    await a.close();
  }
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'af-agent-field-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** POSTs `size` bytes of body (declared, or chunked) and returns the status and error code it gets. */
function postLarge(
  url: string,
  host: string,
  size: number,
  chunked: boolean,
): Promise<{ status: number; code?: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: '/v1/authenticate',
        method: 'POST',
        headers: {
          host,
          origin: ALLOWED,
          'content-type': 'application/json',
          ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(size) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let code: string | undefined;
          try {
            code = JSON.parse(Buffer.concat(chunks).toString('utf8')).error?.code;
          } catch {}
          resolve({ status: res.statusCode ?? 0, ...(code ? { code } : {}) });
        });
      },
    );
    req.on('error', reject);
    const block = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        const n = Math.min(block.length, size - sent);
        sent += n;
        if (!req.write(n === block.length ? block : block.subarray(0, n))) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('the agent’s own answers (issue 9, item 8)', () => {
  test('the 204 preflight answer has x-content-type-options: nosniff', () =>
    withAgent({}, async (a, host) => {
      const r = await raw(`${a.url}/v1/authenticate`, {
        method: 'OPTIONS',
        headers: { host, origin: ALLOWED, 'access-control-request-method': 'POST' },
      });
      assert.equal(r.status, 204);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
    }));

  test('1 to 10 MB bodies get the documented 413 body-too-large, not a closed connection', () =>
    withAgent({}, async (a, host) => {
      for (const [mb, chunked] of [
        [1, false],
        [3, true],
        [5, false],
        [10, false],
        [10, true],
      ] as const) {
        const r = await postLarge(a.url, host, mb * 1024 * 1024, chunked);
        assert.deepEqual(r, { status: 413, code: 'body-too-large' }, `${mb} MB${chunked ? ' chunked' : ''}`);
      }
      // and it keeps serving
      const c = new CardAgentClient({ baseUrl: a.url, headers: { origin: ALLOWED } });
      assert.equal((await c.authenticate({ nonce: 'after-large-bodies-1', pin: PIN })).origin, ALLOWED);
    }));

  test('--host 127.0.0.2 is refused: only 127.0.0.1, ::1 and localhost', async () => {
    for (const h of ['127.0.0.2', '127.1.1.1'])
      await assert.rejects(
        startCardAgent({ backend: virtualCard(), port: 0, host: h, logger: log.logger }),
        AgentConfigError,
      );
    const out = await promisify(execFile)(process.execPath, [
      cli,
      '--virtual',
      '/nonexistent.json',
      '--host',
      '127.0.0.2',
    ]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    assert.equal(out.code, 2);
    assert.match(out.stderr, /127\.0\.0\.1, ::1 or localhost/);
  });
});

describe('less to learn for strangers', () => {
  test('an origin neither allowlisted nor paired learns only that pairing is possible', () =>
    withAgent({}, async (a, host) => {
      const d = await raw(`${a.url}/v1`, { headers: { host, origin: 'https://stranger.example' } });
      assert.equal(d.status, 200);
      assert.deepEqual(d.json, { protocol: 'authforte-card-agent', versions: [1], paired: false, pairing: true });
      for (const path of ['/v1/events', '/v1/card', '/v1/readers']) {
        const r = await raw(`${a.url}${path}`, { headers: { host, origin: 'https://stranger.example' } });
        assert.equal(r.json.error?.code, 'not-paired', path);
        assert.ok(!r.text.includes('MARTIN'), path);
      }
      // the allowlisted origin still sees everything
      const full = await raw(`${a.url}/v1`, { headers: { host, origin: ALLOWED } });
      assert.equal((full.json.backend as { kind: string }).kind, 'virtual');
      assert.ok(full.json.agent);
    }));

  test('wrong pairing codes are limited per registrable domain, across its sub-domains', () =>
    withAgent(
      { rateLimits: { pairingPerMinute: 100, pairingFailuresPerHour: 3, pairingFailuresPerDomainPerHour: 5 } },
      async (a, _host, codes) => {
        let failures = 0;
        for (const sub of ['a', 'b', 'c']) {
          const c = new CardAgentClient({ baseUrl: a.url, headers: { origin: `https://${sub}.evil.example` } });
          const { pairingId } = await c.requestPairing();
          for (let i = 0; i < 2 && failures < 5; i++, failures++)
            await rejectWrongPairingCode(c, pairingId, codes.at(-1));
        }
        // a.evil.example made only 2 wrong guesses (its own limit is 3), yet even the right code is refused now
        const d = new CardAgentClient({ baseUrl: a.url, headers: { origin: 'https://a.evil.example' } });
        const { pairingId } = await d.requestPairing();
        await assert.rejects(d.confirmPairing(pairingId, codes.at(-1)!), (e: AgentError) => e.code === 'rate-limited');
        // another domain is not affected
        const ok = new CardAgentClient({ baseUrl: a.url, headers: { origin: 'https://clinic.example.fr' } });
        const req = await ok.requestPairing();
        await ok.confirmPairing(req.pairingId, codes.at(-1)!);
        assert.equal((await ok.detect()).status, 'ready');
      },
    ));

  test('wrong pairing codes are limited in total per hour, across domains', () =>
    withAgent(
      { rateLimits: { pairingPerMinute: 100, pairingFailuresPerHour: 5, pairingFailuresTotalPerHour: 4 } },
      async (a, _host, codes) => {
        for (let i = 0; i < 4; i++) {
          const c = new CardAgentClient({ baseUrl: a.url, headers: { origin: `https://guess${i}.example${i}.org` } });
          const { pairingId } = await c.requestPairing();
          await rejectWrongPairingCode(c, pairingId, codes.at(-1));
        }
        const c = new CardAgentClient({ baseUrl: a.url, headers: { origin: 'https://late.example.net' } });
        const { pairingId } = await c.requestPairing();
        const err = await c.confirmPairing(pairingId, codes.at(-1)!).catch((e: AgentError) => e);
        assert.ok(err instanceof AgentError && err.code === 'rate-limited' && (err.retryAfterSeconds ?? 0) > 0);
      },
    ));

  test('sub-domains of one domain cannot fill the pending requests', () =>
    withAgent({ rateLimits: { pairingPerMinute: 100 } }, async (a) => {
      for (const sub of ['a', 'b', 'c'])
        await new CardAgentClient({
          baseUrl: a.url,
          headers: { origin: `https://${sub}.flood.example` },
        }).requestPairing();
      const c = new CardAgentClient({ baseUrl: a.url, headers: { origin: 'https://d.flood.example' } });
      await assert.rejects(c.requestPairing(), (e: AgentError) => e.code === 'rate-limited');
      await new CardAgentClient({ baseUrl: a.url, headers: { origin: 'https://other.example' } }).requestPairing();
    }));

  test('event streams are bounded per origin (429), so one page cannot take them all', () =>
    withAgent({ allowedOrigins: [ALLOWED, 'http://localhost:42002'] }, async (a, host) => {
      const greedy = new CardAgentClient({ baseUrl: a.url, headers: { origin: ALLOWED } });
      const ac = new AbortController();
      for (let i = 0; i < 4; i++) await greedy.subscribe(() => {}, { signal: ac.signal });
      const err = await greedy.subscribe(() => {}).catch((e: AgentError) => e);
      assert.ok(err instanceof AgentError && err.code === 'rate-limited' && err.status === 429);
      const r = await raw(`${a.url}/v1/events`, { headers: { host, origin: ALLOWED } });
      assert.equal(r.status, 429);
      assert.ok(Number(r.headers['retry-after']) > 0);
      // another origin still gets its stream
      const other = new CardAgentClient({ baseUrl: a.url, headers: { origin: 'http://localhost:42002' } });
      const ac2 = new AbortController();
      const events: string[] = [];
      await other.subscribe((e) => events.push(e.type), { signal: ac2.signal });
      await waitFor(() => events.includes('hello'), 3000, 'hello');
      ac.abort();
      ac2.abort();
    }));
});

describe('pairings list | forget from the CLI', () => {
  test('a pairing forgotten from the CLI is refused at the next request, and its event stream ends', async () => {
    const file = join(dir, 'cli-pairings.json');
    await withAgent({ pairingFile: file, pollIntervalMs: 100 }, async (a, _host, codes) => {
      const origin = 'https://cabinet.example.fr';
      const c = new CardAgentClient({ baseUrl: a.url, headers: { origin } });
      const { pairingId } = await c.requestPairing();
      await c.confirmPairing(pairingId, codes.at(-1)!);
      assert.equal((await c.cardInfo()).holder.familyName, 'MARTIN-TEST');
      let ended = false;
      await c.subscribe(() => {}, { onError: () => (ended = true) });

      const run = (...args: string[]) =>
        promisify(execFile)(process.execPath, [cli, 'pairings', ...args, '--pairing-file', file]);
      const listed = await run('list');
      assert.match(listed.stdout, /https:\/\/cabinet\.example\.fr\tpaired \d{4}-/);
      assert.ok(!listed.stdout.includes('tokenHash'));
      const forgot = await run('forget', origin);
      assert.match(forgot.stdout, /Forgot https:\/\/cabinet\.example\.fr/);

      await assert.rejects(c.cardInfo(), (e: AgentError) => e.code === 'not-paired');
      await waitFor(() => ended || undefined, 3000, 'the stream to end');
      assert.match((await run('list')).stdout, /No paired origin/);
      const again = await run('forget', origin).catch((e: { code: number; stderr: string }) => e);
      assert.equal((again as { code: number }).code, 1);
    });
  });
});

describe('a pairing request without a console', () => {
  test('the agent started by its command shows a desktop notification where notify-send exists', async () => {
    const bin = join(dir, 'bin');
    const seen = join(dir, 'notified.txt');
    mkdirSync(bin, { recursive: true });
    // written aside then renamed: the file appears whole (a `>` redirection creates it empty first, and the test
    // could read it before printf wrote)
    writeFileSync(
      join(bin, 'notify-send'),
      `#!/bin/sh\nprintf '%s\\n' "$@" > '${seen}.tmp' && mv '${seen}.tmp' '${seen}'\n`,
      {
        mode: 0o755,
      },
    );
    const cards = join(dir, 'cards.json');
    writeFileSync(
      cards,
      JSON.stringify({
        cards: [{ label: card.label, certificate: card.certificatePem, privateKey: card.privateKeyPem, pin: PIN }],
      }),
    );
    const child = spawn(
      process.execPath,
      [cli, '--virtual', cards, '--port', '0', '--pairing-file', join(dir, 'n.json')],
      {
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      const url = await waitFor(() => /listening on (http:\/\/[^ ]+)/.exec(out)?.[1], 10_000, 'the agent to listen');
      const c = new CardAgentClient({ baseUrl: url, headers: { origin: 'https://cabinet.example.fr' } });
      const req = await c.requestPairing();
      const text = await waitFor(
        () => (existsSync(seen) ? readFileSync(seen, 'utf8') : undefined),
        5000,
        'notify-send',
      );
      assert.match(text, /demande d’association/);
      assert.ok(text.includes('https://cabinet.example.fr') && text.includes(req.matchCode!), text);
      assert.ok(text.includes(`${url}/`), text);
      // the console says it too, with the code to type
      await waitFor(() => /Approve it on/.test(out) || undefined, 3000, 'the console banner');
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('the agent’s own page', () => {
  const page = (a: RunningCardAgent, host: string, extra: Record<string, string> = {}) =>
    raw(`${a.url}/`, { headers: { host, accept: 'text/html', 'sec-fetch-dest': 'document', ...extra } });

  test('it is served on the agent’s origin with a strict CSP, no framing, no CORS; French by default', () =>
    withAgent({}, async (a, host) => {
      const r = await page(a, host);
      assert.equal(r.status, 200);
      assert.match(String(r.headers['content-type']), /^text\/html/);
      const csp = String(r.headers['content-security-policy']);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /script-src 'self'/);
      assert.ok(!csp.includes('unsafe-inline'));
      assert.equal(r.headers['x-frame-options'], 'DENY');
      assert.equal(r.headers['access-control-allow-origin'], undefined);
      assert.match(r.text, /<html lang="fr">/);
      assert.match(r.text, /Demandes d’association en attente/);
      assert.ok(!/<script>|<style>|style="/.test(r.text), 'no inline script or style');
      const en = await page(a, host, { 'accept-language': 'en-GB,en;q=0.9' });
      assert.match(en.text, /<html lang="en">/);
      assert.match(en.text, /Pending pairing requests/);
      // a plain GET / is the page too; a program asking for JSON gets discovery (which lives at /v1)
      assert.match((await raw(`${a.url}/`, { headers: { host } })).text, /<html lang="fr">/);
      const d = await raw(`${a.url}/`, { headers: { host, accept: 'application/json' } });
      assert.equal(d.json.protocol, 'authforte-card-agent');
      // a cross-origin read of the page state gets nothing
      const s = await raw(`${a.url}/agent/state`, { headers: { host, origin: 'https://evil.example' } });
      assert.equal(s.status, 403);
      assert.equal(s.headers['access-control-allow-origin'], undefined);
    }));

  test('approve: only from the page itself; then the requesting page gets its token', () =>
    withAgent({}, async (a, host) => {
      const origin = 'https://ehpad.example.fr';
      const c = new CardAgentClient({ baseUrl: a.url, headers: { origin } });
      const req = await c.requestPairing();
      assert.match(req.matchCode ?? '', /^[A-Z2-9]{4}$/);
      assert.equal(req.approveUrl, `http://127.0.0.1:${a.port}/`);
      const html = (await page(a, host)).text;
      assert.ok(html.includes(origin) && html.includes(req.matchCode!));
      const id = /data-pairing="([^"]+)"/.exec(html)![1]!;
      assert.equal(id, req.pairingId);
      const post = (headers: Record<string, string>) =>
        raw(`${a.url}/agent/pairing/${id}/approve`, {
          method: 'POST',
          headers: { host, 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: '',
        });
      // a cross-site form post, a post without Origin, or with a spoofed fetch site: refused
      assert.equal((await post({ origin })).status, 403);
      assert.equal((await post({ origin: 'https://evil.example' })).status, 403);
      assert.equal((await post({})).status, 403);
      assert.equal((await post({ origin: `http://${host}`, 'sec-fetch-site': 'cross-site' })).status, 403);
      assert.equal((await raw(`${a.url}/v1/pairing/${id}`, { headers: { host, origin } })).json.status, 'pending');
      // from the page: approved
      const ok = await post({ origin: `http://${host}`, 'sec-fetch-site': 'same-origin' });
      assert.equal(ok.status, 303);
      assert.match(String(ok.headers.location), /notice=approved/);
      // another origin cannot collect the token
      const thief = await raw(`${a.url}/v1/pairing/${id}`, { headers: { host, origin: 'https://thief.example' } });
      assert.equal(thief.json.error?.code, 'pairing-unknown');
      await c.waitForPairingApproval(req.pairingId, { intervalMs: 50 });
      assert.equal((await c.detect()).status, 'ready');
      assert.equal((await c.cardInfo()).holder.familyName, 'MARTIN-TEST');
      // the token is handed out once
      assert.equal(
        (await raw(`${a.url}/v1/pairing/${id}`, { headers: { host, origin } })).json.error?.code,
        'pairing-unknown',
      );
      // the page lists the paired site, and Forget works at once
      assert.match((await page(a, host)).text, /Sites associés[\s\S]*ehpad\.example\.fr/);
      const forget = await raw(`${a.url}/agent/paired/forget`, {
        method: 'POST',
        headers: { host, origin: `http://${host}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: `origin=${encodeURIComponent(origin)}`,
      });
      assert.equal(forget.status, 303);
      await assert.rejects(c.cardInfo(), (e: AgentError) => e.code === 'not-paired');
    }));

  test('refuse: the waiting page is told the request is gone', () =>
    withAgent({}, async (a, host) => {
      const c = new CardAgentClient({ baseUrl: a.url, headers: { origin: 'https://refused.example' } });
      const req = await c.requestPairing();
      const waiting = c.waitForPairingApproval(req.pairingId, { intervalMs: 50 });
      const r = await raw(`${a.url}/agent/pairing/${req.pairingId}/refuse`, {
        method: 'POST',
        headers: { host, origin: `http://${host}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      });
      assert.equal(r.status, 303);
      await assert.rejects(waiting, (e: AgentError) => e.code === 'pairing-unknown');
      assert.equal((await c.detect()).status, 'not-paired');
    }));
});
