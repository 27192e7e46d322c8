/** `startTestCardAgent`: what `npm start` runs — SoftHSM2 test cards, or the virtual card. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CardAgentClient } from '@authforte/core/agent';
import { CardChallenges, verifyCardProof } from '@authforte/server';
import { loadOrCreateTestCa, startTestCardAgent } from './agent.js';

const dir = mkdtempSync(join(tmpdir(), 'af-test-agent-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const ORIGIN = 'http://localhost:8080';

describe('startTestCardAgent', () => {
  for (const backend of ['virtual', 'softhsm'] as const) {
    test(`${backend}: a running service with the test card, whose proofs verify under the test CA`, async () => {
      const s = await startTestCardAgent({
        backend,
        port: 0,
        dataDir: join(dir, 'data'),
        allowedOrigins: [ORIGIN],
        cards: ['medecin', 'expiree', 'revoquee'],
        logger: { info() {}, warn() {}, error() {} },
      });
      try {
        assert.equal(s.name, 'Card agent');
        assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.equal(s.backendKind, backend);
        assert.ok(s.notes?.some((n) => n.includes('test PIN: 1234')));
        assert.ok(s.notes?.some((n) => n.includes('CPS3v3-2900000044') && n.includes('EXPIRED')));
        assert.match(s.caCertificatePem, /BEGIN CERTIFICATE/);
        const client = new CardAgentClient({ baseUrl: s.url, headers: { origin: ORIGIN } });
        const readers = await client.readers();
        assert.equal(readers.filter((r) => r.cardPresent).length, 3);
        assert.equal(s.trust.revocation, 'fail-closed');
        const challenges = new CardChallenges();
        const expected: Record<string, string> = {
          '2900000011': 'ok',
          '2900000044': 'certificate-expired',
          '2900000088': 'certificate-revoked',
        };
        for (const reader of readers.filter((r) => r.cardPresent)) {
          const { nonce } = await challenges.issue('s');
          const card = await client.cardInfo({ slot: reader.slot });
          const proof = await client.authenticate({ nonce, pin: '1234', slot: reader.slot });
          const r = await verifyCardProof({
            proof,
            expectedOrigin: ORIGIN,
            sessionId: 's',
            trust: s.trust,
            challenges,
          });
          assert.equal(r.ok ? 'ok' : r.reason, expected[card.serial], card.serial);
        }
      } finally {
        await s.close();
      }
    });
  }

  test('the test CA is created once and kept', () => {
    const a = loadOrCreateTestCa(join(dir, 'ca'));
    const b = loadOrCreateTestCa(join(dir, 'ca'));
    assert.equal(a.certificatePem, b.certificatePem);
    assert.equal(a.privateKeyPem, b.privateKeyPem);
    assert.equal(a.issuers.fortPersonnes.certificatePem, b.issuers.fortPersonnes.certificatePem);
    assert.equal(a.issuers.fortPersonnes.name, 'TEST AC IGC-SANTE FORT PERSONNES');
  });

  test('a port in use gives a clear message', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      await assert.rejects(
        startTestCardAgent({
          backend: 'virtual',
          port,
          dataDir: join(dir, 'data'),
          logger: { info() {}, warn() {}, error() {} },
        }),
        /in use.*AF_AGENT_PORT/,
      );
    } finally {
      blocker.close();
    }
  });

  test('an unknown test card is refused', async () => {
    await assert.rejects(
      startTestCardAgent({ backend: 'virtual', port: 0, dataDir: join(dir, 'data'), cards: ['chirurgien'] }),
      /Unknown test card/,
    );
  });
});
