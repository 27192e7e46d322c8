/**
 * The sandbox's TEST IGC-Santé hierarchy and CPS-like test certificates.
 *
 * ⚠ NOT FOR PRODUCTION. Everything here is a test fixture: every CA name starts with `TEST`, the private
 * keys sit in plain files, and the cards' PINs are printed in the sandbox banner. Never add this hierarchy
 * to the trust of a real deployment.
 *
 * Shaped like the real IGC-Santé (sources: the production CA certificates shipped by Cryptolib CPS,
 * /etc/opt/santesocial/CPS/Coffre/ of https://github.com/ansforge/dops-cryptolib; the ANS's certificate
 * profiles, https://esante.gouv.fr/produits-services/igc-sante; a real CPS3 dump, OpenSC issue #2267):
 * - roots `TEST AC RACINE IGC-SANTE FORT` / `STANDARD`, under them `TEST AC IGC-SANTE FORT PERSONNES`
 *   (CPS, CPF), `TEST AC IGC-SANTE STANDARD PERSONNES` (CPE, CPA) and `TEST AC IGC-SANTE STANDARD
 *   ORGANISATIONS` (servers, S/MIME: never a card); CA subjects `C=FR, O=ASIP-SANTE, OU=0002 187512751,
 *   OU=IGC-SANTE, CN=…` like the real ones;
 * - card authentication certificate: subject `C=FR[, ST][, O, OU]`, `title` = profession label, one
 *   multi-valued RDN `GN + CN + SN` (CN = idNat); keyUsage digitalSignature (critical); EKU clientAuth +
 *   smartcardLogon; SAN UPN `<idNat>@carte-cps.fr`; 1.2.250.1.71.1.2.7 profession code (INTEGER, TRE_G15,
 *   absent for staff), 1.2.250.1.71.1.2.2 card type (INTEGER, TRE_G02), 1.2.250.1.71.1.2.3
 *   `8025000001/<card serial>`; OCSP and CRL URLs of the sandbox's test responder;
 * - the card's signature certificate: keyUsage nonRepudiation, EKU emailProtection.
 *
 * Certificates are built with `@peculiar/asn1-x509` (the ASN.1 schemas of `@peculiar/x509`) and signed
 * with Node's crypto, synchronously.
 */
import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AccessDescription,
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityInfoAccessSyntax,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  CRLDistributionPoints,
  DistributionPoint,
  DistributionPointName,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  Name,
  OtherName,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
} from '@peculiar/asn1-x509';
import { IA5String, Integer, Utf8String } from 'asn1js';

/** The root of the test FORT range (the card issuers' root). */
export const TEST_CA_NAME = 'TEST AC RACINE IGC-SANTE FORT';

/** One CA of the test hierarchy. */
export interface TestCaCertificate {
  name: string;
  certificatePem: string;
  certificateDer: Buffer;
  privateKeyPem: string;
}

export type TestIssuer = 'fortPersonnes' | 'standardPersonnes' | 'standardOrganisations';

/**
 * The test hierarchy. `certificatePem` / `certificateDer` / `privateKeyPem` are the FORT root's (for
 * callers that want "the" test CA); cards are issued by the PERSONNES intermediates, which real cards
 * do not carry: verify with `trust` (`createTrustPreset(testTrustOptions(ca))`, see ./pki.ts) or give `intermediatesPem`.
 */
export interface TestCa extends TestCaCertificate {
  roots: { fort: TestCaCertificate; standard: TestCaCertificate };
  issuers: Record<TestIssuer, TestCaCertificate>;
  /** Both roots, PEM. */
  rootsPem: string[];
  /** The intermediates, PEM (chain candidates). */
  intermediatesPem: string[];
}

const OID = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
  SN: '2.5.4.4',
  GN: '2.5.4.42',
  title: '2.5.4.12',
} as const;
type Attr = keyof typeof OID;
/** RDNs, most significant first; an RDN with several attributes is multi-valued. */
type NameSpec = Array<Array<[Attr, string]>>;

function name(spec: NameSpec): Name {
  return new Name(
    spec.map(
      (rdn) =>
        new RelativeDistinguishedName(
          rdn.map(
            ([t, v]) =>
              new AttributeTypeAndValue({
                type: OID[t],
                value: new AttributeValue(t === 'C' ? { printableString: v } : { utf8String: v }),
              }),
          ),
        ),
    ),
  );
}

/** sha256WithRSAEncryption (NULL parameters), or ecdsa-with-SHA256 (no parameters), after the signing key. */
const signatureAlgorithm = (key: KeyObject) =>
  key.asymmetricKeyType === 'ec'
    ? new AlgorithmIdentifier({ algorithm: '1.2.840.10045.4.3.2' })
    : new AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.11', parameters: null });

function keyId(publicKey: KeyObject): ArrayBuffer {
  const spki = AsnConvert.parse(publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo);
  const d = createHash('sha1').update(new Uint8Array(spki.subjectPublicKey)).digest();
  return d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength) as ArrayBuffer;
}

function ext(extnID: string, critical: boolean, value: unknown): Extension {
  const der = value instanceof ArrayBuffer ? value : AsnConvert.serialize(value);
  return new Extension({ extnID, critical, extnValue: new OctetString(der) });
}

const uri = (u: string) => new GeneralName({ uniformResourceIdentifier: u });

interface IssueOptions {
  subject: NameSpec;
  issuer: { name: NameSpec; key: KeyObject; publicKey: KeyObject } | 'self';
  subjectKey: KeyObject;
  subjectPrivateKey?: KeyObject;
  notBefore: Date;
  notAfter: Date;
  extensions: Extension[];
  serial?: Buffer;
}

