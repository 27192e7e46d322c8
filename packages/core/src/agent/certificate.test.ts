import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  CertificateParseError,
  cardHolderFromCertificate,
  formatName,
  nationalIdKind,
  OID_EKU_CLIENT_AUTH,
  OID_EKU_SMARTCARD_LOGON,
  parseCertificate,
} from './certificate.js';
import { base64ToBytes, bytesToBase64, bytesToBase64Url } from './encoding.js';

/*
 * Fixtures made with `openssl req -multivalue-rdn` / `openssl x509 -req` by a throw-away TEST CA, with the
 * IGC-Santé card authentication profile: subject C, ST, O, OU (structure id), title (profession label),
 * one multi-valued RDN GN + CN + SN (CN = idNat); keyUsage digitalSignature (critical); EKU clientAuth +
 * smartcardLogon; SAN UPN <idNat>@carte-cps.fr; OCSP + CRL (http and LDAP) as in real cards;
 * 1.2.250.1.71.1.2.7 profession code (INTEGER), 1.2.250.1.71.1.2.2 card type (INTEGER),
 * 1.2.250.1.71.1.2.3 `8025000001/<card serial>`. ADELI idNat 00B6077602 and staff idNat
 * 30B0057881/CPET0002 are the shapes of the ANS test cards (issue 11, ansforge/esignsante-ws).
 */

/** CPS of an infirmier (ADELI), establishment card, profession code 60, card type 0 (CPS). */
const INFIRMIER = `
-----BEGIN CERTIFICATE-----
MIIFyTCCBLGgAwIBAgIGGis8TV5vMA0GCSqGSIb3DQEBCwUAMHoxCzAJBgNVBAYT
AkZSMRMwEQYDVQQKDApBU0lQLVNBTlRFMRcwFQYDVQQLDA4wMDAyIDE4NzUxMjc1
MTESMBAGA1UECwwJSUdDLVNBTlRFMSkwJwYDVQQDDCBURVNUIEFDIElHQy1TQU5U
RSBGT1JUIFBFUlNPTk5FUzAeFw0yNjEyMDEwOTA5MjRaFw0yOTExMzAwOTA5MjRa
MIGhMQswCQYDVQQGEwJGUjETMBEGA1UECAwKUGFyaXMgKDc1KTEgMB4GA1UECgwX
Q0VOVFJFIEhPU1BJVEFMSUVSIFRFU1QxEzARBgNVBAsMCjEwQjAwMTIzNDUxEjAQ
BgNVBAwMCUluZmlybWllcjEyMA0GA1UEKgwGU09QSElFMA4GA1UEBAwHQkVSTkFS
RDARBgNVBAMMCjAwQjYwNzc2MDIwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
AoIBAQCmebz5wVHzSlorRPVqlIC0nG56M6Y14NlbpxEpEIH9Fn9pRTKLodlhVBuX
EeHd/f8vrVOZxQUS0IS7LGoRnKka0IXo9GlCcErS68YLc2L1PfAjjbGx5chC870/
y4Jqo3WhpaqjIigNQdtjajA8iH7FyUA4j7oGjiwUCyKQtAfNf/pB6cp/9TPmyCEo
ceS1nRuWu4E9vtYqQFvNAHsD9iQcJQoN3qZgaek19vzz9yt1yJlJMmoxF9poHBs1
MB3bvTg6gUW1x7argh57fr5MHmKMHM5fsCKPElInL5pR4ZgU0T6VkkWhJV/6ZRtW
RHIWnQ1w5x1JBtjBLHpmLzCtRepXAgMBAAGjggIrMIICJzAMBgNVHRMBAf8EAjAA
MA4GA1UdDwEB/wQEAwIHgDAfBgNVHSUEGDAWBggrBgEFBQcDAgYKKwYBBAGCNxQC
AjAdBgNVHQ4EFgQUeS0016jeDs0/35N4kSfIXPhA7gwwHwYDVR0jBBgwFoAUGagv
VuDOzW2HOi68Mux+cP1V2f4wMgYDVR0RBCswKaAnBgorBgEEAYI3FAIDoBkMFzAw
QjYwNzc2MDJAY2FydGUtY3BzLmZyMHQGCCsGAQUFBwEBBGgwZjAmBggrBgEFBQcw
AYYaaHR0cDovL29jc3AuZXNhbnRlLmdvdXYuZnIwPAYIKwYBBQUHMAKGMGh0dHA6
Ly9pZ2Mtc2FudGUuZXNhbnRlLmdvdXYuZnIvQUMvQUNJLUZPLVBQLmNlcjCBtAYD
VR0fBIGsMIGpMDegNaAzhjFodHRwOi8vaWdjLXNhbnRlLmVzYW50ZS5nb3V2LmZy
L0NSTC9BQ0ktRk8tUFAuY3JsMG6gbKBqhmhsZGFwOi8vYW5udWFpcmUtaWdjLmVz
YW50ZS5nb3V2LmZyL2NuPUFDJTIwSUdDLVNBTlRFJTIwRk9SVCUyMFBFUlNPTk5F
Uz9jZXJ0aWZpY2F0ZXJldm9jYXRpb25saXN0O2JpbmFyeTAPBggqgXoBRwECBwQD
AgE8MA8GCCqBegFHAQICBAMCAQAwIwYIKoF6AUcBAgMEFxYVODAyNTAwMDAwMS8y
OTAwMDAwMDIyMA0GCSqGSIb3DQEBCwUAA4IBAQA0XM1/pw/afHRHjPTI/vj/zeg+
mqHikR5kiW5tUyOfpWuctefrJhdoASwu9XuSImtQSPDzA12aXSWv7b0o8znLmHLa
cSEVCTnjBvMNXX07txnCVdrg6J0h7yIxR8QC842Oa59feCZIdVmz7nBOD3VVl/fZ
Jr5YAFXAMvycBDgXQVTUBZt2I84YJKD8Yw8raxzYXIODs1AAUcQNOQ2DuG5xNAKn
bpPC5fHurL07PVoeC5iRx4yDXG8vWD6S3eNwetKk3BOG4xO2aXR778VUQh5jDsET
w5SO2xHIG0pPvFpPS/L63keJG+L60xEAmO4a+Lgta/9MqJOjcsH/kThApeGa
-----END CERTIFICATE-----
`;

