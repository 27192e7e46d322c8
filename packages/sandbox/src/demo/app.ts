/**
 * The demo host on AuthForte's server kit: `createAuthForte` answers every sign-in route under `/authforte` (card
 * nonce and verify, Pro Santé Connect with CIBA, the first-connection link, sign-out, CSRF, session rotation,
 * lockout); the host gives it its own account store (SQLite, `store.ts`) and renders its own pages (`pages.ts`).
 */
import { randomBytes } from 'node:crypto';
import type { PscEnvironment } from '@authforte/core/psc';
import {
  AccountLinkError,
  type AuthForte,
  type AuthForteAccounts,
  type AuthForteStore,
  createAuthForte,
  type LockoutSettings,
  MemoryStore,
  type TrustAnchor,
  type TrustPreset,
} from '@authforte/server';
import { DemoStore, IdentityAlreadyLinkedError } from './store.js';

/** The demo's seeded accounts: the password is printed in the start banner (fictitious data). */
export const DEMO_ACCOUNTS = [
  {
    username: 'marie.dupont',
    password: 'Trajectoire-2026',
    displayName: 'Marie Dupont',
    establishment: 'Centre hospitalier de démonstration',
  },
  {
    username: 'paul.martin',
    password: 'Trajectoire-2026',
    displayName: 'Paul Martin',
    establishment: 'EHPAD Les Tilleuls (démonstration)',
  },
] as const;

/** The demo's help desk, shown by the elements on errors (a real host gives its own). */
export const DEMO_HELP_CONTACT = { name: 'Assistance de démonstration', email: 'assistance@demo.invalid' };

export interface DemoAppOptions {
  /** SQLite file, or `:memory:` (default). */
  database?: string;
  /** Lockout of the link form (default: 5 failures in 15 minutes lock for 15 minutes). */
  lockout?: Omit<LockoutSettings, 'now'>;
  /** The kit's secret (cookies, assertion key; default: random per start, which signs everyone out). */
  secret?: string;
  /** Pending identity lifetime in seconds (default 600). */
  pendingIdentityTtl?: number;
  /** Create the demo accounts (default true). */
  seed?: boolean;
  /** Floor for credential failures in ms (default 300). */
  minFailureMs?: number;
  /** The host's name in the elements (default "Trajectoire Démo"). */
  hostName?: string;
  /** Card sign-in: the trust of card certificates and where the page finds the card agent. Without: e-CPS only. */
  card?: { trust?: TrustPreset; trustAnchors?: readonly TrustAnchor[]; agentUrl?: string };
  /** e-CPS sign-in: the sandbox PSC's `environment` and confidential client. Without: card only. */
  psc?: {
    environment: PscEnvironment;
    clientId: string;
    clientSecret: string;
    ciba?: boolean;
    /** Shared workstations: PSC asks for the e-CPS or the card at every sign-in (`prompt=login`). Default true. */
    sharedWorkstation?: boolean;
  };
}

export { escapeHtml } from './pages.js';

export class DemoApp {
  readonly store: DemoStore;
  readonly hostName: string;
  /** The kit's shared state (nonces, PSC transactions, sessions, lockout): kept when the kit is rebuilt. */
  readonly kitStore: AuthForteStore = new MemoryStore();
  private options: DemoAppOptions;
  private readonly secret: string;
  private originValue: string | undefined;
  private kitValue: AuthForte | undefined;

  /** The host's own account store, as the kit's callbacks. */
  readonly accounts: AuthForteAccounts = {
    findByNationalId: (nationalId) => {
      const account = this.store.findAccountByNationalId(nationalId);
      return account ? { accountId: account.id } : null;
    },
    verifyCredentials: async (username, password) => {
      const account = await this.store.verifyCredentials(username, password);
      return account ? { accountId: account.id } : null;
    },
    link: ({ identity, accountId }) => {
      try {
        this.store.linkIdentity(identity, accountId);
      } catch (error) {
        throw error instanceof IdentityAlreadyLinkedError ? new AccountLinkError('already-linked') : error;
      }
    },
  };

