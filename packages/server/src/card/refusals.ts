/**
 * Every reason a card proof is refused (`verifyCardProof`), as ONE table with the code the host answers the page.
 */
import type { ErrorSpec } from '@authforte/core/errors';
import type { LoginErrorCode } from '@authforte/core/login';
import { hostErrorResponse } from '../http/errors.js';
import type { NonceFailure } from './nonces.js';

export type CardProofFailure =
  | 'malformed-proof'
  | 'unsupported-version'
  | 'unsupported-algorithm'
  | NonceFailure
  | 'origin-mismatch'
  | 'certificate-invalid'
  | 'certificate-not-yet-valid'
  | 'certificate-expired'
  | 'certificate-not-for-authentication'
  | 'certificate-untrusted'
  | 'certificate-not-a-card'
  | 'certificate-revoked'
  | 'revocation-unavailable'
  | 'signature-invalid';

/**
 * Every refusal of a card proof, as ONE table: the `<af-login>` code the host answers the page (`card-expired`,
 * `card-revoked`, `card-not-accepted`, `revocation-unavailable`, so that the user reads the real cause; any other
 * reason is `verification-failed`, its details being for the host's logs), who can act, whether a new attempt can
 * succeed, and the developer message. The reason itself travels in the answer's `details.reason`.
 */
export const CARD_REFUSALS: { readonly [K in CardProofFailure]: ErrorSpec & { login: CardRefusalLoginCode } } = {
  'malformed-proof': {
    login: 'verification-failed',
    status: 400,
    category: 'developer',
    retryable: false,
    message: 'The proof is not a card authentication proof.',
  },
  'unsupported-version': {
    login: 'verification-failed',
    status: 400,
    category: 'developer',
    retryable: false,
    message: 'The proof has an unsupported format or version.',
  },
  'unsupported-algorithm': {
    login: 'verification-failed',
    status: 400,
    category: 'developer',
    retryable: false,
    message: 'The proof uses an unsupported signature algorithm for its key.',
  },
  'nonce-unknown': {
    login: 'verification-failed',
    status: 400,
    category: 'user',
    retryable: true,
    message: 'The nonce was never issued (or is long gone).',
  },
  'nonce-expired': {
    login: 'verification-failed',
    status: 400,
    category: 'user',
    retryable: true,
    message: 'The nonce has expired.',
  },
  'nonce-reused': {
    login: 'verification-failed',
    status: 400,
    category: 'user',
    retryable: true,
    message: 'The nonce was already used.',
  },
  'nonce-session-mismatch': {
    login: 'verification-failed',
    status: 400,
    category: 'user',
    retryable: true,
    message: 'The nonce was issued to another session.',
  },
  'origin-mismatch': {
    login: 'verification-failed',
    status: 400,
    category: 'developer',
    retryable: false,
    message: 'The proof was made for another origin.',
  },
  'certificate-invalid': {
    login: 'verification-failed',
    status: 400,
    category: 'user',
    retryable: false,
    message: 'The certificate cannot be read.',
  },
  'certificate-not-yet-valid': {
    login: 'card-expired',
    status: 400,
    category: 'user',
    retryable: false,
    message: 'The card certificate is not valid yet.',
  },
  'certificate-expired': {
    login: 'card-expired',
    status: 400,
    category: 'user',
    retryable: false,
    message: 'The card certificate has expired.',
  },
  'certificate-not-for-authentication': {
    login: 'verification-failed',
    status: 400,
    category: 'user',
    retryable: false,
    message: 'The certificate is not an authentication certificate.',
  },
  'certificate-untrusted': {
    login: 'verification-failed',
    status: 400,
    category: 'user',
    retryable: false,
    message: 'The certificate does not chain to a trusted authority.',
  },
  'certificate-not-a-card': {
    login: 'card-not-accepted',
    status: 400,
    category: 'user',
    retryable: false,
    message:
      'The certificate is not a card authentication certificate (IGC-Santé FORT or STANDARD PERSONNES, card type, key usage).',
  },
  'certificate-revoked': {
    login: 'card-revoked',
    status: 400,
    category: 'user',
    retryable: false,
    message: 'The card certificate has been revoked (card lost, stolen or replaced).',
  },
  'revocation-unavailable': {
    login: 'revocation-unavailable',
    status: 400,
    category: 'remote',
    retryable: true,
    message: 'The revocation status of the card certificate could not be checked.',
  },
  'signature-invalid': {
    login: 'verification-failed',
    status: 400,
    category: 'user',
    retryable: true,
    message: 'The signature does not match.',
  },
};

/** The codes a card refusal is answered with. */
export type CardRefusalLoginCode = Extract<
  LoginErrorCode,
  'card-expired' | 'card-revoked' | 'card-not-accepted' | 'revocation-unavailable' | 'verification-failed'
>;

/** The reasons whose answer is not `verification-failed`, with their code. */
export const CARD_REFUSAL_LOGIN_CODES: Partial<Record<CardProofFailure, CardRefusalLoginCode>> = Object.fromEntries(
  Object.entries(CARD_REFUSALS)
    .filter(([, r]) => r.login !== 'verification-failed')
    .map(([reason, r]) => [reason, r.login]),
);

/** `CARD_REFUSALS[reason].login`. */
export function cardRefusalCode(reason: CardProofFailure): CardRefusalLoginCode {
  return CARD_REFUSALS[reason]?.login ?? 'verification-failed';
}

export const CARD_PROOF_FAILURE_MESSAGES = Object.fromEntries(
  Object.entries(CARD_REFUSALS).map(([reason, r]) => [reason, r.message]),
) as Record<CardProofFailure, string>;

/** The host's answer to a refused proof: the envelope with the code the page shows and `details.reason`. */
export function cardRefusalResponse(reason: CardProofFailure, message = CARD_REFUSALS[reason].message): Response {
  return hostErrorResponse(cardRefusalCode(reason), message, { details: { reason }, status: 400 });
}
