/**
 * Server-side verification of a card authentication proof (what the card agent returned to the page):
 * shape, nonce (single use, this session, not expired), origin, certificate dates, chain to the
 * configured trust anchors, key usage, then the signature over SHA-256(origin) ‖ SHA-256(nonce).
 * Each failure has its own reason.
 */
import { createHash, verify as cryptoVerify, type KeyObject, X509Certificate } from 'node:crypto';
import { type Classification, classifyProfession } from '@authforte/core';
import {
  CARD_PROOF_FORMAT,
  type CardHolder,
  type CardProof,
  type CardType,
  cardHolderFromCertificate,
  OID_P256,
  OID_P384,
  parseCertificate,
} from '@authforte/core/agent';
import { type CardChallenges, defaultCardChallenges, type NonceFailure } from './nonces.js';

export type CardProofFailure =
  | 'malformed-proof'
  | 'unsupported-version'
  | 'unsupported-algorithm'
  | NonceFailure
  | 'origin-mismatch'
  | 'certificate-invalid'
  | 'certificate-not-yet-valid'
  | 'certificate-expired'
  | 'certificate-not-for-authentication'
  | 'certificate-untrusted'
  | 'signature-invalid';

export const CARD_PROOF_FAILURE_MESSAGES: Record<CardProofFailure, string> = {
  'malformed-proof': 'The proof is not a card authentication proof.',
  'unsupported-version': 'The proof has an unsupported format or version.',
  'unsupported-algorithm': 'The proof uses an unsupported signature algorithm for its key.',
  'nonce-unknown': 'The nonce was never issued (or is long gone).',
  'nonce-expired': 'The nonce has expired.',
  'nonce-reused': 'The nonce was already used.',
  'nonce-session-mismatch': 'The nonce was issued to another session.',
  'origin-mismatch': 'The proof was made for another origin.',
  'certificate-invalid': 'The certificate cannot be read.',
  'certificate-not-yet-valid': 'The card certificate is not valid yet.',
  'certificate-expired': 'The card certificate has expired.',
  'certificate-not-for-authentication': 'The certificate is not an authentication certificate.',
  'certificate-untrusted': 'The certificate does not chain to a trusted authority.',
  'signature-invalid': 'The signature does not match.',
};

/**
 * The professional identity read from the card (same shape as `ProfessionalIdentity` of
 * `@authforte/core`, with `source: 'card'`).
 */
export interface CardIdentity {
  source: 'card';
  nationalId: string;
  idType: 'rpps' | 'adeli' | 'other';
  rppsNumber?: string;
  adeliNumber?: string;
  givenName?: string;
  familyName: string;
  displayName: string;
  practices: Array<{
    professionCode: string;
    roleCodes: string[];
    /** The profession classified (category, registration, cards…), or null for an unknown code. */
    classification: Classification | null;
    label: string;
    activities: Array<{ organizationName?: string }>;
  }>;
}

export interface VerifiedCard {
  cardType: CardType;
  holder: CardHolder;
  certificate: {
    serialNumber: string;
    subject: string;
    issuer: string;
    notBefore: Date;
    notAfter: Date;
    /** SHA-256 of the DER, hex: a stable key to link the card to an account. */
    fingerprint256: string;
  };
}

export type VerifyCardProofResult =
  | { ok: true; identity: CardIdentity; card: VerifiedCard }
  | { ok: false; reason: CardProofFailure; message: string };

export type TrustAnchor = string | Uint8Array | X509Certificate;

export interface VerifyCardProofOptions {
  /** The proof as received from the browser (untrusted JSON). */
  proof: unknown;
  /** The origin of the page that may sign in, e.g. `https://app.example.fr`. */
  expectedOrigin: string;
  /** The host application's session the nonce was issued to. */
  sessionId: string;
  /** Trusted CA certificates (PEM text, DER bytes or X509Certificate): roots or intermediates. */
  trustAnchors: readonly TrustAnchor[];
  /** Verification time (default: now). */
  now?: Date;
  /** Where the nonce was issued (default: `defaultCardChallenges`). */
  challenges?: CardChallenges;
}

