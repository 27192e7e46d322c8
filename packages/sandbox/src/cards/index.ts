export type { RunningTestCardAgent, TestCardAgentOptions } from './agent.js';
export { loadOrCreateTestCa, startTestCardAgent } from './agent.js';
export type { BenchRow } from './bench.js';
export { benchCardAgent } from './bench.js';
export type { SoftHsmEnv } from './softhsm.js';
export {
  createSoftHsmEnv,
  deleteSoftHsmCard,
  provisionSoftHsmCard,
  provisionSoftHsmCards,
  SOFTHSM_MODULE,
  softHsmAvailable,
} from './softhsm.js';
export type { TestCa, TestCardMaterial, TestCardProfile, TestCardType } from './test-ca.js';
export {
  cardSubject,
  createTestCa,
  issueCardCertificate,
  luhnDigit,
  TEST_CA_NAME,
  testCardProfiles,
  toPem,
} from './test-ca.js';
