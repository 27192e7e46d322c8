/**
 * The test cards: IGC-Santé-shaped card authentication and signature certificates issued by the test hierarchy
 * (./test-ca.ts, whose header gives the real shapes and their sources), and the sandbox's test card profiles.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject, X509Certificate } from 'node:crypto';
import { CARD_TYPES } from '@authforte/core/agent';
import {
  AccessDescription,
  AuthorityInfoAccessSyntax,
  BasicConstraints,
  CRLDistributionPoints,
  DistributionPoint,
  DistributionPointName,
  ExtendedKeyUsage,
  type Extension,
  GeneralName,
  KeyUsage,
  KeyUsageFlags,
  OtherName,
  SubjectAlternativeName,
} from '@peculiar/asn1-x509';
import { IA5String, Integer, Utf8String } from 'asn1js';
import { caSubject, type TestCa, type TestCaCertificate, type TestIssuer, YEAR } from './test-ca.js';
import { ext, issue, type NameSpec, pem, uri } from './x509.js';

/** The CPx card family (TRE_G02, `CARD_TYPES` of `@authforte/core/agent`: the code the card-type extension carries). */
export type TestCardType = keyof typeof CARD_TYPES;

/** What a test card says about its holder. */
export interface TestCardProfile {
  /** Short name used on the command line and in tests: `medecin`, `infirmiere`… */
  id: string;
  /** Card serial; the token label is `CPS3v3-<serial>`. */
  serial: string;
  /** National identifier (idNat): `8` + RPPS, `0` + ADELI, `3` + structure id `/` staff id. */
  nationalId: string;
  givenName: string;
  familyName: string;
  /** TRE_G15 profession code (`10` médecin, `60` infirmier…); absent for staff (CPE, CPA). */
  professionCode?: string;
  /** The subject's `title`: the profession label (`Médecin`, `Infirmier`, `Personnel santé ou social`). */
  professionLabel: string;
  cardType: TestCardType;
  /** Establishment cards: the structure's name (`O`) and identifier (`OU`). */
  organization?: string;
  organizationId?: string;
  pin: string;
  /** Validity; an expired card has `notAfter` in the past. */
  notBefore?: Date;
  notAfter?: Date;
  /** Revoked at the sandbox's OCSP responder and in its CRLs. */
  revoked?: boolean;
  /**
   * `software`: an S/MIME-like organisation certificate with a software key (TEST AC IGC-SANTE STANDARD
   * ORGANISATIONS, emailProtection, no card type): chains to a trusted root but is not a card.
   */
  kind?: 'card' | 'software';
}

export interface TestCardMaterial {
  profile: TestCardProfile;
  label: string;
  /** The authentication certificate (`Certificat d'Authentification CPS`). */
  certificatePem: string;
  certificateDer: Buffer;
  privateKeyPem: string;
  /** The signature certificate (`Certificat de Signature CPS`) and its key. */
  signature: { certificateDer: Buffer; privateKeyPem: string };
  /** The CA that issued both. */
  issuer: TestCaCertificate;
}

/** Where the sandbox's test OCSP responder and CRLs are (written into the certificates). */
export interface TestRevocationUrls {
  ocsp: string;
  /** Base URL of the CRLs: `<crlBase>/<issuer>.crl`. */
  crlBase: string;
}

/** The issuing CA of a profile: FORT PERSONNES for CPS/CPF, STANDARD PERSONNES for CPE/CPA. */
export function issuerOf(profile: TestCardProfile): TestIssuer {
  if (profile.kind === 'software') return 'standardOrganisations';
  return profile.cardType === 'CPS' || profile.cardType === 'CPF' ? 'fortPersonnes' : 'standardPersonnes';
}

/** The subject layout of an IGC-Santé card authentication certificate (see the header). */
export function cardSubject(p: TestCardProfile): NameSpec {
  const s: NameSpec = [[['C', 'FR']]];
  if (p.organization) s.push([['O', p.organization]]);
  if (p.organizationId) s.push([['OU', p.organizationId]]);
  s.push(
    [['title', p.professionLabel]],
    [
      ['GN', p.givenName],
      ['CN', p.nationalId],
      ['SN', p.familyName],
    ],
  );
  return s;
}

