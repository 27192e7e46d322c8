/**
 * docs/test-vectors/ checked by our own verifier: each shipped vector reaches its expected verdict, and the
 * generator (`npm run test-vectors`) still makes vectors that do (so they can be regenerated after the test CA
 * changes). The same checks a Java, .NET or PHP verifier would run on these files.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CardChallenges, verifyCardProof } from '@authforte/server';
import { type CardProofTestVector, generateTestVectors } from './test-vectors.js';

const dir = fileURLToPath(new URL('../../../../docs/test-vectors/', import.meta.url));
/** The cases the README documents, in the order of its table (rows `| \`valid.json\` | … |`). */
const REQUIRED = [...readFileSync(join(dir, 'README.md'), 'utf8').matchAll(/^\| `([a-z-]+)\.json` /gm)].map(
  (m) => m[1],
);

async function verdict(v: CardProofTestVector) {
  const challenges = new CardChallenges({ ttlMs: v.issued.ttlSeconds * 1000 });
  const issuedAt = Date.parse(v.issued.issuedAt);
  await challenges.store.save({
    nonce: v.issued.nonce,
    sessionId: v.issued.sessionId,
    issuedAt,
    expiresAt: issuedAt + v.issued.ttlSeconds * 1000,
  });
  let result: Awaited<ReturnType<typeof verifyCardProof>> | undefined;
  for (let i = 0; i < v.presentations; i++)
    result = await verifyCardProof({
      proof: v.proof,
      expectedOrigin: v.expectedOrigin,
      sessionId: v.sessionId,
      trustAnchors: v.trustAnchors,
      intermediates: v.intermediates,
      revocation: v.revocation,
      now: new Date(v.now),
      challenges,
    });
  return result!;
}

function check(v: CardProofTestVector, r: Awaited<ReturnType<typeof verifyCardProof>>) {
  if (v.expected.ok) {
    assert.ok(r.ok, `${v.name}: ${r.ok ? '' : r.reason}`);
    assert.equal(r.identity.nationalId, v.expected.nationalId);
  } else {
    assert.ok(!r.ok, `${v.name} must be refused`);
    assert.equal(r.reason, v.expected.reason, v.name);
  }
}

describe('docs/test-vectors', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  test('every documented case is shipped', () => {
    for (const name of REQUIRED) assert.ok(files.includes(`${name}.json`), name);
    assert.deepEqual(
      [...files].sort(),
      REQUIRED.map((name) => `${name}.json`).sort(),
      'and every shipped file is documented',
    );
  });
  for (const f of files)
    test(`${f} reaches its expected verdict`, async () => {
      const v = JSON.parse(readFileSync(join(dir, f), 'utf8')) as CardProofTestVector;
      check(v, await verdict(v));
    });
  test('the generator still makes vectors that verify as expected', async () => {
    const vectors = await generateTestVectors();
    assert.deepEqual(
      vectors.map((v) => v.name),
      REQUIRED,
    );
    for (const v of vectors) check(v, await verdict(v));
  });
});
