export type { BackendStatus, CardBackend, CardRecord, SignResult, SlotRecord, TokenPinFlags } from './backend.js';
export { BackendError, SHA256_DIGEST_INFO } from './backend.js';
export { describeCard } from './card-info.js';
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
export type { AgentLogger, CardAgentOptions, PairingCodeNotice, RateLimits, RunningCardAgent } from './options.js';
export { AgentConfigError, isLoopbackHost } from './options.js';
export type { Pkcs11BackendOptions } from './pkcs11-backend.js';
export { createPkcs11Backend, Pkcs11Backend } from './pkcs11-backend.js';
export { AGENT_VERSION, CardAgent, challengeData, startCardAgent } from './service.js';
export type { VirtualCardSpec } from './virtual-backend.js';
export { VirtualBackend } from './virtual-backend.js';
