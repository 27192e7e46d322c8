import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AuthForteError } from '../errors/authforte-error.js';
import { parsePscDiscovery, pscSigningAlgorithms } from './discovery.js';
import type { PscErrorCode } from './errors.js';
import { isPscError, PSC_ERROR_CODES, PSC_ERRORS, PscError, pscErrorFromOAuthError } from './errors.js';
import { checkIdTokenClaims, checkUserInfo, decodeJwtPayload, parseCallbackUrl } from './id-token.js';
import { acrSatisfies, PSC_BAS, PSC_PRODUCTION, pscEnvironment } from './presets.js';

const ISSUER = PSC_BAS.issuer;

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(isPscError(err), `a PscError, got ${String(err)}`);
    return err.code;
  }
  return 'no error';
}

/** For any input of `inputs`, `fn` returns or throws a PscError of code `only` (property). */
function throwsOnly<T>(only: PscErrorCode, inputs: fc.Arbitrary<T>, fn: (input: T) => unknown): void {
  fc.assert(
    fc.property(inputs, (input) => {
      try {
        fn(input);
        return true;
      } catch (err) {
        return isPscError(err) && err.code === only;
      }
    }),
  );
}

const goodDoc = {
  issuer: ISSUER,
  authorization_endpoint: 'https://wallet.bas.psc.esante.gouv.fr/auth',
  token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
  userinfo_endpoint: `${ISSUER}/protocol/openid-connect/userinfo`,
  jwks_uri: `${ISSUER}/protocol/openid-connect/certs`,
  end_session_endpoint: `${ISSUER}/protocol/openid-connect/logout`,
  code_challenge_methods_supported: ['plain', 'S256'],
};

describe('PSC presets', () => {
  it('carry PSC production and BAS facts', () => {
    assert.equal(PSC_PRODUCTION.issuer, 'https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet');
    assert.equal(
      PSC_PRODUCTION.discoveryUrl,
      'https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet/.well-known/wallet-openid-configuration',
    );
    assert.equal(PSC_BAS.issuer, 'https://auth.bas.psc.esante.gouv.fr/auth/realms/esante-wallet');
    for (const env of [PSC_PRODUCTION, PSC_BAS]) {
      assert.equal(env.scope, 'openid scope_all');
      assert.equal(env.acrValues, 'eidas1');
      assert.equal(env.minAcr, 'eidas1');
      assert.ok(!env.allowInsecureHttp);
      assert.ok(Object.isFrozen(env));
    }
    assert.equal(
      pscEnvironment('http://127.0.0.1:1/auth/realms/esante-wallet/').issuer,
      'http://127.0.0.1:1/auth/realms/esante-wallet',
    );
  });

  it('rank acr values: eidas1 and above pass, anything else fails', () => {
    assert.ok(acrSatisfies('eidas1', 'eidas1'));
    assert.ok(acrSatisfies('eidas2', 'eidas1'));
    assert.ok(!acrSatisfies('eidas1', 'eidas2'));
    for (const low of ['eidas0', '0', '1', '', undefined, null, 1, 'EIDAS1'])
      assert.ok(!acrSatisfies(low, 'eidas1'), String(low));
  });
});

describe('PSC errors', () => {
  it('every code has its row (status, category, developer message) and the error carries it', () => {
    for (const c of PSC_ERROR_CODES) {
      assert.ok(PSC_ERRORS[c].message.length > 10, c);
      const e = new PscError(c);
      assert.ok(e instanceof AuthForteError, c);
      assert.equal(e.message, PSC_ERRORS[c].message);
      assert.equal(e.category, PSC_ERRORS[c].category);
      assert.equal(e.retryable, PSC_ERRORS[c].retryable);
      assert.ok(Number(PSC_ERRORS[c].status) >= 400 && Number(PSC_ERRORS[c].status) < 600, c);
    }
    assert.equal(new PscError('rate-limited', 'slow down', { retryAfter: 42 }).details.retryAfter, 42);
  });
  it('maps OAuth errors', () => {
    assert.equal(pscErrorFromOAuthError('access_denied').code, 'psc-refused');
    assert.equal(pscErrorFromOAuthError('access_denied', 'request expired').code, 'psc-expired');
    assert.equal(pscErrorFromOAuthError('expired_token').code, 'psc-expired');
    assert.equal(pscErrorFromOAuthError('invalid_client').code, 'psc-config');
    assert.equal(pscErrorFromOAuthError('invalid_grant').code, 'psc-state-mismatch');
    assert.equal(pscErrorFromOAuthError('server_error').code, 'psc-bad-response');
  });
});

