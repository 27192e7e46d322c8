/** The transport against a real kit (continued from transport.test.ts): the PSC redirect, CIBA, and the lazy transport. */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { lazyServerServices, toLoginError } from '@authforte/core/login';
import { pscEnvironment } from '@authforte/core/psc';
import { assigned, setLocation } from './test-support/location.js';
import {
  browser,
  cibaRequests,
  issuer,
  kitWith,
  LINKED,
  loginError,
  ORIGIN,
  pageOnKit,
  proofFor,
  signal,
  UNLINKED,
} from './test-support/transport.js';
import type { AuthForteOptions } from './types.js';

/** The kit's PSC options for a PSC at `issuerUrl` (the stand-in's, or an address where nothing answers). */
const pscAt = (issuerUrl: string, more: { ciba?: boolean } = {}): Partial<AuthForteOptions> => ({
  psc: {
    environment: pscEnvironment(issuerUrl, { allowInsecureHttp: true }),
    clientId: 'mon-service',
    clientSecret: 'psc-client-secret',
    ...more,
  },
});

describe('createServerServices on a real kit: Pro Santé Connect', () => {
  it('PSC redirect: the login route of the kit, to PSC and back to this page; PSC’s answer read as a login code', async () => {
    const { b, t } = pageOnKit();
    setLocation('/connexion?x=1');
    await t.services.psc?.signinRedirect({ signal: signal() });
    assert.deepEqual(assigned, ['/authforte/psc/login?return_to=%2Fconnexion%3Fx%3D1']);
    // the browser follows: the kit sends it to PSC's authorization endpoint, for this application
    const toPsc = await b.fetch(assigned[0] as string);
    assert.equal(toPsc.status, 303);
    const authorize = new URL(toPsc.headers.get('location') ?? '');
    assert.equal(`${authorize.origin}${authorize.pathname}`, `${issuer}/protocol/openid-connect/auth`);
    assert.equal(authorize.searchParams.get('client_id'), 'mon-service');
    assert.equal(authorize.searchParams.get('redirect_uri'), `${ORIGIN}/authforte/psc/callback`);
    assert.equal(authorize.searchParams.get('response_type'), 'code');
    const state = authorize.searchParams.get('state');
    assert.ok(state);

    // the professional refuses at PSC (RFC 6749 §4.1.2.1): back on the page, the refusal
    const back = await b.fetch(`/authforte/psc/callback?error=access_denied&state=${state}`);
    assert.equal(back.status, 303);
    const page = back.headers.get('location') ?? '';
    assert.match(page, /^\/connexion\?x=1&psc_error=psc-refused$/);
    setLocation(page);
    const refused = await t.services.psc?.completeRedirect({ signal: signal() }).catch((e: unknown) => e);
    assert.equal(toLoginError(refused).code, 'psc-refused');

    // an answer that is not this browser's transaction
    setLocation('/connexion');
    await b.fetch('/authforte/psc/login?return_to=%2Fconnexion');
    const forged = await b.fetch('/authforte/psc/callback?code=abc&state=not-the-state');
    setLocation(forged.headers.get('location') ?? '');
    const mismatch = toLoginError(
      await t.services.psc?.completeRedirect({ signal: signal() }).catch((e: unknown) => e),
    );
    assert.equal(mismatch.code, 'psc-failed');
    assert.equal(mismatch.details.sourceCode, 'psc-state-mismatch');

    // no PSC answer in the address: nothing to complete; `psc=ok` without a PSC session: none either
    setLocation('/connexion');
    assert.equal(await t.services.psc?.completeRedirect({ signal: signal() }), null);
    setLocation('/connexion?psc=ok');
    assert.equal(await t.services.psc?.completeRedirect({ signal: signal() }), null);
    // and the kit refuses to report a PSC sign-in this session did not make
    const verify = await loginError(
      t.services.verify({ method: 'psc', proof: undefined, signal: signal() }),
      'verification-failed',
    );
    assert.equal(verify.details.status, 401);
    assert.equal(t.lastOutcome, undefined);
  });

  it('PSC unreachable: the kit sends the page back with psc-unreachable, read as network', async () => {
    const { b, t } = pageOnKit(pscAt('http://127.0.0.1:1/auth/realms/esante-wallet'));
    setLocation('/connexion');
    await t.services.psc?.signinRedirect({ signal: signal() });
    const back = await b.fetch(assigned[0] as string);
    assert.equal(back.headers.get('location'), '/connexion?psc_error=psc-unreachable');
    setLocation('/connexion?psc_error=psc-unreachable');
    const err = await t.services.psc?.completeRedirect({ signal: signal() }).catch((e: unknown) => e);
    assert.equal(toLoginError(err).code, 'network');
  });

  it('CIBA: start with the CSRF token → the two digits; an unknown user; too many requests keep retryAfter', async () => {
    const { b, t } = pageOnKit();
    assert.equal((await t.config()).ciba, true);
    const psc = t.services.psc;
    assert.ok(psc?.cibaStart && psc.cibaPoll);
    const start = await psc.cibaStart({ nationalId: LINKED, signal: signal() });
    assert.match(start.bindingMessage, /^\d{2}$/);
    assert.equal(start.interval, 5);
    assert.ok(start.expiresIn > 100 && start.expiresIn <= 120);
    const sent = cibaRequests.at(-1);
    assert.equal(sent?.get('login_hint'), LINKED);
    assert.equal(sent?.get('binding_message'), start.bindingMessage, 'the digits PSC shows on the phone');
    assert.ok(b.sent.find((s) => s.path === '/authforte/psc/ciba/start')?.csrf, 'the token was sent');
    // asked again before the interval: pending, PSC not bothered
    assert.deepEqual(await psc.cibaPoll({ signal: signal() }), { status: 'pending', interval: 5 });

    const unknown = toLoginError(
      await psc.cibaStart({ nationalId: UNLINKED, signal: signal() }).catch((e: unknown) => e),
    );
    assert.equal(unknown.code, 'psc-unknown-user');
    // the kit's budget per national identifier (3 an hour): the fourth is refused with when to try again
    let limited: unknown;
    for (let i = 0; i < 4 && !limited; i++)
      limited = await psc.cibaStart({ nationalId: UNLINKED, signal: signal() }).then(
        () => undefined,
        (e: unknown) => ((e as { code?: string }).code === 'rate-limited' ? e : undefined),
      );
    const e = toLoginError(limited);
    assert.equal(e.code, 'psc-rate-limited');
    assert.ok(Number(e.details.retryAfter) > 0, JSON.stringify(e.details));
  });

  it('CIBA disabled: the config says so and the kit refuses to push a request to a phone', async () => {
    const { t } = pageOnKit(pscAt(issuer, { ciba: false }));
    assert.equal((await t.config()).ciba, false);
    const before = cibaRequests.length;
    const err = await t.services.psc?.cibaStart?.({ nationalId: LINKED, signal: signal() }).catch((e: unknown) => e);
    assert.ok(err instanceof Error);
    assert.equal(toLoginError(err).code, 'psc-failed');
    const poll = await t.services.psc?.cibaPoll?.({ signal: signal() }).catch((e: unknown) => e);
    assert.equal(toLoginError(poll).code, 'psc-failed');
    assert.equal(cibaRequests.length, before, 'PSC was not asked');
  });
});

