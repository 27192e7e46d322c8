/**
 * @authforte/elements: importing this module defines every AuthForte element.
 * Import one element alone with `@authforte/elements/profession-classifier.js` and so on.
 */

// The SDK pieces a script-tag page needs to give <af-login> its services (on the `AuthForte` global of the
// classic-script bundle). Pro Santé Connect's browser client is not here: load `psc-backend.js` (backend mode)
// with `import()` when the e-CPS is chosen.
export { CardAgentClient, type CardAgentClientOptions } from '@authforte/core/agent';
export {
  cardServicesFromAgent,
  type LoginServices,
  pscServicesFromBackend,
  pscServicesFromBrowserClient,
  type VerifyOutcome,
} from '@authforte/core/login';
export {
  type AccountLinkScreen,
  AfAccountLink,
  type AfLinkCancelledDetail,
  type AfLinkCancelledEvent,
  type AfLinkedDetail,
  type AfLinkedEvent,
  type AfLinkFailedDetail,
  type AfLinkFailedEvent,
} from './account-link/define.js';
export type {
  AuthForteConfig,
  AuthForteEndpoints,
  EcpsLinks,
  HelpContact,
  LoginConfig,
  PortalLinks,
} from './config/context.js';
export { authForteConfigContext } from './config/context.js';
export { AfConfig } from './config/define.js';
export { DEFAULT_ECPS_LINKS, ECPS_WALLET_URLS } from './ecps-activation/af-ecps-activation.js';
export {
  type AfActivationCompleteDetail,
  type AfActivationCompleteEvent,
  AfEcpsActivation,
  type AfStepChangeDetail,
  type AfStepChangeEvent,
  type EcpsActivationScreen,
} from './ecps-activation/define.js';
export { AUTHFORTE_VERSION } from './internal/define.js';
export type { AfCancelledDetail, AfCancelledEvent } from './internal/events.js';
export { type Lang, setMessages } from './internal/localize.js';
export { LOGIN_RESUME_KEY } from './login/af-login.js';
export {
  type AfAuthenticatedDetail,
  type AfAuthenticatedEvent,
  type AfErrorDetail,
  type AfErrorEvent,
  type AfLinkRequiredDetail,
  type AfLinkRequiredEvent,
  AfLogin,
} from './login/define.js';
export { DEFAULT_PORTALS } from './profession-classifier/af-profession-classifier.js';
export {
  type AfClassifiedDetail,
  type AfClassifiedEvent,
  type AfClearedDetail,
  type AfClearedEvent,
  AfProfessionClassifier,
  type ClassifierScreen,
} from './profession-classifier/define.js';
export { PSC_INFO_URL } from './psc-button/af-psc-button.js';
export { AfPscButton, type AfPscClickDetail, type AfPscClickEvent } from './psc-button/define.js';
