import type { LoginMethod, LoginServices, PscMode } from '@authforte/core/login';
import { createContext } from '@lit/context';

/** How a professional can reach the host's help desk. Nothing is shown unless the host configures it. */
export interface HelpContact {
  /** Who answers, e.g. "Assistance e-santé Occitanie". */
  name?: string;
  email?: string;
  phone?: string;
  url?: string;
}

/** Links to the registration portals; defaults are the public ones. */
export interface PortalLinks {
  erpps: string;
  rppsPlus: string;
  /** Per professional order (id from `@authforte/core`), the order's site. */
  orders: Record<string, string>;
}

/** Configuration of `<af-login>` (each field can also be set on the element, which wins). */
export interface LoginConfig {
  /** The means offered, in this order (default: both, card first). */
  methods?: LoginMethod[];
  /** In-page e-CPS approval (CIBA) instead of PSC's page (needs `services.psc.cibaStart/cibaPoll`). */
  ciba?: boolean;
  /** How PSC's page opens (default `redirect`). */
  pscMode?: PscMode;
  /** The backend calls of the journey (card agent, PSC, host verification). */
  services?: LoginServices;
  /** Where to download and install the card agent. */
  agentInstallUrl?: string;
  /** "Qu'est-ce que Pro Santé Connect ?" link. */
  pscInfoUrl?: string;
  /** Milliseconds before giving up waiting for a reader or a card. */
  timeouts?: { reader?: number; card?: number };
}

/** Links of the e-CPS activation; defaults are the production ones (see `<af-ecps-activation>`). */
export interface EcpsLinks {
  /** The e-CPS wallet site (production https://wallet.esw.esante.gouv.fr; test: https://wallet.bas.psc.esante.gouv.fr). */
  walletUrl?: string;
  /** The e-CPS app on the App Store. */
  appStoreUrl?: string;
  /** The e-CPS app on Google Play. */
  playStoreUrl?: string;
}

/** Configuration shared by every AuthForte element below an `<af-config>` (or set on each element). */
export interface AuthForteConfig {
  helpContact?: HelpContact;
  portals?: Partial<PortalLinks>;
  login?: LoginConfig;
  ecps?: EcpsLinks;
  /** The host application's name as users know it (e.g. "ViaTrajectoire"); default "votre application". */
  hostName?: string;
  /**
   * The host's page guiding the e-CPS activation (a page with `<af-ecps-activation>`): linked from the classifier's
   * next step and from `<af-login>` when Pro Santé Connect knows no active e-CPS for an identifier.
   */
  activationUrl?: string;
  /** The host's sign-in page (a page with `<af-login>`): linked from the classifier's next step and the stepper's end. */
  signInUrl?: string;
  /** The host's AuthForte endpoints (same origin). */
  endpoints?: AuthForteEndpoints;
  /** The CSRF token the host gave the page, sent with every state-changing request (`x-csrf-token`). */
  csrfToken?: string;
}

/** Where the host application answers the AuthForte contract of `@authforte/server`. */
export interface AuthForteEndpoints {
  /** The account-link endpoint (`createAccountLinkHandler`), e.g. `/api/account-link`. */
  accountLink?: string;
}

export const authForteConfigContext = createContext<AuthForteConfig>(Symbol.for('authforte.config'));
