export {
  type RunningSandboxPsc,
  SANDBOX_CONFIDENTIAL_CLIENT_ID,
  SANDBOX_CONFIDENTIAL_CLIENT_SECRET,
  SANDBOX_PSC_REALM_PATH,
  SANDBOX_PUBLIC_CLIENT_ID,
  type SandboxPscOptions,
} from './options.js';
export {
  pscSubject,
  pscUserInfo,
  SANDBOX_CARD_PIN,
  SANDBOX_PROFESSIONALS,
  type SandboxProfessional,
} from './professionals.js';
export { startSandboxPsc } from './server.js';
