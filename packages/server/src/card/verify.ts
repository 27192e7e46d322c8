/**
 * Server-side verification of a card authentication proof (what the card agent returned to the page):
 * shape, nonce (single use, this session, not expired), origin, certificate dates, chain to the
 * configured trust anchors (a trust preset's intermediates are chain candidates: a real CPS card carries
 * no CA certificate, so its proof's chain is empty), the card authentication policy, revocation (OCSP,
 * then CRL), then the signature over SHA-256(origin) ‖ SHA-256(nonce). Each failure has its own reason.
 */
import { createHash, verify as cryptoVerify, type KeyObject, X509Certificate } from 'node:crypto';
import { type Classification, classifyProfessionCode } from '@authforte/core';
import {
  CARD_PROOF_FORMAT,
  type CardHolder,
  type CardProof,
  type CardType,
  challengeBytes,
} from '@authforte/core/agent';
import {
  cardHolderFromCertificate,
  OID_EKU_CLIENT_AUTH,
  OID_P256,
  OID_P384,
  type ParsedCertificate,
  parseCertificate,
} from '@authforte/core/certificate';
import { type CardChallenges, defaultCardChallenges } from './nonces.js';
import type { TrustPreset } from './presets.js';
import { CARD_PROOF_FAILURE_MESSAGES, type CardProofFailure } from './refusals.js';
import { defaultRevocationChecker, type RevocationChecker, type RevocationPolicy } from './revocation.js';

export {
  CARD_PROOF_FAILURE_MESSAGES,
  CARD_REFUSAL_LOGIN_CODES,
  CARD_REFUSALS,
  type CardProofFailure,
  type CardRefusalLoginCode,
  cardRefusalCode,
  cardRefusalResponse,
} from './refusals.js';

/**
 * The professional identity read from the card (same shape as `ProfessionalIdentity` of
 * `@authforte/core`, with `source: 'card'`).
 */
