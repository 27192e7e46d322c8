/**
 * The card of the agent's HTTP tests (security.test.ts, agent-field.test.ts): the test kit's médecin, issued by a
 * fresh IGC-Santé-shaped test CA, in the agent's `VirtualBackend`.
 */
import { createTestCa, issueCardCertificate, profile, virtualCard } from '@authforte/test-kit';
import { VirtualBackend } from '../index.js';

/** The card's PIN: a CPS PIN has 4 digits (CPS_PIN_LENGTH). */
export const PIN = '4817';

/**
 * The card, and a new `VirtualBackend` holding it at each call of `backend()` (one per agent started). `chain`:
 * `none` as a real CPS (the card holds no CA certificate), `ca` with its issuing CA beside it.
 */
export function medecinCard(chain: 'none' | 'ca' = 'none') {
  const ca = createTestCa();
  const card = issueCardCertificate(ca, profile('medecin'));
  const certificates = chain === 'ca' ? [ca.certificateDer] : [];
  return {
    card,
    backend: () => new VirtualBackend({ cards: [{ ...virtualCard(card, PIN), chain: certificates }] }),
  };
}
