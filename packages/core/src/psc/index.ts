/** `@authforte/core/psc`: Pro Santé Connect presets, checks and browser clients. */
export {
  isPscError,
  isPscErrorCode,
  PSC_ERROR_CODES,
  PSC_ERROR_MESSAGES,
  PscError,
  type PscErrorCode,
  pscErrorFromOAuthError,
} from './errors.js';
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
export { fetchPscDiscovery, isAcceptableEndpoint, parsePscDiscovery, type PscServerMetadata } from './discovery.js';
export { checkIdTokenClaims, checkUserInfo, decodeJwtPayload, type IdTokenExpectations, parseCallbackUrl } from './id-token.js';
export {
  completePscPopup,
  PscBrowserClient,
  type PscBrowserClientOptions,
  type PscSignInResult,
  type PscTokenStorage,
  toPscError,
} from './browser-client.js';
export {
  PscBackendClient,
  type PscBackendClientOptions,
  type PscBackendSession,
  type PscCibaStart,
  type PscCibaPoll,
  PSC_BACKEND_MESSAGE_TYPE,
} from './backend-client.js';
