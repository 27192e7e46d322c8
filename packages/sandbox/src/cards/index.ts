export type { SoftHsmEnv, TestCa, TestCardMaterial, TestCardProfile, TestCardType } from '@authforte/test-kit';
export {
  cardSubject,
  createSoftHsmEnv,
  createTestCa,
  deleteSoftHsmCard,
  issueCardCertificate,
  luhnDigit,
  provisionSoftHsmCard,
  provisionSoftHsmCards,
  SOFTHSM_MODULE,
  softHsmAvailable,
  TEST_CA_NAME,
  testCardProfiles,
  toPem,
} from '@authforte/test-kit';
export type { RunningTestCardAgent, TestCardAgentOptions } from './agent.js';
export { loadOrCreateTestCa, startTestCardAgent } from './agent.js';