/** CPE of a staff member: no profession code, card type 2 (CPE), idNat `<structure>/<staff id>`. */
const STAFF = `
-----BEGIN CERTIFICATE-----
MIIFuDCCBKCgAwIBAgIGKzxNXm9wMA0GCSqGSIb3DQEBCwUAMHoxCzAJBgNVBAYT
AkZSMRMwEQYDVQQKDApBU0lQLVNBTlRFMRcwFQYDVQQLDA4wMDAyIDE4NzUxMjc1
MTESMBAGA1UECwwJSUdDLVNBTlRFMSkwJwYDVQQDDCBURVNUIEFDIElHQy1TQU5U
RSBGT1JUIFBFUlNPTk5FUzAeFw0yNjEyMDEwOTA5MjlaFw0yOTExMzAwOTA5Mjla
MIGYMQswCQYDVQQGEwJGUjEWMBQGA1UECgwNQ0xJTklRVUUgVEVTVDETMBEGA1UE
CwwKMzBCMDA1Nzg4MTEjMCEGA1UEDAwaUGVyc29ubmVsIHNhbnTDqSBvdSBzb2Np
YWwxNzAKBgNVBCoMA0xVQzANBgNVBAQMBlJPQkVSVDAaBgNVBAMMEzMwQjAwNTc4
ODEvQ1BFVDAwMDIwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQDEmPVn
Y0RCKRQSs45p23xwzCgcffiV4mrUg+rrps8S0Fii0GWdedlfo0lgdLBUGYd89Ama
yytxG9yFHMTsUCoL5GXPzsd1EGDcERGvtuUzx98n/V+C4FO16Hukw+k6y08J0GDl
Ru1QqrzCeQO/Q9Vg8e99A7Am1hZ9zBykqANcGdWxBrLeXYK54LFRvsvxUIP0GKBD
P1lKZOZTskOzssUeuamkfGPRvSuH483W2JdZKP6hiAWSz64nITbrCCm4J8xkhK2+
JpqU2Ualj4JL6LJicojaKdgM37REfBluyd4M0Wx63anhGGRtIwyNCj4U0191SWSt
mFYznYbffQe0oKQxAgMBAAGjggIjMIICHzAMBgNVHRMBAf8EAjAAMA4GA1UdDwEB
/wQEAwIHgDAfBgNVHSUEGDAWBggrBgEFBQcDAgYKKwYBBAGCNxQCAjAdBgNVHQ4E
FgQUxvPN6B7AHnuaS5uSRaY76tk0KoQwHwYDVR0jBBgwFoAUGagvVuDOzW2HOi68
Mux+cP1V2f4wOwYDVR0RBDQwMqAwBgorBgEEAYI3FAIDoCIMIDMwQjAwNTc4ODEv
Q1BFVDAwMDJAY2FydGUtY3BzLmZyMHQGCCsGAQUFBwEBBGgwZjAmBggrBgEFBQcw
AYYaaHR0cDovL29jc3AuZXNhbnRlLmdvdXYuZnIwPAYIKwYBBQUHMAKGMGh0dHA6
Ly9pZ2Mtc2FudGUuZXNhbnRlLmdvdXYuZnIvQUMvQUNJLUZPLVBQLmNlcjCBtAYD
VR0fBIGsMIGpMDegNaAzhjFodHRwOi8vaWdjLXNhbnRlLmVzYW50ZS5nb3V2LmZy
L0NSTC9BQ0ktRk8tUFAuY3JsMG6gbKBqhmhsZGFwOi8vYW5udWFpcmUtaWdjLmVz
YW50ZS5nb3V2LmZyL2NuPUFDJTIwSUdDLVNBTlRFJTIwRk9SVCUyMFBFUlNPTk5F
Uz9jZXJ0aWZpY2F0ZXJldm9jYXRpb25saXN0O2JpbmFyeTAPBggqgXoBRwECAgQD
AgECMCMGCCqBegFHAQIDBBcWFTgwMjUwMDAwMDEvMjkwMDAwMDA1NTANBgkqhkiG
9w0BAQsFAAOCAQEAeq/EP1PsSjBNefmLY/N6nzTxy+vXpBUih1BHaiI1sg6tBw0d
tXpAEhR4995brtFPFwoJnofUd+QB1Vgx4WwIXnndOW8TgjCW386bjlAHwNv62owp
QcR8g9sTeBZ8NljnDm0DBGndS0jx/UVJmKCIMFUYqx/53AmiZP2a5cEMubAXX8X6
XqIQmiesejER5Lg+0AYrAJmNcxnEC4thiGKSj/0vUIJeaoLs7SuhclHBQy8eplfO
hsIFAVe1ZYh+fcIBdNWLh7uCbIrWSvljQgbDER/7KRpQJf33eTVwIkrnpC4eOalo
BOTI11ghllHIwnwhcQS5VXxqxCNYTZNnX2lUZA==
-----END CERTIFICATE-----
`;

