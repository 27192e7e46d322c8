/**
 * verifyCardProof on proofs made by the agent (virtual cards issued by the test IGC-Santé hierarchy, with
 * no CA certificate on the card, like real ones): the good case, then each refusal with its reason —
 * another origin, a nonce used twice, expired or from another session, a flipped bit, an expired card,
 * an untrusted CA, a certificate that is not a card's, malformed input. Revocation: revocation.test.ts.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type RunningCardAgent, startCardAgent, VirtualBackend } from '@authforte/card-agent';
import { CardAgentClient } from '@authforte/core/agent';
import { createTestCa, issueCardCertificate, profile, testAgentOptions, virtualCard } from '@authforte/test-kit';
import fc from 'fast-check';
import { CardChallenges, IGC_SANTE_PRODUCTION } from '../index.js';
import { proofVerifier, proveWith } from './test-support/proofs.js';
import { testTrustPreset } from './test-support/trust.js';

const ORIGIN = 'https://app.example.fr';
const OTHER = 'https://evil.example';
const PIN = '4321';
const ca = createTestCa();
const impostorCa = createTestCa({ keyType: 'ec' }); // same names, other keys
const otherCa = createTestCa({ organization: 'SOME OTHER TEST PKI', keyType: 'ec' });
const medecin = issueCardCertificate(ca, profile('medecin'));
const expired = issueCardCertificate(ca, profile('expiree'));
const impostor = issueCardCertificate(impostorCa, profile('infirmiere'));
const software = issueCardCertificate(ca, profile('logiciel'));
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ecCard = issueCardCertificate(ca, profile('psychologue'), { publicKey: ec.publicKey });
/** The trust of these tests: the test hierarchy, revocation off (revocation.test.ts checks it). */
const trust = testTrustPreset(ca, 'off');

let agent: RunningCardAgent;
let client: CardAgentClient;
let challenges: CardChallenges;
const slots: Record<string, string> = {};

before(async () => {
  const backend = new VirtualBackend({ readers: 6 });
  slots.medecin = backend.insert(virtualCard(medecin, PIN));
  slots.expired = backend.insert(virtualCard(expired, PIN));
  slots.impostor = backend.insert(virtualCard(impostor, PIN));
  slots.software = backend.insert(virtualCard(software, PIN));
  slots.ec = backend.insert(virtualCard(ecCard, PIN, ec.privateKey));
  agent = await startCardAgent(testAgentOptions(backend, [ORIGIN]));
  client = new CardAgentClient({ baseUrl: agent.url, headers: { origin: ORIGIN } });
  challenges = new CardChallenges();
});
after(() => agent?.close());

const prove = (card: keyof typeof slots = 'medecin', sessionId?: string) =>
  proveWith(client, challenges, PIN, slots[card]!, sessionId);

const verify = proofVerifier(() => ({ expectedOrigin: ORIGIN, trust, challenges }));

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
    // the card's profession extension says 93 without its nomenclature: a TRE_R95 usage title
    assert.equal(r.identity.practices[0]?.professionCode, '93');
    assert.equal(r.identity.practices[0]?.classification?.profession.id, 'psychologue');
    assert.equal(r.identity.practices[0]?.classification?.category, 'ars');
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
