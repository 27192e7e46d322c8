/**
 * What the agent needs from a card backend: PKCS#11 (Cryptolib CPS, SoftHSM2…) or the virtual card.
 * A backend knows nothing of HTTP, origins or pairing; it reads slots and signs after a PIN check.
 */
import type { AgentServerErrorCode, CardProofAlgorithm } from '@authforte/core/agent';

/** PIN flags as the token reports them (CKF_USER_PIN_COUNT_LOW / FINAL_TRY / LOCKED). */
export interface TokenPinFlags {
  countLow: boolean;
  finalTry: boolean;
  locked: boolean;
}

/** A card as read from a slot. Certificates are DER. */
export interface CardRecord {
  slot: string;
  reader: string;
  label: string;
  /** Token serial number as the token reports it. */
  tokenSerial: string;
  /** The authentication certificate, or undefined when none was found (card unreadable). */
  certificate: Uint8Array | undefined;
  /** Other certificates on the card (CA certificates). */
  chain: Uint8Array[];
  pinFlags: TokenPinFlags;
  /**
   * The reader has a PIN pad (CKF_PROTECTED_AUTHENTICATION_PATH): the holder types the PIN on the reader,
   * `sign` is called with an empty PIN and the module asks the reader.
   */
  pinPad?: boolean;
}

export interface SlotRecord {
  slot: string;
  name: string;
  card: CardRecord | undefined;
}

export interface SignResult {
  signature: Uint8Array;
  algorithm: CardProofAlgorithm;
}

export type BackendStatus = 'ready' | 'module-unavailable';

export interface CardBackend {
  readonly kind: 'pkcs11' | 'virtual';
  /** Current state; a PKCS#11 backend whose module failed to load reports `module-unavailable`. */
  status(): BackendStatus;
  /** Reads the slots and their cards. Throws `BackendError('module-unavailable')` when there is no module. */
  scan(): Promise<SlotRecord[]>;
  /**
   * Logs in with the PIN (an empty PIN on a PIN-pad reader: the module asks the reader), signs `data` (hashing it as the algorithm requires) with the key of the
   * authentication certificate, logs out. `tokenSerial` guards against a card swapped meanwhile.
   * Throws `BackendError` with `pin-incorrect`, `pin-locked`, `no-card`, `card-removed`,
   * `card-unreadable`, `module-unavailable`.
   */
  sign(slot: string, tokenSerial: string, pin: string, data: Uint8Array): Promise<SignResult>;
  close(): Promise<void>;
}

export class BackendError extends Error {
  override readonly name = 'BackendError';
  constructor(
    readonly code: AgentServerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** DER DigestInfo prefix for SHA-256 (PKCS#1 v1.5 signatures through CKM_RSA_PKCS). */
export const SHA256_DIGEST_INFO = Uint8Array.from([
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
]);
