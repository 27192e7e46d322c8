#!/usr/bin/env node
// Writes docs/test-vectors/*.json: card proofs made by the card agent with the sandbox's test CA, and the
// verdict a verifier must reach (docs/test-vectors/README.md). Needs `npm run build` first.
// Usage: npm run test-vectors
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'docs', 'test-vectors');
const { generateTestVectors } = await import(join(root, 'packages/sandbox/dist/cards/test-vectors.js'));
const vectors = await generateTestVectors();
mkdirSync(dir, { recursive: true });
for (const f of readdirSync(dir)) if (f.endsWith('.json')) rmSync(join(dir, f));
for (const v of vectors) writeFileSync(join(dir, `${v.name}.json`), `${JSON.stringify(v, null, 2)}\n`);
console.log(`${vectors.length} test vectors written to docs/test-vectors/`);
