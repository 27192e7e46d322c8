/** The public shapes of `createAuthForte`: its options, the host's account callbacks and session hooks, the kit session. */
import type { LoginIdentity, LoginMethod } from '@authforte/core/login';
import type { PscEnvironment } from '@authforte/core/psc';
import type { CardChallenges } from '../card/nonces.js';
import type { TrustAnchor, VerifyCardProofOptions } from '../card/verify.js';
import type { LockoutSettings } from '../link/lockout.js';
import type { PscClientOptions } from '../psc/client.js';
import type { PscHandlers } from '../psc/handlers.js';
import type { AuthForteStore } from './store.js';

type MaybePromise<T> = T | Promise<T>;
type HeadersInit = ConstructorParameters<typeof Headers>[0];

/** The identity the kit hands the host: who proved it (card or PSC), national identifier and names. */
export type KitIdentity = LoginIdentity;

export interface AuthForteAccounts {
  /** The account linked to this national identifier, or null (first connection: the link form follows). */
  findByNationalId(nationalId: string, identity: KitIdentity): MaybePromise<{ accountId: string } | null | undefined>;
  /** The account of these credentials, or null (unknown user and wrong password alike). Never log the password. */
  verifyCredentials(username: string, password: string): MaybePromise<{ accountId: string } | null | undefined>;
  /** Keeps the link; throw `new AccountLinkError('already-linked')` when the identity or the account has another. */
  link(link: { identity: KitIdentity; accountId: string }): MaybePromise<void>;
}

/** Hooks for a host that keeps its own session beside the kit's (`Set-Cookie` of its own cookie, audit…). */
export interface AuthForteSessionHooks {
  signIn?(event: {
    accountId: string;
    identity: KitIdentity;
    method: LoginMethod;
    request: Request;
    // biome-ignore lint/suspicious/noConfusingVoidType: a hook may return nothing (`async () => {}`)
  }): MaybePromise<{ headers?: HeadersInit } | undefined | void>;
  signOut?(event: {
    accountId?: string;
    request: Request;
    // biome-ignore lint/suspicious/noConfusingVoidType: a hook may return nothing
  }): MaybePromise<{ headers?: HeadersInit } | undefined | void>;
}

export interface AuthForteOptions {
  /** The application's origin as the browser sees it, e.g. `https://app.example.fr`. Card proofs are bound to it. */
  origin: string;
  /** At least 32 random characters (cookies, assertion key). Every instance behind the origin has the same. */
  secret: string;
  /** Where the routes are mounted (default `/authforte`). */
  basePath?: string;
  /** Shared state (default: in memory, one instance). `createRedisStore()` for several instances. */
  store?: AuthForteStore;
  /** The application's name as users know it (shown by the elements). */
  hostName?: string;
  /** The help desk the elements show on errors. */
  helpContact?: { name?: string; email?: string; phone?: string; url?: string };
  /** Card sign-in: the trusted CAs (IGC-Santé), where the page finds the card agent, and verification options. */
  card?: {
    /** The CAs to trust, as PEM or DER (else `trust`, e.g. `IGC_SANTE_PRODUCTION`, or both). */
    trustAnchors?: readonly TrustAnchor[];
    agentUrl?: string;
    /** Nonce lifetime (default 5 minutes). */
    nonceTtlMs?: number;
  } & Omit<Partial<VerifyCardProofOptions>, 'proof' | 'expectedOrigin' | 'sessionId' | 'challenges' | 'trustAnchors'>;
  /** e-CPS sign-in: the PSC environment and this application's confidential client. */
  psc?: Omit<PscClientOptions, 'redirectUri' | 'postLogoutRedirectUri'> & {
    /** In-page approval on the phone (CIBA, enabled per service by the ANS). Default true. */
    ciba?: boolean;
    /** How PSC's page opens (default `redirect`). */
    mode?: 'redirect' | 'popup';
    /** Shared workstations: PSC asks for the e-CPS or the card at every sign-in (`prompt=login`). Default false. */
    sharedWorkstation?: boolean;
    environment: PscEnvironment;
  };
  accounts: AuthForteAccounts;
  sessions?: AuthForteSessionHooks;
  /** Where the elements go next (same-site paths). */
  redirects?: { signedIn?: string; linkRequired?: string; signedOut?: string; signIn?: string };
  /** Lockout of the link form (default 5 failures in 15 minutes lock for 15 minutes), counted in the store. */
  lockout?: Omit<LockoutSettings, 'now'>;
  /** Credential failures answer no sooner than this (default 300 ms). */
  minFailureMs?: number;
  /** Kit session lifetime in seconds (default 8 hours) and pending identity lifetime (default 10 minutes). */
  sessionTtlSeconds?: number;
  pendingTtlSeconds?: number;
  /** The signed identity assertion: audience (default the origin) and lifetime (default 120 s). */
  assertion?: { audience?: string; ttlSeconds?: number };
  /** `Secure` + `__Host-` cookies (default: when `origin` is https). */
  secureCookies?: boolean;
  /** Outcomes, for logs and metrics; never a password, PIN or token. */
  onEvent?(event: { type: string; method?: LoginMethod; nationalId?: string; accountId?: string; code?: string }): void;
}

/** What the kit keeps per browser (in the store, behind a random id in an HttpOnly cookie). */
export interface KitSession {
  id: string;
  csrfToken: string;
  accountId?: string;
  identity?: KitIdentity;
  method?: LoginMethod;
  pending?: { identity: KitIdentity; method: LoginMethod; expiresAt: number };
}

export interface KitConfigBody {
  methods: LoginMethod[];
  agentUrl?: string;
  ciba: boolean;
  pscMode: 'redirect' | 'popup';
  hostName?: string;
  helpContact?: AuthForteOptions['helpContact'];
  redirects: { signedIn: string; linkRequired: string; signedOut: string; signIn: string };
}

export interface AuthForte {
  readonly basePath: string;
  /** Answers every request under `basePath` (404 JSON for an unknown route there); others are `undefined`. */
  handle(request: Request): Promise<Response | undefined>;
  /** `handle`, answering 404 outside `basePath` too (for a dedicated server or a framework's catch-all route). */
  handler(request: Request): Promise<Response>;
  /** The kit session of a request (for the host's own routes: who is signed in). */
  getSession(request: Request): Promise<KitSession | null>;
  /** The public keys of the identity assertions. */
  jwks(): Promise<{ keys: object[] }>;
  readonly store: AuthForteStore;
  readonly card: CardChallenges | undefined;
  readonly psc: PscHandlers | undefined;
  close(): Promise<void>;
}
