/**
 * The sandbox's test IGC-Santé revocation services: an OCSP responder (Debian's `openssl ocsp`, one run
 * per request, signing with the issuing CA like `http://ocsp.esante.gouv.fr` does for the real cards)
 * and CRLs signed by the test CAs (`/crl/<issuer>.crl`, like `http://igc-sante.esante.gouv.fr/CRL/…`).
 * Sources: RFC 6960 (OCSP over HTTP POST, application/ocsp-request), RFC 5280 §5 (CRL), the real CA
 * certificates' CRL distribution points (https://github.com/ansforge/dops-cryptolib, Coffre/).
 *
 * ⚠ Test fixture, NOT FOR PRODUCTION.
 */
import { execFile } from 'node:child_process';
import { createHash, createPrivateKey, sign, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { OCSPRequest } from '@peculiar/asn1-ocsp';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  Certificate,
  CertificateList,
  RevokedCertificate,
  TBSCertList,
  Time,
} from '@peculiar/asn1-x509';
import type { TestCa, TestCaCertificate, TestIssuer } from './test-ca.js';
import type { TestCardMaterial, TestRevocationUrls } from './test-cards.js';

const run = promisify(execFile);

/** How a relying party checks revocation (the `revocation` of `@authforte/server`'s trust presets). */
export type TestRevocationPolicy = 'fail-closed' | 'fail-open' | 'off';

/**
 * What `createTrustPreset` of `@authforte/server` takes for the test hierarchy: both roots, the intermediates as
 * chain candidates (`createTrustPreset(testTrustOptions(ca))`). The test kit does not depend on the server package
 * (the server's own tests use the kit), hence the options rather than the preset.
 */
export function testTrustOptions(
  ca: TestCa,
  revocation: TestRevocationPolicy = 'fail-closed',
): { name: string; anchors: string[]; intermediates: string[]; revocation: TestRevocationPolicy } {
  return { name: 'sandbox-test-igc-sante', anchors: ca.rootsPem, intermediates: ca.intermediatesPem, revocation };
}

interface IndexEntry {
  serial: string;
  notAfter: Date;
  subject: string;
  revokedAt?: Date;
}

export interface TestPki {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The URLs to write into card certificates. */
  revocationUrls: TestRevocationUrls;
  /** Registers an issued card (both its certificates); revoked when its profile says so. */
  register(card: TestCardMaterial): void;
  /** Revokes a certificate (by its DER), from now on. */
  revoke(certificateDer: Buffer): void;
  /** Makes the OCSP responder answer `tryLater` (RFC 6960 §4.2.1) or work again; CRLs stay served. */
  setOcspAvailable(available: boolean): void;
  /** OCSP requests answered so far (for tests). */
  readonly ocspRequests: number;
  close(): Promise<void>;
}

function asnTime(d: Date): string {
  // openssl ca's index: YYMMDDHHMMSSZ
  return `${d.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`;
}

function sha1Hex(b: ArrayBuffer): string {
  return createHash('sha1').update(new Uint8Array(b)).digest('hex');
}

/**
 * Starts the test OCSP responder and CRL server on 127.0.0.1 (`port` 0: any free port). Cards must be
 * issued with `revocationUrls` and registered to be answered `good`; others are `unknown`.
 */
