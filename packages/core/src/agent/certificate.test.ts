import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  base64ToBytes,
  bytesToBase64,
  bytesToBase64Url,
  CertificateParseError,
  cardHolderFromCertificate,
  formatName,
  nationalIdKind,
  parseCertificate,
} from './certificate.js';

/** A card certificate from the sandbox's TEST CA (infirmière test card, valid 2026-01-01 → 2029-01-01). */
const FIXTURE = `
-----BEGIN CERTIFICATE-----
MIIEBjCCAu6gAwIBAgIMBYdhiGKFFKbKGO1rMA0GCSqGSIb3DQEBCwUAMIGAMQsw
CQYDVQQGEwJGUjEXMBUGA1UECgwOQXV0aEZvcnRlIFRFU1QxGzAZBgNVBAsMEk5P
VCBGT1IgUFJPRFVDVElPTjE7MDkGA1UEAwwyQXV0aEZvcnRlIFRFU1QgQUMgSUdD
LVNBTlRFIOKAlCBOT1QgRk9SIFBST0RVQ1RJT04wHhcNMjYwMTAxMDAwMDAwWhcN
MjkwMTAxMDAwMDAwWjCBiTELMAkGA1UEBhMCRlIxIDAeBgNVBAoMF0NFTlRSRSBI
T1NQSVRBTElFUiBURVNUMQwwCgYDVQQLDANDUFMxCzAJBgNVBAwMAjYwMRUwEwYD
VQQEDAxCRVJOQVJELVRFU1QxDzANBgNVBCoMBlNvcGhpZTEVMBMGA1UEAwwMODk5
NzAwMDAwMjI5MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAs6GTKvOw
QpmWM0CJ4OFs1SO+M17kyFXXJIeq9F5UZFyamd3Puy62DZmQtt5mD0HckaGz9hZX
Xo8L+NqEtJuVvWLqsMdvVxUkRqyvK+FEYCUYekmnDaMUpoypwl+4NS7JzdGChvlH
k7OoNjXc+Iq+o1E5q0lNniP7GDHDvVJAtz2Ea0+LTjX1RjhK70Vbu5hPVdcXGXby
qBeYR288zIHtvFesu7C9ncBKqF40zy89z8q2eq9OiMN3Bm8LDT5oWEeEj0xoUqD+
PRIylmeC0HZ7zH/5oIcUMFrwL5dJ8cXMuVMf1nz9F4KAKcW3QVvoNhEBD+pmIWCo
OEGHV0E+0BXMsQIDAQABo3UwczAMBgNVHRMBAf8EAjAAMA4GA1UdDwEB/wQEAwIH
gDAdBgNVHQ4EFgQUPOvJR1Lsz17NKVc2QFcscFDtDDwwHwYDVR0jBBgwFoAUjo9I
KFKumsB8x2icSaDlHSx8HK4wEwYDVR0lBAwwCgYIKwYBBQUHAwIwDQYJKoZIhvcN
AQELBQADggEBADb0DUhluGe2DQhuPHaqK1n6GJ9I1x+eZ/IbuMZ+jcyZ8m4Rw4sh
gB/jKLOxSsTb9hOzZm08qItpAltjC8vipPu11q/AdavPeFzuEynPhai0Y1vipSh5
y0suQiExQsFas0Yla7FefsY8VGDWiMH+doS6gqoBZyJTvMgNnqJ7916DSoNnBmwD
hVmL6EB2acG6OW7JU67Gkrk/n7RjPSYolT9ts1QsVSFlganm/jbffi1v9n0nS8/b
MqS3bgUQpyfW4Hx6w/M3LUWGaWcXAR70D9sLX/X7Jw+EimIEM++wd/UtJovsFIxH
xZvg9ui+NNEpvcBv/3PamJmdf1xBH0uRkK4=
-----END CERTIFICATE-----

`;

describe('parseCertificate', () => {
  test('reads the subject, issuer, validity, serial and key usage of a CPS-like certificate', () => {
    const c = parseCertificate(FIXTURE);
    assert.equal(
      formatName(c.subject),
      'C=FR, O=CENTRE HOSPITALIER TEST, OU=CPS, title=60, SN=BERNARD-TEST, GN=Sophie, CN=899700000229',
    );
    assert.match(formatName(c.issuer), /CN=AuthForte TEST AC IGC-SANTE — NOT FOR PRODUCTION$/);
    assert.equal(c.notBefore.toISOString(), '2026-01-01T00:00:00.000Z');
    assert.equal(c.notAfter.toISOString(), '2029-01-01T00:00:00.000Z');
    assert.match(c.serialNumber, /^[0-9a-f]+$/);
    assert.deepEqual(c.keyUsage, {
      digitalSignature: true,
      nonRepudiation: false,
      keyEncipherment: false,
      keyCertSign: false,
    });
    assert.equal(c.publicKeyAlgorithm, '1.2.840.113549.1.1.1');
  });

  test('maps the subject to the holder and card type', () => {
    const { holder, cardType } = cardHolderFromCertificate(parseCertificate(FIXTURE));
    assert.equal(cardType, 'CPS');
    assert.deepEqual(holder, {
      nationalId: '899700000229',
      idType: 'rpps',
      rppsNumber: '99700000229',
      familyName: 'BERNARD-TEST',
      givenName: 'Sophie',
      displayName: 'Sophie BERNARD-TEST',
      profession: { system: 'TRE_G15', code: '60', label: 'Infirmier' },
      organization: 'CENTRE HOSPITALIER TEST',
    });
  });

  test('accepts DER bytes, base64 and PEM alike', () => {
    const der = base64ToBytes(FIXTURE);
    assert.deepEqual(parseCertificate(der), parseCertificate(FIXTURE));
    assert.deepEqual(parseCertificate(bytesToBase64(der)), parseCertificate(FIXTURE));
    assert.deepEqual(parseCertificate(bytesToBase64Url(der)), parseCertificate(FIXTURE));
    assert.deepEqual(parseCertificate(new Uint8Array(der).buffer as ArrayBuffer), parseCertificate(FIXTURE));
  });

  test('no input makes it throw anything but CertificateParseError, nor hang', () => {
    const der = base64ToBytes(FIXTURE);
    const check = (bytes: Uint8Array) => {
      try {
        parseCertificate(bytes);
      } catch (err) {
        assert.ok(err instanceof CertificateParseError, String(err));
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), check), { numRuns: 2000 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: der.length - 1 }), fc.integer({ min: 0, max: 255 }), (i, v) => {
        const copy = der.slice();
        copy[i] = v;
        check(copy);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: der.length }), (n) => check(der.slice(0, n))),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          parseCertificate(s);
        } catch (err) {
          assert.ok(err instanceof CertificateParseError, String(err));
        }
      }),
    );
  });
});

describe('nationalIdKind', () => {
  test('RPPS, ADELI and the rest', () => {
    assert.equal(nationalIdKind('810001234567'), 'rpps');
    assert.equal(nationalIdKind('0123456789'), 'adeli');
    assert.equal(nationalIdKind('3123456789'), 'other');
    assert.equal(nationalIdKind(''), 'other');
  });
});
