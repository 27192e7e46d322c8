/**
 * Starts the card agent with a test card, for `npm start` and for tests: SoftHSM2 tokens when
 * SoftHSM2 is installed, otherwise the virtual card. The test IGC-Santé hierarchy is kept under the data
 * directory so that the demo host can trust it across restarts; the cards are issued at each start with
 * the OCSP and CRL URLs of the test revocation services started with them (./pki.ts).
 */

import { X509Certificate } from 'node:crypto';
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
import type { RevocationPolicy, TrustPreset } from '@authforte/server';
import {
  createTestCa,
  deleteSoftHsmCard,
  hierarchy,
  issueCardCertificate,
  provisionSoftHsmCard,
  provisionSoftHsmCards,
  SOFTHSM_MODULE,
  type SoftHsmEnv,
  softHsmAvailable,
  startTestPki,
  type TestCa,
  type TestCaCertificate,
  type TestCardProfile,
  type TestPki,
  testCardProfiles,
} from '@authforte/test-kit';
import type { RunningService } from '../services.js';
import { testTrustPreset } from './trust.js';

export interface TestCardAgentOptions {
  /** Agent port (default 24680, the protocol's default; 0 for any). */
  port?: number;
  /** Where the test CA and tokens live (default `.sandbox-data/cards` in the working directory). */
  dataDir?: string;
  /** `auto` (default): SoftHSM2 when installed, else virtual. */
  backend?: 'auto' | 'softhsm' | 'virtual';
  /**
   * Test cards inserted at start, by id (`medecin`, `infirmiere`, `psychologue`, `expiree`, `etudiant` CPF,
   * `secretaire` CPE, `directeur` CPA, `revoquee`, `logiciel` S/MIME-like software certificate). Default `['medecin']`.
   */
  cards?: string[];
  /** Origins allowed without pairing (the demo host). */
  allowedOrigins?: string[];
  logger?: AgentLogger;
  /** Shows pairing codes (default: the agent's console banner). */
  onPairingCode?: (n: { origin: string; code: string; expiresAt: Date }) => void;
  pollIntervalMs?: number;
  /** Start the test OCSP responder and CRL server and write their URLs in the cards (default true). */
  revocation?: boolean;
  /** Port of the test revocation services (default 0: any). */
  pkiPort?: number;
}

export interface RunningTestCardAgent extends RunningService {
  agent: RunningCardAgent;
  backend: CardBackend;
  backendKind: 'softhsm' | 'virtual';
  /**
   * The test hierarchy's certificates (PEM: both roots, then the intermediates), usable as `trustAnchors`.
   * Prefer `trust`, which keeps the intermediates as chain candidates only.
   */
  caCertificatePem: string;
  /** The trust preset of the test hierarchy, for `verifyCardProof({ trust })`. */
  trust: TrustPreset;
  /** The test OCSP responder and CRL server (when `revocation` is on). */
  pki?: TestPki;
  cards: TestCardProfile[];
  /** SoftHSM2 config used (when backendKind is `softhsm`). */
  softhsmConf?: string;
  /** The test hierarchy the cards come from. */
  ca: TestCa;
  /** Pulls the cards out and inserts these test cards instead (by id), as a professional swaps cards. */
  replaceCards(ids: string[]): Promise<void>;
}

/** Loads the test hierarchy from `dir`, or creates and saves it (`test-igc-sante.json`, keys included). */
export function loadOrCreateTestCa(dir: string): TestCa {
  const file = join(dir, 'test-igc-sante.json');
  if (existsSync(file)) {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as {
        roots: Record<'fort' | 'standard', Omit<TestCaCertificate, 'certificateDer'>>;
        issuers: Record<keyof TestCa['issuers'], Omit<TestCaCertificate, 'certificateDer'>>;
      };
      const load = (c: Omit<TestCaCertificate, 'certificateDer'>): TestCaCertificate => ({
        ...c,
        certificateDer: Buffer.from(c.certificatePem.replace(/-----[^-]+-----|\s/g, ''), 'base64'),
      });
      const ca = hierarchy(
        { fort: load(saved.roots.fort), standard: load(saved.roots.standard) },
        {
          fortPersonnes: load(saved.issuers.fortPersonnes),
          standardPersonnes: load(saved.issuers.standardPersonnes),
          standardOrganisations: load(saved.issuers.standardOrganisations),
        },
      );
      if (new Date(new X509Certificate(ca.issuers.fortPersonnes.certificateDer).validTo) > new Date()) return ca;
    } catch {
      // unreadable: made again below
    }
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = createTestCa();
  const strip = ({ certificateDer: _der, ...c }: TestCaCertificate) => c;
  writeFileSync(
    file,
    JSON.stringify({
      roots: { fort: strip(ca.roots.fort), standard: strip(ca.roots.standard) },
      issuers: Object.fromEntries(Object.entries(ca.issuers).map(([k, v]) => [k, strip(v)])),
    }),
    { mode: 0o600 },
  );
  writeFileSync(join(dir, 'test-ca.pem'), [...ca.rootsPem, ...ca.intermediatesPem].join(''));
  return ca;
}

