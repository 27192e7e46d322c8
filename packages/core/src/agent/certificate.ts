/**
 * Reading CPS / IGC-Santé certificates with `@peculiar/asn1-x509` (the ASN.1 schemas of `@peculiar/x509`,
 * without its dependency-injection container and global `Reflect` polyfill). Node side only: the card agent and
 * `@authforte/server`; `@authforte/core/certificate`, never imported by the browser bundles). It does
 * not verify anything: signature, chain, policy and revocation are `@authforte/server`'s job.
 *
 * The profile read here is the IGC-Santé one (sources: ANS "IGC-Santé — Gamme Fort / Standard, profils
 * des certificats", https://esante.gouv.fr/produits-services/igc-sante; a real CPS3 dump in OpenSC
 * issues #2267 and #2275, https://github.com/OpenSC/OpenSC/issues/2267):
 * - subject `C=FR`, optional `ST`, `O` (structure) and `OU` (structure identifier) on establishment
 *   cards, `title` = the profession label, one multi-valued RDN `GN + CN + SN` (CN = idNat);
 * - extension 1.2.250.1.71.1.2.7 = profession code (TRE_G15), INTEGER; absent for staff cards;
 * - extension 1.2.250.1.71.1.2.2 = card type (TRE_G02), INTEGER: 0 CPS, 1 CPF, 2 CPE, 3 CPA;
 * - extension 1.2.250.1.71.1.2.3 = `<issuer id>/<card serial>`.
 */
import { ECParameters } from '@peculiar/asn1-ecc';
import { AsnConvert, AsnParser } from '@peculiar/asn1-schema';
import {
  KeyUsage as AsnKeyUsage,
  AuthorityInfoAccessSyntax,
  BasicConstraints,
  Certificate,
  CRLDistributionPoints,
  ExtendedKeyUsage,
  type GeneralName,
  KeyUsageFlags,
  type Name,
  SubjectAlternativeName,
} from '@peculiar/asn1-x509';
import { parseNationalId } from '../identifiers/national-id.js';
import { cardTypeFromCode } from './card.js';
import { base64ToBytes, CertificateParseError } from './encoding.js';
import type { CardHolder, CardType } from './protocol.js';

export { CertificateParseError } from './encoding.js';

/** IGC-Santé private extensions (ASIP-Santé arc 1.2.250.1.71). */
export const OID_PROFESSION_CODE = '1.2.250.1.71.1.2.7';
export const OID_CARD_TYPE = '1.2.250.1.71.1.2.2';
export const OID_CARD_IDENTIFIER = '1.2.250.1.71.1.2.3';
export const OID_EKU_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
export const OID_EKU_EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
export const OID_EKU_SMARTCARD_LOGON = '1.3.6.1.4.1.311.20.2.2';
export const OID_RSA = '1.2.840.113549.1.1.1';
export const OID_EC = '1.2.840.10045.2.1';
export const OID_P256 = '1.2.840.10045.3.1.7';
export const OID_P384 = '1.3.132.0.34';

const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.15': 'businessCategory',
  '2.5.4.42': 'GN',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

export interface NameAttribute {
  oid: string;
  /** Short name (`CN`, `SN`, `GN`, `title`, `O`, `OU`, …) or the OID when unknown. */
  name: string;
  value: string;
  /** Whether this attribute shares its RDN with the previous one (multi-valued RDN `GN + CN + SN`). */
  multiValued?: boolean;
}

export interface KeyUsage {
  digitalSignature: boolean;
  nonRepudiation: boolean;
  keyEncipherment: boolean;
  keyCertSign: boolean;
}

export interface ParsedCertificate {
  serialNumber: string;
  issuer: NameAttribute[];
  subject: NameAttribute[];
  notBefore: Date;
  notAfter: Date;
  /** `undefined` when the certificate has no keyUsage extension. */
  keyUsage: KeyUsage | undefined;
  /** Extended key usage OIDs, `undefined` when the extension is absent. */
  extendedKeyUsage: string[] | undefined;
  /** basicConstraints cA. */
  ca: boolean;
  /** Public key algorithm OID (rsaEncryption or id-ecPublicKey). */
  publicKeyAlgorithm: string;
  /** For EC keys, the named curve OID. */
  namedCurve: string | undefined;
  /** TRE_G15 profession code from extension 1.2.250.1.71.1.2.7 (absent for staff cards). */
  professionCode: string | undefined;
  /** TRE_G02 card type code from extension 1.2.250.1.71.1.2.2, `undefined` when absent. */
  cardTypeCode: number | undefined;
  /** Extension 1.2.250.1.71.1.2.3 (`<issuer id>/<card serial>`), when present. */
  cardIdentifier: string | undefined;
  /** userPrincipalName from the subjectAltName (`<idNat>@carte-cps.fr` on CPS cards). */
  userPrincipalName: string | undefined;
  /** OCSP responder URLs (authorityInfoAccess). */
  ocspUrls: string[];
  /** caIssuers URLs (authorityInfoAccess). */
  caIssuersUrls: string[];
  /** CRL distribution point URLs (every scheme as written: http, ldap). */
  crlUrls: string[];
}

