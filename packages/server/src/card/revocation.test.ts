/**
 * Revocation in verifyCardProof, for real: cards issued by the test IGC-Santé hierarchy with the URLs of the
 * sandbox's OCSP responder (Debian's `openssl ocsp`) and CRLs signed by the test CAs; each card type verified with
 * revocation fail-closed; the revoked card refused; OCSP down → CRL; nothing up → the configured policy.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type RunningCardAgent, startCardAgent, VirtualBackend } from '@authforte/card-agent';
import { CardAgentClient } from '@authforte/core/agent';
import {
  createTestCa,
  issueCardCertificate,
  profile,
  startTestPki,
  type TestPki,
  testAgentOptions,
  virtualCard,
} from '@authforte/test-kit';
import { CardChallenges, RevocationChecker, type verifyCardProof } from '../index.js';
import { proofVerifier, proveWith } from './test-support/proofs.js';
import { testTrustPreset } from './test-support/trust.js';

const ORIGIN = 'https://app.example.fr';
const PIN = '4321';
const ca = createTestCa();
let pki: TestPki;
let agent: RunningCardAgent;
let client: CardAgentClient;
let challenges: CardChallenges;
let backend: VirtualBackend;
const slots: Record<string, string> = {};

before(async () => {
  pki = await startTestPki(ca);
  backend = new VirtualBackend({ readers: 6 });
  for (const id of ['medecin', 'revoquee', 'secretaire', 'directeur', 'etudiant']) {
    const m = issueCardCertificate(ca, profile(id), { revocation: pki.revocationUrls });
    pki.register(m);
    slots[`online-${id}`] = backend.insert(virtualCard(m, PIN));
  }
  agent = await startCardAgent(testAgentOptions(backend, [ORIGIN]));
  client = new CardAgentClient({ baseUrl: agent.url, headers: { origin: ORIGIN } });
  challenges = new CardChallenges();
});
after(async () => {
  await agent?.close();
  await pki?.close();
});

const prove = (card: string, sessionId?: string) => proveWith(client, challenges, PIN, slots[card]!, sessionId);

const verify = proofVerifier(() => ({
  expectedOrigin: ORIGIN,
  trust: testTrustPreset(ca),
  revocationChecker: new RevocationChecker({ timeoutMs: 3000 }),
  challenges,
}));

describe('verifyCardProof: card types, revocation fail-closed', () => {
  test('each card type is read from its extension; staff cards have the label and no code', async () => {
    const expected: Record<string, [string, string, string]> = {
      medecin: ['CPS', '10', 'Médecin'],
      etudiant: ['CPF', '10', 'Médecin'],
      secretaire: ['CPE', '', 'Personnel santé ou social'],
      directeur: ['CPA', '', 'Personnel autorisé'],
    };
    for (const [id, [cardType, code, label]] of Object.entries(expected)) {
      const r = await verify(await prove(`online-${id}`), { revocation: 'fail-closed' });
      assert.ok(r.ok, `${id}: ${r.ok ? '' : r.reason}`);
      assert.equal(r.card.cardType, cardType, id);
      assert.equal(r.card.certificate.revocation, 'ocsp', id);
      assert.equal(r.identity.practices[0]?.professionCode, code, id);
      assert.equal(r.identity.practices[0]?.label, label, id);
      assert.equal(r.identity.nationalId, profile(id).nationalId, id);
    }
    const staff = await verify(await prove('online-secretaire'));
    assert.ok(staff.ok);
    assert.equal(staff.identity.nationalId, '3990000011/CPET0066');
    assert.equal(staff.identity.practices[0]?.activities[0]?.organizationName, 'CLINIQUE TEST');
  });
});

describe('verifyCardProof: revocation (openssl ocsp responder, CRLs signed by the test CA)', () => {
  const checked = (extra: Partial<Parameters<typeof verifyCardProof>[0]> = {}) => ({
    trust: testTrustPreset(ca),
    revocationChecker: new RevocationChecker({ timeoutMs: 3000 }),
    ...extra,
  });

  /** With one checker: `goodCard` accepted, its revocation checked `via`; the revoked card refused (its result). */
  async function goodThenRevoked(goodCard: string, via: 'ocsp' | 'crl') {
    const o = checked();
    const good = await verify(await prove(goodCard), o);
    assert.ok(good.ok, good.ok ? '' : good.reason);
    assert.equal(good.card.certificate.revocation, via);
    const revoked = await verify(await prove('online-revoquee'), o);
    assert.equal(revoked.ok ? 'ok' : revoked.reason, 'certificate-revoked');
    return revoked;
  }

  test('a good card is checked by OCSP; a revoked card is refused', async () => {
    const revoked = await goodThenRevoked('online-medecin', 'ocsp');
    assert.match(revoked.ok ? '' : revoked.message, /revoked/);
  });

  test('OCSP answers are cached until their nextUpdate', async () => {
    const o = checked();
    const before = pki.ocspRequests;
    for (let i = 0; i < 3; i++) assert.ok((await verify(await prove('online-medecin'), o)).ok);
    assert.equal(pki.ocspRequests - before, 1);
  });

  test('OCSP unavailable: the CRL answers, revoked or not', async () => {
    pki.setOcspAvailable(false);
    try {
      await goodThenRevoked('online-secretaire', 'crl');
    } finally {
      pki.setOcspAvailable(true);
    }
  });

  test('a card revoked after a good answer is refused once the cache is gone', async () => {
    const card = issueCardCertificate(ca, profile('psychologue'), { revocation: pki.revocationUrls });
    pki.register(card);
    const checker = new RevocationChecker();
    const leaf = new X509Certificate(card.certificateDer);
    const issuer = new X509Certificate(card.issuer.certificateDer);
    const urls = { ocsp: [pki.revocationUrls.ocsp], crl: [] };
    assert.equal((await checker.check(leaf, issuer, urls)).status, 'good');
    pki.revoke(card.certificateDer);
    checker.clear();
    assert.equal((await checker.check(leaf, issuer, urls)).status, 'revoked');
  });

  test('nothing answers: fail-closed refuses, fail-open accepts, off does not ask', async () => {
    const down = await startTestPki(ca);
    const card = issueCardCertificate(ca, profile('medecin'), { revocation: down.revocationUrls });
    await down.close();
    const single = new VirtualBackend();
    const slot = single.insert(virtualCard(card, PIN));
    const a = await startCardAgent(testAgentOptions(single, [ORIGIN]));
    try {
      const c = new CardAgentClient({ baseUrl: a.url, headers: { origin: ORIGIN } });
      const once = async () => c.authenticate({ nonce: (await challenges.issue('sess-A')).nonce, pin: PIN, slot });
      const closed = await verify(await once(), checked());
      assert.equal(closed.ok ? 'ok' : closed.reason, 'revocation-unavailable');
      const open = await verify(await once(), checked({ revocation: 'fail-open' }));
      assert.ok(open.ok, open.ok ? '' : open.reason);
      assert.equal(open.card.certificate.revocation, 'unchecked');
      const off = await verify(await once(), checked({ revocation: 'off' }));
      assert.ok(off.ok);
    } finally {
      await a.close();
    }
  });
});
