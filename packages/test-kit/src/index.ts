/**
 * `@authforte/test-kit` (private, never published): the test infrastructure shared by the packages' tests and the
 * sandbox — the IGC-Santé-shaped test CA and its cards, the OCSP responder and CRLs, SoftHSM2 provisioning, HTTP
 * helpers. Debian's Chromium with axe-core is `@authforte/test-kit/browser` (it loads playwright-core). The kit
 * depends on none of our packages, so that card-agent, server and sandbox tests can all use it.
 * ⚠ Test fixtures, NOT FOR PRODUCTION.
 */
export type { RawResponse, SoftHsmFixture, TestLogger } from './card-helpers.js';
export {
  captureLogger,
  profile,
  raw,
  rejectWrongPairingCode,
  softHsmFixture,
  testAgentOptions,
  virtualCard,
  virtualCardsFile,
  waitFor,
} from './card-helpers.js';
export { CookieClient } from './cookie-client.js';
export type { HostApp, HostVerifyRequest } from './host-app.js';
export { startHostApp } from './host-app.js';
export { freePort, runCli } from './net.js';
export type { TestPki, TestRevocationPolicy } from './pki.js';
export { startTestPki, testTrustOptions } from './pki.js';
export type { RunningRedis } from './redis.js';
export { REDIS_SERVER, startRedisServer } from './redis.js';
export type { SoftHsmEnv } from './softhsm.js';
export {
  cpsObjectId,
  createSoftHsmEnv,
  deleteSoftHsmCard,
  provisionSoftHsmCard,
  provisionSoftHsmCards,
  SOFTHSM_MODULE,
  softHsmAvailable,
  TEST_SO_PIN,
} from './softhsm.js';
export type { TestCa, TestCaCertificate, TestIssuer } from './test-ca.js';
export { createTestCa, hierarchy, TEST_CA_NAME } from './test-ca.js';
export type { TestCardMaterial, TestCardProfile, TestCardType, TestRevocationUrls } from './test-cards.js';
export { cardSubject, issueCardCertificate, issuerOf, luhnDigit, testCardProfiles, toPem } from './test-cards.js';
