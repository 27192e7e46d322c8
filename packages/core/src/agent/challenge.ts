/**
 * The bytes a CPS card signs for a sign-in: SHA-256(origin) ‖ SHA-256(nonce) (64 bytes). The card agent builds them
 * from the calling page's origin and the server's single-use nonce, and the server's verifier rebuilds them from the
 * origin it expects: one definition for both sides, so that they cannot drift. Browser-safe (WebCrypto).
 */

const encoder = new TextEncoder();

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** What the card signs: SHA-256(origin) ‖ SHA-256(nonce), the origin binding first. */
export async function challengeBytes(origin: string, nonce: string): Promise<Uint8Array> {
  const [o, n] = await Promise.all([sha256(origin), sha256(nonce)]);
  const out = new Uint8Array(o.length + n.length);
  out.set(o, 0);
  out.set(n, o.length);
  return out;
}
