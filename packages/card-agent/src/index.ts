export type { BackendStatus, CardBackend, CardRecord, SignResult, SlotRecord, TokenPinFlags } from './backend.js';
export { BackendError, SHA256_DIGEST_INFO } from './backend.js';
export type { AgentConfig } from './config.js';
export {
  ConfigError,
  defaultModuleCandidates,
  defaultPairingFile,
  parseAgentArgs,
  readConfigFile,
  readVirtualCards,
  USAGE,
} from './config.js';
export type { Pkcs11BackendOptions } from './pkcs11-backend.js';
export { createPkcs11Backend, Pkcs11Backend } from './pkcs11-backend.js';
export type { AgentLogger, CardAgentOptions, PairingCodeNotice, RateLimits, RunningCardAgent } from './service.js';
export {
  AGENT_VERSION,
  AgentConfigError,
  CardAgent,
  challengeData,
  describeCard,
  isLoopbackHost,
  startCardAgent,
} from './service.js';
export type { VirtualCardSpec } from './virtual-backend.js';
export { VirtualBackend } from './virtual-backend.js';