const OID_UPN = '1.3.6.1.4.1.311.20.2.3';
const EKU_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const EKU_EMAIL = '1.3.6.1.5.5.7.3.4';
const EKU_SMARTCARD_LOGON = '1.3.6.1.4.1.311.20.2.2';

function revocationExtensions(urls: TestRevocationUrls | undefined, issuer: TestIssuer): Extension[] {
  if (!urls) return [];
  return [
    ext(
      '1.3.6.1.5.5.7.1.1',
      false,
      new AuthorityInfoAccessSyntax([
        new AccessDescription({ accessMethod: '1.3.6.1.5.5.7.48.1', accessLocation: uri(urls.ocsp) }),
      ]),
    ),
    ext(
      '2.5.29.31',
      false,
      new CRLDistributionPoints([
        new DistributionPoint({
          distributionPoint: new DistributionPointName({ fullName: [uri(`${urls.crlBase}/${issuer}.crl`)] }),
        }),
      ]),
    ),
  ];
}

const ber = (v: { toBER(): ArrayBuffer }) => v.toBER();

const signatureKeys = new Map<string, { publicKey: KeyObject; privateKey: KeyObject }>();

/** The signature key of a test card, made once per card and process (the agent never uses it). */
function signatureKey(serial: string): { publicKey: KeyObject; privateKey: KeyObject } {
  let pair = signatureKeys.get(serial);
  if (!pair) {
    pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    signatureKeys.set(serial, pair);
  }
  return pair;
}

/** The serial of a test card's certificate: its card serial, so that tests can name it. */
function certSerial(profile: TestCardProfile, use: 1 | 2): Buffer {
  return Buffer.from(`${profile.serial.replace(/\D/g, '').padStart(10, '0')}0${use}`, 'hex');
}

/**
 * Issues a card's authentication certificate for `publicKey` (or a fresh RSA key pair), and its
 * signature certificate, from the profile's issuing CA.
 */
export function issueCardCertificate(
  ca: TestCa,
  profile: TestCardProfile,
  options: { publicKey?: KeyObject; now?: Date; revocation?: TestRevocationUrls } = {},
): TestCardMaterial {
  const now = options.now ?? new Date();
  let privateKeyPem = '';
  let publicKey = options.publicKey;
  if (!publicKey) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    publicKey = pair.publicKey;
    privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  }
  const issuerId = issuerOf(profile);
  const issuerCa = ca.issuers[issuerId];
  const issuerCert = new X509Certificate(issuerCa.certificateDer);
  const issuer = {
    name: caSubject(issuerCa.name, /O=([^\n]+)/.exec(issuerCert.subject)?.[1] ?? 'ASIP-SANTE'),
    key: createPrivateKey(issuerCa.privateKeyPem),
    publicKey: issuerCert.publicKey,
  };
  const notBefore = profile.notBefore ?? new Date(now.getTime() - 86_400_000);
  const notAfter = profile.notAfter ?? new Date(now.getTime() + 3 * YEAR);
  const software = profile.kind === 'software';
  const common = [
    ext('2.5.29.19', true, new BasicConstraints({ cA: false })),
    ...revocationExtensions(options.revocation, issuerId),
  ];
  const cardExtensions = software
    ? []
    : [
        ...(profile.professionCode
          ? [ext('1.2.250.1.71.1.2.7', false, ber(new Integer({ value: Number(profile.professionCode) })))]
          : []),
        ext('1.2.250.1.71.1.2.2', false, ber(new Integer({ value: CARD_TYPES[profile.cardType].code }))),
        ext('1.2.250.1.71.1.2.3', false, ber(new IA5String({ value: `8025000001/${profile.serial}` }))),
      ];
  const san = ext(
    '2.5.29.17',
    false,
    new SubjectAlternativeName([
      new GeneralName({
        otherName: new OtherName({
          typeId: OID_UPN,
          value: ber(new Utf8String({ value: `${profile.nationalId}@carte-cps.fr` })),
        }),
      }),
    ]),
  );
  const der = issue({
    subject: cardSubject(profile),
    issuer,
    subjectKey: publicKey,
    notBefore,
    notAfter,
    serial: certSerial(profile, 2),
    extensions: [
      ...common,
      software
        ? ext('2.5.29.15', true, new KeyUsage(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment))
        : ext('2.5.29.15', true, new KeyUsage(KeyUsageFlags.digitalSignature)),
      ext('2.5.29.37', false, new ExtendedKeyUsage(software ? [EKU_EMAIL] : [EKU_CLIENT_AUTH, EKU_SMARTCARD_LOGON])),
      san,
      ...cardExtensions,
    ],
  });
  const sigPair = signatureKey(profile.serial);
  const sigDer = issue({
    subject: cardSubject(profile),
    issuer,
    subjectKey: sigPair.publicKey,
    notBefore,
    notAfter,
    serial: certSerial(profile, 1),
    extensions: [
      ...common,
      ext('2.5.29.15', true, new KeyUsage(KeyUsageFlags.nonRepudiation)),
      ext('2.5.29.37', false, new ExtendedKeyUsage([EKU_EMAIL])),
      ...cardExtensions,
    ],
  });
  return {
    profile,
    label: `CPS3v3-${profile.serial}`,
    certificatePem: pem(der),
    certificateDer: der,
    privateKeyPem,
    signature: {
      certificateDer: sigDer,
      privateKeyPem: sigPair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    },
    issuer: issuerCa,
  };
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