export interface CardIdentity
  extends Pick<
    CardHolder,
    'nationalId' | 'idType' | 'rppsNumber' | 'adeliNumber' | 'givenName' | 'familyName' | 'displayName'
  > {
  source: 'card';
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
    /** How revocation was checked: `ocsp`, `crl`, `unchecked` (policy off, or fail-open without an answer). */
    revocation: 'ocsp' | 'crl' | 'unchecked';
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
  /**
   * A trust preset (`IGC_SANTE_PRODUCTION`, or the sandbox's test one): its roots, its intermediates as
   * chain candidates, its card issuers and its revocation policy.
   */
  trust?: TrustPreset;
  /** Trusted CA certificates (PEM text, DER bytes or X509Certificate): roots or intermediates, added to `trust`'s. */
  trustAnchors?: readonly TrustAnchor[];
  /** Intermediate CA certificates used as chain candidates (not trusted by themselves), added to `trust`'s. */
  intermediates?: readonly TrustAnchor[];
  /**
   * `igc-sante-card` (default): the certificate must be a card authentication certificate — issued by an
   * IGC-Santé PERSONNES CA of the FORT or STANDARD range, keyUsage digitalSignature, EKU clientAuth when
   * the EKU extension is present, card-type extension present. `any`: only the chain is checked.
   */
  cardPolicy?: 'igc-sante-card' | 'any';
  /** Revocation policy (default: `trust`'s, else `fail-closed`). */
  revocation?: RevocationPolicy;
  /** Where OCSP / CRL answers are fetched and cached (default: one shared checker). */
  revocationChecker?: RevocationChecker;
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
const listCache = new WeakMap<readonly TrustAnchor[], X509Certificate[]>();

/**
 * A small LRU of what was read from certificates, keyed by their SHA-256: a professional signs in with the same
 * card day after day, and reading a certificate with `@peculiar/asn1-x509` costs a few milliseconds.
 */
class LruCache<V> {
  readonly #map = new Map<string, V>();
  constructor(readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.#map.get(key);
    if (v !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    this.#map.delete(key);
    if (this.#map.size >= this.max) this.#map.delete(this.#map.keys().next().value!);
    this.#map.set(key, value);
  }
}

const textAnchors = new LruCache<X509Certificate[]>(256);
const readCertificates = new LruCache<{ leaf: X509Certificate; parsed: ParsedCertificate }>(2048);

/** Parses trust anchors once (PEM text may hold several certificates). */
export function loadTrustAnchors(anchors: readonly TrustAnchor[]): X509Certificate[] {
  const listed = listCache.get(anchors);
  if (listed && Object.isFrozen(anchors)) return listed;
  const out: X509Certificate[] = [];
  for (const a of anchors) {
    if (a instanceof X509Certificate) out.push(a);
    else if (typeof a === 'string') {
      let read = textAnchors.get(a);
      if (!read) {
        const pems = a.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
        read = pems ? pems.map((p) => new X509Certificate(p)) : [new X509Certificate(Buffer.from(a, 'base64'))];
        textAnchors.set(a, read);
      }
      out.push(...read);
    } else {
      let c = anchorCache.get(a);
      if (!c) {
        c = new X509Certificate(a);
        anchorCache.set(a, c);
      }
      out.push(c);
    }
  }
  if (Object.isFrozen(anchors)) listCache.set(anchors, out);
  return out;
}

function validAt(c: X509Certificate, now: Date): boolean {
  return now >= new Date(c.validFrom) && now <= new Date(c.validTo);
}

/**
 * Builds a path leaf → (intermediates: the card's chain, the preset's) → anchor; every link verified and
 * valid at `now`. Returns the path from the leaf's issuer to the anchor, or null.
 */
function chainToAnchor(
  leaf: X509Certificate,
  intermediates: X509Certificate[],
  anchors: X509Certificate[],
  now: Date,
): X509Certificate[] | null {
  let current = leaf;
  const path: X509Certificate[] = [];
  for (let depth = 0; depth < 6; depth++) {
    const anchor = anchors.find((a) => current.checkIssued(a) && validAt(a, now) && current.verify(a.publicKey));
    if (anchor) return [...path, anchor];
    const next = intermediates.find(
      (i) => !path.includes(i) && i.ca && validAt(i, now) && current.checkIssued(i) && current.verify(i.publicKey),
    );
    if (!next) return null;
    path.push(next);
    current = next;
  }
  return null;
}

/** CN of an X509Certificate subject (Node's one-attribute-per-line rendering). */
function commonName(c: X509Certificate): string {
  return (
    c.subject
      .split('\n')
      .find((l) => l.startsWith('CN='))
      ?.slice(3) ?? ''
  );
}

/**
 * IGC-Santé: card holders' certificates come from `AC IGC-SANTE FORT PERSONNES` (CPS, CPF) or
 * `AC IGC-SANTE STANDARD PERSONNES` (CPE, CPA); ELEMENTAIRE issues software certificates, ORGANISATIONS
 * server and S/MIME ones (source: the CA certificates of Cryptolib CPS, /etc/opt/santesocial/CPS/Coffre/,
 * https://github.com/ansforge/dops-cryptolib). The sandbox's test CAs carry a `TEST` prefix.
 */
const CARD_ISSUER = /^(?:TEST )?AC IGC-SANTE (?:FORT|STANDARD) PERSONNES$/;

function isCardCertificate(parsed: ParsedCertificate, issuer: X509Certificate): boolean {
  return (
    CARD_ISSUER.test(commonName(issuer)) &&
    parsed.keyUsage?.digitalSignature === true &&
    (parsed.extendedKeyUsage === undefined || parsed.extendedKeyUsage.includes(OID_EKU_CLIENT_AUTH)) &&
    parsed.cardTypeCode !== undefined
  );
}

function signatureOk(
  alg: CardProof['algorithm'],
  key: KeyObject,
  curve: string | undefined,
  data: Uint8Array,
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
  let parsed: ParsedCertificate;
  let intermediates: X509Certificate[];
  const der = Buffer.from(p.certificate, 'base64');
  const fingerprint256 = createHash('sha256').update(der).digest('hex');
  try {
    const known = readCertificates.get(fingerprint256);
    if (known) ({ leaf, parsed } = known);
    else {
      leaf = new X509Certificate(der);
      parsed = parseCertificate(new Uint8Array(der));
      readCertificates.set(fingerprint256, { leaf, parsed });
    }
    intermediates = ((p.chain as string[] | undefined) ?? []).map((c) => new X509Certificate(Buffer.from(c, 'base64')));
  } catch {
    return fail('certificate-invalid');
  }
  if (now < parsed.notBefore) return fail('certificate-not-yet-valid');
  if (now > parsed.notAfter) return fail('certificate-expired');
  if (leaf.ca || (parsed.keyUsage && !parsed.keyUsage.digitalSignature))
    return fail('certificate-not-for-authentication');
  let anchors: X509Certificate[];
  let candidates: X509Certificate[];
  try {
    anchors = [...loadTrustAnchors(options.trust?.anchors ?? []), ...loadTrustAnchors(options.trustAnchors ?? [])];
    candidates = [
      ...loadTrustAnchors(options.trust?.intermediates ?? []),
      ...loadTrustAnchors(options.intermediates ?? []),
    ];
  } catch {
    throw new TypeError('verifyCardProof: a trust anchor or intermediate is not a certificate');
  }
  if (anchors.length === 0) throw new TypeError('verifyCardProof: give a trust preset or trust anchors');
  const path = chainToAnchor(leaf, [...intermediates, ...candidates], anchors, now);
  if (!path) return fail('certificate-untrusted');
  const issuer = path[0]!;
  if ((options.cardPolicy ?? 'igc-sante-card') === 'igc-sante-card' && !isCardCertificate(parsed, issuer))
    return fail('certificate-not-a-card');

  // 5. signature over SHA-256(origin) ‖ SHA-256(nonce)
  const data = await challengeBytes(expectedOrigin, nonce);
  let ok: boolean | 'alg';
  try {
    ok = signatureOk(algorithm, leaf.publicKey, parsed.namedCurve, data, Buffer.from(p.signature, 'base64url'));
  } catch {
    ok = false;
  }
  if (ok === 'alg') return fail('unsupported-algorithm');
  if (!ok) return fail('signature-invalid');

  // 6. revocation, once the proof is known to come from the card (no lookups for forged proofs)
  const policy = options.revocation ?? options.trust?.revocation ?? 'fail-closed';
  let revocation: VerifiedCard['certificate']['revocation'] = 'unchecked';
  if (policy !== 'off') {
    const checker = options.revocationChecker ?? defaultRevocationChecker;
    const r = await checker.check(leaf, issuer, { ocsp: parsed.ocspUrls, crl: parsed.crlUrls }, now);
    if (r.status === 'revoked') return fail('certificate-revoked');
    if (r.status === 'unavailable' && policy === 'fail-closed') return fail('revocation-unavailable');
    if (r.status === 'good') revocation = r.source;
  }

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
    // the extension's code may be a TRE_R95 one (a psychologist's 93): the bare code is classified
    const classification = code ? classifyProfessionCode(code) : null;
    identity.practices.push({
      professionCode: code,
      roleCodes: [],
      classification,
      label: holder.profession.label ?? classification?.profession.label ?? code,
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
        revocation,
        notBefore: new Date(parsed.notBefore),
        notAfter: new Date(parsed.notAfter),
        fingerprint256,
      },
    },
  };
}
