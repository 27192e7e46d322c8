export * as IGC_SANTE_CA from './igc-sante-ca.js';
export type { CardChallengesOptions, IssuedNonce, NonceFailure, NonceRecord, NonceStore } from './nonces.js';
export {
  CardChallenges,
  defaultCardChallenges,
  issueCardNonce,
  MemoryNonceStore,
} from './nonces.js';
export type { TrustPreset } from './presets.js';
export { createTrustPreset, IGC_SANTE_PRODUCTION } from './presets.js';
export type { RevocationCheckerOptions, RevocationPolicy, RevocationStatus } from './revocation.js';
export { defaultRevocationChecker, RevocationChecker } from './revocation.js';
export type {
  CardIdentity,
  CardProofFailure,
  TrustAnchor,
  VerifiedCard,
  VerifyCardProofOptions,
  VerifyCardProofResult,
} from './verify.js';
export {
  CARD_PROOF_FAILURE_MESSAGES,
  CARD_REFUSAL_LOGIN_CODES,
  CARD_REFUSALS,
  type CardRefusalLoginCode,
  cardRefusalCode,
  cardRefusalResponse,
  loadTrustAnchors,
  verifyCardProof,
} from './verify.js';