/**
 * The sandbox's test cards: one per card type (CPS médecin, CPS infirmier, CPF, CPE staff, CPA), a
 * psychologist, an expired card, a revoked card, and a software S/MIME-like certificate (not a card).
 * All PINs are `1234`.
 */
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
      organizationId: '10B0012345',
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
      notBefore: new Date(now.getTime() - 4 * YEAR),
      notAfter: new Date(now.getTime() - 30 * 86_400_000),
    },
    {
      id: 'etudiant',
      serial: '2900000055',
      nationalId: rpps('9970000055'),
      givenName: 'Léa',
      familyName: 'ROUX-TEST',
      professionCode: '10',
      professionLabel: 'Médecin',
      cardType: 'CPF',
      pin: '1234',
    },
    {
      id: 'secretaire',
      serial: '2900000066',
      nationalId: '3990000011/CPET0066',
      givenName: 'Luc',
      familyName: 'ROBERT-TEST',
      professionLabel: 'Personnel santé ou social',
      cardType: 'CPE',
      organization: 'CLINIQUE TEST',
      organizationId: '990000011',
      pin: '1234',
    },
    {
      id: 'directeur',
      serial: '2900000077',
      nationalId: '3990000011/CPAT0077',
      givenName: 'Anne',
      familyName: 'GIRARD-TEST',
      professionLabel: 'Personnel autorisé',
      cardType: 'CPA',
      organization: 'CLINIQUE TEST',
      organizationId: '990000011',
      pin: '1234',
    },
    {
      id: 'revoquee',
      serial: '2900000088',
      nationalId: rpps('9970000088'),
      givenName: 'Marc',
      familyName: 'LEROY-TEST',
      professionCode: '10',
      professionLabel: 'Médecin',
      cardType: 'CPS',
      pin: '1234',
      revoked: true,
    },
    {
      id: 'logiciel',
      serial: '2900000099',
      nationalId: rpps('9970000099'),
      givenName: 'Emma',
      familyName: 'FAURE-TEST',
      professionCode: '10',
      professionLabel: 'Médecin',
      cardType: 'CPS',
      pin: '1234',
      kind: 'software',
    },
  ];
}

export { pem as toPem };