describe('parsePscDiscovery', () => {
  it("accepts PSC's document (authorization endpoint on the wallet host)", () => {
    const m = parsePscDiscovery(goodDoc, PSC_BAS);
    assert.equal(m.authorization_endpoint, 'https://wallet.bas.psc.esante.gouv.fr/auth');
  });
  it('rejects malformed documents with psc-bad-discovery', () => {
    const bad: unknown[] = [
      null,
      'text',
      [],
      42,
      {},
      { ...goodDoc, issuer: 'https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet' },
      { ...goodDoc, token_endpoint: 'http://auth.bas.psc.esante.gouv.fr/token' },
      { ...goodDoc, jwks_uri: 'javascript:alert(1)' },
      { ...goodDoc, userinfo_endpoint: 'https://user:pw@x.example/' },
      { ...goodDoc, authorization_endpoint: undefined },
      { ...goodDoc, end_session_endpoint: 12 },
      { ...goodDoc, acr_values_supported: 'eidas1' },
      { ...goodDoc, code_challenge_methods_supported: ['plain'] },
    ];
    for (const doc of bad)
      assert.equal(
        code(() => parsePscDiscovery(doc, PSC_BAS)),
        'psc-bad-discovery',
        JSON.stringify(doc),
      );
  });
  it('accepts plain http only on loopback and only when allowed', () => {
    const local = pscEnvironment('http://127.0.0.1:8090/auth/realms/esante-wallet', { allowInsecureHttp: true });
    const doc = Object.fromEntries(
      Object.entries(goodDoc).map(([k, v]) => [
        k,
        typeof v === 'string' ? v.replace(/^https:\/\/[^/]+/, 'http://127.0.0.1:8090') : v,
      ]),
    );
    assert.ok(parsePscDiscovery(doc, local));
    assert.equal(
      code(() => parsePscDiscovery(doc, { ...local, allowInsecureHttp: false })),
      'psc-bad-discovery',
    );
  });
  it('never throws anything but a PscError, whatever the input (property)', () => {
    throwsOnly('psc-bad-discovery', fc.anything(), (doc) => parsePscDiscovery(doc, PSC_BAS));
  });
});

describe('ID token claims', () => {
  const now = 1_800_000_000;
  const claims = {
    iss: ISSUER,
    aud: 'svc',
    sub: 'f:x:899700366240',
    exp: now + 60,
    iat: now,
    nonce: 'n1',
    acr: 'eidas1',
  };
  const expected = { issuer: ISSUER, clientId: 'svc', nonce: 'n1', minAcr: 'eidas1', now };
  it('accepts good claims', () => assert.doesNotThrow(() => checkIdTokenClaims(claims, expected)));
  it('rejects each bad claim with its typed error', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ iss: 'https://other.example' }, 'psc-bad-id-token'],
      [{ aud: 'someone-else' }, 'psc-bad-id-token'],
      [{ aud: ['svc', 'other'] }, 'psc-bad-id-token'],
      [{ exp: now - 3600 }, 'psc-bad-id-token'],
      [{ iat: now + 3600 }, 'psc-bad-id-token'],
      [{ sub: '' }, 'psc-bad-id-token'],
      [{ nonce: 'replayed' }, 'psc-nonce-mismatch'],
      [{ nonce: undefined }, 'psc-nonce-mismatch'],
      [{ acr: 'eidas0' }, 'psc-acr-too-low'],
      [{ acr: undefined }, 'psc-acr-too-low'],
    ];
    for (const [patch, c] of cases)
      assert.equal(
        code(() => checkIdTokenClaims({ ...claims, ...patch }, expected)),
        c,
        JSON.stringify(patch),
      );
    assert.doesNotThrow(() => checkIdTokenClaims({ ...claims, aud: ['svc', 'other'], azp: 'svc' }, expected));
  });
  it('decodes JWT payloads, and rejects non-JWTs with psc-bad-id-token (property)', () => {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    assert.deepEqual(decodeJwtPayload(`eyJhbGciOiJSUzI1NiJ9.${payload}.sig`), claims);
    for (const bad of [undefined, '', 'a.b', 'a.b.c', `x.${Buffer.from('[1]').toString('base64url')}.y`]) {
      assert.equal(
        code(() => decodeJwtPayload(bad)),
        'psc-bad-id-token',
      );
    }
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything()), (token) => {
        try {
          decodeJwtPayload(token);
          return true;
        } catch (err) {
          return isPscError(err) && err.code === 'psc-bad-id-token';
        }
      }),
    );
  });
  it("userinfo must be an object with the ID token's sub", () => {
    assert.equal(
      code(() => checkUserInfo([], 's')),
      'psc-bad-userinfo',
    );
    assert.equal(
      code(() => checkUserInfo({ sub: 'other' }, 's')),
      'psc-bad-userinfo',
    );
    assert.deepEqual(checkUserInfo({ sub: 's', a: 1 }, 's'), { sub: 's', a: 1 });
  });
});

