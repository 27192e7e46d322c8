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

/** Configuration shared by every AuthForte element below an `<af-config>` (or set on each element). */
export interface AuthForteConfig {
  helpContact?: HelpContact;
  portals?: Partial<PortalLinks>;
  login?: LoginConfig;
}

export const authForteConfigContext = createContext<AuthForteConfig>(Symbol.for('authforte.config'));
