/**
 * verifyCardProof on proofs made by the agent (virtual cards issued by the test IGC-Santé hierarchy, with
 * no CA certificate on the card, like real ones): the good case, then each refusal with its reason —
 * another origin, a nonce used twice, expired or from another session, a flipped bit, an expired card,
 * an untrusted CA, a certificate that is not a card's, a revoked card (real `openssl ocsp` responder and
 * CRLs), malformed input.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type RunningCardAgent, startCardAgent, VirtualBackend } from '@authforte/card-agent';
import { CardAgentClient, type CardProof } from '@authforte/core/agent';
import { CardChallenges, IGC_SANTE_PRODUCTION, RevocationChecker, verifyCardProof } from '@authforte/server';
import fc from 'fast-check';
import { startTestPki, type TestPki, testTrustPreset } from './pki.js';
import { createTestCa, issueCardCertificate, type TestCardMaterial } from './test-ca.js';
import { captureLogger, profile } from './test-support/helpers.js';

const ORIGIN = 'https://app.example.fr';
const OTHER = 'https://evil.example';
const PIN = '4321';
const ca = createTestCa();
const impostorCa = createTestCa(); // same names, other keys
const otherCa = createTestCa({ organization: 'SOME OTHER TEST PKI' });
const medecin = issueCardCertificate(ca, profile('medecin'));
const expired = issueCardCertificate(ca, profile('expiree'));
const impostor = issueCardCertificate(impostorCa, profile('infirmiere'));
const software = issueCardCertificate(ca, profile('logiciel'));
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ecCard = issueCardCertificate(ca, profile('psychologue'), { publicKey: ec.publicKey });
/** The trust of these tests: the test hierarchy, revocation off (revocation has its own tests below). */
const trust = testTrustPreset(ca, 'off');

let pki: TestPki;
const online: Record<string, TestCardMaterial> = {};

let agent: RunningCardAgent;
let client: CardAgentClient;
let challenges: CardChallenges;
const slots: Record<string, string> = {};

before(async () => {
  const backend = new VirtualBackend({ readers: 12 });
  slots.medecin = backend.insert({
    label: medecin.label,
    certificate: medecin.certificateDer,
    privateKey: medecin.privateKeyPem,
    pin: PIN,
  });
  slots.expired = backend.insert({
    label: expired.label,
    certificate: expired.certificateDer,
    privateKey: expired.privateKeyPem,
    pin: PIN,
  });
  slots.impostor = backend.insert({
    label: impostor.label,
    certificate: impostor.certificateDer,
    privateKey: impostor.privateKeyPem,
    pin: PIN,
  });
  slots.software = backend.insert({
    label: software.label,
    certificate: software.certificateDer,
    privateKey: software.privateKeyPem,
    pin: PIN,
  });
  // cards issued with the URLs of a running test OCSP responder and CRL server
  pki = await startTestPki(ca);
  for (const id of ['medecin', 'revoquee', 'secretaire', 'directeur', 'etudiant']) {
    const m = issueCardCertificate(ca, profile(id), { revocation: pki.revocationUrls });
    pki.register(m);
    online[id] = m;
    slots[`online-${id}`] = backend.insert({
      label: m.label,
      certificate: m.certificateDer,
      privateKey: m.privateKeyPem,
      pin: PIN,
    });
  }
  slots.ec = backend.insert({
    label: ecCard.label,
    certificate: ecCard.certificateDer,
    privateKey: ec.privateKey,
    pin: PIN,
  });
  agent = await startCardAgent({
    backend,
    port: 0,
    allowedOrigins: [ORIGIN],
    logger: captureLogger().logger,
    rateLimits: { authenticatePerMinute: 1000 },
  });
  client = new CardAgentClient({ baseUrl: agent.url, headers: { origin: ORIGIN } });
  challenges = new CardChallenges();
});
after(async () => {
  await agent?.close();
  await pki?.close();
});

async function prove(card: keyof typeof slots = 'medecin', sessionId = 'sess-A'): Promise<CardProof> {
  const { nonce } = await challenges.issue(sessionId);
  return client.authenticate({ nonce, pin: PIN, slot: slots[card]! });
}

const verify = (proof: unknown, extra: Partial<Parameters<typeof verifyCardProof>[0]> = {}) =>
  verifyCardProof({
    proof,
    expectedOrigin: ORIGIN,
    sessionId: 'sess-A',
    trust,
    challenges,
    ...extra,
  });

function flip(b64: string, byteFromEnd: number, url = true): string {
  const buf = Buffer.from(b64, url ? 'base64url' : 'base64');
  const i = buf.length - byteFromEnd;
  buf[i] = buf[i]! ^ 0x01;
  return buf.toString(url ? 'base64url' : 'base64');
}