  constructor(options: DemoAppOptions = {}) {
    this.options = options;
    this.store = new DemoStore({ filename: options.database ?? ':memory:' });
    this.secret = options.secret ?? randomBytes(32).toString('base64url');
    this.hostName = options.hostName ?? 'Trajectoire Démo';
  }

  /** The host's own origin (e.g. `http://localhost:8080`), known once it listens: the kit is built for it. */
  setOrigin(origin: string): void {
    this.originValue = new URL(origin).origin;
    this.kitValue = this.createKit(this.originValue);
  }

  /** Where the sign-in page finds the card agent (when it starts after the host, e.g. on a free port in tests). */
  setCardAgentUrl(agentUrl: string): void {
    if (!this.options.card) throw new Error('the demo host was started without card sign-in (option `card`)');
    this.options = { ...this.options, card: { ...this.options.card, agentUrl } };
    if (this.originValue) this.kitValue = this.createKit(this.originValue);
  }

  get origin(): string | undefined {
    return this.originValue;
  }

  /** The kit (after `setOrigin`). */
  get kit(): AuthForte {
    if (!this.kitValue) throw new Error('the demo host has no origin yet (call setOrigin)');
    return this.kitValue;
  }

  // ---- the AuthForte wiring: the kit's configuration, and the account store above

  private createKit(origin: string): AuthForte {
    const { card, psc } = this.options;
    return createAuthForte({
      origin,
      secret: this.secret,
      store: this.kitStore,
      hostName: this.hostName,
      helpContact: DEMO_HELP_CONTACT,
      accounts: this.accounts,
      ...(card ? { card } : {}),
      ...(psc ? { psc: { ...psc, sharedWorkstation: psc.sharedWorkstation !== false } } : {}),
      redirects: {
        signedIn: '/accueil',
        linkRequired: '/espace-professionnel',
        signedOut: '/deconnecte.html',
        signIn: '/connexion',
      },
      ...(this.options.lockout ? { lockout: this.options.lockout } : {}),
      ...(this.options.minFailureMs === undefined ? {} : { minFailureMs: this.options.minFailureMs }),
      ...(this.options.pendingIdentityTtl ? { pendingTtlSeconds: this.options.pendingIdentityTtl } : {}),
      onEvent: (e) => {
        if (e.code === 'rate-limited') console.warn('[demo] e-CPS approval refused: rate limited');
      },
    });
  }

  // ---- the host's own

  /**
   * The headers every answer of the demo carries (what a host copies): a strict Content-Security-Policy — scripts
   * and styles of the site only (no inline script, no inline style element: the elements adopt constructable
   * stylesheets), the card agent as the only other address fetched, forms posting to the site or PSC (sign-out
   * goes on to PSC's end-session endpoint), no framing (`frame-ancestors 'none'` and `X-Frame-Options: DENY`:
   * the PIN screen and the link form cannot be framed for clickjacking) — and `nosniff`.
   */
  securityHeaders(): Record<string, string> {
    const agent = this.options.card?.agentUrl ? ` ${new URL(this.options.card.agentUrl).origin}` : '';
    const psc = this.options.psc ? ` ${new URL(this.options.psc.environment.issuer).origin}` : '';
    return {
      'content-security-policy': [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        `connect-src 'self'${agent}`,
        `form-action 'self'${psc}`,
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
      ].join('; '),
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
    };
  }

  /** Creates the demo accounts that do not exist yet. */
  async seed(): Promise<void> {
    for (const a of DEMO_ACCOUNTS) {
      if (!this.store.findAccountByUsername(a.username)) await this.store.createAccount(a);
    }
  }

  findAccountByNationalId(nationalId: string) {
    return this.store.findAccountByNationalId(nationalId);
  }

  async close(): Promise<void> {
    await this.kitValue?.close();
    this.store.close();
  }
}
