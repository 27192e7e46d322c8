/**
 * How many PIN tries a card has left.
 *
 * A real CPS behind Cryptolib CPS reports them: Cryptolib reads the card's PIN counter again at every
 * `C_GetTokenInfo` and sets CKF_USER_PIN_COUNT_LOW after a failure, CKF_USER_PIN_FINAL_TRY at one try
 * left, CKF_USER_PIN_LOCKED at none (3 tries; source: Cryptolib CPS PKCS#11 specification,
 * `SpecificationsExternes_PKCS11_CryptoLib_CPS3`, https://github.com/ansforge/dops-cryptolib). For such a
 * token the flags, read again after each attempt, are the truth — including after an unblocking with the
 * unblocking code done elsewhere.
 *
 * Some modules report less: SoftHSM2 sets COUNT_LOW after a failure and clears it on a good login or a
 * PIN reset, but never FINAL_TRY nor LOCKED. For them the agent keeps its own count of failures, and
 * drops it when the token says that no failure is pending any more (COUNT_LOW cleared: the PIN was
 * reset or unblocked elsewhere).
 */
import type { PinStatus } from '@authforte/core/agent';
import type { CardRecord } from './backend.js';

export class PinAccounting {
  /** Cards whose token reported FINAL_TRY or LOCKED: their flags are the truth. */
  readonly #reporting = new Set<string>();
  /** The agent's own failure count, for tokens that do not report their tries. */
  readonly #failures = new Map<string, number>();
  /** Cards whose token showed COUNT_LOW while the agent counted failures. */
  readonly #sawCountLow = new Set<string>();

  constructor(private readonly maxTries: number) {}

  static key(r: CardRecord): string {
    return `${r.label}|${r.tokenSerial}`;
  }

  /** The PIN status from this reading of the token (call it with a fresh scan). */
  status(r: CardRecord): PinStatus {
    const max = this.maxTries;
    const key = PinAccounting.key(r);
    const f = r.pinFlags;
    if (f.finalTry || f.locked) this.#reporting.add(key);
    const fromToken = f.locked ? 0 : f.finalTry ? 1 : f.countLow ? Math.max(1, max - 1) : max;
    if (this.#reporting.has(key)) {
      this.#failures.delete(key);
      return {
        triesLeft: fromToken,
        maxTries: max,
        finalTry: fromToken === 1,
        locked: fromToken === 0,
        source: 'token',
      };
    }
    const failures = this.#failures.get(key) ?? 0;
    if (failures > 0) {
      if (f.countLow) this.#sawCountLow.add(key);
      else if (this.#sawCountLow.has(key)) {
        // the token no longer counts a failure: the PIN was reset or unblocked elsewhere
        this.#failures.delete(key);
        this.#sawCountLow.delete(key);
      }
    }
    const fromAgent = Math.max(0, max - (this.#failures.get(key) ?? 0));
    const triesLeft = Math.min(fromToken, fromAgent);
    return {
      triesLeft,
      maxTries: max,
      finalTry: triesLeft === 1,
      locked: triesLeft === 0,
      source: fromAgent < fromToken ? 'agent' : 'token',
    };
  }

  /** A wrong PIN (`locked`: the module answered CKR_PIN_LOCKED). */
  failed(r: CardRecord, locked: boolean): void {
    const key = PinAccounting.key(r);
    if (this.#reporting.has(key)) return;
    this.#failures.set(key, locked ? this.maxTries : (this.#failures.get(key) ?? 0) + 1);
  }

  succeeded(r: CardRecord): void {
    const key = PinAccounting.key(r);
    this.#failures.delete(key);
    this.#sawCountLow.delete(key);
  }
}
