/**
 * Pro Santé Connect end to end, in Debian's Chromium, against the sandbox PSC: the backend (confidential) flow (the
 * browser never sees a token), CIBA with the binding code, refusal, and approvals that expire.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPscClient } from '@authforte/server';
import { startTestApp } from './test-support/app.js';
import { AIDE_SOIGNANTE, DIRECTEUR, INFIRMIERE, MEDECIN, PSYCHOLOGUE } from './test-support/psc-client.js';
import {
  cibaStart,
  cibaWait,
  openBrowserClientPage,
  pscStack,
  result,
  signinRedirect,
} from './test-support/psc-e2e.js';

describe('PSC backend flow and CIBA (Chromium + sandbox PSC)', () => {
  const stack = pscStack({ port: 0, walletPort: 0 });

  it('backend (confidential) flow: the browser never sees a token or the client secret', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    const seen: string[] = [];
    page.on('response', async (response) => {
      seen.push(JSON.stringify(await response.allHeaders()));
      try {
        seen.push(await response.text());
      } catch {
        // redirects have no body
      }
    });
    await openBrowserClientPage(page, stack.app, '/backend/index.html');
    await signinRedirect(page, { returnTo: '/backend/index.html?page=2' });
    await stack.ecpsOnPhone(context, page, AIDE_SOIGNANTE);
    await page.waitForURL(`${stack.app.origin}/backend/index.html?page=2&psc=ok`);
    const r = await result(page);
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.identity?.nationalId, AIDE_SOIGNANTE);
    assert.equal(
      r.identity?.practices[0]?.classification?.category,
      'role',
      'profession 99 + role 313 → aide-soignant, category "role"',
    );
    const everything = seen.join('\n');
    assert.ok(
      !everything.includes(stack.sandbox.confidentialClient.clientSecret),
      'the client secret never reaches the browser',
    );
    assert.ok(
      !/eyJ[A-Za-z0-9_-]{10,}\.eyJ|"(access|id|refresh)_token"\s*:/.test(everything),
      'no token reaches the browser',
    );
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
    const cookies = await context.cookies(stack.app.origin);
    assert.ok(cookies.length > 0 && cookies.every((c) => c.httpOnly), 'session cookies are HttpOnly');
    await context.close();
  });

  it("backend flow with a replayed ID token (an earlier one, without this sign-in's nonce) → psc-nonce-mismatch", async () => {
    // an ID token PSC really issued to this client earlier (CIBA: same issuer, audience and keys, no nonce)
    const ciba = createPscClient({
      environment: stack.sandbox.environment,
      clientId: stack.sandbox.confidentialClient.clientId,
      clientSecret: stack.sandbox.confidentialClient.clientSecret,
      redirectUri: 'http://127.0.0.1:9/cb',
    });
    const started = await ciba.startCiba({ nationalId: DIRECTEUR });
    const phoneHtml = await (await fetch(stack.sandbox.phoneUrl(DIRECTEUR))).text();
    const requestId = /\/telephone\/demandes\/([\w-]+)\/valider/.exec(phoneHtml)?.[1];
    await fetch(`${stack.sandbox.walletUrl}/telephone/demandes/${requestId}/valider`, {
      method: 'POST',
      redirect: 'manual',
    });
    const earlier = await ciba.pollCiba(started.authReqId);
    assert.equal(earlier.status, 'authenticated');
    const replayedIdToken = earlier.status === 'authenticated' ? earlier.authentication.idToken : '';
    const attacked = await startTestApp(stack.sandbox, {
      server: {
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          const url = input instanceof Request ? input.url : String(input);
          if (!url.endsWith('/protocol/openid-connect/token')) return response;
          const body = (await response.json()) as Record<string, unknown>;
          return Response.json({ ...body, id_token: replayedIdToken });
        },
      },
    });
    try {
      const context = await stack.browser.newContext();
      const page = await context.newPage();
      await openBrowserClientPage(page, attacked, '/backend/index.html');
      await signinRedirect(page);
      await stack.ecpsOnPhone(context, page, DIRECTEUR);
      await page.waitForURL(`${attacked.origin}/backend/index.html?psc_error=psc-nonce-mismatch`);
      const r = await result(page);
      assert.deepEqual({ ok: r.ok, code: r.code }, { ok: false, code: 'psc-nonce-mismatch' });
      const session = await page.evaluate(() =>
        (window as unknown as { psc: { session(): Promise<unknown> } }).psc.session(),
      );
      assert.equal(session, null, 'no session was opened');
      await context.close();
    } finally {
      await attacked.close();
    }
  });

  it('backend popup flow', async () => {
    const { context, r } = await stack.signInByPopup('/backend/index.html', PSYCHOLOGUE);
    assert.equal(r.identity?.practices[0]?.classification?.category, 'ars');
    await context.close();
  });

  it("CIBA in the page: the binding code shown equals the phone's; approval signs in", async () => {
    const { context, page } = await stack.openClient('/backend/index.html');
    const started = await cibaStart(page, DIRECTEUR);
    assert.match(started.bindingMessage, /^\d{2}$/);
    const waiting = cibaWait(page, 0.2);
    const phone = await context.newPage();
    await phone.goto(stack.sandbox.phoneUrl(DIRECTEUR));
    assert.equal(await phone.locator('[data-binding]').first().textContent(), started.bindingMessage);
    await phone.getByRole('button', { name: 'Valider la connexion' }).first().click();
    const r = await waiting;
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.identity?.nationalId, DIRECTEUR);
    assert.equal(r.identity?.practices[0]?.classification?.category, 'autre');
    const session = await page.evaluate(() =>
      (window as unknown as { psc: { session(): Promise<{ identity: { nationalId: string } } | null> } }).psc.session(),
    );
    assert.equal(session?.identity.nationalId, DIRECTEUR);
    await context.close();
  });

  it('CIBA refused on the phone → psc-refused', async () => {
    const { context, page } = await stack.openClient('/backend/index.html');
    await cibaStart(page, MEDECIN);
    const waiting = cibaWait(page, 0.2);
    const phone = await context.newPage();
    await phone.goto(stack.sandbox.phoneUrl(MEDECIN));
    // the CIBA request is the one that shows a binding code
    await phone
      .getByRole('listitem')
      .filter({ has: phone.locator('[data-binding]') })
      .getByRole('button', { name: 'Refuser' })
      .click();
    assert.deepEqual(await waiting, { ok: false, code: 'psc-refused' });
    await context.close();
  });
});

describe('PSC approvals that expire (sandbox with a 2-second approval window)', () => {
  const stack = pscStack({ approvalTtlSeconds: 2 });

  it('CIBA not approved in time → psc-expired', async () => {
    const { context, page } = await stack.openClient('/backend/index.html');
    await cibaStart(page, INFIRMIERE);
    assert.deepEqual(await cibaWait(page, 3), { ok: false, code: 'psc-expired' });
    await context.close();
  });

  it('e-CPS approval on the wallet page not given in time → "La demande a expiré", then cancel → psc-refused', async () => {
    const { context, page } = await stack.openClient();
    await signinRedirect(page);
    await page.waitForURL(`${stack.sandbox.walletUrl}/interaction/**`);
    await page.getByLabel('Identifiant national (8 suivi du numéro RPPS)').fill(MEDECIN);
    await page.getByRole('button', { name: 'Envoyer la demande à mon téléphone' }).click();
    await page.getByRole('heading', { name: 'Demande expirée' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Annuler et revenir au service' }).click();
    await page.waitForURL(`${stack.app.origin}/browser/callback.html**`);
    const r = await result(page);
    assert.deepEqual({ ok: r.ok, code: r.code }, { ok: false, code: 'psc-refused' });
    await context.close();
  });
});
