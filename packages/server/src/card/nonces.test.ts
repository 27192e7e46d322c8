import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CardChallenges, MemoryNonceStore } from './nonces.js';

describe('CardChallenges', () => {
  test('a flood of nonce requests cannot fill the memory: capped per session and in all', async () => {
    const store = new MemoryNonceStore({ maxRecords: 500 });
    const c = new CardChallenges({ store });
    const now = new Date('2026-01-01T10:00:00Z');
    const first = await c.issue('attacker', now);
    let last = first;
    for (let i = 0; i < 5000; i++) last = await c.issue('attacker', now);
    assert.equal(store.size, 5, 'one session keeps its 5 latest nonces');
    assert.deepEqual(await c.consume(first.nonce, 'attacker', now), { ok: false, reason: 'nonce-unknown' });
    const victim = await c.issue('victim', now);
    for (let i = 0; i < 2000; i++) await c.issue(`cookie-less-${i}`, now);
    assert.ok(store.size <= 500, `${store.size} records kept`);
    assert.deepEqual(await c.consume(last.nonce, 'attacker', now), { ok: false, reason: 'nonce-unknown' });
    // a real user's nonce, asked just before signing in, is still there after a moderate flood
    const fresh = await c.issue('victim', now);
    assert.deepEqual(await c.consume(fresh.nonce, 'victim', now), { ok: true });
    assert.ok(victim.nonce);
  });

  test('a nonce is base64url, unique, and expires after 5 minutes by default', async () => {
    const c = new CardChallenges();
    const now = new Date('2026-01-01T10:00:00Z');
    const a = await c.issue('s1', now);
    const b = await c.issue('s1', now);
    assert.match(a.nonce, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a.nonce, b.nonce);
    assert.equal(a.expiresAt, '2026-01-01T10:05:00.000Z');
  });

  test('single use, bound to the session, expiring', async () => {
    const c = new CardChallenges({ ttlMs: 1000 });
    const t0 = new Date('2026-01-01T10:00:00Z');
    const { nonce } = await c.issue('s1', t0);
    assert.deepEqual(await c.consume(nonce, 's1', t0), { ok: true });
    assert.deepEqual(await c.consume(nonce, 's1', t0), { ok: false, reason: 'nonce-reused' });
    const n2 = (await c.issue('s1', t0)).nonce;
    assert.deepEqual(await c.consume(n2, 's2', t0), { ok: false, reason: 'nonce-session-mismatch' });
    assert.deepEqual(
      await c.consume(n2, 's1', t0),
      { ok: false, reason: 'nonce-reused' },
      'a refused attempt uses it up',
    );
    const n3 = (await c.issue('s1', t0)).nonce;
    assert.deepEqual(await c.consume(n3, 's1', new Date(t0.getTime() + 1001)), { ok: false, reason: 'nonce-expired' });
    assert.deepEqual(await c.consume('nope', 's1', t0), { ok: false, reason: 'nonce-unknown' });
  });

  test('issue needs a session', async () => {
    await assert.rejects(new CardChallenges().issue(''), TypeError);
  });

  test('the memory store forgets long-expired nonces', async () => {
    const store = new MemoryNonceStore();
    const c = new CardChallenges({ store, ttlMs: 1000 });
    const t0 = Date.parse('2026-01-01T10:00:00Z');
    for (let i = 0; i < 10; i++) await c.issue(`s${i}`, new Date(t0));
    assert.equal(store.size, 10);
    await c.issue('s', new Date(t0 + 120_000));
    assert.equal(store.size, 1);
  });

  test('a custom store is used', async () => {
    const seen: string[] = [];
    const inner = new MemoryNonceStore();
    const c = new CardChallenges({
      store: {
        save: (r) => {
          seen.push(`save ${r.sessionId}`);
          return inner.save(r);
        },
        consume: (n, now) => {
          seen.push('consume');
          return inner.consume(n, now);
        },
      },
    });
    const { nonce } = await c.issue('x');
    await c.consume(nonce, 'x');
    assert.deepEqual(seen, ['save x', 'consume']);
  });
});
