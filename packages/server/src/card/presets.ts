/**
 * Trust presets: the IGC-Santé hierarchies a host picks instead of hunting for PEM files.
 *
 * A real CPS card holds no CA certificate (source: the Cryptolib CPS PKCS#11 specification and a real
 * CPS3 dump, OpenSC issue #2267): its proof's chain is empty, so the preset carries the intermediate CAs
 * as chain candidates. The production hierarchy is the one Cryptolib CPS installs
 * (/etc/opt/santesocial/CPS/Coffre/, https://github.com/ansforge/dops-cryptolib): roots
 * `AC RACINE IGC-SANTE FORT` and `AC RACINE IGC-SANTE STANDARD`, card issuers `AC IGC-SANTE FORT PERSONNES`
 * (CPS, CPF) and `AC IGC-SANTE STANDARD PERSONNES` (CPE, CPA). ELEMENTAIRE (software certificates) and
 * the ORGANISATIONS CAs (servers, S/MIME) are left out: nothing they issue is a card.
 */
import { AC_FORT_PERSONNES, AC_RACINE_FORT, AC_RACINE_STANDARD, AC_STANDARD_PERSONNES } from './igc-sante-ca.js';
import type { RevocationPolicy } from './revocation.js';
import type { TrustAnchor } from './verify.js';

export interface TrustPreset {
  /** For logs and docs: `igc-sante-production`, `sandbox-test`… */
  name: string;
  /** Roots (trusted). */
  anchors: readonly TrustAnchor[];
  /** Intermediate CAs: chain candidates, trusted only through a root. */
  intermediates: readonly TrustAnchor[];
  /** Revocation policy used unless `verifyCardProof` is given one. */
  revocation: RevocationPolicy;
}

/**
 * The production IGC-Santé hierarchy (FORT and STANDARD ranges), revocation `fail-closed`: a card whose
 * status neither OCSP (`http://ocsp.esante.gouv.fr`) nor its CRL can tell is refused.
 */
export const IGC_SANTE_PRODUCTION: TrustPreset = Object.freeze({
  name: 'igc-sante-production',
  anchors: Object.freeze([AC_RACINE_FORT, AC_RACINE_STANDARD]),
  intermediates: Object.freeze([AC_FORT_PERSONNES, AC_STANDARD_PERSONNES]),
  revocation: 'fail-closed',
});

/** A preset from your own certificates (e.g. the sandbox's test hierarchy). */
export function createTrustPreset(options: {
  name: string;
  anchors: readonly TrustAnchor[];
  intermediates?: readonly TrustAnchor[];
  revocation?: RevocationPolicy;
}): TrustPreset {
  return Object.freeze({
    name: options.name,
    anchors: Object.freeze([...options.anchors]),
    intermediates: Object.freeze([...(options.intermediates ?? [])]),
    revocation: options.revocation ?? 'fail-closed',
  });
}
