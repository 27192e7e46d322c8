/**
 * The AuthForte card agent protocol, version 1: the wire types shared by the agent
 * (`@authforte/card-agent`), the browser client and the server-side verification.
 * The prose specification is `docs/agent-protocol.md`; keep both in step.
 */

/** Value of `protocol` in the discovery document. */
export const AGENT_PROTOCOL = 'authforte-card-agent';
/** The protocol version this code speaks. */
export const AGENT_PROTOCOL_VERSION = 1;
/** Default loopback port of the agent. */
export const DEFAULT_AGENT_PORT = 24680;
/** Default base URL of the agent. */
export const DEFAULT_AGENT_URL = `http://127.0.0.1:${DEFAULT_AGENT_PORT}`;
/** Value of `format` in a card proof. */
export const CARD_PROOF_FORMAT = 'authforte-card-proof';

/** What an agent can do; a client checks before relying on a feature. */
export type AgentCapability = 'pairing' | 'events' | 'card-info' | 'authenticate' | 'final-try-guard';

/**
 * `GET /v1` — always answered (with CORS headers) to an origin that may use or pair with the agent.
 * An origin that is neither allowlisted nor paired gets only `protocol`, `versions`, `paired: false` and
 * `pairing`: no agent version, capabilities or backend status (less to learn for strangers).
 */
export interface AgentDiscovery {
  protocol: typeof AGENT_PROTOCOL;
  /** Protocol versions the agent speaks, e.g. `[1]`. */
  versions: number[];
  /** Only to allowlisted or paired origins (and programs without `Origin`). */
  agent?: { name: string; version: string };
  /** Only to allowlisted or paired origins (and programs without `Origin`). */
  capabilities?: AgentCapability[];
  /** Whether the calling origin may use the card endpoints right now (allowlisted, or paired with this token). */
  paired: boolean;
  /** Whether the agent accepts pairing requests. */
  pairing: boolean;
  /**
   * State of the card backend: `ready`, or `module-unavailable` when the PKCS#11 module could not be loaded.
   * Only to allowlisted or paired origins (and programs without `Origin`).
   */
  backend?: { kind: 'pkcs11' | 'virtual'; status: 'ready' | 'module-unavailable' };
}

/**
 * `POST /v1/pairing` answer. Two ways to finish: the user approves on the agent's own page (`approveUrl`),
 * after checking that it shows the same `matchCode` as the page; or types the 6-digit code the agent
 * printed in its console (`confirm`).
 */
export interface PairingRequest {
  pairingId: string;
  /** Number of digits of the code the user may copy from the agent's console. */
  codeLength: number;
  /** ISO 8601. */
  expiresAt: string;
  /** 4 characters the page shows, and the agent page shows beside the request, to compare before approving. */
  matchCode?: string;
  /** The agent's own page, where the user approves or refuses (`http://127.0.0.1:24680/`). */
  approveUrl?: string;
}

/** `GET /v1/pairing/{pairingId}` answer while the user has not approved it on the agent page. */
export interface PairingPending {
  status: 'pending';
  expiresAt: string;
}

/** `POST /v1/pairing/{pairingId}/confirm` answer, and `GET /v1/pairing/{pairingId}` once approved. */
export interface PairingResult {
  status?: 'approved';
  /** Bearer token for this origin; send it as `Authorization: Bearer <token>`. */
  token: string;
  origin: string;
}

export interface ReaderInfo {
  /** Opaque slot identifier, stable while the agent runs. */
  slot: string;
  /** Reader (slot) description. */
  name: string;
  cardPresent: boolean;
}

export type CardType = 'CPS' | 'CPF' | 'CPE' | 'CPA' | 'unknown';

/** The holder as read from the authentication certificate. Field names follow `ProfessionalIdentity`. */
export interface CardHolder {
  /** National identifier (idNat), e.g. `810001234567` (`8` + RPPS) or `0` + ADELI. */
  nationalId: string;
  /** Same values as `NationalIdKind` of the identity model. */
  idType: 'rpps' | 'adeli' | 'other';
  rppsNumber?: string;
  adeliNumber?: string;
  givenName?: string;
  familyName: string;
  /** e.g. `Dr KIT DOC0012345` — given name then family name. */
  displayName: string;
  /** Profession, from the certificate's `title` attribute (a TRE_G15 code, with its label when known). */
  profession?: { system: 'TRE_G15'; code: string; label?: string } | { label: string };
  organization?: string;
}

