import { compactIdentifier, NationalIdError, normalizeLoginHint, parseNationalId } from '../identifiers/national-id.js';

/**
 * The PIN ("code porteur") crosses the machine only inside a `PinSecret`: it is never a plain value of the
 * machine's context, of an emitted event or of a persisted snapshot (JSON gives `{}`), and it is wiped once used.
 */
export class PinSecret {
  #pin: string | null;

  constructor(pin: string) {
    this.#pin = pin;
  }

  /** Gives the PIN once, then forgets it. */
  take(): string {
    const pin = this.#pin ?? '';
    this.#pin = null;
    return pin;
  }

  /** Forgets the PIN without using it. */
  wipe(): void {
    this.#pin = null;
  }

  toJSON(): Record<string, never> {
    return {};
  }

  toString(): string {
    return '[PIN]';
  }
}

/** A CPS PIN: exactly 4 digits (the card's fact, defined once in `agent/card.ts`). */
export { isWellFormedPin } from '../agent/card.js';

/**
 * Reads the national identifier a user types for the e-CPS (CIBA): whatever Pro Santé Connect knows as
 * `SubjectNameID` — `8` + the 11-digit RPPS number (or the RPPS number alone: the `8` is added), ADELI, staff
 * forms with `/` (`30B0168811/CPET00001`), BAS test identities (`ANS20210107161422`) — under the project's one
 * login-hint rule (`normalizeLoginHint`). Typos are refused here rather than sent to PSC: a known form with a
 * wrong part (`8100012345a7`: a letter in an RPPS number) and digits that are no known form (`2580`: a PIN in the
 * wrong field). Returns the normalised identifier, or null.
 */
export function validateNationalIdInput(input: string): string | null {
  const compact = compactIdentifier(input);
  const candidate = /^\d{11}$/.test(compact) ? `8${compact}` : compact;
  try {
    return parseNationalId(candidate).normalized;
  } catch (err) {
    if (!(err instanceof NationalIdError) || err.code !== 'unknown-prefix' || /^\d*$/.test(candidate)) return null;
  }
  try {
    return normalizeLoginHint(candidate);
  } catch {
    return null;
  }
}