export async function startTestCardAgent(options: TestCardAgentOptions = {}): Promise<RunningTestCardAgent> {
  const dataDir = resolve(options.dataDir ?? join(process.cwd(), '.sandbox-data', 'cards'));
  const ca = loadOrCreateTestCa(dataDir);
  const all = testCardProfiles();
  const pick = (ids: string[]) =>
    ids.map((id) => {
      const p = all.find((c) => c.id === id);
      if (!p) throw new Error(`Unknown test card "${id}" (known: ${all.map((c) => c.id).join(', ')})`);
      return p;
    });
  let profiles = pick(options.cards ?? ['medecin']);
  const pki = options.revocation === false ? undefined : await startTestPki(ca, { port: options.pkiPort ?? 0 });
  const revocation = pki ? { revocation: pki.revocationUrls } : {};
  const policy: RevocationPolicy = pki ? 'fail-closed' : 'off';
  const kind = options.backend ?? 'auto';
  const useSoftHsm = kind === 'softhsm' || (kind === 'auto' && (await softHsmAvailable()));
  let backend: CardBackend;
  let softhsmConf: string | undefined;
  let inserted: Array<{ label: string; slot?: string }> = [];
  let softhsmEnv: SoftHsmEnv | undefined;
  const virtualCard = (p: TestCardProfile) => {
    const m = issueCardCertificate(ca, p, revocation);
    pki?.register(m);
    // like a real card: no CA certificate on it
    return { label: m.label, certificate: m.certificateDer, privateKey: m.privateKeyPem, pin: p.pin };
  };
  if (useSoftHsm) {
    const dir = join(dataDir, 'softhsm');
    rmSync(dir, { recursive: true, force: true });
    const { env, cards } = await provisionSoftHsmCards(dir, ca, profiles, SOFTHSM_MODULE, revocation);
    softhsmEnv = env;
    for (const c of cards) pki?.register(c);
    inserted = cards.map((c) => ({ label: c.label }));
    // SoftHSM2 reads its config from the environment when the module initialises
    process.env.SOFTHSM2_CONF = env.conf;
    softhsmConf = env.conf;
    backend = await createPkcs11Backend({ module: SOFTHSM_MODULE });
  } else {
    const virtual = new VirtualBackend({ readers: Math.max(2, profiles.length) });
    inserted = profiles.map((p) => ({ label: '', slot: virtual.insert(virtualCard(p)) }));
    backend = virtual;
  }
  const replaceCards = async (ids: string[]) => {
    const next = pick(ids);
    if (softhsmEnv) {
      for (const c of inserted) await deleteSoftHsmCard(softhsmEnv, c.label);
      inserted = [];
      for (const p of next) {
        const m = await provisionSoftHsmCard(softhsmEnv, ca, p, revocation);
        pki?.register(m);
        inserted.push({ label: m.label });
      }
    } else {
      const virtual = backend as VirtualBackend;
      for (const c of inserted) if (c.slot) virtual.remove(c.slot);
      inserted = next.map((p) => ({ label: '', slot: virtual.insert(virtualCard(p)) }));
    }
    profiles = next;
  };
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
    await pki?.close();
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
            `CPS3v3-${p.serial} (${p.cardType} ${p.professionLabel} ${p.givenName} ${p.familyName}${p.id === 'expiree' ? ', EXPIRED' : ''}${p.revoked ? ', REVOKED' : ''}${p.kind === 'software' ? ', SOFTWARE CERTIFICATE, NOT A CARD' : ''})`,
        )
        .join('; ')}`,
      `test PIN: ${[...new Set(profiles.map((p) => p.pin))].join(', ')} — TEST CARDS, test hierarchy "TEST AC RACINE IGC-SANTE FORT / STANDARD" — NOT FOR PRODUCTION`,
      `test CA certificates: ${join(dataDir, 'test-ca.pem')}`,
      ...(pki ? [`test OCSP responder (openssl ocsp) and CRLs: ${pki.url}`] : []),
    ],
    agent,
    backend,
    backendKind,
    caCertificatePem: [...ca.rootsPem, ...ca.intermediatesPem].join(''),
    trust: testTrustPreset(ca, policy),
    ...(pki ? { pki } : {}),
    get cards() {
      return profiles;
    },
    ...(softhsmConf ? { softhsmConf } : {}),
    ca,
    replaceCards,
    close: async () => {
      await agent.close();
      await pki?.close();
    },
  };
}
