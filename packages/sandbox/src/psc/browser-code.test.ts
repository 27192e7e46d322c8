/**
 * What runs in the browser never carries a PSC client secret or the server-side client: scans the emitted
 * browser code (core's dist, the elements bundles when built) for the sandbox's secret, for `openid-client`
 * and for `@authforte/server`.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SANDBOX_CONFIDENTIAL_CLIENT_SECRET } from './options.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

function files(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.m?js$/.test(name) && !name.includes('.test.')) out.push(p);
  }
  return out;
}

describe('browser code', () => {
  it('holds no client secret and no server-side PSC client', () => {
    const browserFiles = [
      ...files(join(root, 'packages/core/dist')),
      ...files(join(root, 'packages/elements/dist')),
      ...files(join(root, 'packages/elements/bundle')),
    ];
    assert.ok(
      browserFiles.some((f) => f.endsWith('psc/browser-client.js')),
      'the PSC browser client is among the scanned files',
    );
    for (const f of browserFiles) {
      const text = readFileSync(f, 'utf8');
      assert.ok(!text.includes(SANDBOX_CONFIDENTIAL_CLIENT_SECRET), `${f} contains the sandbox client secret`);
      assert.ok(
        !/from\s*["'](openid-client|@authforte\/server|oidc-provider)["']/.test(text),
        `${f} imports server-side code`,
      );
    }
    const browserClient = readFileSync(join(root, 'packages/core/dist/psc/browser-client.js'), 'utf8');
    assert.ok(!/client_secret|clientSecret/.test(browserClient), 'the browser client never sends a client secret');
  });
});
