/**
 * CPS-like test cards as SoftHSM2 tokens: label `CPS3v3-<serial>`, the holder's authentication key
 * (id 01) and certificate, plus the test CA certificate (id 02), like a CPS carries its CA chain.
 * Uses Debian's `softhsm2-util` and OpenSC's `pkcs11-tool` (child processes, so that the calling
 * process can keep its own PKCS#11 module loaded).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { issueCardCertificate, type TestCa, type TestCardMaterial, type TestCardProfile } from './test-ca.js';

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
 * removed; the certificate is written as a public object.
 */
export async function provisionSoftHsmCard(
  e: SoftHsmEnv,
  ca: TestCa,
  profile: TestCardProfile,
): Promise<TestCardMaterial> {
  const material = issueCardCertificate(ca, profile);
  const label = material.label;
  const work = join(e.dir, `.work-${profile.serial}-${process.pid}`);
  mkdirSync(work, { recursive: true, mode: 0o700 });
  try {
    const keyFile = join(work, 'key.pem');
    const certFile = join(work, 'cert.der');
    const caFile = join(work, 'ca.der');
    writeFileSync(keyFile, material.privateKeyPem, { mode: 0o600 });
    writeFileSync(certFile, material.certificateDer);
    writeFileSync(caFile, ca.certificateDer);
    await run(
      'softhsm2-util',
      ['--init-token', '--free', '--label', label, '--so-pin', TEST_SO_PIN, '--pin', profile.pin],
      { env: env(e) },
    );
    await run(
      'softhsm2-util',
      ['--import', keyFile, '--token', label, '--label', 'Authentification CPS', '--id', '01', '--pin', profile.pin],
      { env: env(e) },
    );
    const write = (file: string, id: string, objLabel: string) =>
      run(
        'pkcs11-tool',
        [
          '--module',
          e.module,
          '--token-label',
          label,
          '--login',
          '--pin',
          profile.pin,
          '--write-object',
          file,
          '--type',
          'cert',
          '--id',
          id,
          '--label',
          objLabel,
        ],
        { env: env(e) },
      );
    await write(certFile, '01', "Certificat d'Authentification CPS");
    await write(caFile, '02', 'AC TEST IGC-SANTE');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return material;
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
): Promise<{ env: SoftHsmEnv; cards: TestCardMaterial[] }> {
  const e = createSoftHsmEnv(dir, module);
  const cards: TestCardMaterial[] = [];
  for (const p of profiles) cards.push(await provisionSoftHsmCard(e, ca, p));
  return { env: e, cards };
}
