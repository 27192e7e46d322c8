/**
 * `POST /v1/authenticate` on one card: the request's checks, the PIN guards (locked, final try confirmed), the
 * signature of the challenge bytes (`challengeBytes` of `@authforte/core/agent`: SHA-256(origin) ‖ SHA-256(nonce)),
 * and the PIN accounting after the attempt. The PIN goes from the body to the backend's C_Login and nowhere else.
 */
import {
  bytesToBase64,
  bytesToBase64Url,
  CARD_PROOF_FORMAT,
  type CardProof,
  challengeBytes,
  isWellFormedPin,
} from '@authforte/core/agent';
import { BackendError, type CardBackend, type CardRecord } from './backend.js';
import { cardKey } from './card-info.js';
import { HttpError } from './http.js';
import type { PinAccounting } from './pin-accounting.js';

export interface AuthenticateRequest {
  nonce: string;
  /** Absent only for a PIN-pad reader, where the holder types it on the reader. */
  pin: string | undefined;
  confirmFinalTry: boolean | undefined;
  slot: string | undefined;
}

/** Checks the body of `POST /v1/authenticate`. Throws `bad-request` or `pin-format-invalid`. */
export function authenticateRequest(body: Record<string, unknown>): AuthenticateRequest {
  const { nonce, pin, confirmFinalTry, slot } = body;
  if (typeof nonce !== 'string' || !/^[A-Za-z0-9_-]{16,256}$/.test(nonce))
    throw new HttpError('bad-request', 'nonce must be 16 to 256 base64url characters');
  if (confirmFinalTry !== undefined && typeof confirmFinalTry !== 'boolean')
    throw new HttpError('bad-request', 'confirmFinalTry must be a boolean');
  if (slot !== undefined && (typeof slot !== 'string' || slot.length > 128))
    throw new HttpError('bad-request', 'slot must be a string');
  if (pin !== undefined && !isWellFormedPin(pin)) throw new HttpError('pin-format-invalid');
  return { nonce, pin, confirmFinalTry, slot };
}

/** The card read again after a PIN attempt (the token's counter changed), or `r` when it is gone. */
async function reread(backend: CardBackend, r: CardRecord): Promise<CardRecord> {
  try {
    const again = (await backend.scan()).find((s) => s.slot === r.slot)?.card;
    return again && cardKey(again) === cardKey(r) ? again : r;
  } catch {
    return r;
  }
}

/** Signs the challenge with the card of `record` (the caller runs it alone with the backend). */
export async function signWithCard(
  deps: { backend: CardBackend; pins: PinAccounting; broadcastPin(record: CardRecord): void },
  record: CardRecord,
  origin: string,
  { nonce, pin, confirmFinalTry }: AuthenticateRequest,
): Promise<CardProof> {
  const { backend, pins } = deps;
  if (!record.certificate) throw new HttpError('card-unreadable');
  // no PIN only for a PIN-pad reader, where the holder types it on the reader
  if (pin === undefined && !record.pinPad) throw new HttpError('pin-format-invalid');
  const before = pins.status(record);
  if (before.locked) throw new HttpError('pin-locked');
  if (before.finalTry && confirmFinalTry !== true) throw new HttpError('final-try-confirmation-required');
  try {
    const { signature, algorithm } = await backend.sign(
      record.slot,
      record.tokenSerial,
      pin ?? '',
      await challengeBytes(origin, nonce),
    );
    pins.succeeded(record);
    deps.broadcastPin(await reread(backend, record));
    return {
      format: CARD_PROOF_FORMAT,
      version: 1,
      algorithm,
      origin,
      nonce,
      certificate: bytesToBase64(record.certificate),
      chain: record.chain.map(bytesToBase64),
      signature: bytesToBase64Url(signature),
      signedAt: new Date().toISOString(),
    } satisfies CardProof;
  } catch (err) {
    if (err instanceof BackendError && (err.code === 'pin-incorrect' || err.code === 'pin-locked')) {
      pins.failed(record, err.code === 'pin-locked');
      const fresh = await reread(backend, record);
      const after = pins.status(fresh);
      deps.broadcastPin(fresh);
      if (after.locked) throw new HttpError('pin-locked');
      throw new HttpError('pin-incorrect', `Wrong PIN: ${after.triesLeft} tries left`, { triesLeft: after.triesLeft });
    }
    throw err;
  }
}
