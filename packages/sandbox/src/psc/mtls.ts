/**
 * Certificates for the sandbox PSC's mTLS port (`tls_client_auth`, RFC 8705): a TLS server certificate for the
 * port and a client certificate for the service, both issued by the sandbox's test CA with Debian's `openssl`.
 * Real PSC expects an IGC-Santé server certificate ("certificat serveur", ORGANISATIONS branch) as the client
 * certificate of a service (docs/psc.md, "mTLS"); these stand for them.
 *
 * ⚠ NOT FOR PRODUCTION: test keys in a temporary directory, deleted once read.
 */
import { execFileSync } from 'node:child_process';
import type { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCa } from '@authforte/test-kit';

export interface MtlsMaterial {
  caPem: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** The client certificate's subject DN as registered (`tls_client_auth_subject_dn`, RFC 4514 order). */
  clientSubjectDn: string;
}

/** RFC 4514 string of a certificate's subject (most specific first), as `tls_client_auth_subject_dn` compares it. */
export function subjectDnOf(cert: X509Certificate): string {
  return cert.subject.split('\n').reverse().join(',');
}

export function mtlsMaterial(host: string): MtlsMaterial {
  const ca = createTestCa({ organization: 'AuthForte mTLS TEST — NOT FOR PRODUCTION' });
  const dir = mkdtempSync(join(tmpdir(), 'authforte-mtls-'));
  try {
    const file = (name: string) => join(dir, name);
    writeFileSync(file('ca.pem'), ca.certificatePem);
    writeFileSync(file('ca.key'), ca.privateKeyPem, { mode: 0o600 });
    const isIp = /^[\d.]+$|:/.test(host);
    const issue = (name: string, subject: string, extensions: string) => {
      writeFileSync(file(`${name}.ext`), extensions);
      const csr = execFileSync(
        'openssl',
        ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', file(`${name}.key`), '-subj', subject],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      writeFileSync(file(`${name}.csr`), csr);
      execFileSync(
        'openssl',
        [
          'x509',
          '-req',
          '-in',
          file(`${name}.csr`),
          '-CA',
          file('ca.pem'),
          '-CAkey',
          file('ca.key'),
          '-set_serial',
          `0x${Date.now().toString(16)}${name === 'server' ? '01' : '02'}`,
          '-days',
          '30',
          '-sha256',
          '-extfile',
          file(`${name}.ext`),
          '-out',
          file(`${name}.pem`),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      return { cert: readFileSync(file(`${name}.pem`), 'utf8'), key: readFileSync(file(`${name}.key`), 'utf8') };
    };
    const server = issue(
      'server',
      `/C=FR/O=AuthForte TEST/OU=NOT FOR PRODUCTION/CN=${host}`,
      `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${isIp ? `IP:${host}` : `DNS:${host}`},DNS:localhost\n`,
    );
    const client = issue(
      'client',
      '/C=FR/O=AuthForte TEST/OU=NOT FOR PRODUCTION/CN=authforte-sandbox-mtls',
      'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n',
    );
    return {
      caPem: ca.certificatePem,
      serverCert: server.cert,
      serverKey: server.key,
      clientCert: client.cert,
      clientKey: client.key,
      clientSubjectDn: 'CN=authforte-sandbox-mtls,OU=NOT FOR PRODUCTION,O=AuthForte TEST,C=FR',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
