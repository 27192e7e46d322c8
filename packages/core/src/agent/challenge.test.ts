import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { challengeBytes } from './challenge.js';

const sha = (s: string) => createHash('sha256').update(s).digest();

test('the signed challenge is SHA-256(origin) ‖ SHA-256(nonce), origin first', async () => {
  const bytes = await challengeBytes('https://app.example.fr', 'n0nce-n0nce-n0nce');
  assert.equal(bytes.length, 64);
  assert.deepEqual(Buffer.from(bytes), Buffer.concat([sha('https://app.example.fr'), sha('n0nce-n0nce-n0nce')]));
});

test('another origin gives other bytes for the same nonce (the origin binding)', async () => {
  const a = await challengeBytes('https://app.example.fr', 'same-nonce-0123456');
  const b = await challengeBytes('https://evil.example', 'same-nonce-0123456');
  assert.notDeepEqual(Buffer.from(a.subarray(0, 32)), Buffer.from(b.subarray(0, 32)));
  assert.deepEqual(Buffer.from(a.subarray(32)), Buffer.from(b.subarray(32)));
});
