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
  /** One vector: a proof signed by the card `profile` of `issuer` for `origin`; `present` says what is posted and expected. */
  const vector = async (
    name: string,
    description: string,
    { profile = 'medecin', issuer = ca, origin = APP }: { profile?: string; issuer?: TestCa; origin?: string },
    present: (signed: {
      proof: CardProof;
      nationalId: string;
    }) => Pick<CardProofTestVector, 'proof' | 'expected'> & Partial<Pick<CardProofTestVector, 'presentations'>>,
  ) => {
    const n = nonce();
    out.push({ ...base(name, description, n), ...present(await sign(now, issuer, profile, origin, n)) });
  };
  const refused =
    (reason: string) =>
    ({ proof }: { proof: CardProof }) => ({
      proof,
      expected: { ok: false as const, reason },
    });

  await vector('valid', 'A proof made for this origin and nonce, under a trusted CA: accepted.', {}, (valid) => ({
    proof: valid.proof,
    expected: { ok: true, nationalId: valid.nationalId },
  }));
  await vector('replayed', 'The same valid proof presented a second time: the nonce is single use.', {}, (replay) => ({
    presentations: 2,
    ...refused('nonce-reused')(replay),
  }));
  await vector(
    'foreign-origin',
    'A proof signed for a page on https://evil.example (the agent binds the Origin header), presented to app.example.fr.',
    { origin: 'https://evil.example' },
    refused('origin-mismatch'),
  );
  await vector('flipped-bit', 'A valid proof with one bit of its signature flipped.', {}, (flipped) => ({
    proof: { ...flipped.proof, signature: flipBit(flipped.proof.signature) },
    expected: { ok: false, reason: 'signature-invalid' },
  }));
  await vector(
    'expired',
    'A proof made with a card whose authentication certificate has expired.',
    { profile: 'expiree' },
    refused('certificate-expired'),
  );
  await vector(
    'untrusted',
    'A proof from a card issued by a CA that is not among the trust anchors.',
    { issuer: other },
    refused('certificate-untrusted'),
  );
  await vector(
    'wrapped',
    'The proof wrapped as { "proof": … }: the verify route takes the bare proof only.',
    {},
    (wrapped) => ({ proof: { proof: wrapped.proof }, expected: { ok: false, reason: 'malformed-proof' } }),
  );
  await vector(
    'not-a-card',
    'A proof signed with a software certificate (S/MIME, issued by an ORGANISATIONS CA of the trusted hierarchy): chains to a trusted root, but is not a card authentication certificate.',
    { profile: 'logiciel' },
    refused('certificate-not-a-card'),
  );

  return out;
}
