/**
 * The sandbox's TEST certificate authority and CPS-like test certificates.
 *
 * ⚠ NOT FOR PRODUCTION. Everything here is a test fixture: the CA's name says so, its private key sits
 * in plain files, and the cards' PINs are printed in the sandbox banner. Never add this CA to the trust
 * anchors of a real deployment.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';
import { bits, bool, ctx, type Der, int, octets, oid, printable, seq, set, time, utf8 } from './der.js';

export const TEST_CA_NAME = 'AuthForte TEST AC IGC-SANTE — NOT FOR PRODUCTION';

export interface TestCa {
  certificatePem: string;
  certificateDer: Buffer;
  privateKeyPem: string;
  /** The CA's name, for display. */
  name: string;
}

type NameSpec = Array<[type: string, value: string]>;

const NAME_OIDS: Record<string, string> = {
  C: '2.5.4.6',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
  SN: '2.5.4.4',
  GN: '2.5.4.42',
  title: '2.5.4.12',
  serialNumber: '2.5.4.5',
};

function name(spec: NameSpec): Der {
  return seq(
    ...spec.map(([t, v]) => {
      const o = NAME_OIDS[t];
      if (!o) throw new Error(`Unknown name attribute ${t}`);
      return set(seq(oid(o), t === 'C' ? printable(v) : utf8(v)));
    }),
  );
}

const SHA256_RSA = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));

function keyId(publicKey: KeyObject): Buffer {
  return createHash('sha1')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest();
}

function ext(id: string, critical: boolean, value: Der): Der {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

interface IssueOptions {
  subject: NameSpec;
  issuer: NameSpec;
  subjectKey: KeyObject;
  issuerKey: KeyObject;
  issuerPublicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
}

function issue(o: IssueOptions): Buffer {
  const serial = randomBytes(12);
  serial[0] = serial[0]! & 0x7f;
  const extensions: Der[] = [
    ext('2.5.29.19', true, o.ca ? seq(bool(true)) : seq()),
    // keyUsage: CA → keyCertSign + cRLSign; card authentication → digitalSignature only
    ext('2.5.29.15', true, o.ca ? bits(Buffer.from([0x06]), 1) : bits(Buffer.from([0x80]), 7)),
    ext('2.5.29.14', false, octets(keyId(o.subjectKey))),
    // authorityKeyIdentifier: keyIdentifier [0] IMPLICIT OCTET STRING
    ext('2.5.29.35', false, seq(ctx(0, keyId(o.issuerPublicKey), false))),
  ];
  // extendedKeyUsage: clientAuth
  if (!o.ca) extensions.push(ext('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.2'))));
  const tbs = seq(
    ctx(0, int(2)),
    int(serial),
    SHA256_RSA,
    name(o.issuer),
    seq(time(o.notBefore), time(o.notAfter)),
    name(o.subject),
    o.subjectKey.export({ type: 'spki', format: 'der' }),
    ctx(3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, o.issuerKey);
  return seq(tbs, SHA256_RSA, bits(signature));
}