const FIXTURE = INFIRMIER;

describe('parseCertificate', () => {
  test('reads the subject with its multi-valued RDN, the issuer, validity, serial and key usages', () => {
    const c = parseCertificate(INFIRMIER);
    assert.equal(
      formatName(c.subject),
      'C=FR, ST=Paris (75), O=CENTRE HOSPITALIER TEST, OU=10B0012345, title=Infirmier, GN=SOPHIE+SN=BERNARD+CN=00B6077602',
    );
    assert.deepEqual(
      c.subject.filter((a) => a.multiValued).map((a) => a.name),
      ['SN', 'CN'],
    );
    assert.equal(
      formatName(c.issuer),
      'C=FR, O=ASIP-SANTE, OU=0002 187512751, OU=IGC-SANTE, CN=TEST AC IGC-SANTE FORT PERSONNES',
    );
    assert.equal(c.notAfter.getTime() - c.notBefore.getTime(), 1095 * 86_400_000);
    assert.equal(c.serialNumber, '1a2b3c4d5e6f');
    assert.deepEqual(c.keyUsage, {
      digitalSignature: true,
      nonRepudiation: false,
      keyEncipherment: false,
      keyCertSign: false,
    });
    assert.deepEqual(c.extendedKeyUsage, [OID_EKU_CLIENT_AUTH, OID_EKU_SMARTCARD_LOGON]);
    assert.equal(c.ca, false);
    assert.equal(c.publicKeyAlgorithm, '1.2.840.113549.1.1.1');
    assert.equal(c.professionCode, '60');
    assert.equal(c.cardTypeCode, 0);
    assert.equal(c.cardIdentifier, '8025000001/2900000022');
    assert.equal(c.userPrincipalName, '00B6077602@carte-cps.fr');
    assert.deepEqual(c.ocspUrls, ['http://ocsp.esante.gouv.fr']);
    assert.deepEqual(c.caIssuersUrls, ['http://igc-sante.esante.gouv.fr/AC/ACI-FO-PP.cer']);
    assert.equal(c.crlUrls[0], 'http://igc-sante.esante.gouv.fr/CRL/ACI-FO-PP.crl');
    assert.match(c.crlUrls[1] ?? '', /^ldap:/);
  });

  test('maps the certificate to the holder: code from the extension, title as the label, card type', () => {
    const { holder, cardType } = cardHolderFromCertificate(parseCertificate(INFIRMIER));
    assert.equal(cardType, 'CPS');
    // the idNat kind (ADELI here) is parseNationalId's business: only the fields read from the certificate
    const { idType: _kind, adeliNumber: _adeli, ...read } = holder;
    assert.deepEqual(read, {
      nationalId: '00B6077602',
      familyName: 'BERNARD',
      givenName: 'SOPHIE',
      displayName: 'SOPHIE BERNARD',
      profession: { system: 'TRE_G15', code: '60', label: 'Infirmier' },
      organization: 'CENTRE HOSPITALIER TEST',
    });
  });

  test('a staff CPE: `/` national id, no profession code, the label only, card type CPE', () => {
    const { holder, cardType } = cardHolderFromCertificate(parseCertificate(STAFF));
    assert.equal(cardType, 'CPE');
    assert.equal(holder.nationalId, '30B0057881/CPET0002');
    assert.equal(holder.idType, 'other');
    assert.equal(holder.displayName, 'LUC ROBERT');
    assert.deepEqual(holder.profession, { label: 'Personnel santé ou social' });
    assert.equal(holder.organization, 'CLINIQUE TEST');
  });

  test('a certificate without the card-type extension has card type unknown', () => {
    const c = parseCertificate(INFIRMIER);
    assert.equal(cardHolderFromCertificate({ ...c, cardTypeCode: undefined }).cardType, 'unknown');
    assert.equal(cardHolderFromCertificate({ ...c, cardTypeCode: 9 }).cardType, 'unknown');
    assert.equal(cardHolderFromCertificate({ ...c, cardTypeCode: 3 }).cardType, 'CPA');
    assert.equal(cardHolderFromCertificate({ ...c, cardTypeCode: 1 }).cardType, 'CPF');
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
