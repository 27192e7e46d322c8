export type { CardChallengesOptions, IssuedNonce, NonceFailure, NonceRecord, NonceStore } from './nonces.js';
export {
  CardChallenges,
  defaultCardChallenges,
  issueCardNonce,
  MemoryNonceStore,
} from './nonces.js';
export type {
  CardIdentity,
  CardProofFailure,
  TrustAnchor,
  VerifiedCard,
  VerifyCardProofOptions,
  VerifyCardProofResult,
} from './verify.js';
export { CARD_PROOF_FAILURE_MESSAGES, loadTrustAnchors, verifyCardProof } from './verify.js';
