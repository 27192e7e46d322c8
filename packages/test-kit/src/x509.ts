/**
 * The certificate builder of the test hierarchy: names, extensions, serial numbers, signing (`@peculiar/asn1-x509`
 * schemas, Node's crypto, synchronously), PEM. Shapes: RFC 5280, X.690 (DER).
 */
import { createHash, type KeyObject, randomBytes, sign } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  Certificate,
  Extension,
  Extensions,
  GeneralName,
  KeyIdentifier,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
} from '@peculiar/asn1-x509';

export const OID = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
  SN: '2.5.4.4',
  GN: '2.5.4.42',
  title: '2.5.4.12',
} as const;
export type Attr = keyof typeof OID;
/** RDNs, most significant first; an RDN with several attributes is multi-valued. */
export type NameSpec = Array<Array<[Attr, string]>>;

export function name(spec: NameSpec): Name {
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
export const signatureAlgorithm = (key: KeyObject) =>
  key.asymmetricKeyType === 'ec'
    ? new AlgorithmIdentifier({ algorithm: '1.2.840.10045.4.3.2' })
    : new AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.11', parameters: null });

export function keyId(publicKey: KeyObject): ArrayBuffer {
  const spki = AsnConvert.parse(publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo);
  const d = createHash('sha1').update(new Uint8Array(spki.subjectPublicKey)).digest();
  return d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength) as ArrayBuffer;
}

export function ext(extnID: string, critical: boolean, value: unknown): Extension {
  const der = value instanceof ArrayBuffer ? value : AsnConvert.serialize(value);
  return new Extension({ extnID, critical, extnValue: new OctetString(der) });
}

export const uri = (u: string) => new GeneralName({ uniformResourceIdentifier: u });

export interface IssueOptions {
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
export function serialNumber(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && b[1]! < 0x80) b = b.subarray(1);
  return b[0]! >= 0x80 ? Buffer.concat([Buffer.from([0]), b]) : Buffer.from(b);
}

export function issue(o: IssueOptions): Buffer {
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

export function pem(der: Buffer, label = 'CERTIFICATE'): string {
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}
