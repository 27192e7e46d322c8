/**
 * The signed result for hosts that are not the kit (a Java, .NET or PHP backend beside the `authforte-server`
 * command): a short-lived JWT (ES256) of who signed in, verifiable with any JOSE library against the kit's JWKS
 * (`GET {basePath}/jwks.json`). The key is derived from the kit's secret, so every instance sharing the secret
 * signs with the same key and publishes the same JWKS.
 */
import { createECDH, createPrivateKey, createPublicKey, hkdfSync, type KeyObject, randomUUID } from 'node:crypto';
import { exportJWK, type JWK, SignJWT } from 'jose';

// order of P-256 (SEC 2, 2.4.2): a derived scalar must be below it
const P256_N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

export interface AssertionKey {
  privateKey: KeyObject;
  publicJwk: JWK & { kid: string; alg: 'ES256'; use: 'sig' };
}

/** The ES256 key of a secret (deterministic): HKDF-SHA256 gives the private scalar. */
export async function assertionKeyFromSecret(secret: string): Promise<AssertionKey> {
  for (let i = 0; ; i++) {
    const d = Buffer.from(hkdfSync('sha256', secret, 'authforte-kit', `assertion-key:${i}`, 32));
    const n = BigInt(`0x${d.toString('hex')}`);
    if (n === 0n || n >= P256_N) continue;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(d);
    const pub = ecdh.getPublicKey(undefined, 'uncompressed');
    const jwk = {
      kty: 'EC',
      crv: 'P-256',
      d: d.toString('base64url'),
      x: pub.subarray(1, 33).toString('base64url'),
      y: pub.subarray(33, 65).toString('base64url'),
    };
    const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
    const publicJwk = await exportJWK(createPublicKey(privateKey));
    const kid = Buffer.from(hkdfSync('sha256', jwk.x + jwk.y, 'authforte-kit', 'kid', 9)).toString('base64url');
    return { privateKey, publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' } };
  }
}

export interface IdentityAssertionClaims {
  /** The national identifier. */
  sub: string;
  method: 'card' | 'psc';
  /** `authenticated` (an account is linked) or `link-required`. */
  status: 'authenticated' | 'link-required';
  account_id?: string;
  family_name: string;
  given_name?: string;
  name: string;
}

/** Signs the claims for `ttlSeconds` (type `authforte-identity+jwt`). */
export function signIdentityAssertion(
  key: AssertionKey,
  claims: IdentityAssertionClaims,
  options: { issuer: string; audience: string; ttlSeconds: number },
): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: key.publicJwk.kid, typ: 'authforte-identity+jwt' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds}s`)
    .setJti(randomUUID())
    .sign(key.privateKey);
}
