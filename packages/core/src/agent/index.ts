/** `@authforte/core/agent`: the card agent protocol, its error codes, certificate reading and the client. */

export type { KeyUsage, NameAttribute, ParsedCertificate } from './certificate.js';
export {
  base64ToBytes,
  bytesToBase64,
  bytesToBase64Url,
  CertificateParseError,
  cardHolderFromCertificate,
  formatName,
  nationalIdKind,
  OID_EC,
  OID_P256,
  OID_P384,
  OID_RSA,
  parseCertificate,
  TRE_G15_LABELS,
} from './certificate.js';
export type {
  AgentDetection,
  AgentTokenStore,
  AuthenticateOptions,
  CardAgentClientOptions,
  RequestOptions,
  SubscribeOptions,
} from './client.js';
export { CardAgentClient } from './client.js';
export * from './errors.js';
export * from './protocol.js';