/**
 * A serial number as DER wants it (X.690 §8.3.2, RFC 5280 §4.1.2.2): a positive INTEGER in its minimal form —
 * no leading 0x00 unless the next byte has its high bit set. (A random serial starting 0x00 0x3f… is refused by
 * every parser as "illegal padding", one certificate in 256.)
 */
function serialNumber(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && b[1]! < 0x80) b = b.subarray(1);
  return b[0]! >= 0x80 ? Buffer.concat([Buffer.from([0]), b]) : Buffer.from(b);
}

function issue(o: IssueOptions): Buffer {
  const serial = serialNumber(o.serial ?? randomBytes(12));
  const issuer =
    o.issuer === 'self' ? { name: o.subject, key: o.subjectPrivateKey!, publicKey: o.subjectKey } : o.issuer;
  const tbs = new TBSCertificate({
    version: 2,
    serialNumber: new Uint8Array(serial).buffer,
    signature: signatureAlgorithm(issuer.key),
    issuer: name(issuer.name),
    validity: new Validity({ notBefore: o.notBefore, notAfter: o.notAfter }),
    subject: name(o.subject),
    subjectPublicKeyInfo: AsnConvert.parse(o.subjectKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo),
    extensions: new Extensions([
      ...o.extensions,
      ext('2.5.29.14', false, new KeyIdentifier(keyId(o.subjectKey))),
      ext(
        '2.5.29.35',
        false,
        new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(keyId(issuer.publicKey)) }),
      ),
    ]),
  });
  const tbsDer = AsnConvert.serialize(tbs);
  const signature = sign('sha256', new Uint8Array(tbsDer), issuer.key);
  const cert = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: signatureAlgorithm(issuer.key),
    signatureValue: new Uint8Array(signature).buffer,
  });
  return Buffer.from(AsnConvert.serialize(cert));
}

function pem(der: Buffer, label = 'CERTIFICATE'): string {
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** The subject of an IGC-Santé CA (as in the real CA certificates). */
const caSubject = (cn: string, organization = 'ASIP-SANTE'): NameSpec => [
  [['C', 'FR']],
  [['O', organization]],
  [['OU', '0002 187512751']],
  [['OU', 'IGC-SANTE']],
  [['CN', cn]],
];

const YEAR = 365 * 86_400_000;

function makeCa(
  cn: string,
  organization: string,
  now: Date,
  keyType: 'rsa' | 'ec',
  parent?: { cert: TestCaCertificate; subject: NameSpec },
): { cert: TestCaCertificate; subject: NameSpec } {
  const { privateKey, publicKey } =
    keyType === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const subject = caSubject(cn, organization);
  const der = issue({
    subject,
    issuer: parent
      ? {
          name: parent.subject,
          key: createPrivateKey(parent.cert.privateKeyPem),
          publicKey: new X509Certificate(parent.cert.certificateDer).publicKey,
        }
      : 'self',
    subjectKey: publicKey,
    subjectPrivateKey: privateKey,
    notBefore: new Date(now.getTime() - 86_400_000),
    notAfter: new Date(now.getTime() + (parent ? 10 : 20) * YEAR),
    extensions: [
      ext('2.5.29.19', true, new BasicConstraints(parent ? { cA: true, pathLenConstraint: 0 } : { cA: true })),
      ext('2.5.29.15', true, new KeyUsage(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign)),
    ],
  });
  return {
    cert: {
      name: cn,
      certificatePem: pem(der),
      certificateDer: der,
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    },
    subject,
  };
}

/**
 * Creates the test hierarchy: RSA 2048 like the real IGC-Santé (its CA certificates are RSA), or, for the
 * hierarchies that tests only need *other* than the trusted one (an impostor with the same CA names), P-256
 * keys, made in a blink. `organization` replaces `ASIP-SANTE` in the CA subjects.
 */
export function createTestCa(options: { now?: Date; organization?: string; keyType?: 'rsa' | 'ec' } = {}): TestCa {
  const now = options.now ?? new Date();
  const org = options.organization ?? 'ASIP-SANTE';
  const k = options.keyType ?? 'rsa';
  const fort = makeCa('TEST AC RACINE IGC-SANTE FORT', org, now, k);
  const standard = makeCa('TEST AC RACINE IGC-SANTE STANDARD', org, now, k);
  const issuers = {
    fortPersonnes: makeCa('TEST AC IGC-SANTE FORT PERSONNES', org, now, k, fort).cert,
    standardPersonnes: makeCa('TEST AC IGC-SANTE STANDARD PERSONNES', org, now, k, standard).cert,
    standardOrganisations: makeCa('TEST AC IGC-SANTE STANDARD ORGANISATIONS', org, now, k, standard).cert,
  };
  return hierarchy({ fort: fort.cert, standard: standard.cert }, issuers);
}

/** Assembles a `TestCa` from its certificates (e.g. read back from files). */
export function hierarchy(roots: TestCa['roots'], issuers: TestCa['issuers']): TestCa {
  return {
    ...roots.fort,
    roots,
    issuers,
    rootsPem: [roots.fort.certificatePem, roots.standard.certificatePem],
    intermediatesPem: Object.values(issuers).map((i) => i.certificatePem),
  };
}

export type TestCardType = 'CPS' | 'CPF' | 'CPE' | 'CPA';

/** TRE_G02 codes, as the card-type extension carries them. */
const CARD_TYPE_CODE: Record<TestCardType, number> = { CPS: 0, CPF: 1, CPE: 2, CPA: 3 };

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
        ext('1.2.250.1.71.1.2.2', false, ber(new Integer({ value: CARD_TYPE_CODE[profile.cardType] }))),
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
