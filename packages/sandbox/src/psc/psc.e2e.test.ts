/**
 * Pro Santé Connect end to end, in Debian's Chromium, against the sandbox PSC (a real OpenID provider): the browser
 * client by redirect and popup, sign-out, refusal, and the attacks it must reject. The backend (confidential) flow,
 * CIBA and expiry: ./psc-backend.e2e.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { axeViolations, describeViolations } from '@authforte/test-kit/browser';
import type { Page } from 'playwright-core';
import { AIDE_SOIGNANTE, INFIRMIERE, MEDECIN, PSYCHOLOGUE } from './test-support/psc-client.js';
import { openBrowserClientPage, type PageResult, pscStack, result, signinRedirect } from './test-support/psc-e2e.js';

describe('PSC end to end (Chromium + sandbox PSC)', () => {
  const stack = pscStack({ port: 0, walletPort: 0 });

  it('redirect flow (public client, e-CPS approved on the phone): identity classified, no token in localStorage', async () => {
    const { context, page } = await stack.openClient();
    await signinRedirect(page, { returnTo: '/dossier/42' });
    await stack.ecpsOnPhone(context, page, MEDECIN);
    await page.waitForURL(`${stack.app.origin}/browser/callback.html**`);
    const r = await result(page);
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.identity?.nationalId, MEDECIN);
    assert.equal(r.identity?.practices[0]?.classification?.category, 'ordre');
    assert.equal(r.returnTo, '/dossier/42');
    const storage = await page.evaluate(() => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
    }));
    assert.equal(storage.local, '{}', 'nothing in localStorage');
    assert.match(storage.session, /access_token/, 'tokens are kept in sessionStorage');

    // the same callback address again (a replay): its state was used up
    await page.reload();
    const replay = await result(page);
    assert.equal(replay.ok, false);
    assert.equal(replay.code, 'psc-state-mismatch');
    await context.close();
  });

  it('the sandbox pages (wallet sign-in tabs, waiting page, phone) are in French and axe-clean', async () => {
    const { context, page } = await stack.openClient();
    await signinRedirect(page);
    await page.waitForURL(`${stack.sandbox.walletUrl}/interaction/**`);
    const check = async (p: Page, what: string) => {
      assert.equal(await p.getAttribute('html', 'lang'), 'fr', what);
      const violations = await axeViolations(p);
      assert.equal(violations.length, 0, `${what}: ${describeViolations(violations)}`);
    };
    await check(page, 'e-CPS tab');
    await page.getByRole('link', { name: 'Carte CPS' }).click();
    await check(page, 'card tab');
    await page.getByLabel('Code porteur (4 chiffres)').fill('9999');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('alert').waitFor();
    await check(page, 'card tab with a wrong PIN');
    await page.getByRole('link', { name: 'Application e-CPS' }).click();
    await page.getByLabel('Identifiant national (8 suivi du numéro RPPS)').fill('812345678903');
    await page.getByRole('button', { name: 'Envoyer la demande à mon téléphone' }).click();
    await page.getByRole('alert').waitFor();
    await check(page, 'unknown national identifier');
    await page.getByLabel('Identifiant national (8 suivi du numéro RPPS)').fill(INFIRMIERE);
    await page.getByRole('button', { name: 'Envoyer la demande à mon téléphone' }).click();
    await page.getByRole('heading', { name: 'Validez sur votre téléphone' }).waitFor();
    await check(page, 'waiting page');
    const phone = await context.newPage();
    await phone.goto(stack.sandbox.phoneUrl(INFIRMIERE));
    await check(phone, 'phone page');
    // cancelling on the wallet page withdraws the request from the phone
    await page.getByRole('button', { name: 'Annuler et revenir au service' }).click();
    await page.waitForURL(`${stack.app.origin}/browser/callback.html**`);
    await phone.reload();
    await phone.getByText('Aucune demande en attente.').waitFor();
    await context.close();
  });

  it('popup flow (public client, "Carte CPS" tab with the test card)', async () => {
    const { context, page } = await stack.openClient();
    const popupPromise = context.waitForEvent('page');
    const signin = page.evaluate(() =>
      (window as unknown as { psc: { signinPopup(): Promise<{ identity: unknown }> } }).psc.signinPopup().then(
        (r) => ({ ok: true, identity: r.identity }),
        (e: { code: string }) => ({ ok: false, code: e.code }),
      ),
    );
    const popup = await popupPromise;
    await popup.waitForURL(`${stack.sandbox.walletUrl}/interaction/**`);
    await popup.getByRole('link', { name: 'Carte CPS' }).click();
    await popup.getByLabel('Carte insérée (carte de test)').selectOption(INFIRMIERE);
    await popup.getByLabel('Code porteur (4 chiffres)').fill('0000');
    await popup.getByRole('button', { name: 'Valider' }).click();
    await popup.getByRole('alert').waitFor();
    assert.match((await popup.getByRole('alert').textContent()) ?? '', /Code porteur incorrect/);
    await popup.getByLabel('Code porteur (4 chiffres)').fill('1234');
    await popup.getByRole('button', { name: 'Valider' }).click();
    const r = (await signin) as PageResult;
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.identity?.nationalId, INFIRMIERE);
    assert.equal(r.identity?.practices[0]?.classification?.category, 'ordre');
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    await context.close();
  });

  it('popup flow with tokens in memory: nothing in sessionStorage nor localStorage', async () => {
    const { context, page, r } = await stack.signInByPopup('/browser/index.html?storage=memory', PSYCHOLOGUE);
    assert.equal(r.identity?.practices[0]?.classification?.category, 'ars');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    assert.doesNotMatch(stored, /token|eyJ/, stored);
    const identity = await page.evaluate(() =>
      (
        window as unknown as { psc: { currentIdentity(): Promise<{ nationalId: string } | null> } }
      ).psc.currentIdentity(),
    );
    assert.equal(identity?.nationalId, PSYCHOLOGUE);
    await context.close();
  });

  it('sign-out ends the local and the PSC session', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    const signin = async () => {
      await openBrowserClientPage(page, stack.app);
      await signinRedirect(page);
      await page.waitForURL(/\/interaction\/|callback\.html/);
    };
    await signin();
    await stack.ecpsOnPhone(context, page, MEDECIN);
    await page.waitForURL(`${stack.app.origin}/browser/callback.html**`);
    assert.equal((await result(page)).ok, true);
    // PSC is single sign-on: a second sign-in goes straight back
    await signin();
    await page.waitForURL(`${stack.app.origin}/browser/callback.html**`);
    assert.equal((await result(page)).ok, true);
    await page.evaluate(() => {
      void (window as unknown as { psc: { signout(): Promise<void> } }).psc.signout();
    });
    await page.waitForURL(`${stack.app.origin}/browser/index.html**`);
    assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0);
    // after sign-out PSC asks again
    await signin();
    assert.match(page.url(), /\/interaction\//);
    await context.close();
  });

  it('popup closed by the user → cancelled', async () => {
    const { context, page } = await stack.openClient();
    const popupPromise = context.waitForEvent('page');
    const signin = page.evaluate(() =>
      (window as unknown as { psc: { signinPopup(): Promise<unknown> } }).psc.signinPopup().then(
        () => ({ ok: true }),
        (e: { code: string }) => ({ ok: false, code: e.code }),
      ),
    );
    const popup = await popupPromise;
    await popup.waitForURL(`${stack.sandbox.walletUrl}/interaction/**`);
    await popup.close();
    assert.deepEqual(await signin, { ok: false, code: 'cancelled' });
    await context.close();
  });

  it('the user refuses on the phone → psc-refused', async () => {
    const { context, page } = await stack.openClient();
    await signinRedirect(page);
    await stack.ecpsOnPhone(context, page, PSYCHOLOGUE, 'Refuser');
    await page.waitForURL(`${stack.app.origin}/browser/callback.html**`);
    const r = await result(page);
    assert.deepEqual({ ok: r.ok, code: r.code }, { ok: false, code: 'psc-refused' });
    await context.close();
  });

  it('forged and malformed callbacks → psc-state-mismatch / psc-bad-callback', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    const cases: Array<[string, string]> = [
      ['?code=abc&state=forged', 'psc-state-mismatch'],
      ['?foo=bar', 'psc-bad-callback'],
      ['?code=abc', 'psc-bad-callback'],
      [
        `?code=abc&state=x&iss=${encodeURIComponent('https://evil.example/auth/realms/esante-wallet')}`,
        'psc-bad-callback',
      ],
      ['?error=access_denied', 'psc-refused'],
    ];
    for (const [query, code] of cases) {
      await page.goto(`${stack.app.origin}/browser/callback.html${query}`);
      const r = await result(page);
      assert.deepEqual({ ok: r.ok, code: r.code }, { ok: false, code }, query);
    }
    await context.close();
  });

  it('a replayed ID token (nonce of an earlier sign-in) → psc-nonce-mismatch', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    // a first, genuine sign-in: keep its token response
    let earlier: string | undefined;
    await context.route(`${stack.sandbox.issuer}/protocol/openid-connect/token`, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      if (!earlier) {
        earlier = JSON.stringify(body);
        return route.fulfill({ response, json: body });
      }
      // the second sign-in gets the first one's ID token
      return route.fulfill({ response, json: { ...body, id_token: JSON.parse(earlier).id_token } });
    });
    for (const expected of ['ok', 'psc-nonce-mismatch']) {
      await openBrowserClientPage(page, stack.app);
      await signinRedirect(page);
      await page.waitForURL(/\/interaction\/|callback\.html/);
      if (page.url().includes('/interaction/')) await stack.ecpsOnPhone(context, page, AIDE_SOIGNANTE);
      await page.waitForURL(`${stack.app.origin}/browser/callback.html**`);
      const r = await result(page);
      if (expected === 'ok') assert.equal(r.ok, true, JSON.stringify(r));
      else assert.deepEqual({ ok: r.ok, code: r.code }, { ok: false, code: expected });
    }
    await context.close();
  });

  it('ID tokens altered on the way (issuer, audience, acr, signature) → psc-bad-id-token', async () => {
    const patches: Array<Record<string, unknown>> = [
      { iss: 'https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet' },
      { aud: 'another-service' },
      { acr: 'eidas3' },
    ];
    for (const patch of patches) {
      const context = await stack.browser.newContext();
      const page = await context.newPage();
      await context.route(`${stack.sandbox.issuer}/protocol/openid-connect/token`, async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { id_token: string };
        const [h, p, sig] = body.id_token.split('.') as [string, string, string];
        const claims = { ...JSON.parse(Buffer.from(p, 'base64url').toString()), ...patch };
        const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
        return route.fulfill({ response, json: { ...body, id_token: forged } });
      });
      await openBrowserClientPage(page, stack.app);
      await signinRedirect(page);
      await stack.ecpsOnPhone(context, page, MEDECIN);
      await page.waitForURL(`${stack.app.origin}/browser/callback.html**`);
      const r = await result(page);
      assert.deepEqual({ ok: r.ok, code: r.code }, { ok: false, code: 'psc-bad-id-token' }, JSON.stringify(patch));
      assert.equal(
        await page.evaluate(() => JSON.stringify({ ...sessionStorage }).includes('access_token')),
        false,
        'nothing kept',
      );
      await context.close();
    }
  });
});

describe('PSC authentication level (sandbox issuing acr "eidas0")', () => {
  const stack = pscStack({ acr: 'eidas0' });

  it('browser client rejects an ID token below eidas1 → psc-acr-too-low', async () => {
    const { context, page } = await stack.openClient();
    await signinRedirect(page);
    await stack.ecpsOnPhone(context, page, MEDECIN);
    await page.waitForURL(`${stack.app.origin}/browser/callback.html**`);
    const r = await result(page);
    assert.deepEqual({ ok: r.ok, code: r.code }, { ok: false, code: 'psc-acr-too-low' });
    assert.equal(
      await page.evaluate(() => sessionStorage.getItem('authforte.psc.result.authforte-sandbox-public')),
      null,
      'nothing kept',
    );
    await context.close();
  });
});
