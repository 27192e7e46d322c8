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
import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { BasicConstraints, KeyUsage, KeyUsageFlags } from '@peculiar/asn1-x509';
import { ext, issue, type NameSpec, pem } from './x509.js';

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

/** The subject of an IGC-Santé CA (as in the real CA certificates). */
export const caSubject = (cn: string, organization = 'ASIP-SANTE'): NameSpec => [
  [['C', 'FR']],
  [['O', organization]],
  [['OU', '0002 187512751']],
  [['OU', 'IGC-SANTE']],
  [['CN', cn]],
];

export const YEAR = 365 * 86_400_000;

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
