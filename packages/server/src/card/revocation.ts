/**
 * Revocation of card certificates: OCSP first, CRL as fallback, both cached until their `nextUpdate`.
 *
 * IGC-Santé card certificates carry both (source: the ANS's IGC-Santé certificate profiles and the
 * real CA certificates of Cryptolib CPS, https://github.com/ansforge/dops-cryptolib): an OCSP
 * responder in authorityInfoAccess (`http://ocsp.esante.gouv.fr`) and CRL distribution points
 * (`http://igc-sante.esante.gouv.fr/CRL/ACI-FO-PP.crl`, `ACI-ST-PP.crl`, …, plus LDAP ones, which
 * are skipped here). OCSP per RFC 6960 (request by POST, SHA-1 CertID, response signed by the issuing
 * CA or by a responder it delegated with id-kp-OCSPSigning); CRL per RFC 5280 §5.
 * ASN.1 with `@peculiar/asn1-ocsp` / `@peculiar/asn1-x509`, signatures with Node's crypto.
 */
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import {
  BasicOCSPResponse,
  CertID,
  id_kp_OCSPSigning,
  id_pkix_ocsp_basic,
  OCSPRequest,
  OCSPResponse,
  OCSPResponseStatus,
  Request,
  TBSRequest,
} from '@peculiar/asn1-ocsp';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, CertificateList } from '@peculiar/asn1-x509';

/**
 * What to do when neither OCSP nor a CRL gives an answer: refuse the card (`fail-closed`, the
 * production preset's default), accept it (`fail-open`), or do not check at all (`off`).
 */
export type RevocationPolicy = 'fail-closed' | 'fail-open' | 'off';

export type RevocationStatus =
  | { status: 'good'; source: 'ocsp' | 'crl' }
  | { status: 'revoked'; source: 'ocsp' | 'crl'; revokedAt: Date }
  | { status: 'unavailable'; detail: string };

export interface RevocationCheckerOptions {
  /** Time allowed to one OCSP or CRL request (default 5 s). */
  timeoutMs?: number;
  /** Largest CRL accepted, in bytes (default 32 MiB; IGC-Santé CRLs are a few MiB). */
  maxCrlBytes?: number;
  /** Cache entries kept at most (default 10 000). */
  maxEntries?: number;
  /** HTTP client (default: the global `fetch`), e.g. to go through a proxy. */
  fetch?: typeof fetch;
}

const OID_SHA1 = '1.3.14.3.2.26';
/** Clock skew allowed on thisUpdate (RFC 5019 §4). */
const SKEW_MS = 5 * 60_000;

const SIGNATURE_HASHES: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

function hex(b: ArrayBuffer | Uint8Array): string {
  return Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex');
}

/** Serial number as lowercase hex without leading zero bytes. */
function serialHex(b: ArrayBuffer | Uint8Array): string {
  return hex(b).replace(/^(00)+(?=.)/, '');
}

function signedBy(tbs: ArrayBuffer, algorithm: string, signature: ArrayBuffer, signer: X509Certificate): boolean {
  const hash = SIGNATURE_HASHES[algorithm];
  if (!hash) return false;
  try {
    return cryptoVerify(hash, new Uint8Array(tbs), signer.publicKey, new Uint8Array(signature));
  } catch {
    return false;
  }
}

interface CacheEntry {
  value: RevocationStatus | CrlIndex;
  until: number;
}

interface CrlIndex {
  revoked: Map<string, Date>;
}

export class RevocationChecker {
  readonly #timeoutMs: number;
  readonly #maxCrlBytes: number;
  readonly #maxEntries: number;
  readonly #fetch: typeof fetch;
  readonly #cache = new Map<string, CacheEntry>();
  readonly #inflight = new Map<string, Promise<unknown>>();

  constructor(options: RevocationCheckerOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#maxCrlBytes = options.maxCrlBytes ?? 32 * 1024 * 1024;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#fetch = options.fetch ?? fetch;
  }

