/**
 * Benchmarks of the card path, with a real SoftHSM2 token (virtual card when SoftHSM2 is missing):
 * - `authenticate` round trip page → agent → token → page, in Debian's Chromium;
 * - the same from a Node HTTP client (no browser);
 * - `verifyCardProof` on the server, with revocation fail-closed and the OCSP answer cached (the test
 *   responder answers once, then the cache until its nextUpdate).
 * Returns rows for scripts/bench.mjs: { name, value, unit }.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type CardBackend, createPkcs11Backend, startCardAgent, VirtualBackend } from '@authforte/card-agent';
import { CardAgentClient, type CardProof } from '@authforte/core/agent';
import { CardChallenges, createTrustPreset, RevocationChecker, verifyCardProof } from '@authforte/server';
import {
  createTestCa,
  issueCardCertificate,
  provisionSoftHsmCards,
  SOFTHSM_MODULE,
  softHsmAvailable,
  startHostApp,
  startTestPki,
  testCardProfiles,
  testTrustOptions,
} from '@authforte/test-kit';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
}

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100;
}

export async function benchCardAgent(options: { runs?: number; browser?: boolean } = {}): Promise<BenchRow[]> {
  const runs = options.runs ?? 200;
  const pin = '1234';
  const ca = createTestCa();
  const medecin = testCardProfiles()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'af-bench-'));
  const pki = await startTestPki(ca);
  const revocation = { revocation: pki.revocationUrls };
  let backend: CardBackend;
  let kind: string;
  if (await softHsmAvailable()) {
    const { env, cards } = await provisionSoftHsmCards(dir, ca, [medecin], SOFTHSM_MODULE, revocation);
    for (const c of cards) pki.register(c);
    process.env.SOFTHSM2_CONF = env.conf;
    backend = await createPkcs11Backend({ module: SOFTHSM_MODULE });
    kind = 'SoftHSM2';
  } else {
    const m = issueCardCertificate(ca, medecin, revocation);
    pki.register(m);
    backend = new VirtualBackend({
      cards: [{ label: m.label, certificate: m.certificateDer, privateKey: m.privateKeyPem, pin }],
    });
    kind = 'virtual';
  }
  const limits = { authenticatePerMinute: 100_000, requestsPerMinute: 100_000 };
  const rows: BenchRow[] = [];
  try {
    // Node HTTP client → agent → token
    const origin = 'http://localhost:1';
    const noop = { info() {}, warn() {}, error() {} };
    const codes: string[] = [];
    const agent2 = await startCardAgent({
      backend,
      port: 0,
      allowedOrigins: [origin],
      logger: noop,
      rateLimits: limits,
      onPairingCode: (n) => codes.push(n.code),
    });
    const client = new CardAgentClient({ baseUrl: agent2.url, headers: { origin } });
    const challenges = new CardChallenges();
    const proofs: CardProof[] = [];
    const node: number[] = [];
    for (let i = 0; i < runs + 10; i++) {
      // one session per sign-in, as in life (a session keeps only its few latest nonces)
      const { nonce } = await challenges.issue(`bench-${i}`);
      const t = performance.now();
      const proof = await client.authenticate({ nonce, pin });
      if (i >= 10) node.push(performance.now() - t);
      proofs.push(proof);
    }
    rows.push({ name: `authenticate, Node client → agent → ${kind}, p50`, value: pct(node, 50), unit: 'ms' });
    rows.push({ name: `authenticate, Node client → agent → ${kind}, p95`, value: pct(node, 95), unit: 'ms' });

    // verifyCardProof
    const verify: number[] = [];
    const trust = createTrustPreset(testTrustOptions(ca, 'fail-closed'));
    const revocationChecker = new RevocationChecker();
    for (const [i, proof] of proofs.entries()) {
      const t = performance.now();
      const r = await verifyCardProof({
        proof,
        expectedOrigin: origin,
        sessionId: `bench-${i}`,
        trust,
        revocationChecker,
        challenges,
      });
      verify.push(performance.now() - t);
      if (!r.ok) throw new Error(`bench proof refused: ${r.reason}`);
    }
    rows.push({ name: 'verifyCardProof (OCSP answer cached), p50', value: pct(verify.slice(10), 50), unit: 'ms' });
    rows.push({ name: 'verifyCardProof (OCSP answer cached), p95', value: pct(verify.slice(10), 95), unit: 'ms' });

    // page → agent → token → page, in Chromium (pairing first)
    if (options.browser !== false) {
      const hostChallenges = new CardChallenges();
      const host = await startHostApp({
        agentUrl: agent2.url,
        issue: (sid) => hostChallenges.issue(sid),
        verify: (r) => verifyCardProof({ ...r, trust, challenges: hostChallenges }),
      });
      // playwright-core only when benchmarking the browser path
      const { launchChromium } = await import('@authforte/test-kit/browser');
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        await page.goto(`${host.origin}/`);
        await page.waitForFunction(() => (window as unknown as { ready: boolean }).ready === true);
        const id = await page.evaluate(
          async () => (await (window as unknown as { client: CardAgentClient }).client.requestPairing()).pairingId,
        );
        await page.evaluate(
          async ({ id, code }) => (window as unknown as { client: CardAgentClient }).client.confirmPairing(id, code),
          { id, code: codes.at(-1)! },
        );
        const times = await page.evaluate(
          async ({ runs, pin, nonces }) => {
            const c = (window as unknown as { client: CardAgentClient }).client;
            const out: number[] = [];
            for (let i = 0; i < runs + 10; i++) {
              const t = performance.now();
              await c.authenticate({ nonce: nonces[i]!, pin });
              if (i >= 10) out.push(performance.now() - t);
            }
            return out;
          },
          { runs, pin, nonces: Array.from({ length: runs + 10 }, () => randomBytes(32).toString('base64url')) },
        );
        rows.push({
          name: `authenticate, page → agent → ${kind} → page (Chromium), p50`,
          value: pct(times, 50),
          unit: 'ms',
        });
        rows.push({
          name: `authenticate, page → agent → ${kind} → page (Chromium), p95`,
          value: pct(times, 95),
          unit: 'ms',
        });
      } finally {
        await browser.close();
        await host.close();
      }
    }
    await agent2.close();
  } finally {
    await backend.close();
    await pki.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
