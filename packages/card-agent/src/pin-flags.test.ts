/**
 * PIN status from the token's own flags (a card that reports its tries, like a real CPS — here the
 * virtual card), across agent restarts; and one authentication at a time.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AgentError, type AgentEvent, CardAgentClient } from '@authforte/core/agent';
import { captureLogger, createTestCa, issueCardCertificate, profile } from '@authforte/test-kit';
import { type CardBackend, startCardAgent, VirtualBackend } from './index.js';

const ORIGIN = 'https://app.example.fr';
const PIN = '2468';
const ca = createTestCa();
const card = issueCardCertificate(ca, profile('infirmiere'));
const quiet = captureLogger().logger;

function virtual(): VirtualBackend {
  return new VirtualBackend({
    cards: [{ label: card.label, certificate: card.certificateDer, privateKey: card.privateKeyPem, pin: PIN }],
  });
}

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: AgentError) => (e instanceof AgentError ? e.code : String(e)),
  );

describe('PIN status reported by the card', () => {
  test('a restarted agent (fresh count) still sees the final try and the lock from the token flags', async () => {
    const backend = virtual();
    const first = await startCardAgent({ backend, port: 0, allowedOrigins: [ORIGIN], logger: quiet });
    const c1 = new CardAgentClient({ baseUrl: first.url, headers: { origin: ORIGIN } });
    assert.equal(await code(c1.authenticate({ nonce: 'flags-nonce-00001', pin: '0000' })), 'pin-incorrect');
    assert.equal(await code(c1.authenticate({ nonce: 'flags-nonce-00002', pin: '0000' })), 'pin-incorrect');
    await first.close();

    const second = await startCardAgent({ backend, port: 0, allowedOrigins: [ORIGIN], logger: quiet });
    try {
      const c2 = new CardAgentClient({ baseUrl: second.url, headers: { origin: ORIGIN } });
      const info = await c2.cardInfo();
      assert.deepEqual(info.pin, { triesLeft: 1, maxTries: 3, finalTry: true, locked: false, source: 'token' });
      assert.equal(
        await code(c2.authenticate({ nonce: 'flags-nonce-00003', pin: PIN })),
        'final-try-confirmation-required',
      );
      const ok = await c2.authenticate({ nonce: 'flags-nonce-00004', pin: PIN, confirmFinalTry: true });
      assert.equal(ok.origin, ORIGIN);
      assert.equal((await c2.cardInfo()).pin.triesLeft, 3);
      // now lock it for real: the card says locked, whatever the agent counted
      await c2.authenticate({ nonce: 'flags-nonce-00005', pin: '0000' }).catch(() => {});
      await c2.authenticate({ nonce: 'flags-nonce-00006', pin: '0000' }).catch(() => {});
      assert.equal(
        await code(c2.authenticate({ nonce: 'flags-nonce-00007', pin: '0000', confirmFinalTry: true })),
        'pin-locked',
      );
    } finally {
      await second.close();
    }
    const third = await startCardAgent({ backend, port: 0, allowedOrigins: [ORIGIN], logger: quiet });
    try {
      const c3 = new CardAgentClient({ baseUrl: third.url, headers: { origin: ORIGIN } });
      assert.deepEqual((await c3.cardInfo()).pin, {
        triesLeft: 0,
        maxTries: 3,
        finalTry: false,
        locked: true,
        source: 'token',
      });
      assert.equal(
        await code(c3.authenticate({ nonce: 'flags-nonce-00008', pin: PIN, confirmFinalTry: true })),
        'pin-locked',
      );
    } finally {
      await third.close();
    }
  });

  test('one authentication at a time: a second one meanwhile is "busy"', async () => {
    const inner = virtual();
    let signing: () => void = () => {};
    const signingStarted = new Promise<void>((resolve) => {
      signing = resolve;
    });
    const slow: CardBackend = {
      kind: 'virtual',
      status: () => 'ready',
      scan: () => inner.scan(),
      close: () => inner.close(),
      sign: async (...args) => {
        signing();
        await new Promise((r) => setTimeout(r, 150));
        return inner.sign(...args);
      },
    };
    const a = await startCardAgent({ backend: slow, port: 0, allowedOrigins: [ORIGIN], logger: quiet });
    try {
      const c = new CardAgentClient({ baseUrl: a.url, headers: { origin: ORIGIN } });
      const first = c.authenticate({ nonce: 'busy-nonce-000001', pin: PIN });
      // the second asks while the first is signing — waited for, not guessed with a delay (a loaded machine may
      // take longer than any fixed delay to get the first request to the card)
      await signingStarted;
      assert.equal(await code(c.authenticate({ nonce: 'busy-nonce-000002', pin: PIN })), 'busy');
      assert.equal(await code(first), 'ok');
      assert.equal(await code(c.authenticate({ nonce: 'busy-nonce-000003', pin: PIN })), 'ok');
    } finally {
      await a.close();
    }
  });

  test('one failed scan does not announce the card removed (a sign-in under way goes on); failures that persist do', async () => {
    const backend = virtual();
    let failing = 0;
    const flaky: CardBackend = {
      kind: 'virtual',
      status: () => 'ready',
      scan: async () => {
        if (failing > 0) {
          failing--;
          throw new Error('SCARD_E_SHARING_VIOLATION (a reader busy with another application)');
        }
        return backend.scan();
      },
      close: () => backend.close(),
      sign: (...args) => backend.sign(...args),
    };
    const a = await startCardAgent({
      backend: flaky,
      port: 0,
      allowedOrigins: [ORIGIN],
      logger: quiet,
      pollIntervalMs: 20,
    });
    const ac = new AbortController();
    try {
      const c = new CardAgentClient({ baseUrl: a.url, headers: { origin: ORIGIN } });
      const events: AgentEvent[] = [];
      await c.subscribe((e) => events.push(e), { signal: ac.signal });
      const until = async (what: () => boolean, label: string) => {
        for (let i = 0; i < 250 && !what(); i++) await new Promise((r) => setTimeout(r, 20));
        assert.ok(what(), label);
      };
      await until(() => events.some((e) => e.type === 'hello'), 'hello');
      const scans = async (n: number) => {
        // wait for n polls to go by (each takes one scan)
        const before = failing;
        failing = before + n;
        await until(() => failing === 0, 'the failing scans happened');
      };
      await scans(2);
      await new Promise((r) => setTimeout(r, 100));
      assert.ok(!events.some((e) => e.type === 'card-removed' || e.type === 'reader-removed'), 'still there');
      assert.equal(await code(c.authenticate({ nonce: 'flaky-scan-000001', pin: PIN })), 'ok');
      await scans(3);
      await until(() => events.some((e) => e.type === 'card-removed'), 'gone after failures that persist');
    } finally {
      ac.abort();
      await a.close();
    }
  });

  test('a card swapped between reading and signing is "card removed"', async () => {
    const backend = virtual();
    const swapping: CardBackend = {
      kind: 'virtual',
      status: () => 'ready',
      scan: () => backend.scan(),
      close: () => backend.close(),
      sign: async (slot, serial, pin, data) => {
        backend.remove(slot);
        backend.insert({
          label: card.label,
          certificate: card.certificateDer,
          privateKey: card.privateKeyPem,
          pin: PIN,
        });
        return backend.sign(slot, serial, pin, data);
      },
    };
    const a = await startCardAgent({ backend: swapping, port: 0, allowedOrigins: [ORIGIN], logger: quiet });
    try {
      const c = new CardAgentClient({ baseUrl: a.url, headers: { origin: ORIGIN } });
      assert.equal(await code(c.authenticate({ nonce: 'swap-nonce-000001', pin: PIN })), 'card-removed');
    } finally {
      await a.close();
    }
  });
});
