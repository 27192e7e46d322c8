/**
 * Starts the card agent with a test card, for `npm start` and for tests: SoftHSM2 tokens when
 * SoftHSM2 is installed, otherwise the virtual card. The test CA is kept under the data directory so
 * that the demo host can trust it across restarts.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type AgentLogger,
  type CardBackend,
  createPkcs11Backend,
  type RunningCardAgent,
  startCardAgent,
  VirtualBackend,
} from '@authforte/card-agent';
import type { RunningService } from '../services.js';
import { provisionSoftHsmCards, SOFTHSM_MODULE, softHsmAvailable } from './softhsm.js';
import { createTestCa, issueCardCertificate, type TestCa, type TestCardProfile, testCardProfiles } from './test-ca.js';

export interface TestCardAgentOptions {
  /** Agent port (default 24680, the protocol's default; 0 for any). */
  port?: number;
  /** Where the test CA and tokens live (default `.sandbox-data/cards` in the working directory). */
  dataDir?: string;
  /** `auto` (default): SoftHSM2 when installed, else virtual. */
  backend?: 'auto' | 'softhsm' | 'virtual';
  /** Test cards inserted at start, by id (`medecin`, `infirmiere`, `psychologue`, `expiree`). Default `['medecin']`. */
  cards?: string[];
  /** Origins allowed without pairing (the demo host). */
  allowedOrigins?: string[];
  logger?: AgentLogger;
  /** Shows pairing codes (default: the agent's console banner). */
  onPairingCode?: (n: { origin: string; code: string; expiresAt: Date }) => void;
  pollIntervalMs?: number;
}

export interface RunningTestCardAgent extends RunningService {
  agent: RunningCardAgent;
  backend: CardBackend;
  backendKind: 'softhsm' | 'virtual';
  /** The test CA certificate (PEM): the trust anchor for `verifyCardProof`. */
  caCertificatePem: string;
  cards: TestCardProfile[];
  /** SoftHSM2 config used (when backendKind is `softhsm`). */
  softhsmConf?: string;
}

/** Loads the test CA from `dir`, or creates and saves it. */
export function loadOrCreateTestCa(dir: string): TestCa {
  const certFile = join(dir, 'test-ca.pem');
  const keyFile = join(dir, 'test-ca-key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    const certificatePem = readFileSync(certFile, 'utf8');
    const der = Buffer.from(certificatePem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    return {
      certificatePem,
      certificateDer: der,
      privateKeyPem: readFileSync(keyFile, 'utf8'),
      name: 'AuthForte TEST AC IGC-SANTE',
    };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = createTestCa();
  writeFileSync(certFile, ca.certificatePem);
  writeFileSync(keyFile, ca.privateKeyPem, { mode: 0o600 });
  return ca;
}

export async function startTestCardAgent(options: TestCardAgentOptions = {}): Promise<RunningTestCardAgent> {
  const dataDir = resolve(options.dataDir ?? join(process.cwd(), '.sandbox-data', 'cards'));
  const ca = loadOrCreateTestCa(dataDir);
  const wanted = options.cards ?? ['medecin'];
  const all = testCardProfiles();
  const profiles = wanted.map((id) => {
    const p = all.find((c) => c.id === id);
    if (!p) throw new Error(`Unknown test card "${id}" (known: ${all.map((c) => c.id).join(', ')})`);
    return p;
  });
  const kind = options.backend ?? 'auto';
  const useSoftHsm = kind === 'softhsm' || (kind === 'auto' && (await softHsmAvailable()));
  let backend: CardBackend;
  let softhsmConf: string | undefined;
  if (useSoftHsm) {
    const dir = join(dataDir, 'softhsm');
    rmSync(dir, { recursive: true, force: true });
    const { env } = await provisionSoftHsmCards(dir, ca, profiles);
    // SoftHSM2 reads its config from the environment when the module initialises
    process.env.SOFTHSM2_CONF = env.conf;
    softhsmConf = env.conf;
    backend = await createPkcs11Backend({ module: SOFTHSM_MODULE });
  } else {
    backend = new VirtualBackend({
      cards: profiles.map((p) => {
        const m = issueCardCertificate(ca, p);
        return {
          label: m.label,
          certificate: m.certificateDer,
          privateKey: m.privateKeyPem,
          pin: p.pin,
          chain: [ca.certificateDer],
        };
      }),
    });
  }
  const port = options.port ?? 24680;
  const agent = await startCardAgent({
    backend,
    port,
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.onPairingCode ? { onPairingCode: options.onPairingCode } : {}),
    ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
  }).catch(async (err: unknown) => {
    await backend.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`Port ${port} is in use (another card agent?): set AF_AGENT_PORT to another port.`);
    throw err;
  });
  const backendKind = useSoftHsm ? 'softhsm' : 'virtual';
  return {
    name: 'Card agent',
    url: agent.url,
    notes: [
      `${backendKind === 'softhsm' ? 'SoftHSM2 token' : 'virtual card'}${profiles.length > 1 ? 's' : ''}: ${profiles
        .map(
          (p) =>
            `CPS3v3-${p.serial} (${p.professionLabel} ${p.givenName} ${p.familyName}${p.id === 'expiree' ? ', EXPIRED' : ''})`,
        )
        .join('; ')}`,
      `test PIN: ${[...new Set(profiles.map((p) => p.pin))].join(', ')} — TEST CARDS, test CA "AuthForte TEST AC IGC-SANTE — NOT FOR PRODUCTION"`,
      `test CA certificate: ${join(dataDir, 'test-ca.pem')}`,
    ],
    agent,
    backend,
    backendKind,
    caCertificatePem: ca.certificatePem,
    cards: profiles,
    ...(softhsmConf ? { softhsmConf } : {}),
    close: () => agent.close(),
  };
}
