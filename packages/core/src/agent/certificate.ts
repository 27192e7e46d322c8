/**
 * A small, strict DER reader for X.509 certificates — enough to read a CPS authentication
 * certificate (subject attributes, issuer, validity, serial, key usage) in the browser, in the
 * agent and on the server, without a dependency. It does not verify anything: signature and
 * chain checks are `@authforte/server`'s job (with Node's crypto).
 */
import { parseNationalId } from '../identifiers/national-id.js';
import type { CardHolder, CardType } from './protocol.js';

export class CertificateParseError extends Error {
  override readonly name = 'CertificateParseError';
}

interface Tlv {
  tag: number;
  /** Start of the value. */
  start: number;
  /** End of the value (exclusive). */
  end: number;
  /** Start of the header (tag byte). */
  headerStart: number;
}

function readTlv(buf: Uint8Array, pos: number, limit: number): Tlv {
  if (pos + 2 > limit) throw new CertificateParseError('Truncated DER');
  const tag = buf[pos]!;
  if ((tag & 0x1f) === 0x1f) throw new CertificateParseError('High tag numbers are not supported');
  let len = buf[pos + 1]!;
  let p = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new CertificateParseError('Unsupported DER length');
    if (p + n > limit) throw new CertificateParseError('Truncated DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i]!;
    p += n;
  }
  if (p + len > limit) throw new CertificateParseError('DER value runs past its container');
  return { tag, start: p, end: p + len, headerStart: pos };
}

function children(buf: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let p = parent.start;
  while (p < parent.end) {
    const t = readTlv(buf, p, parent.end);
    out.push(t);
    p = t.end;
  }
  return out;
}

function expect(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw new CertificateParseError(`Expected ${what}`);
  return t;
}

