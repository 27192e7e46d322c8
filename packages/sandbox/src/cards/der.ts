/**
 * A tiny DER encoder, enough to write X.509 certificates for the test CA without a dependency.
 */
export type Der = Buffer;

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, content: Uint8Array): Der {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

export const seq = (...parts: Der[]): Der => tlv(0x30, Buffer.concat(parts));
export const set = (...parts: Der[]): Der => tlv(0x31, Buffer.concat(parts));
export const nul = (): Der => Buffer.from([0x05, 0x00]);
export const bool = (v: boolean): Der => tlv(0x01, Buffer.from([v ? 0xff : 0x00]));
export const octets = (b: Uint8Array): Der => tlv(0x04, b);
export const utf8 = (s: string): Der => tlv(0x0c, Buffer.from(s, 'utf8'));
export const printable = (s: string): Der => tlv(0x13, Buffer.from(s, 'latin1'));
/** Context-specific tag [n], constructed (explicit) by default. */
export const ctx = (n: number, content: Der, constructed = true): Der => tlv((constructed ? 0xa0 : 0x80) | n, content);

/** Unsigned big-endian INTEGER. */
export function int(value: number | Uint8Array): Der {
  let b =
    typeof value === 'number'
      ? Buffer.from(
          value
            .toString(16)
            .padStart(2, '0')
            .replace(/^(.(..)*)$/, '0$1'),
          'hex',
        )
      : Buffer.from(value);
  while (b.length > 1 && b[0] === 0 && (b[1]! & 0x80) === 0) b = b.subarray(1);
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

export function oid(dotted: string): Der {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [parts[0]! * 40 + parts[1]!];
  for (const p of parts.slice(2)) {
    const stack: number[] = [];
    let v = p;
    do {
      stack.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < stack.length - 1; i++) stack[i]! |= 0x80;
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}

/** BIT STRING with `unused` trailing bits in the last byte. */
export const bits = (b: Uint8Array, unused = 0): Der => tlv(0x03, Buffer.concat([Buffer.from([unused]), b]));

/** UTCTime before 2050, GeneralizedTime from 2050 (RFC 5280). */
export function time(d: Date): Der {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return d.getUTCFullYear() < 2050 && d.getUTCFullYear() >= 1950
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`, 'latin1'))
    : tlv(0x18, Buffer.from(`${iso}Z`, 'latin1'));
}