describe('lazyServerServices on a real kit', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('the configuration without the transport, retried after a failure', async () => {
    const { kit } = kitWith();
    let down = true;
    const b = browser(kit, (req) => (down ? Promise.reject(new TypeError('fetch failed')) : req));
    globalThis.fetch = b.fetch;
    const lazy = lazyServerServices('/authforte');
    await assert.rejects(lazy.config(), TypeError);
    down = false;
    const config = await lazy.config();
    assert.deepEqual(config.methods, ['card', 'psc']);
    assert.equal(await lazy.config(), config);
    assert.equal(b.sent.filter((s) => s.path === '/authforte/config').length, 1);
    const missing = lazyServerServices('/nowhere');
    await assert.rejects(missing.config(), /HTTP 404/);
    assert.equal(lazy.lastOutcome, undefined, 'nothing before the transport loads');
  });

  it('every service works once loaded: card sign-in, PSC, CIBA, the card agent', async () => {
    const { kit } = kitWith();
    const b = browser(kit);
    globalThis.fetch = b.fetch;
    const lazy = lazyServerServices('/authforte');
    const { services } = lazy;
    const nonce = await services.getNonce({ signal: signal() });
    const outcome = await services.verify({ method: 'card', proof: proofFor(LINKED, nonce), signal: signal() });
    assert.equal(outcome.status, 'authenticated');
    assert.equal(lazy.lastOutcome?.redirectTo, '/accueil');
    const transport = await lazy.transport();
    assert.equal(await lazy.transport(), transport, 'loaded once');
    assert.equal(transport.lastOutcome, lazy.lastOutcome);

    // PSC
    setLocation('/connexion');
    await services.psc?.signinRedirect({ signal: signal() });
    assert.deepEqual(assigned, ['/authforte/psc/login?return_to=%2Fconnexion']);
    setLocation('/connexion?psc_error=psc-expired');
    assert.equal(
      toLoginError(await services.psc?.completeRedirect({ signal: signal() }).catch((e: unknown) => e)).code,
      'psc-expired',
    );
    Object.assign(globalThis, { open: () => null });
    try {
      const blocked = await services.psc?.signinPopup?.({ signal: signal() }).catch((e: unknown) => e);
      assert.equal(toLoginError(blocked).code, 'psc-popup-blocked');
    } finally {
      Reflect.deleteProperty(globalThis, 'open');
    }
    const start = await services.psc?.cibaStart?.({ nationalId: LINKED, signal: signal() });
    assert.match(start?.bindingMessage ?? '', /^\d{2}$/);
    assert.equal((await services.psc?.cibaPoll?.({ signal: signal() }))?.status, 'pending');

    // the card agent (none at its address): not installed, its stream stopped, each call a typed failure
    const card = services.card;
    assert.ok(card);
    assert.equal((await card.detect({ signal: signal() })).status, 'not-installed');
    const stopped = await new Promise((resolve) => card.watch(resolve, { signal: signal() }));
    assert.deepEqual(stopped, { type: 'agent-stopped' });
    for (const step of [
      () => card.startPairing({ signal: signal() }),
      () => card.confirmPairing({ pairingId: 'p', code: '123456', signal: signal() }),
      () => card.authenticate({ nonce: 'n', pin: '1234', confirmFinalTry: false, signal: signal() }),
    ]) {
      const e = toLoginError(await step().catch((err: unknown) => err));
      assert.ok(['agent-not-installed', 'agent-stopped'].includes(e.code), e.code);
    }
    const ac = new AbortController();
    const waiting = card.waitForPairingApproval?.({ pairingId: 'p', signal: ac.signal }).catch((e: unknown) => e);
    ac.abort();
    assert.equal(toLoginError(await waiting).code, 'cancelled', 'the wait ends when the user leaves the screen');

    assert.equal(await transport.signOut(), '/au-revoir');
  });
});