describe('parseCallbackUrl', () => {
  const base = 'https://app.example/cb';
  it('reads code/state and errors', () => {
    assert.deepEqual(parseCallbackUrl(`${base}?code=c&state=s&iss=${encodeURIComponent(ISSUER)}`, ISSUER), {
      code: 'c',
      state: 's',
    });
    assert.deepEqual(parseCallbackUrl(`${base}?error=access_denied&state=s`, ISSUER), {
      error: 'access_denied',
      state: 's',
    });
  });
  it('rejects malformed callbacks with psc-bad-callback', () => {
    for (const url of [
      'not a url',
      `${base}`,
      `${base}?code=c`,
      `${base}?state=s`,
      `${base}?code=c&code=d&state=s`,
      `${base}?code=c&state=s&iss=https%3A%2F%2Fevil.example`,
    ]) {
      assert.equal(
        code(() => parseCallbackUrl(url, ISSUER)),
        'psc-bad-callback',
        url,
      );
    }
  });
  it('never throws anything but psc-bad-callback (property)', () => {
    throwsOnly('psc-bad-callback', fc.oneof(fc.webUrl({ withQueryParameters: true }), fc.string()), (url) =>
      parseCallbackUrl(url, ISSUER),
    );
  });
});

describe('real PSC answers', () => {
  it('signing algorithms: those of RS256/PS256/ES256 Keycloak lists, never none nor HS*', () => {
    // the list of ansforge/psc-edc-proxy-esante's mock_discovery_response.json
    const keycloak = 'PS384 RS384 EdDSA ES384 HS256 HS512 ES256 RS256 HS384 ES512 PS256'.split(' ');
    assert.deepEqual(pscSigningAlgorithms({ id_token_signing_alg_values_supported: keycloak }), [
      'RS256',
      'PS256',
      'ES256',
    ]);
    assert.deepEqual(pscSigningAlgorithms({ id_token_signing_alg_values_supported: ['none', 'HS256'] }), ['RS256']);
    assert.deepEqual(pscSigningAlgorithms({}), ['RS256']);
    assert.deepEqual(
      pscSigningAlgorithms(
        { userinfo_signing_alg_values_supported: ['ES256'] },
        'userinfo_signing_alg_values_supported',
      ),
      ['ES256'],
    );
  });

  it('Keycloak’s CIBA unknown user (400 invalid_request, invalid_user) is psc-unknown-user; other invalid_request stay psc-config', () => {
    assert.equal(pscErrorFromOAuthError('invalid_request', 'invalid_user').code, 'psc-unknown-user');
    assert.equal(pscErrorFromOAuthError('invalid_user').code, 'psc-unknown-user');
    assert.equal(pscErrorFromOAuthError('unknown_user_id').code, 'psc-unknown-user');
    assert.equal(pscErrorFromOAuthError('invalid_request', 'missing scope').code, 'psc-config');
  });

  it('mtls_endpoint_aliases must be acceptable URLs', () => {
    const env = { issuer: 'https://auth.bas.psc.esante.gouv.fr/auth/realms/esante-wallet', allowInsecureHttp: false };
    const doc = goodDoc;
    const mtls = `https://auth.bas.psc.esante.gouv.fr/auth/realms/esante-wallet/protocol/openid-connect/token`;
    assert.equal(
      parsePscDiscovery({ ...doc, mtls_endpoint_aliases: { token_endpoint: mtls } }, env).mtls_endpoint_aliases
        ?.token_endpoint,
      mtls,
    );
    assert.throws(
      () => parsePscDiscovery({ ...doc, mtls_endpoint_aliases: { token_endpoint: 'http://evil.example/token' } }, env),
      (e: unknown) => isPscError(e) && e.code === 'psc-bad-discovery',
    );
  });
});