function fail(reason: CardProofFailure): VerifyCardProofResult {
  return { ok: false, reason, message: CARD_PROOF_FAILURE_MESSAGES[reason] };
}

const B64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const anchorCache = new WeakMap<object, X509Certificate>();

/** Parses trust anchors once (PEM text may hold several certificates). */
export function loadTrustAnchors(anchors: readonly TrustAnchor[]): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const a of anchors) {
    if (a instanceof X509Certificate) out.push(a);
    else if (typeof a === 'string') {
      const pems = a.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
      if (pems) for (const p of pems) out.push(new X509Certificate(p));
      else out.push(new X509Certificate(Buffer.from(a, 'base64')));
    } else {
      let c = anchorCache.get(a);
      if (!c) {
        c = new X509Certificate(a);
        anchorCache.set(a, c);
      }
      out.push(c);
    }
  }
  return out;
}

function validAt(c: X509Certificate, now: Date): boolean {
  return now >= new Date(c.validFrom) && now <= new Date(c.validTo);
}

/** Builds a path leaf → (intermediates from the card) → anchor; every link verified and valid at `now`. */
function chainsToAnchor(
  leaf: X509Certificate,
  intermediates: X509Certificate[],
  anchors: X509Certificate[],
  now: Date,
): boolean {
  let current = leaf;
  const used = new Set<X509Certificate>();
  for (let depth = 0; depth < 6; depth++) {
    for (const a of anchors) if (current.checkIssued(a) && current.verify(a.publicKey) && validAt(a, now)) return true;
    const next = intermediates.find(
      (i) => !used.has(i) && i.ca && validAt(i, now) && current.checkIssued(i) && current.verify(i.publicKey),
    );
    if (!next) return false;
    used.add(next);
    current = next;
  }
  return false;
}

function signatureOk(
  alg: CardProof['algorithm'],
  key: KeyObject,
  curve: string | undefined,
  data: Buffer,
  sig: Buffer,
): boolean | 'alg' {
  if (alg === 'RS256') {
    if (key.asymmetricKeyType !== 'rsa') return 'alg';
    return cryptoVerify('sha256', data, key, sig);
  }
  if (alg === 'ES256' || alg === 'ES384') {
    if (key.asymmetricKeyType !== 'ec' || curve !== (alg === 'ES256' ? OID_P256 : OID_P384)) return 'alg';
    return cryptoVerify(alg === 'ES256' ? 'sha256' : 'sha384', data, { key, dsaEncoding: 'ieee-p1363' }, sig);
  }
  return 'alg';
}