  /** Status of `leaf` (issued by `issuer`): OCSP at `ocspUrls` first, then the CRLs at `crlUrls`. */
  async check(
    leaf: X509Certificate,
    issuer: X509Certificate,
    urls: { ocsp: readonly string[]; crl: readonly string[] },
    now = new Date(),
  ): Promise<RevocationStatus> {
    const problems: string[] = [];
    for (const url of urls.ocsp.filter(isHttp)) {
      const r = await this.#cached(`ocsp ${issuer.fingerprint256} ${leaf.serialNumber}`, now, () =>
        this.#ocsp(url, leaf, issuer, now),
      ).catch((e: Error) => ({ status: 'unavailable', detail: `OCSP ${url}: ${e.message}` }) as const);
      if (r.status !== 'unavailable') return r;
      problems.push(r.detail);
    }
    for (const url of urls.crl.filter(isHttp)) {
      try {
        const crl = await this.#cached(`crl ${url} ${issuer.fingerprint256}`, now, () => this.#crl(url, issuer, now));
        const revokedAt = crl.revoked.get(serialHex(Buffer.from(leaf.serialNumber, 'hex')));
        return revokedAt ? { status: 'revoked', source: 'crl', revokedAt } : { status: 'good', source: 'crl' };
      } catch (e) {
        problems.push(`CRL ${url}: ${(e as Error).message}`);
      }
    }
    return {
      status: 'unavailable',
      detail: problems.join('; ') || 'no OCSP responder nor HTTP CRL in the certificate',
    };
  }

  /** Forgets every cached answer. */
  clear(): void {
    this.#cache.clear();
  }

  async #cached<T extends RevocationStatus | CrlIndex>(
    key: string,
    now: Date,
    load: () => Promise<{ value: T; until: number }>,
  ): Promise<T> {
    const hit = this.#cache.get(key);
    if (hit && hit.until > now.getTime()) return hit.value as T;
    const running = this.#inflight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const p = load()
      .then(({ value, until }) => {
        if (until > now.getTime() && !(isStatus(value) && value.status === 'unavailable')) {
          if (this.#cache.size >= this.#maxEntries) this.#cache.delete(this.#cache.keys().next().value!);
          this.#cache.set(key, { value, until });
        }
        return value;
      })
      .finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, p);
    return p;
  }

  async #get(url: string, init: RequestInit, max: number): Promise<Uint8Array> {
    const res = await this.#fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(this.#timeoutMs) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > max) throw new Error('response too large');
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.byteLength > max) throw new Error('response too large');
    return body;
  }

  async #ocsp(
    url: string,
    leaf: X509Certificate,
    issuer: X509Certificate,
    now: Date,
  ): Promise<{ value: RevocationStatus; until: number }> {
    const issuerAsn = AsnConvert.parse(issuer.raw, Certificate);
    const certId = new CertID({
      hashAlgorithm: new AlgorithmIdentifier({ algorithm: OID_SHA1, parameters: null }),
      issuerNameHash: new OctetString(sha1(AsnConvert.serialize(issuerAsn.tbsCertificate.subject))),
      issuerKeyHash: new OctetString(sha1(issuerAsn.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey)),
      serialNumber: AsnConvert.parse(leaf.raw, Certificate).tbsCertificate.serialNumber,
    });
    const request = new OCSPRequest({
      tbsRequest: new TBSRequest({ requestList: [new Request({ reqCert: certId })] }),
    });
    const body = await this.#get(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
        body: new Uint8Array(AsnConvert.serialize(request)),
      },
      1024 * 1024,
    );
    const response = AsnConvert.parse(body, OCSPResponse);
    if (response.responseStatus !== OCSPResponseStatus.successful || !response.responseBytes)
      throw new Error(`responder status ${OCSPResponseStatus[response.responseStatus] ?? response.responseStatus}`);
    if (response.responseBytes.responseType !== id_pkix_ocsp_basic) throw new Error('not a basic OCSP response');
    const basic = AsnConvert.parse(response.responseBytes.response, BasicOCSPResponse);
    const tbs = basic.tbsResponseDataRaw ?? AsnConvert.serialize(basic.tbsResponseData);
    const alg = basic.signatureAlgorithm.algorithm;
    // RFC 6960 §4.2.2.2: signed by the issuing CA itself, or by a responder certificate it issued for OCSP signing
    const delegated = (basic.certs ?? [])
      .map((c) => new X509Certificate(Buffer.from(AsnConvert.serialize(c))))
      .filter(
        (c) =>
          c.checkIssued(issuer) &&
          c.verify(issuer.publicKey) &&
          now >= new Date(c.validFrom) &&
          now <= new Date(c.validTo) &&
          (c.keyUsage ?? []).includes(id_kp_OCSPSigning),
      );
    if (![issuer, ...delegated].some((s) => signedBy(tbs, alg, basic.signature, s)))
      throw new Error('response not signed by the issuing CA or its responder');
    const wanted = serialHex(certId.serialNumber);
    const single = basic.tbsResponseData.responses.find(
      (r) =>
        serialHex(r.certID.serialNumber) === wanted &&
        hex(r.certID.issuerKeyHash.buffer) === hex(certId.issuerKeyHash.buffer) &&
        r.certID.hashAlgorithm.algorithm === OID_SHA1,
    );
    if (!single) throw new Error('no answer for this certificate');
    if (single.thisUpdate.getTime() > now.getTime() + SKEW_MS) throw new Error('answer from the future');
    if (single.nextUpdate && single.nextUpdate.getTime() < now.getTime()) throw new Error('stale answer');
    // no nextUpdate: newer information is always available (RFC 5019 §2.2.4), so nothing is cached
    const until = single.nextUpdate?.getTime() ?? 0;
    if (single.certStatus.revoked)
      return {
        value: { status: 'revoked', source: 'ocsp', revokedAt: single.certStatus.revoked.revocationTime },
        until,
      };
    if (single.certStatus.good !== undefined) return { value: { status: 'good', source: 'ocsp' }, until };
    return { value: { status: 'unavailable', detail: `OCSP ${url}: certificate unknown` }, until: 0 };
  }

  async #crl(url: string, issuer: X509Certificate, now: Date): Promise<{ value: CrlIndex; until: number }> {
    const body = await this.#get(url, { method: 'GET' }, this.#maxCrlBytes);
    let der = body;
    const text = new TextDecoder().decode(body.subarray(0, 32));
    if (text.startsWith('-----BEGIN')) der = pemBody(new TextDecoder().decode(body));
    const crl = AsnConvert.parse(der, CertificateList);
    const tbs = crl.tbsCertListRaw ?? AsnConvert.serialize(crl.tbsCertList);
    if (!signedBy(tbs, crl.signatureAlgorithm.algorithm, crl.signature, issuer))
      throw new Error('CRL not signed by the issuing CA');
    const nextUpdate = crl.tbsCertList.nextUpdate?.getTime().getTime();
    if (nextUpdate === undefined || nextUpdate < now.getTime()) throw new Error('CRL expired');
    const revoked = new Map<string, Date>();
    for (const r of crl.tbsCertList.revokedCertificates ?? [])
      revoked.set(serialHex(r.userCertificate), r.revocationDate.getTime());
    return { value: { revoked }, until: nextUpdate };
  }
}

function isStatus(v: unknown): v is RevocationStatus {
  return typeof v === 'object' && v !== null && 'status' in v;
}

function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function sha1(b: ArrayBuffer): ArrayBuffer {
  const d = createHash('sha1').update(new Uint8Array(b)).digest();
  return d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength) as ArrayBuffer;
}

function pemBody(text: string): Uint8Array {
  return Buffer.from(text.replace(/-----(BEGIN|END) [A-Z509 ]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

/** The checker used when none is given. */
export const defaultRevocationChecker = new RevocationChecker();