export interface PinStatus {
  /** Tries left before the PIN locks (0 when locked). */
  triesLeft: number;
  maxTries: number;
  finalTry: boolean;
  locked: boolean;
  /** `token`: reported by the token flags; `agent`: the agent's own count (tokens that report nothing). */
  source: 'token' | 'agent';
}

export interface CardCertificateInfo {
  /** Certificate serial number, hex. */
  serialNumber: string;
  subject: string;
  issuer: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  /** Whether the certificate was expired (or not yet valid) when the agent read it. */
  expired: boolean;
  /** The authentication certificate, base64 DER. */
  der: string;
}

/** `GET /v1/card` answer and the `card` of card events. */
export interface CardInfo {
  slot: string;
  reader: string;
  /** Token label, e.g. `CPS3v3-2900473128`. */
  label: string;
  /** Card serial (from the label when it has the CPS form, else the token serial). */
  serial: string;
  cardType: CardType;
  holder: CardHolder;
  certificate: CardCertificateInfo;
  pin: PinStatus;
  /**
   * `true` when the reader has a PIN pad (PKCS#11 CKF_PROTECTED_AUTHENTICATION_PATH): authenticate without `pin`,
   * the holder types the code on the reader.
   */
  pinPad?: boolean;
}

/** `POST /v1/authenticate` body. */
export interface AuthenticateRequest {
  /** The server's challenge, 16–256 characters of base64url. */
  nonce: string;
  /**
   * The PIN ("code porteur"), 4 digits (`CPS_PIN_LENGTH`). Never logged, stored or echoed by the agent. Absent for a card in a
   * PIN-pad reader (`CardInfo.pinPad`): the holder types it on the reader.
   */
  pin?: string;
  /** Must be `true` when the PIN is at its final try. */
  confirmFinalTry?: boolean;
  /** Slot to use; default: the only card present. */
  slot?: string;
}

export type CardProofAlgorithm = 'RS256' | 'ES256' | 'ES384';

/**
 * `POST /v1/authenticate` answer: what the browser forwards to the server.
 * `signature` is over SHA-256(UTF-8 origin) ‖ SHA-256(UTF-8 nonce) (64 bytes), with `algorithm`.
 */
export interface CardProof {
  format: typeof CARD_PROOF_FORMAT;
  version: 1;
  algorithm: CardProofAlgorithm;
  /** The origin the agent bound the signature to (from the request's `Origin` header). */
  origin: string;
  nonce: string;
  /** Authentication certificate, base64 DER. */
  certificate: string;
  /** Other certificates read from the card (intermediate CAs), base64 DER. */
  chain: string[];
  /** base64url; RSA PKCS#1 v1.5, or ECDSA as r‖s. */
  signature: string;
  /** ISO 8601, informative. */
  signedAt: string;
}

/** Events on `GET /v1/events` (Server-Sent Events; `event:` is the type, `data:` the JSON). */
export type AgentEvent =
  | { type: 'hello'; readers: ReaderInfo[]; cards: CardInfo[] }
  | { type: 'reader-added'; reader: ReaderInfo }
  | { type: 'reader-removed'; reader: ReaderInfo }
  | { type: 'card-inserted'; card: CardInfo }
  | { type: 'card-removed'; slot: string; serial: string }
  | { type: 'pin-status'; slot: string; serial: string; pin: PinStatus }
  | { type: 'backend-status'; status: 'ready' | 'module-unavailable' };

export type AgentEventType = AgentEvent['type'];

/** Body of every error answer: `{ "error": { "code", "message", ... } }`. */
export interface AgentErrorBody {
  error: { code: string; message: string; triesLeft?: number; retryAfterSeconds?: number };
}
