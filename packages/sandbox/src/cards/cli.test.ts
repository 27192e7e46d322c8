/** The command line `authforte-test-cards` (the agent's own command line is tested in packages/card-agent). */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const cardsCli = fileURLToPath(new URL('./cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'af-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(cli: string, args: string[], cwd = dir): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, XDG_CONFIG_HOME: dir } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('command lines', () => {
  test('authforte-test-cards list and virtual', async () => {
    const list = await run(cardsCli, ['list']);
    assert.equal(list.code, 0);
    assert.match(list.out, /medecin\s+CPS3v3-2900000011/);
    assert.match(list.out, /expiree.*EXPIRED/);
    const v = await run(cardsCli, ['virtual', '--out', join(dir, 'cards.json'), '--cards', 'medecin,infirmiere']);
    assert.equal(v.code, 0, v.out);
    const file = JSON.parse(readFileSync(join(dir, 'cards.json'), 'utf8'));
    assert.equal(file.cards.length, 2);
    assert.match(file.warning, /NOT FOR PRODUCTION/);
  });
});