describe('verifyCardProof', () => {
  test('a good proof gives the identity', async () => {
    const r = await verify(await prove());
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.identity.source, 'card');
    assert.equal(r.identity.nationalId, profile('medecin').nationalId);
    assert.equal(r.identity.idType, 'rpps');
    assert.equal(r.identity.familyName, 'MARTIN-TEST');
    assert.equal(r.identity.givenName, 'Camille');
    assert.equal(r.identity.displayName, 'Camille MARTIN-TEST');
    assert.equal(r.identity.practices[0]?.professionCode, '10');
    assert.equal(r.identity.practices[0]?.label, 'Médecin');
    assert.equal(r.identity.practices[0]?.classification?.category, 'ordre');
    assert.equal(r.identity.practices[0]?.classification?.cards.physicalCps, true);
    assert.equal(r.card.cardType, 'CPS');
    assert.match(r.card.certificate.fingerprint256, /^[0-9a-f]{64}$/);
  });

  test('an ECDSA P-256 card works too (ES256)', async () => {
    const proof = await prove('ec');
    assert.equal(proof.algorithm, 'ES256');
    const r = await verify(proof);
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.identity.practices[0]?.label, 'Psychologue');
  });

  test('the same proof is refused for another origin', async () => {
    const r = await verify(await prove(), { expectedOrigin: OTHER });
    assert.deepEqual(r.ok ? 'ok' : r.reason, 'origin-mismatch');
  });

  test('a proof whose origin field was rewritten fails the signature', async () => {
    const proof = { ...(await prove()), origin: OTHER };
    const r = await verify(proof, { expectedOrigin: OTHER });
    assert.equal(r.ok ? 'ok' : r.reason, 'signature-invalid');
  });

  test('a nonce is good once', async () => {
    const proof = await prove();
    assert.ok((await verify(proof)).ok);
    const again = await verify(proof);
    assert.equal(again.ok ? 'ok' : again.reason, 'nonce-reused');
  });

  test('a failed attempt uses the nonce up too', async () => {
    const proof = await prove();
    assert.equal((await verify(proof, { expectedOrigin: OTHER })).ok, false);
    const r = await verify(proof);
    assert.equal(r.ok ? 'ok' : r.reason, 'nonce-reused');
  });

  test('a nonce from another session is refused', async () => {
    const r = await verify(await prove('medecin', 'sess-B'));
    assert.equal(r.ok ? 'ok' : r.reason, 'nonce-session-mismatch');
  });

  test('an expired nonce is refused', async () => {
    const proof = await prove();
    const r = await verify(proof, { now: new Date(Date.now() + 5 * 60_000 + 1000) });
    assert.equal(r.ok ? 'ok' : r.reason, 'nonce-expired');
  });

  test('an unknown nonce is refused', async () => {
    const proof = { ...(await prove()), nonce: 'never-issued-nonce-000' };
    const r = await verify(proof);
    assert.equal(r.ok ? 'ok' : r.reason, 'nonce-unknown');
  });

  test('a flipped bit in the signature is refused', async () => {
    const proof = await prove();
    for (const at of [1, 50, 200]) {
      const p2 = await prove();
      const r = await verify({ ...p2, signature: flip(p2.signature, at) });
      assert.equal(r.ok ? 'ok' : r.reason, 'signature-invalid', `byte ${at}`);
    }
    assert.ok((await verify(proof)).ok);
  });

  test('a flipped bit in the certificate is refused', async () => {
    const proof = await prove();
    // a byte inside the subject / key area: the CA signature no longer matches
    const r = await verify({ ...proof, certificate: flip(proof.certificate, 400, false) });
    assert.equal(r.ok, false);
    assert.ok(
      !r.ok && ['certificate-untrusted', 'certificate-invalid', 'signature-invalid'].includes(r.reason),
      !r.ok ? r.reason : '',
    );
  });

  test('an expired card is refused', async () => {
    const r = await verify(await prove('expired'));
    assert.equal(r.ok ? 'ok' : r.reason, 'certificate-expired');
  });

  test('a certificate not valid yet is refused', async () => {
    const r = await verify(await prove(), { now: new Date(Date.now() - 2 * 86_400_000) });
    // the nonce was issued "later" than now: it is still unexpired; the certificate is not valid yet
    assert.equal(r.ok ? 'ok' : r.reason, 'certificate-not-yet-valid');
  });

  test('a card from an untrusted CA is refused (another CA as anchor)', async () => {
    const r = await verify(await prove(), { trust: testTrustPreset(otherCa, 'off') });
    assert.equal(r.ok ? 'ok' : r.reason, 'certificate-untrusted');
  });

  test('a card from an impostor CA with the trusted CA name is refused', async () => {
    const r = await verify(await prove('impostor'));
    assert.equal(r.ok ? 'ok' : r.reason, 'certificate-untrusted');
  });

  test('a chain sent by the page does not make an untrusted card trusted', async () => {
    const proof = await prove('impostor');
    const r = await verify({
      ...proof,
      chain: [
        impostorCa.issuers.fortPersonnes.certificateDer.toString('base64'),
        impostorCa.certificateDer.toString('base64'),
      ],
    });
    assert.equal(r.ok ? 'ok' : r.reason, 'certificate-untrusted');
  });

  test('the CA certificate itself cannot stand in for a card', async () => {
    const proof = await prove();
    const r = await verify({ ...proof, certificate: ca.issuers.fortPersonnes.certificateDer.toString('base64') });
    assert.equal(r.ok ? 'ok' : r.reason, 'certificate-not-for-authentication');
  });

  test('format, version and algorithm are checked', async () => {
    const proof = await prove();
    assert.equal(await verify({ ...proof, version: 2 }).then((r) => (r.ok ? 'ok' : r.reason)), 'unsupported-version');
    assert.equal(
      await verify({ ...proof, format: 'webeid' }).then((r) => (r.ok ? 'ok' : r.reason)),
      'unsupported-version',
    );
    assert.equal(
      await verify({ ...proof, algorithm: 'none' }).then((r) => (r.ok ? 'ok' : r.reason)),
      'unsupported-algorithm',
    );
    assert.equal(
      await verify({ ...proof, algorithm: 'ES256' }).then((r) => (r.ok ? 'ok' : r.reason)),
      'unsupported-algorithm',
    );
  });

  test('a real card carries no CA certificate: the empty chain verifies through the preset', async () => {
    const proof = await prove();
    assert.equal(proof.chain?.length ?? 0, 0);
    assert.ok((await verify(proof)).ok);
  });

  test('the same card is untrusted against the production IGC-Santé preset', async () => {
    const r = await verify(await prove(), { trust: IGC_SANTE_PRODUCTION, revocation: 'off' });
    assert.equal(r.ok ? 'ok' : r.reason, 'certificate-untrusted');
  });

  test('an S/MIME-like software certificate chaining to a trusted root is not a card', async () => {
    const r = await verify(await prove('software'));
    assert.equal(r.ok ? 'ok' : r.reason, 'certificate-not-a-card');
    // … unless the host asks for the chain only
    const any = await verify(await prove('software'), { cardPolicy: 'any' });
    assert.ok(any.ok, any.ok ? '' : any.reason);
  });

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

  test('a good card is checked by OCSP; a revoked card is refused', async () => {
    const o = checked();
    const good = await verify(await prove('online-medecin'), o);
    assert.ok(good.ok, good.ok ? '' : good.reason);
    assert.equal(good.card.certificate.revocation, 'ocsp');
    const revoked = await verify(await prove('online-revoquee'), o);
    assert.equal(revoked.ok ? 'ok' : revoked.reason, 'certificate-revoked');
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
      const o = checked();
      const good = await verify(await prove('online-secretaire'), o);
      assert.ok(good.ok, good.ok ? '' : good.reason);
      assert.equal(good.card.certificate.revocation, 'crl');
      const revoked = await verify(await prove('online-revoquee'), o);
      assert.equal(revoked.ok ? 'ok' : revoked.reason, 'certificate-revoked');
    } finally {
      pki.setOcspAvailable(true);
    }
  });

  test('a card revoked after a good answer is refused once the cache is gone', async () => {
    const card = issueCardCertificate(ca, profile('psychologue'), { revocation: pki.revocationUrls });
    pki.register(card);
    const checker = new RevocationChecker();
    const leaf = new (await import('node:crypto')).X509Certificate(card.certificateDer);
    const issuer = new (await import('node:crypto')).X509Certificate(card.issuer.certificateDer);
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
    const backend = new VirtualBackend();
    const slot = backend.insert({
      label: card.label,
      certificate: card.certificateDer,
      privateKey: card.privateKeyPem,
      pin: PIN,
    });
    const a = await startCardAgent({ backend, port: 0, allowedOrigins: [ORIGIN], logger: captureLogger().logger });
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

describe('verifyCardProof: malformed input', () => {
  test('malformed input never throws and is refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything().map((v) => () => Promise.resolve(v)),
          fc
            .record({
              format: fc.constant('authforte-card-proof'),
              version: fc.constant(1),
              algorithm: fc.constantFrom('RS256', 'ES256'),
              origin: fc.string(),
              nonce: fc.string(),
              certificate: fc.string(),
              chain: fc.anything(),
              signature: fc.string(),
            })
            .map((v) => () => Promise.resolve(v)),
          // a fresh, good proof with one field replaced
          fc
            .record({
              key: fc.constantFrom('certificate', 'signature', 'origin', 'algorithm', 'format'),
              value: fc.anything(),
            })
            .map(({ key, value }) => async () => ({ ...(await prove()), [key]: value })),
        ),
        async (make) => {
          const r = await verify(await make());
          assert.equal(r.ok, false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
