/**
 * The virtual card backend: a card held in memory (certificate + private key + PIN), for machines
 * without PKCS#11 and for demos. It behaves like a CPS: it counts PIN tries itself, reports them with
 * the token flags, locks at zero, and can be inserted and removed.
 */
import { createPrivateKey, type KeyObject, sign as nodeSign, randomBytes } from 'node:crypto';
import { base64ToBytes } from '@authforte/core/agent';
import { OID_P384, parseCertificate } from '@authforte/core/certificate';
import {
  BackendError,
  type BackendStatus,
  type CardBackend,
  type CardRecord,
  type SignResult,
  type SlotRecord,
} from './backend.js';

export interface VirtualCardSpec {
  /** Token label, e.g. `CPS3v3-2900473128`. */
  label: string;
  /** Authentication certificate: DER bytes, base64 or PEM. */
  certificate: Uint8Array | string;
  /** CA certificates carried by the card (DER bytes, base64 or PEM). */
  chain?: Array<Uint8Array | string>;
  /** The matching private key: a KeyObject or PKCS#8 PEM. */
  privateKey: KeyObject | string;
  /** The PIN (test cards only). */
  pin: string;
  /** Tries before locking (default 3). */
  maxTries?: number;
  /**
   * A PIN-pad reader: `sign` gets an empty PIN and "the reader" supplies `pinPadEntry` (default: the right PIN),
   * as if the holder typed it.
   */
  pinPad?: boolean;
  pinPadEntry?: string;
  /** Token serial (default: random). */
  tokenSerial?: string;
}

interface VirtualCard {
  spec: VirtualCardSpec;
  certificate: Uint8Array;
  chain: Uint8Array[];
  key: KeyObject;
  tokenSerial: string;
  triesLeft: number;
  maxTries: number;
}

function toDer(c: Uint8Array | string): Uint8Array {
  return typeof c === 'string' ? base64ToBytes(c) : c;
}

export class VirtualBackend implements CardBackend {
  readonly kind = 'virtual' as const;
  #readers: Array<{ slot: string; name: string; card: VirtualCard | undefined }>;

  constructor(options: { readers?: number; cards?: VirtualCardSpec[] } = {}) {
    const n = Math.max(options.readers ?? 1, options.cards?.length ?? 0, 1);
    this.#readers = Array.from({ length: n }, (_, i) => ({
      slot: `virtual-${i}`,
      name: `AuthForte Virtual Reader ${i}`,
      card: undefined,
    }));
    options.cards?.forEach((c, i) => {
      this.insert(c, i);
    });
  }

  status(): BackendStatus {
    return 'ready';
  }

  /** Puts a card in reader `index` (default: the first empty one). Returns the slot. */
  insert(spec: VirtualCardSpec, index?: number): string {
    const reader = index === undefined ? this.#readers.find((r) => !r.card) : this.#readers[index];
    if (!reader) throw new Error('No free virtual reader');
    const maxTries = spec.maxTries ?? 3;
    reader.card = {
      spec,
      certificate: toDer(spec.certificate),
      chain: (spec.chain ?? []).map(toDer),
      key: typeof spec.privateKey === 'string' ? createPrivateKey(spec.privateKey) : spec.privateKey,
      tokenSerial: spec.tokenSerial ?? randomBytes(8).toString('hex'),
      triesLeft: maxTries,
      maxTries,
    };
    return reader.slot;
  }

  /** Takes the card out of `slot`. */
  remove(slot: string): void {
    const reader = this.#readers.find((r) => r.slot === slot);
    if (reader) reader.card = undefined;
  }

  async scan(): Promise<SlotRecord[]> {
    return this.#readers.map((r) => ({
      slot: r.slot,
      name: r.name,
      card: r.card ? this.#record(r.slot, r.name, r.card) : undefined,
    }));
  }

  #record(slot: string, reader: string, c: VirtualCard): CardRecord {
    return {
      slot,
      reader,
      label: c.spec.label,
      tokenSerial: c.tokenSerial,
      certificate: c.certificate,
      chain: c.chain,
      ...(c.spec.pinPad ? { pinPad: true } : {}),
      pinFlags: {
        countLow: c.triesLeft < c.maxTries,
        finalTry: c.triesLeft === 1,
        locked: c.triesLeft === 0,
      },
    };
  }

  async sign(slot: string, tokenSerial: string, pin: string, data: Uint8Array): Promise<SignResult> {
    const reader = this.#readers.find((r) => r.slot === slot);
    if (!reader) throw new BackendError('no-reader', 'No such reader');
    const card = reader.card;
    if (!card || card.tokenSerial !== tokenSerial) throw new BackendError('card-removed', 'The card left the reader');
    if (card.triesLeft === 0) throw new BackendError('pin-locked', 'PIN locked');
    if (card.spec.pinPad && pin === '') pin = card.spec.pinPadEntry ?? card.spec.pin;
    if (pin !== card.spec.pin) {
      card.triesLeft--;
      throw new BackendError(card.triesLeft === 0 ? 'pin-locked' : 'pin-incorrect', 'Wrong PIN');
    }
    card.triesLeft = card.maxTries;
    if (card.key.asymmetricKeyType === 'rsa') {
      return { signature: new Uint8Array(nodeSign('sha256', data, card.key)), algorithm: 'RS256' };
    }
    if (card.key.asymmetricKeyType === 'ec') {
      const p384 = parseCertificate(card.certificate).namedCurve === OID_P384;
      const signature = nodeSign(p384 ? 'sha384' : 'sha256', data, { key: card.key, dsaEncoding: 'ieee-p1363' });
      return { signature: new Uint8Array(signature), algorithm: p384 ? 'ES384' : 'ES256' };
    }
    throw new BackendError('card-unreadable', 'Unsupported key type');
  }

  async close(): Promise<void> {}
}
