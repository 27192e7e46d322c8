/**
 * Sealed values for cookies: deflated JSON, encrypted and authenticated with AES-256-GCM (JWE `dir`), with
 * an expiry inside. The browser holds them (HttpOnly) but can neither read nor change them.
 */
import { hkdfSync } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { CompactEncrypt, compactDecrypt } from 'jose';

export class Sealer {
  readonly #key: Uint8Array;
  constructor(secret: string, purpose: string) {
    if (typeof secret !== 'string' || secret.length < 32)
      throw new TypeError('cookieSecret must be a string of at least 32 characters');
    this.#key = new Uint8Array(hkdfSync('sha256', secret, 'authforte-psc', `cookie:${purpose}`, 32));
  }

  async seal(value: unknown, ttlSeconds: number): Promise<string> {
    const payload = deflateRawSync(
      Buffer.from(JSON.stringify({ v: value, exp: Math.floor(Date.now() / 1000) + ttlSeconds })),
    );
    return new CompactEncrypt(payload).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(this.#key);
  }

  /** The value, or undefined when the token is absent, forged, from another purpose/secret, or expired. */
  async unseal<T>(token: string | undefined): Promise<T | undefined> {
    if (!token || token.length > 8192) return undefined;
    try {
      const { plaintext } = await compactDecrypt(token, this.#key, {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      const { v, exp } = JSON.parse(inflateRawSync(plaintext).toString('utf8')) as { v: T; exp: number };
      if (typeof exp !== 'number' || exp < Math.floor(Date.now() / 1000)) return undefined;
      return v;
    } catch {
      return undefined;
    }
  }
}

export function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (!out.has(name)) out.set(name, part.slice(i + 1).trim());
  }
  return out;
}

export function serializeCookie(
  name: string,
  value: string,
  options: { maxAge: number; path: string; secure: boolean; sameSite?: 'Lax' | 'Strict' },
): string {
  const parts = [
    `${name}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`,
    'HttpOnly',
    `SameSite=${options.sameSite ?? 'Lax'}`,
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
