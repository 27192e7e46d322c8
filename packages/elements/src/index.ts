/**
 * @authforte/elements: importing this module defines every AuthForte element.
 * Import one element alone with `@authforte/elements/profession-classifier.js` and so on.
 */

export { AfAccountLink, type AfLinkedDetail, type AfLinkFailedDetail } from './account-link/define.js';
export type { AuthForteConfig, AuthForteEndpoints, EcpsLinks, HelpContact, PortalLinks } from './config/context.js';
export { authForteConfigContext } from './config/context.js';
export { AfConfig } from './config/define.js';
export { DEFAULT_ECPS_LINKS, ECPS_WALLET_URLS } from './ecps-activation/af-ecps-activation.js';
export { AfEcpsActivation } from './ecps-activation/define.js';
export { AUTHFORTE_VERSION } from './internal/define.js';
export { type Lang, setMessages } from './internal/localize.js';
export { DEFAULT_PORTALS } from './profession-classifier/af-profession-classifier.js';
export { AfProfessionClassifier } from './profession-classifier/define.js';
