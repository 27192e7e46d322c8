/**
 * `@authforte/core/agent`: the card agent protocol, its error codes and the client (browser-safe).
 * Certificate reading is `@authforte/core/certificate` (Node side: it uses `@peculiar/x509`).
 */

export {
  CARD_TYPES,
  type CardTypeInfo,
  CPS_PIN_LENGTH,
  cardTypeFromCode,
  cardTypeLabel,
  isWellFormedPin,
} from './card.js';
export { challengeBytes } from './challenge.js';
export type {
  AgentDetection,
  AgentTokenStore,
  AuthenticateOptions,
  CardAgentClientOptions,
  RequestOptions,
  SubscribeOptions,
} from './client.js';
export { CardAgentClient } from './client.js';
export { base64ToBytes, bytesToBase64, bytesToBase64Url, CertificateParseError } from './encoding.js';
export * from './errors.js';
export * from './protocol.js';
