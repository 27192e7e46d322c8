/**
 * Card proof test vectors (docs/test-vectors/): for host backends in Java, .NET or PHP that verify a card
 * proof without our Node server. Each vector is a real proof made by the card agent (virtual backend, the
 * sandbox's test CA), the origin and nonce the verifier expects, its trust anchors, the time to verify at,
 * and the expected verdict (docs/agent-protocol.md §9). Regenerate with `npm run test-vectors`.
 */
import { startCardAgent, VirtualBackend } from '@authforte/card-agent';
import { CardAgentClient, type CardProof } from '@authforte/core/agent';
import { createTestCa, issueCardCertificate, type TestCa, testCardProfiles } from '@authforte/test-kit';

export interface CardProofTestVector {
  name: string;
  description: string;
  /** The origin the verifier expects (its own public origin). */
  expectedOrigin: string;
  /** The nonce the verifier issued, to this session, at `issuedAt`, valid `ttlSeconds`. */
  issued: { nonce: string; sessionId: string; issuedAt: string; ttlSeconds: number };
  /** The session presenting the proof. */
  sessionId: string;
  /** PEM certificates the verifier trusts (the roots of the TEST IGC-Santé hierarchy). */
  trustAnchors: string[];
  /**
   * PEM chain candidates: the issuing CAs. A real CPS card holds no CA certificate, so the proof's `chain` is empty
   * and the verifier builds the path from these (as `IGC_SANTE_PRODUCTION` does with the real PERSONNES CAs).
   */
  intermediates: string[];
  /**
   * Revocation is not part of these vectors (their certificates name OCSP and CRL addresses of a sandbox that is
   * not running): verify with revocation checking off, and test yours against your own responder.
   */
  revocation: 'off';
  /** Verify as if at this time. */
  now: string;
  /** What the page posts to the verify route: the bare proof (never wrapped in `{ proof }`). */
  proof: unknown;
  /** `1`, or `2` for a replay: the same proof presented twice; `expected` is the verdict of the last one. */
  presentations: 1 | 2;
  expected: { ok: true; nationalId: string } | { ok: false; reason: string };
}

const APP = 'https://app.example.fr';
const SESSION = 'session-0001';
const TTL = 300;

async function sign(
  now: Date,
  ca: TestCa,
  profileId: string,
  origin: string,
  nonce: string,
): Promise<{ proof: CardProof; nationalId: string }> {
  const profile = testCardProfiles(now).find((p) => p.id === profileId)!;
  const card = issueCardCertificate(ca, profile);
  const agent = await startCardAgent({
    backend: new VirtualBackend({
      cards: [
        {
          label: card.label,
          certificate: card.certificateDer.toString('base64'),
          privateKey: card.privateKeyPem,
          pin: profile.pin,
        },
      ],
    }),
    port: 0,
    allowedOrigins: [origin],
    logger: { info() {}, warn() {}, error() {} },
  });
  try {
    const client = new CardAgentClient({ baseUrl: agent.url, headers: { origin } });
    return { proof: await client.authenticate({ nonce, pin: profile.pin }), nationalId: profile.nationalId };
  } finally {
    await agent.close();
  }
}

function flipBit(b64url: string): string {
  const bytes = Buffer.from(b64url, 'base64url');
  bytes[bytes.length >> 1]! ^= 0x01;
  return bytes.toString('base64url');
}

/** Makes every vector (a fresh test CA each time: the files change at each run). */
export async function generateTestVectors(now = new Date()): Promise<CardProofTestVector[]> {
  const ca = createTestCa({ now });
  const other = createTestCa({ organization: 'UNTRUSTED TEST ORGANISATION — NOT FOR PRODUCTION', now });
  const at = now.toISOString();
  let i = 0;
  const base = (name: string, description: string, nonce: string): Omit<CardProofTestVector, 'proof' | 'expected'> => ({
    name,
    description,
    expectedOrigin: APP,
    issued: { nonce, sessionId: SESSION, issuedAt: at, ttlSeconds: TTL },
    sessionId: SESSION,
    trustAnchors: ca.rootsPem,
    intermediates: ca.intermediatesPem,
    revocation: 'off',
    now: new Date(now.getTime() + 10_000).toISOString(),
    presentations: 1,
  });
  const nonce = () => `test-vector-nonce-${String(++i).padStart(4, '0')}-${'x'.repeat(8)}`;
  const out: CardProofTestVector[] = [];

  const n1 = nonce();
  const valid = await sign(now, ca, 'medecin', APP, n1);
  out.push({
    ...base('valid', 'A proof made for this origin and nonce, under a trusted CA: accepted.', n1),
    proof: valid.proof,
    expected: { ok: true, nationalId: valid.nationalId },
  });

  const n2 = nonce();
  const replay = await sign(now, ca, 'medecin', APP, n2);
  out.push({
    ...base('replayed', 'The same valid proof presented a second time: the nonce is single use.', n2),
    presentations: 2,
    proof: replay.proof,
    expected: { ok: false, reason: 'nonce-reused' },
  });

  const n3 = nonce();
  const foreign = await sign(now, ca, 'medecin', 'https://evil.example', n3);
  out.push({
    ...base(
      'foreign-origin',
      'A proof signed for a page on https://evil.example (the agent binds the Origin header), presented to app.example.fr.',
      n3,
    ),
    proof: foreign.proof,
    expected: { ok: false, reason: 'origin-mismatch' },
  });

  const n4 = nonce();
  const flipped = await sign(now, ca, 'medecin', APP, n4);
  out.push({
    ...base('flipped-bit', 'A valid proof with one bit of its signature flipped.', n4),
    proof: { ...flipped.proof, signature: flipBit(flipped.proof.signature) },
    expected: { ok: false, reason: 'signature-invalid' },
  });

  const n5 = nonce();
  const expired = await sign(now, ca, 'expiree', APP, n5);
  out.push({
    ...base('expired', 'A proof made with a card whose authentication certificate has expired.', n5),
    proof: expired.proof,
    expected: { ok: false, reason: 'certificate-expired' },
  });

  const n6 = nonce();
  const untrusted = await sign(now, other, 'medecin', APP, n6);
  out.push({
    ...base('untrusted', 'A proof from a card issued by a CA that is not among the trust anchors.', n6),
    proof: untrusted.proof,
    expected: { ok: false, reason: 'certificate-untrusted' },
  });

  const n7 = nonce();
  const wrapped = await sign(now, ca, 'medecin', APP, n7);
  out.push({
    ...base('wrapped', 'The proof wrapped as { "proof": … }: the verify route takes the bare proof only.', n7),
    proof: { proof: wrapped.proof },
    expected: { ok: false, reason: 'malformed-proof' },
  });

  const n8 = nonce();
  const software = await sign(now, ca, 'logiciel', APP, n8);
  out.push({
    ...base(
      'not-a-card',
      'A proof signed with a software certificate (S/MIME, issued by an ORGANISATIONS CA of the trusted hierarchy): chains to a trusted root, but is not a card authentication certificate.',
      n8,
    ),
    proof: software.proof,
    expected: { ok: false, reason: 'certificate-not-a-card' },
  });

  return out;
}
