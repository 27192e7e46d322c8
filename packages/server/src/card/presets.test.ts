import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, test } from 'node:test';
import { parseCertificate } from '@authforte/core/certificate';
import * as CA from './igc-sante-ca.js';
import { IGC_SANTE_PRODUCTION } from './presets.js';
import { loadTrustAnchors } from './verify.js';

describe('IGC_SANTE_PRODUCTION', () => {
  test('holds the FORT and STANDARD roots, self-signed, valid until 2033', () => {
    const roots = loadTrustAnchors(IGC_SANTE_PRODUCTION.anchors);
    assert.deepEqual(
      roots.map((r) => r.subject.split('\n').at(-1)),
      ['CN=AC RACINE IGC-SANTE FORT', 'CN=AC RACINE IGC-SANTE STANDARD'],
    );
    for (const r of roots) {
      assert.ok(r.ca && r.checkIssued(r) && r.verify(r.publicKey));
      assert.equal(new Date(r.validTo).getUTCFullYear(), 2033);
    }
  });

  test('its intermediates are the card issuers (PERSONNES), each signed by its root', () => {
    const roots = loadTrustAnchors(IGC_SANTE_PRODUCTION.anchors);
    const intermediates = loadTrustAnchors(IGC_SANTE_PRODUCTION.intermediates);
    assert.deepEqual(
      intermediates.map((i) => i.subject.split('\n').at(-1)),
      ['CN=AC IGC-SANTE FORT PERSONNES', 'CN=AC IGC-SANTE STANDARD PERSONNES'],
    );
    for (const i of intermediates) {
      const root = roots.find((r) => i.checkIssued(r));
      assert.ok(root && i.verify(root.publicKey), i.subject);
      assert.equal(parseCertificate(i.raw).ca, true);
    }
  });

  test('the ORGANISATIONS and ELEMENTAIRE CAs are shipped but not trusted for cards', () => {
    const all = [IGC_SANTE_PRODUCTION.anchors, IGC_SANTE_PRODUCTION.intermediates].flat().map(String);
    for (const pem of [CA.AC_FORT_ORGANISATIONS, CA.AC_STANDARD_ORGANISATIONS, CA.AC_RACINE_ELEMENTAIRE]) {
      assert.ok(new X509Certificate(pem).ca);
      assert.ok(!all.includes(pem));
    }
  });

  test('revocation is fail-closed and the preset cannot be changed', () => {
    assert.equal(IGC_SANTE_PRODUCTION.revocation, 'fail-closed');
    assert.ok(Object.isFrozen(IGC_SANTE_PRODUCTION) && Object.isFrozen(IGC_SANTE_PRODUCTION.anchors));
  });
});
