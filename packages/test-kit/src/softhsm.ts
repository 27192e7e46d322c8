/**
 * CPS-like test cards as SoftHSM2 tokens, shaped like a real CPS3 behind Cryptolib CPS (sources: the
 * Cryptolib CPS PKCS#11 specification, https://github.com/ansforge/dops-cryptolib/tree/main/_documentation;
 * a real CPS3 dump, OpenSC issues #2267 / #2275): token label `CPS3v3-<serial>`, the authentication
 * certificate `Certificat d'Authentification CPS` and key `CPS_PRIV_AUT` (14-byte CKA_ID ending `…1002`),
 * the signature certificate `Certificat de Signature CPS` and key `CPS_PRIV_SIG` (`…1001`), and no CA
 * certificate: a real card carries none.
 * Uses Debian's `softhsm2-util` and OpenSC's `pkcs11-tool` (child processes, so that the calling
 * process can keep its own PKCS#11 module loaded).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestCa } from './test-ca.js';
import {
  issueCardCertificate,
  type TestCardMaterial,
  type TestCardProfile,
  type TestRevocationUrls,
} from './test-cards.js';

const run = promisify(execFile);

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';
/** SO PIN of the test tokens (test fixture). */
export const TEST_SO_PIN = '12345678';

export interface SoftHsmEnv {
  /** Directory holding the config and the tokens. */
  dir: string;
  /** Path of the SoftHSM2 config; set `SOFTHSM2_CONF` to it before loading the module. */
  conf: string;
  module: string;
}

/** Whether SoftHSM2 and the tools this module uses are installed. */
export async function softHsmAvailable(module = SOFTHSM_MODULE): Promise<boolean> {
  if (!existsSync(module)) return false;
  try {
    await run('softhsm2-util', ['--version']);
    await run('pkcs11-tool', ['--help']).catch((e: { stdout?: string }) => {
      if (!e.stdout) throw e;
    });
    return true;
  } catch {
    return false;
  }
}

/** Creates an empty SoftHSM2 environment (its own config and token directory) under `dir`. */
export function createSoftHsmEnv(dir: string, module = SOFTHSM_MODULE): SoftHsmEnv {
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens, { recursive: true, mode: 0o700 });
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(
    conf,
    `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = true\n`,
  );
  return { dir, conf, module };
}

function env(e: SoftHsmEnv): NodeJS.ProcessEnv {
  return { ...process.env, SOFTHSM2_CONF: e.conf };
}

/**
 * Creates one test card as a token. The key pair is generated in Node, imported, then its file
 * removed; the certificate is written as a public object. The token is built in a staging environment of its own,
 * then its directory is renamed into `e`'s token directory in one step (the SoftHSM2 way of inserting a card): a
 * process that has the module loaded (the card agent, polling its readers) never reads a token half written.
 */
export async function provisionSoftHsmCard(
  e: SoftHsmEnv,
  ca: TestCa,
  profile: TestCardProfile,
  options: { revocation?: TestRevocationUrls } = {},
): Promise<TestCardMaterial> {
  const material = issueCardCertificate(ca, profile, options);
  const label = material.label;
  const work = join(e.dir, `.work-${profile.serial}-${process.pid}`);
  mkdirSync(work, { recursive: true, mode: 0o700 });
  const staging = createSoftHsmEnv(join(work, 'staging'), e.module);
  try {
    await run(
      'softhsm2-util',
      ['--init-token', '--free', '--label', label, '--so-pin', TEST_SO_PIN, '--pin', profile.pin],
      { env: env(staging) },
    );
    const objects = [
      { use: '1002' as const, keyLabel: 'CPS_PRIV_AUT', certLabel: "Certificat d'Authentification CPS", ...material },
      {
        use: '1001' as const,
        keyLabel: 'CPS_PRIV_SIG',
        certLabel: 'Certificat de Signature CPS',
        ...material.signature,
      },
    ];
    for (const o of objects) {
      const id = cpsObjectId(profile.serial, o.use);
      const keyFile = join(work, `${o.use}.pem`);
      const certFile = join(work, `${o.use}.der`);
      writeFileSync(keyFile, o.privateKeyPem, { mode: 0o600 });
      writeFileSync(certFile, o.certificateDer);
      await run(
        'softhsm2-util',
        ['--import', keyFile, '--token', label, '--label', o.keyLabel, '--id', id, '--pin', profile.pin],
        { env: env(staging) },
      );
      await run(
        'pkcs11-tool',
        [
          '--module',
          staging.module,
          '--token-label',
          label,
          '--login',
          '--pin',
          profile.pin,
          '--write-object',
          certFile,
          '--type',
          'cert',
          '--id',
          id,
          '--label',
          o.certLabel,
        ],
        { env: env(staging) },
      );
    }
    const stagedTokens = join(staging.dir, 'tokens');
    for (const name of readdirSync(stagedTokens)) renameSync(join(stagedTokens, name), join(e.dir, 'tokens', name));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return material;
}

/** A 14-byte CKA_ID like Cryptolib's: the card serial, then `1002` (authentication) or `1001` (signature). */
export function cpsObjectId(serial: string, use: '1001' | '1002'): string {
  return `${serial.replace(/\D/g, '').padStart(24, '0').slice(-24)}${use}`;
}

/**
 * Deletes a test card's token (the SoftHSM2 way of pulling the card out), in one step: its directory is renamed
 * out of the token directory (atomic), then removed. `softhsm2-util --delete-token` removes the files one by one
 * and then the directory, which fails ("Could not delete the directory") whenever a process that has the module
 * loaded — the card agent, polling its readers — re-creates a lock file in it between the two: that was the
 * race that made the SoftHSM2 agent test fail now and then.
 */
export async function deleteSoftHsmCard(e: SoftHsmEnv, label: string): Promise<void> {
  const tokens = join(e.dir, 'tokens');
  const wanted = Buffer.from(label.padEnd(32, ' '));
  const dir = readdirSync(tokens).find((name) => {
    try {
      return readFileSync(join(tokens, name, 'token.object')).includes(wanted);
    } catch {
      return false;
    }
  });
  if (!dir) throw new Error(`no SoftHSM2 token labelled ${label}`);
  const pulled = join(e.dir, `.pulled-${dir}-${Date.now()}`);
  renameSync(join(tokens, dir), pulled);
  rmSync(pulled, { recursive: true, force: true });
}

/** Creates the environment and all the given cards. */
export async function provisionSoftHsmCards(
  dir: string,
  ca: TestCa,
  profiles: TestCardProfile[],
  module = SOFTHSM_MODULE,
  options: { revocation?: TestRevocationUrls } = {},
): Promise<{ env: SoftHsmEnv; cards: TestCardMaterial[] }> {
  const e = createSoftHsmEnv(dir, module);
  const cards: TestCardMaterial[] = [];
  for (const p of profiles) cards.push(await provisionSoftHsmCard(e, ca, p, options));
  return { env: e, cards };
}
