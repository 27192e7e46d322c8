/**
 * What `<af-login>` and its machine need from the outside world. The element does not talk to the card agent, to
 * Pro Santé Connect or to the host backend itself: the host (or AuthForte's adapters) provides these services.
 * Every method may throw; errors with a `code` from the card agent client, the PSC clients or `LoginErrorCode`
 * are understood (see `toLoginError`). Every method gets an `AbortSignal` that fires when the user cancels or
 * leaves the step.
 */

/** The means of sign-in a host can offer. */
export type LoginMethod = 'card' | 'psc';

/** How Pro Santé Connect is reached from the page: full-page redirect, popup, or the host's backend routes. */
export type PscMode = 'redirect' | 'popup';

/**
 * The identity the host's verification returns. Structurally a subset of `ProfessionalIdentity`
 * (`@authforte/core` identity model), so a `ProfessionalIdentity` can be given as is.
 */
export interface LoginIdentity {
  source: 'psc' | 'card';
  /** National identifier, e.g. `810001234567` (`8` + RPPS). */
  nationalId: string;
  familyName: string;
  givenName?: string;
  /** "Given FAMILY", shown as text. */
  displayName: string;
}

/** What the card agent detection found. */
export type AgentStatus =
  | { status: 'ready' }
  | { status: 'not-paired' /** whether the agent accepts pairing requests */; pairing?: boolean }
  | { status: 'not-installed' }
  | { status: 'blocked'; permission?: 'denied' | 'prompt' }
  | { status: 'version-mismatch'; versions?: number[] };

/** PIN status of the card ("code porteur"). */
export interface LoginPinStatus {
  triesLeft: number;
  maxTries?: number;
  finalTry: boolean;
  locked: boolean;
}

/** The card as the page may show it: nothing secret. */
export interface LoginCard {
  /** Holder as read from the card, e.g. `Dr KIT DOC0012345`. */
  holderName: string;
  cardType: 'CPS' | 'CPF' | 'CPE' | 'CPA' | 'unknown';
  nationalId?: string;
  /** Token label, e.g. `CPS3v3-2900473128`. */
  label?: string;
  /** Whether the authentication certificate is expired (or not yet valid). */
  expired?: boolean;
  pin: LoginPinStatus;
}

/** What the card watch reports; the first report comes as soon as the agent's state is known. */
export type CardWatchEvent =
  | { type: 'no-reader' }
  | { type: 'no-card' }
  | { type: 'card'; card: LoginCard }
  | { type: 'card-removed' }
  /** The event stream ended or failed: the agent stopped. */
  | { type: 'agent-stopped' };

export interface PairingStart {
  pairingId: string;
  /** Number of digits of the code the agent shows. */
  codeLength: number;
  /** ISO 8601. */
  expiresAt?: string;
  /** Verification code shown on the page and on the agent's own page, beside the request to approve. */
  matchCode?: string;
  /** The agent's own page, where the user approves the request (no typing). */
  approveUrl?: string;
}

export interface CibaStart {
  /** The two digits shown by the element and by the e-CPS app. */
  bindingMessage: string;
  /** Seconds until the request expires. */
  expiresIn: number;
  /** Seconds between polls. */
  interval: number;
  /** Opaque, given back to `cibaPoll` (e.g. `auth_req_id` when the host keeps no server-side state). */
  requestId?: string;
}

export type CibaPoll = { status: 'pending'; interval?: number } | { status: 'approved'; proof: unknown };

/** The physical card, through the local card agent (adapter of `@authforte/core/agent`'s client). */
export interface CardServices {
  /** Finds the agent and tells why it cannot be used. */
  detect(options: { signal: AbortSignal }): Promise<AgentStatus>;
  /** Asks the agent for a pairing code (the agent shows it to the user). */
  startPairing(options: { signal: AbortSignal }): Promise<PairingStart>;
  /** Confirms the code the user copied from the agent. Throws `pairing-code-invalid` on a wrong code. */
  confirmPairing(options: { pairingId: string; code: string; signal: AbortSignal }): Promise<void>;
  /**
   * Resolves once the user approved the request on the agent's own page; throws `pairing-unknown` when it was
   * refused or expired. Optional: without it, only the typed code pairs.
   */
  waitForPairingApproval?(options: { pairingId: string; signal: AbortSignal }): Promise<void>;
  /** Reports readers and cards until `signal` aborts. */
  watch(onEvent: (event: CardWatchEvent) => void, options: { signal: AbortSignal }): void;
  /** The agent signs the host's nonce with the card after checking the PIN. Throws `pin-incorrect` (with `triesLeft`), `pin-locked`… */
  authenticate(options: {
    nonce: string;
    pin: string;
    confirmFinalTry: boolean;
    signal: AbortSignal;
  }): Promise<unknown>;
}

/** Pro Santé Connect (adapter of `@authforte/core/psc`'s clients, loaded with `import()` when chosen). */
export interface PscServices {
  /** Leaves the page for PSC. Resolves once the navigation has started (or never). */
  signinRedirect(options: { signal: AbortSignal }): Promise<void>;
  /** On the page PSC came back to: the proof, or null when the address carries no PSC answer. */
  completeRedirect(options: { signal: AbortSignal }): Promise<unknown | null>;
  /** Signs in in a popup; resolves with the proof. */
  signinPopup?(options: { signal: AbortSignal }): Promise<unknown>;
  /** In-page e-CPS approval (CIBA, through the host backend). */
  cibaStart?(options: { nationalId: string; signal: AbortSignal }): Promise<CibaStart>;
  cibaPoll?(options: { requestId?: string; signal: AbortSignal }): Promise<CibaPoll>;
}

/** What the host's backend says about a proof. */
export type VerifyOutcome =
  | { status: 'authenticated'; identity: LoginIdentity }
  | { status: 'link-required'; identity: LoginIdentity };

/** Everything `<af-login>` needs. Only the parts of the offered methods are required. */
export interface LoginServices {
  card?: CardServices;
  psc?: PscServices;
  /** A fresh single-use nonce from the host backend (`@authforte/server` card challenge). */
  getNonce(options: { signal: AbortSignal }): Promise<string>;
  /** The host backend verifies the proof (card proof or PSC result) and looks the identity's account up. */
  verify(options: { method: LoginMethod; proof: unknown; signal: AbortSignal }): Promise<VerifyOutcome>;
}

/** What the journey ends with. */
export type LoginResult =
  | { status: 'authenticated'; method: LoginMethod; identity: LoginIdentity; proof: unknown }
  | { status: 'link-required'; method: LoginMethod; identity: LoginIdentity; proof: unknown };
