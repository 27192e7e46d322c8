#!/usr/bin/env node
/**
 * `authforte-test-cards`: the sandbox's test CPS cards (TEST CA — NOT FOR PRODUCTION).
 *
 *   authforte-test-cards provision --dir <dir> [--cards medecin,infirmiere,psychologue,expiree]
 *       creates SoftHSM2 tokens CPS3v3-<serial>; prints the SOFTHSM2_CONF to use with the agent
 *   authforte-test-cards virtual --out <cards.json> [--cards …]
 *       writes a virtual cards file for `authforte-card-agent --virtual <cards.json>`
 *   authforte-test-cards list
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { provisionSoftHsmCards, SOFTHSM_MODULE, testCardProfiles, virtualCardsFile } from '@authforte/test-kit';
import { loadOrCreateTestCa } from './agent.js';

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      dir: { type: 'string' },
      out: { type: 'string' },
      cards: { type: 'string' },
      'ca-dir': { type: 'string' },
    },
  });
  const all = testCardProfiles();
  const ids = values.cards ? values.cards.split(',').map((s) => s.trim()) : all.map((c) => c.id);
  const profiles = ids.map((id) => {
    const p = all.find((c) => c.id === id);
    if (!p) throw new Error(`Unknown test card "${id}"`);
    return p;
  });
  const caDir = resolve(values['ca-dir'] ?? join(process.cwd(), '.sandbox-data', 'cards'));
  if (command === 'list') {
    for (const p of all)
      console.log(
        `${p.id.padEnd(12)} CPS3v3-${p.serial}  ${p.cardType}  ${p.nationalId}  ${p.givenName} ${p.familyName}  ${p.professionLabel}${p.professionCode ? ` (${p.professionCode})` : ''}  PIN ${p.pin}${p.id === 'expiree' ? '  EXPIRED' : ''}${p.revoked ? '  REVOKED' : ''}${p.kind === 'software' ? '  SOFTWARE CERTIFICATE (not a card)' : ''}`,
      );
    return 0;
  }
  if (command === 'provision') {
    if (!values.dir) throw new Error('provision needs --dir <dir>');
    const ca = loadOrCreateTestCa(caDir);
    const { env, cards } = await provisionSoftHsmCards(resolve(values.dir), ca, profiles);
    console.log(
      `Created ${cards.length} SoftHSM2 test card(s): ${cards.map((c) => c.label).join(', ')} (PIN ${profiles[0]?.pin})`,
    );
    console.log(`Test CA certificates (TEST IGC-Santé hierarchy): ${join(caDir, 'test-ca.pem')}`);
    console.log(`Run the agent with:\n  SOFTHSM2_CONF=${env.conf} authforte-card-agent --module ${SOFTHSM_MODULE}`);
    return 0;
  }
  if (command === 'virtual') {
    if (!values.out) throw new Error('virtual needs --out <cards.json>');
    const ca = loadOrCreateTestCa(caDir);
    writeFileSync(resolve(values.out), virtualCardsFile(ca, profiles), { mode: 0o600 });
    console.log(
      `Wrote ${profiles.length} virtual test card(s) to ${values.out}. Run: authforte-card-agent --virtual ${values.out}`,
    );
    return 0;
  }
  console.error('Usage: authforte-test-cards provision --dir <dir> | virtual --out <file> | list  [--cards id,…]');
  return 2;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