export async function startTestPki(
  ca: TestCa,
  options: { port?: number; crlValidityMs?: number } = {},
): Promise<TestPki> {
  const dir = mkdtempSync(join(tmpdir(), 'af-test-pki-'));
  const entries = new Map<TestIssuer, Map<string, IndexEntry>>();
  const issuers = Object.entries(ca.issuers) as Array<[TestIssuer, TestCaCertificate]>;
  const byKeyHash = new Map<string, TestIssuer>();
  for (const [id, c] of issuers) {
    entries.set(id, new Map());
    const spki = AsnConvert.parse(c.certificateDer, Certificate).tbsCertificate.subjectPublicKeyInfo;
    byKeyHash.set(sha1Hex(spki.subjectPublicKey), id);
    writeFileSync(join(dir, `${id}.pem`), c.certificatePem);
    writeFileSync(join(dir, `${id}.key`), c.privateKeyPem, { mode: 0o600 });
    writeFileSync(join(dir, `${id}.index`), '');
    // a card's two certificates share their subject
    writeFileSync(join(dir, `${id}.index.attr`), 'unique_subject = no\n');
  }
  let ocspRequests = 0;
  let ocspAvailable = true;
  const crlValidityMs = options.crlValidityMs ?? 60 * 60_000;

  const issuerOfCert = (der: Buffer): TestIssuer | undefined => {
    const cert = new X509Certificate(der);
    return issuers.find(([, c]) => cert.checkIssued(new X509Certificate(c.certificateDer)))?.[0];
  };

  const writeIndex = (id: TestIssuer) => {
    const lines = [...entries.get(id)!.values()].map((e) =>
      [
        e.revokedAt ? 'R' : 'V',
        asnTime(e.notAfter),
        e.revokedAt ? `${asnTime(e.revokedAt)},keyCompromise` : '',
        e.serial.toUpperCase(),
        'unknown',
        e.subject,
      ].join('\t'),
    );
    writeFileSync(join(dir, `${id}.index`), lines.length ? `${lines.join('\n')}\n` : '');
  };

  const add = (der: Buffer, revoked: boolean) => {
    const id = issuerOfCert(der);
    if (!id) throw new Error('startTestPki: certificate not issued by the test hierarchy');
    const cert = new X509Certificate(der);
    const entry: IndexEntry = {
      serial: cert.serialNumber,
      notAfter: new Date(cert.validTo),
      subject: `/${cert.subject.split('\n').join('/')}`,
    };
    const previous = entries.get(id)!.get(entry.serial);
    if (revoked) entry.revokedAt = previous?.revokedAt ?? new Date(Date.now() - 1000);
    entries.get(id)!.set(entry.serial, entry);
    writeIndex(id);
  };

  /** A CRL signed by the issuer (RFC 5280 §5.1), built with `@peculiar/asn1-x509`. */
  const crl = (id: TestIssuer): Buffer => {
    const issuer = AsnConvert.parse(ca.issuers[id].certificateDer, Certificate);
    const now = new Date();
    const key = createPrivateKey(ca.issuers[id].privateKeyPem);
    const alg = () =>
      key.asymmetricKeyType === 'ec'
        ? new AlgorithmIdentifier({ algorithm: '1.2.840.10045.4.3.2' })
        : new AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.11', parameters: null });
    const revoked = [...entries.get(id)!.values()].filter((e) => e.revokedAt);
    const tbs = new TBSCertList({
      version: 1,
      signature: alg(),
      issuer: issuer.tbsCertificate.subject,
      thisUpdate: new Time(new Date(now.getTime() - 60_000)),
      nextUpdate: new Time(new Date(now.getTime() + crlValidityMs)),
      ...(revoked.length
        ? {
            revokedCertificates: revoked.map(
              (e) =>
                new RevokedCertificate({
                  userCertificate: new Uint8Array(Buffer.from(e.serial.padStart(2, '0'), 'hex')).buffer,
                  revocationDate: new Time(e.revokedAt!),
                }),
            ),
          }
        : {}),
    });
    const tbsDer = AsnConvert.serialize(tbs);
    const signature = sign('sha256', new Uint8Array(tbsDer), key);
    return Buffer.from(
      AsnConvert.serialize(
        new CertificateList({
          tbsCertList: tbs,
          signatureAlgorithm: alg(),
          signature: new Uint8Array(signature).buffer,
        }),
      ),
    );
  };

  /** Answers one OCSP request with `openssl ocsp` acting as the responder of the request's issuer. */
  const ocsp = async (request: Buffer): Promise<Buffer> => {
    const req = AsnConvert.parse(request, OCSPRequest);
    const keyHash = Buffer.from(req.tbsRequest.requestList[0]?.reqCert.issuerKeyHash.buffer ?? new ArrayBuffer(0));
    const id = byKeyHash.get(keyHash.toString('hex'));
    const work = mkdtempSync(join(dir, 'req-'));
    try {
      writeFileSync(join(work, 'req.der'), request);
      const caId = id ?? issuers[0]![0];
      await run('openssl', [
        'ocsp',
        '-index',
        join(dir, `${caId}.index`),
        '-CA',
        join(dir, `${caId}.pem`),
        '-rsigner',
        join(dir, `${caId}.pem`),
        '-rkey',
        join(dir, `${caId}.key`),
        '-reqin',
        join(work, 'req.der'),
        '-respout',
        join(work, 'resp.der'),
        '-nmin',
        '5',
      ]);
      return readFileSync(join(work, 'resp.der'));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/crl\/(\w+)\.crl$/.exec(url.pathname);
    if (req.method === 'GET' && m && entries.has(m[1] as TestIssuer)) {
      const body = crl(m[1] as TestIssuer);
      res.writeHead(200, { 'content-type': 'application/pkix-crl', 'content-length': body.length });
      res.end(body);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/ocsp') {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 64 * 1024) req.destroy();
        else chunks.push(c);
      });
      req.on('end', () => {
        ocspRequests++;
        if (!ocspAvailable) {
          // OCSPResponse { responseStatus tryLater (3) }
          const body = Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x03]);
          res.writeHead(200, { 'content-type': 'application/ocsp-response', 'content-length': body.length });
          res.end(body);
          return;
        }
        ocsp(Buffer.concat(chunks)).then(
          (body) => {
            res.writeHead(200, { 'content-type': 'application/ocsp-response', 'content-length': body.length });
            res.end(body);
          },
          () => {
            res.writeHead(400, { 'content-type': 'text/plain' });
            res.end('malformed OCSP request');
          },
        );
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    revocationUrls: { ocsp: `${url}/ocsp`, crlBase: `${url}/crl` },
    register(card) {
      add(card.certificateDer, card.profile.revoked === true);
      add(card.signature.certificateDer, card.profile.revoked === true);
    },
    revoke(der) {
      add(der, true);
    },
    setOcspAvailable(available) {
      ocspAvailable = available;
    },
    get ocspRequests() {
      return ocspRequests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