function pem(der: Buffer, label = 'CERTIFICATE'): string {
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

const CA_SUBJECT = (cn: string): NameSpec => [
  ['C', 'FR'],
  ['O', 'AuthForte TEST'],
  ['OU', 'NOT FOR PRODUCTION'],
  ['CN', cn],
];

/** Creates a self-signed test CA (RSA 2048, 10 years). `name` lets tests make an "untrusted" one. */
export function createTestCa(options: { name?: string; now?: Date } = {}): TestCa {
  const now = options.now ?? new Date();
  const cn = options.name ?? TEST_CA_NAME;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = issue({
    subject: CA_SUBJECT(cn),
    issuer: CA_SUBJECT(cn),
    subjectKey: publicKey,
    issuerKey: privateKey,
    issuerPublicKey: publicKey,
    notBefore: new Date(now.getTime() - 86_400_000),
    notAfter: new Date(now.getTime() + 10 * 365 * 86_400_000),
    ca: true,
  });
  return {
    certificatePem: pem(der),
    certificateDer: der,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    name: cn,
  };
}

export type TestCardType = 'CPS' | 'CPF' | 'CPE' | 'CPA';

/** What a test card says about its holder. */
export interface TestCardProfile {
  /** Short name used on the command line and in tests: `medecin`, `infirmiere`… */
  id: string;
  /** Card serial; the token label is `CPS3v3-<serial>`. */
  serial: string;
  /** National identifier (idNat): `8` + RPPS number. */
  nationalId: string;
  givenName: string;
  familyName: string;
  /** TRE_G15 profession code (`10` médecin, `60` infirmier, `93` psychologue…). */
  professionCode: string;
  professionLabel: string;
  cardType: TestCardType;
  organization?: string;
  pin: string;
  /** Validity; an expired card has `notAfter` in the past. */
  notBefore?: Date;
  notAfter?: Date;
}

export interface TestCardMaterial {
  profile: TestCardProfile;
  label: string;
  certificatePem: string;
  certificateDer: Buffer;
  privateKeyPem: string;
}

/** The subject layout of a CPS-like authentication certificate (see docs/agent-protocol.md). */
export function cardSubject(p: TestCardProfile): NameSpec {
  const s: NameSpec = [['C', 'FR']];
  if (p.organization) s.push(['O', p.organization]);
  s.push(
    ['OU', p.cardType],
    ['title', p.professionCode],
    ['SN', p.familyName],
    ['GN', p.givenName],
    ['CN', p.nationalId],
  );
  return s;
}

/** Issues a card's authentication certificate for `publicKey` (or a fresh RSA key pair). */
export function issueCardCertificate(
  ca: TestCa,
  profile: TestCardProfile,
  options: { publicKey?: KeyObject; now?: Date } = {},
): TestCardMaterial {
  const now = options.now ?? new Date();
  let privateKeyPem = '';
  let publicKey = options.publicKey;
  if (!publicKey) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    publicKey = pair.publicKey;
    privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  }
  const caCert = new X509Certificate(ca.certificateDer);
  const caName = CA_SUBJECT(
    caCert.subject
      .split('\n')
      .find((l) => l.startsWith('CN='))
      ?.slice(3) ?? ca.name,
  );
  const der = issue({
    subject: cardSubject(profile),
    issuer: caName,
    subjectKey: publicKey,
    issuerKey: createPrivateKey(ca.privateKeyPem),
    issuerPublicKey: createPublicKey(ca.certificatePem),
    notBefore: profile.notBefore ?? new Date(now.getTime() - 86_400_000),
    notAfter: profile.notAfter ?? new Date(now.getTime() + 3 * 365 * 86_400_000),
    ca: false,
  });
  return { profile, label: `CPS3v3-${profile.serial}`, certificatePem: pem(der), certificateDer: der, privateKeyPem };
}

/** Luhn check digit (RPPS numbers end with one). */
export function luhnDigit(base: string): string {
  let sum = 0;
  for (let i = 0; i < base.length; i++) {
    let d = Number(base[base.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const rpps = (base10: string) => `8${base10}${luhnDigit(base10)}`;

/** The sandbox's test cards. All PINs are `1234` unless told otherwise. */
export function testCardProfiles(now: Date = new Date()): TestCardProfile[] {
  return [
    {
      id: 'medecin',
      serial: '2900000011',
      nationalId: rpps('9970000011'),
      givenName: 'Camille',
      familyName: 'MARTIN-TEST',
      professionCode: '10',
      professionLabel: 'Médecin',
      cardType: 'CPS',
      organization: 'CABINET TEST MARTIN',
      pin: '1234',
    },
    {
      id: 'infirmiere',
      serial: '2900000022',
      nationalId: rpps('9970000022'),
      givenName: 'Sophie',
      familyName: 'BERNARD-TEST',
      professionCode: '60',
      professionLabel: 'Infirmier',
      cardType: 'CPS',
      organization: 'CENTRE HOSPITALIER TEST',
      pin: '1234',
    },
    {
      id: 'psychologue',
      serial: '2900000033',
      nationalId: rpps('9970000033'),
      givenName: 'Julien',
      familyName: 'PETIT-TEST',
      professionCode: '93',
      professionLabel: 'Psychologue',
      cardType: 'CPS',
      pin: '1234',
    },
    {
      id: 'expiree',
      serial: '2900000044',
      nationalId: rpps('9970000044'),
      givenName: 'Paul',
      familyName: 'DURAND-TEST',
      professionCode: '10',
      professionLabel: 'Médecin',
      cardType: 'CPS',
      pin: '1234',
      notBefore: new Date(now.getTime() - 4 * 365 * 86_400_000),
      notAfter: new Date(now.getTime() - 30 * 86_400_000),
    },
  ];
}

export { pem as toPem };
