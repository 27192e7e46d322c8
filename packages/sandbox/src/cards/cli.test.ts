/** The command line `authforte-test-cards` (the agent's own command line is tested in packages/card-agent). */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '@authforte/test-kit';

const cardsCli = fileURLToPath(new URL('./cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'af-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (cli: string, args: string[]) => runCli(cli, args, dir);

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
