/**
 * The kit's state on the in-memory store (the Redis store runs the same journeys in the sandbox's kit tests):
 * single-use nonces with "reused" on a replay, lockout windows, expiry; the assertion key derived from the secret.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalJWKSet, exportJWK, jwtVerify } from 'jose';
import { CardChallenges } from '../card/nonces.js';
import { assertionKeyFromSecret, signIdentityAssertion } from './assertion.js';
import { MemoryStore, storeLockout, storeNonces } from './store.js';

describe('MemoryStore and what the kit builds on it', () => {
  it('take gives a value once; keys expire', async () => {
    let now = 1_000;
    const store = new MemoryStore({ now: () => now });
    await store.set('a', '1', 100);
    assert.equal(await store.add('a', '2', 100), false);
    assert.equal(await store.take('a'), '1');
    assert.equal(await store.take('a'), undefined);
    await store.set('b', 'x', 100);
    now += 101;
    assert.equal(await store.get('b'), undefined);
    assert.equal(await store.increment('c', 50), 1);
    assert.equal(await store.increment('c', 50), 2);
    now += 51;
    assert.equal(await store.increment('c', 50), 1, 'a new window');
  });

  it('a nonce is good once: a replay reads nonce-reused, a stranger nonce-unknown', async () => {
    const challenges = new CardChallenges({ store: storeNonces(new MemoryStore()) });
    const { nonce } = await challenges.issue('s1');
    assert.deepEqual(await challenges.consume(nonce, 's1'), { ok: true });
    assert.deepEqual(await challenges.consume(nonce, 's1'), { ok: false, reason: 'nonce-reused' });
    assert.deepEqual(await challenges.consume('nope', 's1'), { ok: false, reason: 'nonce-unknown' });
    const other = await challenges.issue('s1');
    assert.deepEqual(await challenges.consume(other.nonce, 's2'), { ok: false, reason: 'nonce-session-mismatch' });
  });

  it('the lockout locks at the limit for its duration, then accepts again', async () => {
    let now = 0;
    const store = new MemoryStore({ now: () => now });
    const lockout = storeLockout(store, { maxFailures: 3, windowMs: 60_000, lockMs: 120_000, now: () => now });
    assert.deepEqual(await lockout.registerFailure('user:x'), { locked: false });
    assert.deepEqual(await lockout.registerFailure('user:x'), { locked: false });
    assert.deepEqual(await lockout.registerFailure('user:x'), { locked: true, retryAfter: 120 });
    now += 60_000;
    assert.deepEqual(await lockout.check('user:x'), { locked: true, retryAfter: 60 });
    now += 60_001;
    assert.deepEqual(await lockout.check('user:x'), { locked: false });
    assert.deepEqual(await lockout.registerFailure('user:x'), { locked: false }, 'the count starts again');
  });

  it('counted before the password check, a burst of simultaneous attempts tests at most the budget', async () => {
    const lockout = storeLockout(new MemoryStore(), { maxFailures: 3 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => lockout.attempt('user:burst')));
    assert.equal(answers.filter((a) => !a.locked).length, 3);
    assert.equal((await lockout.check('user:burst')).locked, true);
  });

  it('two failures, then a success, forget the failures', async () => {
    const lockout = storeLockout(new MemoryStore(), { maxFailures: 3 });
    await lockout.registerFailure('k');
    await lockout.registerFailure('k');
    await lockout.reset('k');
    assert.deepEqual(await lockout.registerFailure('k'), { locked: false });
    assert.deepEqual(await lockout.registerFailure('k'), { locked: false });
  });
});

describe('the identity assertion key', () => {
  it('is the same for the same secret (every instance), another for another secret', async () => {
    const a = await assertionKeyFromSecret('s'.repeat(40));
    const b = await assertionKeyFromSecret('s'.repeat(40));
    const c = await assertionKeyFromSecret('t'.repeat(40));
    assert.deepEqual(a.publicJwk, b.publicJwk);
    assert.notEqual(a.publicJwk.x, c.publicJwk.x);
    assert.equal((await exportJWK(a.privateKey)).d !== undefined, true);
    assert.equal('d' in a.publicJwk, false, 'the JWKS never holds the private part');
  });

  it('signs an ES256 JWT that a JOSE library verifies with the JWKS, and refuses with another key', async () => {
    const key = await assertionKeyFromSecret('s'.repeat(40));
    const jwt = await signIdentityAssertion(
      key,
      { sub: '810001234567', method: 'card', status: 'authenticated', account_id: 'a1', family_name: 'M', name: 'C M' },
      { issuer: 'https://app.example.fr/authforte', audience: 'https://app.example.fr', ttlSeconds: 60 },
    );
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet({ keys: [key.publicJwk] }), {
      issuer: 'https://app.example.fr/authforte',
      audience: 'https://app.example.fr',
      algorithms: ['ES256'],
    });
    assert.equal(payload.sub, '810001234567');
    assert.equal(protectedHeader.typ, 'authforte-identity+jwt');
    assert.ok((payload.exp ?? 0) - (payload.iat ?? 0) === 60);
    const other = await assertionKeyFromSecret('t'.repeat(40));
    await assert.rejects(jwtVerify(jwt, createLocalJWKSet({ keys: [{ ...other.publicJwk, kid: key.publicJwk.kid }] })));
  });
});