/** Checks a card proof; never throws for a bad proof (returns the reason). */
export async function verifyCardProof(options: VerifyCardProofOptions): Promise<VerifyCardProofResult> {
  const { proof, sessionId } = options;
  const now = options.now ?? new Date();
  const challenges = options.challenges ?? defaultCardChallenges;
  const expectedOrigin = new URL(options.expectedOrigin).origin;

  // 1. shape
  if (typeof proof !== 'object' || proof === null || Array.isArray(proof)) return fail('malformed-proof');
  const p = proof as Record<string, unknown>;
  // no `format` at all (e.g. the proof wrapped as `{ proof }`): not a proof; the route takes the bare proof
  if (typeof p.format !== 'string') return fail('malformed-proof');
  if (p.format !== CARD_PROOF_FORMAT || p.version !== 1) return fail('unsupported-version');
  if (p.algorithm !== 'RS256' && p.algorithm !== 'ES256' && p.algorithm !== 'ES384')
    return fail('unsupported-algorithm');
  if (
    typeof p.origin !== 'string' ||
    typeof p.nonce !== 'string' ||
    p.nonce.length > 512 ||
    typeof p.certificate !== 'string' ||
    !B64.test(p.certificate) ||
    typeof p.signature !== 'string' ||
    !B64.test(p.signature) ||
    (p.chain !== undefined &&
      (!Array.isArray(p.chain) || p.chain.length > 8 || !p.chain.every((c) => typeof c === 'string')))
  )
    return fail('malformed-proof');
  const algorithm = p.algorithm;
  const nonce = p.nonce;

  // 2. nonce: used up by this attempt, whatever follows
  const n = await challenges.consume(nonce, sessionId, now);
  if (!n.ok) return fail(n.reason);

  // 3. origin as the agent saw it in the Origin header
  if (p.origin !== expectedOrigin) return fail('origin-mismatch');

  // 4. certificate
  let leaf: X509Certificate;
  let parsed: ReturnType<typeof parseCertificate>;
  let intermediates: X509Certificate[];
  const der = Buffer.from(p.certificate, 'base64');
  try {
    leaf = new X509Certificate(der);
    parsed = parseCertificate(new Uint8Array(der));
    intermediates = ((p.chain as string[] | undefined) ?? []).map((c) => new X509Certificate(Buffer.from(c, 'base64')));
  } catch {
    return fail('certificate-invalid');
  }
  if (now < parsed.notBefore) return fail('certificate-not-yet-valid');
  if (now > parsed.notAfter) return fail('certificate-expired');
  if (leaf.ca || (parsed.keyUsage && !parsed.keyUsage.digitalSignature))
    return fail('certificate-not-for-authentication');
  let anchors: X509Certificate[];
  try {
    anchors = loadTrustAnchors(options.trustAnchors);
  } catch {
    throw new TypeError('verifyCardProof: a trust anchor is not a certificate');
  }
  if (!chainsToAnchor(leaf, intermediates, anchors, now)) return fail('certificate-untrusted');

  // 5. signature over SHA-256(origin) ‖ SHA-256(nonce)
  const data = Buffer.concat([
    createHash('sha256').update(expectedOrigin).digest(),
    createHash('sha256').update(nonce).digest(),
  ]);
  let ok: boolean | 'alg';
  try {
    ok = signatureOk(algorithm, leaf.publicKey, parsed.namedCurve, data, Buffer.from(p.signature, 'base64url'));
  } catch {
    ok = false;
  }
  if (ok === 'alg') return fail('unsupported-algorithm');
  if (!ok) return fail('signature-invalid');

  const { holder, cardType } = cardHolderFromCertificate(parsed);
  const identity: CardIdentity = {
    source: 'card',
    nationalId: holder.nationalId,
    idType: holder.idType,
    familyName: holder.familyName,
    displayName: holder.displayName,
    practices: [],
  };
  if (holder.rppsNumber) identity.rppsNumber = holder.rppsNumber;
  if (holder.adeliNumber) identity.adeliNumber = holder.adeliNumber;
  if (holder.givenName) identity.givenName = holder.givenName;
  if (holder.profession) {
    const code = 'code' in holder.profession ? holder.profession.code : '';
    const classification = code ? classifyProfession({ system: 'TRE_G15', code }) : null;
    identity.practices.push({
      professionCode: code,
      roleCodes: [],
      classification,
      label: classification?.profession.label ?? holder.profession.label ?? code,
      activities: holder.organization ? [{ organizationName: holder.organization }] : [],
    });
  }
  return {
    ok: true,
    identity,
    card: {
      cardType,
      holder,
      certificate: {
        serialNumber: parsed.serialNumber,
        subject: leaf.subject.replace(/\n/g, ', '),
        issuer: leaf.issuer.replace(/\n/g, ', '),
        notBefore: parsed.notBefore,
        notAfter: parsed.notAfter,
        fingerprint256: createHash('sha256').update(der).digest('hex'),
      },
    },
  };
}
