/** What the agent tells a page about readers and cards, from what the backend read. */
import { bytesToBase64, type CardInfo, type PinStatus, type ReaderInfo } from '@authforte/core/agent';
import { cardHolderFromCertificate, formatName, parseCertificate } from '@authforte/core/certificate';
import type { CardRecord, SlotRecord } from './backend.js';
import { HttpError } from './http.js';

/** The card's serial: the end of a CPS token label (`CPS3v3-2900000011` → `2900000011`), else the token's. */
export function cardSerial(label: string, tokenSerial: string): string {
  const m = /^CP[SFEA][\w.]*-(\w+)$/i.exec(label);
  return m?.[1] ?? tokenSerial;
}

/** One card in a reader, whatever the slot: label and token serial. */
export function cardKey(r: CardRecord): string {
  return `${r.label}|${r.tokenSerial}`;
}

/** Builds the public card description from what the backend read. Throws `card-unreadable`. */
export function describeCard(record: CardRecord, pin: PinStatus, now = new Date()): CardInfo {
  if (!record.certificate) throw new HttpError('card-unreadable');
  let parsed: ReturnType<typeof parseCertificate>;
  try {
    parsed = parseCertificate(record.certificate);
  } catch {
    throw new HttpError('card-unreadable', 'The authentication certificate cannot be read');
  }
  const { holder, cardType } = cardHolderFromCertificate(parsed);
  return {
    slot: record.slot,
    reader: record.reader,
    label: record.label,
    serial: cardSerial(record.label, record.tokenSerial),
    cardType,
    holder,
    certificate: {
      serialNumber: parsed.serialNumber,
      subject: formatName(parsed.subject),
      issuer: formatName(parsed.issuer),
      notBefore: parsed.notBefore.toISOString(),
      notAfter: parsed.notAfter.toISOString(),
      expired: now < parsed.notBefore || now > parsed.notAfter,
      der: bytesToBase64(record.certificate),
    },
    pin,
    ...(record.pinPad ? { pinPad: true } : {}),
  };
}

export function readersOf(slots: SlotRecord[]): ReaderInfo[] {
  return slots.map((s) => ({ slot: s.slot, name: s.name, cardPresent: s.card !== undefined }));
}

/** The card of `slot`, or the first card present. Throws `no-reader` / `no-card`. */
export function pickCard(slots: SlotRecord[], slot: string | undefined): CardRecord {
  if (slots.length === 0) throw new HttpError('no-reader');
  if (slot !== undefined) {
    const s = slots.find((x) => x.slot === slot);
    if (!s) throw new HttpError('no-reader', 'No such reader');
    if (!s.card) throw new HttpError('no-card');
    return s.card;
  }
  const cards = slots.flatMap((s) => (s.card ? [s.card] : []));
  if (cards.length === 0) throw new HttpError('no-card');
  return cards[0]!;
}
