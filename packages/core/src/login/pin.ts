import { parseNationalId } from '../identifiers/national-id.js';

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

/** A CPS PIN: exactly 4 digits. */
export function isWellFormedPin(pin: string): boolean {
  return /^\d{4}$/.test(pin);
}

/**
 * Reads the national identifier a user types for the e-CPS (CIBA): `8` + the 11-digit RPPS number, or the RPPS
 * number alone (the `8` is added). Whitespace is ignored (`parseNationalId`'s rules). Returns the normalised
 * identifier, or null for anything that is not an RPPS-based national identifier.
 */
export function validateNationalIdInput(input: string): string | null {
  const compact = typeof input === 'string' ? input.replace(/\s/g, '') : '';
  const candidate = /^\d{11}$/.test(compact) ? `8${compact}` : compact;
  try {
    const parsed = parseNationalId(candidate);
    return parsed.kind === 'rpps' ? parsed.normalized : null;
  } catch {
    return null;
  }
}
