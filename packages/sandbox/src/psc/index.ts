// the names, options and running-sandbox shape
export * from './options.js';
export {
  pscSubject,
  pscUserInfo,
  SANDBOX_CARD_PIN,
  SANDBOX_PROFESSIONALS,
  type SandboxProfessional,
} from './professionals.js';
export { startSandboxPsc } from './server.js';
