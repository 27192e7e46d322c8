/** `@authforte/core/psc`: Pro Santé Connect presets, checks and browser clients. */

export {
  PSC_BACKEND_MESSAGE_TYPE,
  PscBackendClient,
  type PscBackendClientOptions,
  type PscBackendSession,
  type PscCibaPoll,
  type PscCibaStart,
} from './backend-client.js';
export {
  completePscPopup,
  PscBrowserClient,
  type PscBrowserClientOptions,
  type PscSignInResult,
  type PscTokenStorage,
  toPscError,
} from './browser-client.js';
export {
  fetchPscDiscovery,
  isAcceptableEndpoint,
  PSC_SIGNING_ALGORITHMS,
  type PscServerMetadata,
  type PscSigningAlgorithm,
  parsePscDiscovery,
  pscSigningAlgorithms,
} from './discovery.js';
export {
  isPscError,
  isPscErrorCode,
  PSC_ERROR_CODES,
  PSC_ERRORS,
  PscError,
  type PscErrorCode,
  pscErrorFromOAuthError,
} from './errors.js';
export {
  checkIdTokenClaims,
  checkUserInfo,
  decodeJwtPayload,
  type IdTokenExpectations,
  parseCallbackUrl,
} from './id-token.js';
export {
  acrSatisfies,
  PSC_ACR_LEVELS,
  PSC_ACR_VALUES,
  PSC_BAS,
  PSC_DISCOVERY_PATH,
  PSC_PRODUCTION,
  PSC_SCOPE,
  PSC_WALLET_AUTHORIZATION_ENDPOINTS,
  type PscEnvironment,
  pscEnvironment,
} from './presets.js';
export { PSC_WALLET_HOSTS } from './wallet.js';