function toBytes(input: Uint8Array | ArrayBuffer | string): Uint8Array {
  if (typeof input === 'string') return base64ToBytes(input);
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

function readName(name: Name): NameAttribute[] {
  const out: NameAttribute[] = [];
  for (const rdn of name) {
    rdn.forEach((atv, i) => {
      const value = atv.value.toString();
      const a: NameAttribute = { oid: atv.type, name: ATTRIBUTE_NAMES[atv.type] ?? atv.type, value };
      if (i > 0) a.multiValued = true;
      out.push(a);
    });
  }
  return out;
}

/** Reads an INTEGER extension value, or a string one written as digits (lenient: issuers vary). */
function integerOrText(raw: ArrayBuffer): string {
  const b = new Uint8Array(raw);
  if (b[0] === 0x02 && b.length >= 3 && b[1] === b.length - 2) {
    let n = 0n;
    for (let i = 2; i < b.length; i++) n = n * 256n + BigInt(b[i]!);
    return n.toString();
  }
  return text(raw);
}

function text(raw: ArrayBuffer): string {
  const b = new Uint8Array(raw);
  // a DER string (UTF8String, PrintableString, IA5String, …) with a short length
  if (b.length >= 2 && [0x0c, 0x13, 0x16, 0x14, 0x12, 0x1a].includes(b[0]!) && b[1] === b.length - 2)
    return new TextDecoder().decode(b.subarray(2));
  throw new CertificateParseError('Unsupported extension value');
}

const OID_UPN = '1.3.6.1.4.1.311.20.2.3';
const OID_AD_OCSP = '1.3.6.1.5.5.7.48.1';
const OID_AD_CA_ISSUERS = '1.3.6.1.5.5.7.48.2';

function urls(names: readonly GeneralName[] | undefined): string[] {
  return Array.from(names ?? [], (g) => g.uniformResourceIdentifier).filter((u): u is string => typeof u === 'string');
}

function hex(b: ArrayBuffer): string {
  return Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Reads a DER certificate (bytes, or base64 / PEM text). Throws `CertificateParseError`, never anything else. */
export function parseCertificate(input: Uint8Array | ArrayBuffer | string): ParsedCertificate {
  const buf = toBytes(input);
  try {
    return read(buf);
  } catch (e) {
    if (e instanceof CertificateParseError) throw e;
    throw new CertificateParseError(`Not a certificate: ${(e as Error)?.message ?? e}`);
  }
}

/** Length of the outer DER element (header + value). */
function outerLength(b: Uint8Array): number {
  if (b.length < 2 || b[0] !== 0x30) throw new CertificateParseError('Not a DER certificate');
  const first = b[1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || b.length < 2 + n) throw new CertificateParseError('Unsupported DER length');
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i]!;
  return 2 + n + len;
}

function read(buf: Uint8Array): ParsedCertificate {
  const asn = AsnParser.parse(buf, Certificate);
  if (outerLength(buf) !== buf.byteLength) throw new CertificateParseError('Trailing bytes after the certificate');
  const tbs = asn.tbsCertificate;
  const exts = tbs.extensions ?? [];
  const raw = (oid: string) => exts.find((x) => x.extnID === oid)?.extnValue.buffer;
  const ext = <T>(oid: string, kind: new () => T): T | undefined => {
    const v = raw(oid);
    return v ? AsnConvert.parse(v, kind) : undefined;
  };
  const ku = ext('2.5.29.15', AsnKeyUsage);
  const eku = ext('2.5.29.37', ExtendedKeyUsage);
  const bc = ext('2.5.29.19', BasicConstraints);
  const aia = ext('1.3.6.1.5.5.7.1.1', AuthorityInfoAccessSyntax) ?? [];
  const cdp = ext('2.5.29.31', CRLDistributionPoints) ?? [];
  const san = ext('2.5.29.17', SubjectAlternativeName) ?? [];
  const professionRaw = raw(OID_PROFESSION_CODE);
  const cardTypeRaw = raw(OID_CARD_TYPE);
  const cardIdRaw = raw(OID_CARD_IDENTIFIER);
  const cardType = cardTypeRaw ? Number(integerOrText(cardTypeRaw)) : undefined;
  const alg = tbs.subjectPublicKeyInfo.algorithm;
  let namedCurve: string | undefined;
  if (alg.parameters && new Uint8Array(alg.parameters)[0] === 0x06) {
    namedCurve = AsnConvert.parse(alg.parameters, ECParameters).namedCurve;
  }
  const upnName = san.find((g) => g.otherName?.typeId === OID_UPN)?.otherName;
  const flags = ku ? ku.toNumber() : 0;
  const access = (method: string) =>
    urls(
      Array.from(aia)
        .filter((d) => d.accessMethod === method)
        .map((d) => d.accessLocation),
    );
  return {
    serialNumber: hex(tbs.serialNumber).replace(/^(00)+(?=.)/, ''),
    issuer: readName(tbs.issuer),
    subject: readName(tbs.subject),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    keyUsage: ku
      ? {
          digitalSignature: (flags & KeyUsageFlags.digitalSignature) !== 0,
          nonRepudiation: (flags & KeyUsageFlags.nonRepudiation) !== 0,
          keyEncipherment: (flags & KeyUsageFlags.keyEncipherment) !== 0,
          keyCertSign: (flags & KeyUsageFlags.keyCertSign) !== 0,
        }
      : undefined,
    extendedKeyUsage: eku ? Array.from(eku, String) : undefined,
    ca: bc?.cA ?? false,
    publicKeyAlgorithm: alg.algorithm,
    namedCurve,
    professionCode: professionRaw ? integerOrText(professionRaw) : undefined,
    cardTypeCode: cardType !== undefined && Number.isSafeInteger(cardType) ? cardType : undefined,
    cardIdentifier: cardIdRaw ? text(cardIdRaw) : undefined,
    userPrincipalName: upnName ? upn(upnName.value) : undefined,
    ocspUrls: access(OID_AD_OCSP),
    caIssuersUrls: access(OID_AD_CA_ISSUERS),
    crlUrls: Array.from(cdp).flatMap((dp) => urls(dp.distributionPoint?.fullName)),
  };
}

/** The UPN otherName value: `[0] EXPLICIT UTF8String`. */
function upn(value: ArrayBuffer): string | undefined {
  const b = new Uint8Array(value);
  const inner = b[0] === 0xa0 ? b.subarray(2) : b;
  try {
    return text(inner.buffer.slice(inner.byteOffset, inner.byteOffset + inner.byteLength) as ArrayBuffer);
  } catch {
    return undefined;
  }
}

/** RFC 4514-like rendering, most significant first as written in the certificate (C=FR, O=…, GN=…+CN=…+SN=…). */
export function formatName(attrs: NameAttribute[]): string {
  let out = '';
  for (const a of attrs) {
    if (out) out += a.multiValued ? '+' : ', ';
    out += `${a.name}=${a.value.replace(/([,+"\\<>;])/g, '\\$1')}`;
  }
  return out;
}

/** Kind of a national identifier (idNat), as the identity model names it (`parseNationalId` rules). */
export function nationalIdKind(idNat: string): CardHolder['idType'] {
  try {
    const kind = parseNationalId(idNat).kind;
    return kind === 'rpps' || kind === 'adeli' ? kind : 'other';
  } catch {
    return 'other';
  }
}

function attr(attrs: NameAttribute[], name: string): string | undefined {
  return attrs.find((a) => a.name === name)?.value.trim() || undefined;
}

/** The card type (TRE_G02) of a certificate, from its card-type extension. */
export function cardTypeOf(cert: ParsedCertificate): CardType {
  return cardTypeFromCode(cert.cardTypeCode);
}

/**
 * The holder and card type as written in a CPS authentication certificate (IGC-Santé profile, see the
 * header): `CN` national identifier (`8`+RPPS, `0`+ADELI, `<structure>/<staff id>` for CPE staff), `SN`
 * family name, `GN` given name, `title` profession label, the profession code and card type from their
 * extensions, `O` the structure.
 */
export function cardHolderFromCertificate(cert: ParsedCertificate): { holder: CardHolder; cardType: CardType } {
  const s = cert.subject;
  const nationalId = attr(s, 'CN') ?? '';
  const idType = nationalIdKind(nationalId);
  const familyName = attr(s, 'SN') ?? nationalId;
  const givenName = attr(s, 'GN');
  const title = attr(s, 'title');
  const holder: CardHolder = {
    nationalId,
    idType,
    familyName,
    displayName: [givenName, familyName].filter(Boolean).join(' '),
  };
  if (givenName) holder.givenName = givenName;
  if (idType === 'rpps') holder.rppsNumber = nationalId.slice(1);
  if (idType === 'adeli') holder.adeliNumber = nationalId.slice(1);
  const code = cert.professionCode && /^\d{1,4}$/.test(cert.professionCode) ? cert.professionCode : undefined;
  if (code) holder.profession = { system: 'TRE_G15', code, ...(title ? { label: title } : {}) };
  else if (title) holder.profession = { label: title };
  const organization = attr(s, 'O');
  if (organization) holder.organization = organization;
  return { holder, cardType: cardTypeOf(cert) };
}
