/** The command line `authforte-card-agent`: virtual cards, refusals. */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CardAgentClient } from '@authforte/core/agent';
import { createTestCa, raw, runCli, testCardProfiles, virtualCardsFile } from '@authforte/test-kit';

const agentCli = fileURLToPath(new URL('./cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'af-cli-'));
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) c.kill();
  rmSync(dir, { recursive: true, force: true });
});

const run = (cli: string, args: string[]) => runCli(cli, args, dir);

describe('authforte-card-agent', () => {
  // the virtual cards file `authforte-test-cards virtual --cards medecin,infirmiere` writes
  const cardsFile = join(dir, 'cards.json');
  writeFileSync(
    cardsFile,
    virtualCardsFile(
      createTestCa(),
      testCardProfiles().filter((p) => p.id === 'medecin' || p.id === 'infirmiere'),
    ),
    { mode: 0o600 },
  );

  test('authforte-card-agent refuses a non-loopback address', async () => {
    for (const host of ['0.0.0.0', '127.0.0.2']) {
      const r = await run(agentCli, ['--virtual', cardsFile, '--host', host, '--port', '0']);
      // a configuration error: exit code 2, with the usage
      assert.equal(r.code, 2, host);
      assert.match(r.out, /binds to 127\.0\.0\.1, ::1 or localhost only/);
    }
  });

  test('authforte-card-agent refuses bad options with the usage', async () => {
    const r = await run(agentCli, ['--port', 'nope']);
    assert.equal(r.code, 2);
    assert.match(r.out, /Usage: authforte-card-agent/);
  });

  test('authforte-card-agent serves virtual cards', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(
      process.execPath,
      [agentCli, '--virtual', cardsFile, '--port', String(port), '--allow-origin', 'https://app.example.fr'],
      {
        cwd: dir,
        env: { ...process.env, XDG_CONFIG_HOME: dir },
      },
    );
    children.push(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const started = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), 10_000);
      child.stdout.on('data', () => {
        if (/listening on/.test(out)) {
          clearTimeout(t);
          resolve(true);
        }
      });
      child.on('exit', () => resolve(false));
    });
    assert.ok(started, out);
    const client = new CardAgentClient({
      baseUrl: `http://127.0.0.1:${port}`,
      headers: { origin: 'https://app.example.fr' },
    });
    const d = await client.detect();
    assert.ok(d.status === 'ready' && d.discovery.backend?.kind === 'virtual');
    const card = await client.cardInfo();
    assert.equal(card.holder.familyName, 'MARTIN-TEST');
    const proof = await client.authenticate({ nonce: 'cli-test-nonce-0001', pin: '1234' });
    assert.equal(proof.origin, 'https://app.example.fr');
    const res = await raw(`http://127.0.0.1:${port}/v1`, { headers: { host: 'evil.example' } });
    assert.equal(res.status, 421);
    child.kill('SIGTERM');
    assert.ok(!out.includes('1234 '), 'no PIN in the console');
  });
});