function oid(buf: Uint8Array, t: Tlv): string {
  const parts: number[] = [];
  let value = 0;
  for (let i = t.start; i < t.end; i++) {
    const b = buf[i]!;
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        parts.push(first, value - first * 40);
      } else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

function text(buf: Uint8Array, t: Tlv): string {
  const bytes = buf.subarray(t.start, t.end);
  switch (t.tag) {
    case 0x0c: // UTF8String
      return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    case 0x1e: {
      // BMPString (UTF-16BE)
      let s = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
      return s;
    }
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x14: // TeletexString (read as Latin-1)
    case 0x12: // NumericString
    case 0x1a: // VisibleString
      return Array.from(bytes, (b) => String.fromCharCode(b)).join('');
    default:
      throw new CertificateParseError(`Unsupported string type 0x${t.tag.toString(16)}`);
  }
}

function time(buf: Uint8Array, t: Tlv): Date {
  const s = Array.from(buf.subarray(t.start, t.end), (b) => String.fromCharCode(b)).join('');
  const m =
    t.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
      : t.tag === 0x18
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
        : null;
  if (!m) throw new CertificateParseError('Bad certificate time');
  let year = Number(m[1]);
  if (t.tag === 0x17) year += year >= 50 ? 1900 : 2000;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

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
}

function parseName(buf: Uint8Array, t: Tlv): NameAttribute[] {
  expect(t, 0x30, 'Name');
  const out: NameAttribute[] = [];
  for (const set of children(buf, t)) {
    expect(set, 0x31, 'RelativeDistinguishedName');
    for (const atv of children(buf, set)) {
      const [type, value] = children(buf, expect(atv, 0x30, 'AttributeTypeAndValue'));
      const o = oid(buf, expect(type, 0x06, 'attribute type'));
      if (!value) throw new CertificateParseError('Attribute without value');
      out.push({ oid: o, name: ATTRIBUTE_NAMES[o] ?? o, value: text(buf, value) });
    }
  }
  return out;
}

/** RFC 4514-like rendering, most significant first as written in the certificate (C=FR, O=…, CN=…). */
export function formatName(attrs: NameAttribute[]): string {
  return attrs.map((a) => `${a.name}=${a.value.replace(/([,+"\\<>;])/g, '\\$1')}`).join(', ');
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
  /** Public key algorithm OID (rsaEncryption or id-ecPublicKey). */
  publicKeyAlgorithm: string;
  /** For EC keys, the named curve OID. */
  namedCurve: string | undefined;
}

export const OID_RSA = '1.2.840.113549.1.1.1';
export const OID_EC = '1.2.840.10045.2.1';
export const OID_P256 = '1.2.840.10045.3.1.7';
export const OID_P384 = '1.3.132.0.34';

function toBytes(input: Uint8Array | ArrayBuffer | string): Uint8Array {
  if (typeof input === 'string') return base64ToBytes(input);
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

/** Reads a DER certificate (bytes, or base64 / PEM text). Throws `CertificateParseError`. */
export function parseCertificate(input: Uint8Array | ArrayBuffer | string): ParsedCertificate {
  const buf = toBytes(input);
  const cert = readTlv(buf, 0, buf.length);
  if (cert.tag !== 0x30 || cert.end !== buf.length) throw new CertificateParseError('Not a DER certificate');
  const [tbs] = children(buf, cert);
  const fields = children(buf, expect(tbs, 0x30, 'TBSCertificate'));
  let i = 0;
  if (fields[0]?.tag === 0xa0) i++;
  const serial = expect(fields[i++], 0x02, 'serialNumber');
  expect(fields[i++], 0x30, 'signature algorithm');
  const issuer = parseName(buf, expect(fields[i++], 0x30, 'issuer'));
  const [nb, na] = children(buf, expect(fields[i++], 0x30, 'validity'));
  if (!nb || !na) throw new CertificateParseError('Bad validity');
  const subject = parseName(buf, expect(fields[i++], 0x30, 'subject'));
  const spki = expect(fields[i++], 0x30, 'subjectPublicKeyInfo');
  const [algId] = children(buf, spki);
  const [algOid, params] = children(buf, expect(algId, 0x30, 'AlgorithmIdentifier'));
  const publicKeyAlgorithm = oid(buf, expect(algOid, 0x06, 'algorithm'));
  const namedCurve = params?.tag === 0x06 ? oid(buf, params) : undefined;
  let keyUsage: KeyUsage | undefined;
  for (; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.tag !== 0xa3) continue;
    const [exts] = children(buf, f);
    for (const ext of children(buf, expect(exts, 0x30, 'Extensions'))) {
      const parts = children(buf, expect(ext, 0x30, 'Extension'));
      const extOid = oid(buf, expect(parts[0], 0x06, 'extnID'));
      const value = parts[parts.length - 1];
      if (extOid !== '2.5.29.15' || !value || value.tag !== 0x04) continue;
      const bits = readTlv(buf, value.start, value.end);
      expect(bits, 0x03, 'keyUsage BIT STRING');
      const b0 = bits.end - bits.start > 1 ? buf[bits.start + 1]! : 0;
      keyUsage = {
        digitalSignature: (b0 & 0x80) !== 0,
        nonRepudiation: (b0 & 0x40) !== 0,
        keyEncipherment: (b0 & 0x20) !== 0,
        keyCertSign: (b0 & 0x04) !== 0,
      };
    }
  }
  return {
    serialNumber: Array.from(buf.subarray(serial.start, serial.end), (b) => b.toString(16).padStart(2, '0'))
      .join('')
      .replace(/^00(?=[89a-f])/, ''),
    issuer,
    subject,
    notBefore: time(buf, nb),
    notAfter: time(buf, na),
    keyUsage,
    publicKeyAlgorithm,
    namedCurve,
  };
}

export function base64ToBytes(input: string): Uint8Array {
  const clean = input
    .replace(/-----(BEGIN|END) [A-Z ]+-----/g, '')
    .replace(/\s+/g, '')
    .replace(/-/g, '+')
    .replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw new CertificateParseError('Not base64');
  let bin: string;
  try {
    bin = atob(clean.padEnd(Math.ceil(clean.length / 4) * 4, '='));
  } catch {
    throw new CertificateParseError('Not base64');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function bytesToBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** TRE_G15 profession codes (ANS nomenclature) that a CPS certificate's `title` may carry. */
export const TRE_G15_LABELS: Record<string, string> = {
  '10': 'Médecin',
  '21': 'Pharmacien',
  '26': 'Audioprothésiste',
  '28': 'Opticien-lunetier',
  '40': 'Chirurgien-dentiste',
  '50': 'Sage-femme',
  '60': 'Infirmier',
  '69': 'Infirmier psychiatrique',
  '70': 'Masseur-kinésithérapeute',
  '80': 'Pédicure-podologue',
  '81': 'Orthoprothésiste',
  '82': 'Podo-orthésiste',
  '83': 'Orthopédiste-orthésiste',
  '84': 'Oculariste',
  '85': 'Epithésiste',
  '86': 'Technicien de laboratoire médical',
  '91': 'Orthophoniste',
  '92': 'Orthoptiste',
  '93': 'Psychologue',
  '94': 'Ergothérapeute',
  '95': 'Diététicien',
  '96': 'Psychomotricien',
  '98': 'Manipulateur ERM',
};

const CARD_TYPES: readonly CardType[] = ['CPS', 'CPF', 'CPE', 'CPA'];

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

/**
 * The holder and card type as written in a CPS-like authentication certificate subject:
 * `CN` national identifier, `SN` family name, `GN` given name, `title` profession (TRE_G15 code,
 * or a label), `OU` card type (CPS/CPF/CPE/CPA), `O` organisation. See docs/agent-protocol.md.
 */
export function cardHolderFromCertificate(cert: ParsedCertificate): { holder: CardHolder; cardType: CardType } {
  const s = cert.subject;
  const cn = attr(s, 'CN') ?? '';
  const nationalId = attr(s, 'serialNumber') && !/^\d+$/.test(cn) ? attr(s, 'serialNumber')! : cn;
  const idType = nationalIdKind(nationalId);
  const familyName = attr(s, 'SN') ?? cn;
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
  if (title) {
    const code = /^\d{2,3}$/.test(title) ? title : undefined;
    holder.profession = code
      ? { system: 'TRE_G15', code, ...(TRE_G15_LABELS[code] ? { label: TRE_G15_LABELS[code] } : {}) }
      : { label: title };
  }
  const organization = attr(s, 'O');
  if (organization) holder.organization = organization;
  const ouValues = s.filter((a) => a.name === 'OU').map((a) => a.value.trim().toUpperCase());
  const cardType = (CARD_TYPES.find((t) => ouValues.includes(t)) ?? 'unknown') as CardType;
  return { holder, cardType };
}
