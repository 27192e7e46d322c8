/** Base64 helpers shared by the card agent protocol (browser-safe, no dependency). */

export class CertificateParseError extends Error {
  override readonly name = 'CertificateParseError';
}

/** Decodes base64, base64url or PEM text. Throws `CertificateParseError` for anything else. */
export function base64ToBytes(input: string): Uint8Array {
  const clean = input
    .replace(/-----(BEGIN|END) [A-Z ]+-----/g, '')
    .replace(/\s+/g, '')
    .replace(/-/g, '+')
    .replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw new CertificateParseError('Not base64');
  let bin: string;
  try {
    bin = atob(clean.padEnd(Math.ceil(clean.length / 4) * 4, '='));
  } catch {
    throw new CertificateParseError('Not base64');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function bytesToBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
