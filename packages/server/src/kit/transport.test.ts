/**
 * The transport of `<af-login server="/authforte">` (`createServerServices`, `lazyServerServices` of
 * `@authforte/core/login/server`) against a real kit (`createAuthForte`, memory store): the page's `fetch` is
 * answered by the kit's handler, with the cookies a browser would keep. What a host developer notices: the config
 * asked once, the CSRF token sent before every POST, the kit's refusals as the sign-in's codes with their details,
 * the PSC return read back, sign-out's next address.
 *
 * PSC here is a small OpenID provider stand-in (discovery and the CIBA backchannel endpoint only): the kit's
 * redirect, callback and CIBA routes run for real against it; its errors follow OpenID CIBA Core 1.0 §13
 * (`unknown_user_id`, https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.13)
 * and RFC 6749 §4.1.2.1 (`access_denied` at the callback).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createServerServices } from '@authforte/core/login/server';
import {
  browser,
  cardSignIn,
  kitWith,
  LINKED,
  loginError,
  ORIGIN,
  otherCaPem,
  pageOnKit,
  proofFor,
  signal,
  UNLINKED,
} from './test-support/transport.js';

describe('createServerServices on a real kit', () => {
  it('asks the configuration once, and again after a failure', async () => {
    const { kit } = kitWith();
    let down = true;
    const b = browser(kit, (req) => (down ? Promise.reject(new TypeError('fetch failed')) : req));
    const t = createServerServices('/authforte/', { fetch: b.fetch });
    const first = await loginError(t.config(), 'network');
    assert.ok(first.cause instanceof TypeError);
    down = false;
    const config = await t.config();
    assert.deepEqual(config.methods, ['card', 'psc']);
    assert.equal(config.ciba, true);
    assert.equal(config.pscMode, 'redirect');
    assert.equal(config.hostName, 'Mon logiciel');
    assert.equal(config.agentUrl, 'http://127.0.0.1:1');
    assert.equal(config.redirects?.linkRequired, '/premiere-connexion');
    assert.equal(await t.config(), config, 'the same answer');
    assert.equal(b.sent.filter((s) => s.path === '/authforte/config').length, 1, 'one GET after the failure');
    // an error status is a failure too, retried next time
    const broken = createServerServices('/elsewhere', { fetch: b.fetch });
    await loginError(broken.config(), 'network');
  });

  it('card: a nonce with the session’s CSRF token, then the proof → authenticated, where to go, the assertion', async () => {
    const { kit, b, t } = pageOnKit();
    assert.equal(t.lastOutcome === undefined, true, 'no outcome yet');
    const outcome = await cardSignIn(t, LINKED);
    assert.equal(outcome.status, 'authenticated');
    assert.equal(outcome.identity.nationalId, LINKED);
    assert.equal(outcome.identity.displayName, 'Camille MARTIN');
    assert.equal(t.lastOutcome?.redirectTo, '/accueil');
    assert.match(t.lastOutcome?.assertion ?? '', /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    // every POST went after a GET session, with the token that GET gave
    const posts = b.sent.filter((s) => s.method === 'POST');
    assert.deepEqual(
      posts.map((p) => p.path),
      ['/authforte/card/nonce', '/authforte/card/verify'],
    );
    for (const p of posts) {
      const before = b.sent[b.sent.indexOf(p) - 1];
      assert.equal(before?.path, '/authforte/session');
      assert.ok(p.csrf && p.csrf.length >= 32);
    }
    const session = await kit.getSession(new Request(`${ORIGIN}/`, { headers: { cookie: b.cookieHeader() } }));
    assert.equal(session?.accountId, 'acc-1');
  });

  it('card: an unknown holder is link-required, with the first-connection page', async () => {
    const { t } = pageOnKit();
    const outcome = await cardSignIn(t, UNLINKED);
    assert.equal(outcome.status, 'link-required');
    assert.equal(t.lastOutcome?.status, 'link-required');
    assert.equal(t.lastOutcome?.redirectTo, '/premiere-connexion');
  });

  it('card: the kit’s refusals are the sign-in’s codes, with the reason and status in details', async () => {
    const { t } = pageOnKit();
    const malformed = await loginError(
      t.services.verify({ method: 'card', proof: { nonce: 'x' }, signal: signal() }),
      'verification-failed',
    );
    assert.equal(malformed.details.reason, 'malformed-proof');
    assert.equal(malformed.details.status, 400);

    // a proof used twice: the nonce is single-use
    const nonce = await t.services.getNonce({ signal: signal() });
    const proof = proofFor(LINKED, nonce);
    await t.services.verify({ method: 'card', proof, signal: signal() });
    const reused = await loginError(
      t.services.verify({ method: 'card', proof, signal: signal() }),
      'verification-failed',
    );
    assert.equal(reused.details.reason, 'nonce-reused');

    // signed for another site's page
    const n2 = await t.services.getNonce({ signal: signal() });
    const foreign = await loginError(
      t.services.verify({ method: 'card', proof: proofFor(LINKED, n2, 'https://evil.test'), signal: signal() }),
      'verification-failed',
    );
    assert.equal(foreign.details.reason, 'origin-mismatch');

    // a card of a CA the kit does not trust
    const strict = createServerServices('/authforte', {
      fetch: browser(kitWith({ card: { trustAnchors: [otherCaPem], cardPolicy: 'any', revocation: 'off' } }).kit).fetch,
    });
    const n3 = await strict.services.getNonce({ signal: signal() });
    const untrusted = await strict.services
      .verify({ method: 'card', proof: proofFor(LINKED, n3), signal: signal() })
      .catch((e: { code: string; details: Record<string, unknown> }) => e);
    assert.equal((untrusted as { details: Record<string, unknown> }).details.reason, 'certificate-untrusted');
    assert.equal((untrusted as { code: string }).code, 'verification-failed');
    assert.equal(strict.lastOutcome, undefined, 'no outcome from a refusal');
  });

  it('a POST without the CSRF token is refused by the kit: the transport sends it, else the step fails', async () => {
    const { kit, events } = kitWith();
    const bare = browser(kit);
    await bare.fetch('/authforte/session');
    const direct = await bare.fetch('/authforte/card/nonce', { method: 'POST', body: '{}' });
    assert.equal(direct.status, 403);
    assert.equal(((await direct.json()) as { error: { code: string } }).error.code, 'csrf');
    // a proxy that drops the header: the nonce step's failure, with the kit's status
    const stripped = browser(kit, (req) => {
      const headers = new Headers(req.headers);
      headers.delete('x-csrf-token');
      return new Request(req, { headers });
    });
    const t = createServerServices('/authforte', { fetch: stripped.fetch });
    const nonce = await loginError(t.services.getNonce({ signal: signal() }), 'network');
    assert.equal(nonce.details.status, 403);
    const verify = await loginError(
      t.services.verify({ method: 'psc', proof: undefined, signal: signal() }),
      'verification-failed',
    );
    assert.equal(verify.details.status, 403);
    assert.ok(events.filter((e) => e.type === 'csrf').length >= 3);
  });

  it('the network down (fetch rejects): each step fails with network, the cause kept', async () => {
    const { kit } = kitWith();
    const b = browser(kit, () => Promise.reject(new TypeError('fetch failed')));
    const t = createServerServices('/authforte', { fetch: b.fetch });
    const nonce = await loginError(t.services.getNonce({ signal: signal() }), 'network');
    assert.ok(nonce.cause instanceof TypeError);
    await loginError(t.services.verify({ method: 'card', proof: {}, signal: signal() }), 'network');
    await loginError(t.signOut(), 'network');
    // only the POST fails (the token was fetched): the same code
    const postDown = browser(kit, (req) => (req.method === 'POST' ? Promise.reject(new TypeError('reset')) : req));
    const t2 = createServerServices('/authforte', { fetch: postDown.fetch });
    await loginError(t2.services.getNonce({ signal: signal() }), 'network');
    await loginError(t2.signOut(), 'network');
  });

  it('a cancelled step rejects with the AbortError, not as a failure to show', async () => {
    const { t } = pageOnKit();
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(t.services.getNonce({ signal: ac.signal }), { name: 'AbortError' });
    await assert.rejects(t.services.verify({ method: 'card', proof: {}, signal: ac.signal }), { name: 'AbortError' });
  });

  it('signOut ends the kit session and resolves with where to go next', async () => {
    const { kit, signOuts, b, t } = pageOnKit();
    await cardSignIn(t, LINKED);
    assert.equal(await t.signOut(), '/au-revoir');
    // the token rotated with the proof: sign-out asked for the new one
    const [verify, signout] = ['/authforte/card/verify', '/authforte/signout'].map((p) =>
      b.sent.find((s) => s.path === p),
    );
    assert.ok(signout?.csrf && verify?.csrf);
    assert.notEqual(signout.csrf, verify.csrf);
    assert.deepEqual(signOuts, ['acc-1']);
    const session = await kit.getSession(new Request(`${ORIGIN}/`, { headers: { cookie: b.cookieHeader() } }));
    assert.equal(session, null);
    // a kit that refuses (no route): the failure is network
    const gone = createServerServices('/elsewhere', { fetch: b.fetch });
    await loginError(gone.signOut(), 'network');
  });
});
