/**
 * Pro Santé Connect end to end, in Debian's Chromium, against the sandbox PSC (a real OpenID provider):
 * browser client by redirect and popup, backend (confidential) flow, CIBA with the binding code, refusal,
 * expiry, and the attacks the clients must reject.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPscClient } from '@authforte/server';
import { axeViolations, describeViolations, launchChromium } from '@authforte/test-kit/browser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type RunningSandboxPsc, startSandboxPsc } from './server.js';
import { startTestApp, type TestApp } from './test-support/app.js';

const MEDECIN = '899700366240';
const INFIRMIERE = '899701000012';
const PSYCHOLOGUE = '899701000020';
const AIDE_SOIGNANTE = '899701000038';
const DIRECTEUR = '899701000046';

interface PageResult {
  ok: boolean;
  code?: string;
  identity?: {
    nationalId: string;
    practices: Array<{ classification: { category: string; profession: { label: string } } | null }>;
  };
  returnTo?: string;
}

/** Opens the test app's page that runs the PSC browser client, and waits until the client is ready. */
async function openBrowserClientPage(page: Page, app: TestApp): Promise<void> {
  await page.goto(`${app.origin}/browser/index.html`);
  await page.waitForFunction(() => (window as unknown as { pscReady?: boolean }).pscReady);
}

async function result(page: Page): Promise<PageResult> {
  await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result !== undefined, undefined, {
    timeout: 20_000,
  });
  return page.evaluate(() => (window as unknown as { __result: PageResult }).__result);
}

/** Fills the e-CPS tab of the wallet page, then approves (or refuses) on the simulated phone. */
async function ecpsOnPhone(
  context: BrowserContext,
  page: Page,
  sandbox: RunningSandboxPsc,
  nationalId: string,
  action: 'Valider la connexion' | 'Refuser' = 'Valider la connexion',
) {
  await page.waitForURL(`${sandbox.walletUrl}/interaction/**`);
  await page.getByRole('link', { name: 'Application e-CPS' }).click();
  await page.getByLabel('Identifiant national (8 suivi du numéro RPPS)').fill(nationalId);
  await page.getByRole('button', { name: 'Envoyer la demande à mon téléphone' }).click();
  await page.getByRole('heading', { name: 'Validez sur votre téléphone' }).waitFor();
  const phone = await context.newPage();
  await phone.goto(sandbox.phoneUrl(nationalId));
  await phone.getByRole('button', { name: action }).first().click();
  await phone.getByRole('status').waitFor();
  await phone.close();
}

describe('PSC end to end (Chromium + sandbox PSC)', () => {
  let browser: Browser;
  let sandbox: RunningSandboxPsc;
  let app: TestApp;

  before(async () => {
    browser = await launchChromium();
    sandbox = await startSandboxPsc({ port: 0, walletPort: 0 });
    app = await startTestApp(sandbox);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await sandbox?.close();
  });

  it('redirect flow (public client, e-CPS approved on the phone): identity classified, no token in localStorage', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openBrowserClientPage(page, app);
    await page.evaluate(() => {
      void (window as unknown as { psc: { signinRedirect(o: unknown): Promise<void> } }).psc.signinRedirect({
        returnTo: '/dossier/42',
      });
    });
    await ecpsOnPhone(context, page, sandbox, MEDECIN);
    await page.waitForURL(`${app.origin}/browser/callback.html**`);
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
    const context = await browser.newContext();
    const page = await context.newPage();
    await openBrowserClientPage(page, app);
    await page.evaluate(() => {
      void (window as unknown as { psc: { signinRedirect(): Promise<void> } }).psc.signinRedirect();
    });
    await page.waitForURL(`${sandbox.walletUrl}/interaction/**`);
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
    await phone.goto(sandbox.phoneUrl(INFIRMIERE));
    await check(phone, 'phone page');
    // cancelling on the wallet page withdraws the request from the phone
    await page.getByRole('button', { name: 'Annuler et revenir au service' }).click();
    await page.waitForURL(`${app.origin}/browser/callback.html**`);
    await phone.reload();
    await phone.getByText('Aucune demande en attente.').waitFor();
    await context.close();
  });

  it('popup flow (public client, "Carte CPS" tab with the test card)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openBrowserClientPage(page, app);
    const popupPromise = context.waitForEvent('page');
    const signin = page.evaluate(() =>
      (window as unknown as { psc: { signinPopup(): Promise<{ identity: unknown }> } }).psc.signinPopup().then(
        (r) => ({ ok: true, identity: r.identity }),
        (e: { code: string }) => ({ ok: false, code: e.code }),
      ),
    );
    const popup = await popupPromise;
    await popup.waitForURL(`${sandbox.walletUrl}/interaction/**`);
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
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.origin}/browser/index.html?storage=memory`);
    await page.waitForFunction(() => (window as unknown as { pscReady?: boolean }).pscReady);
    const popupPromise = context.waitForEvent('page');
    const signin = page.evaluate(() =>
      (window as unknown as { psc: { signinPopup(): Promise<{ identity: unknown }> } }).psc.signinPopup().then(
        (r) => ({ ok: true, identity: r.identity }),
        (e: { code: string }) => ({ ok: false, code: e.code }),
      ),
    );
    const popup = await popupPromise;
    await ecpsOnPhone(context, popup, sandbox, PSYCHOLOGUE);
    const r = (await signin) as PageResult;
    assert.equal(r.ok, true, JSON.stringify(r));
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
    const context = await browser.newContext();
    const page = await context.newPage();
    const signin = async () => {
      await openBrowserClientPage(page, app);
      await page.evaluate(() => {
        void (window as unknown as { psc: { signinRedirect(): Promise<void> } }).psc.signinRedirect();
      });
      await page.waitForURL(/\/interaction\/|callback\.html/);
    };
    await signin();
    await ecpsOnPhone(context, page, sandbox, MEDECIN);
    await page.waitForURL(`${app.origin}/browser/callback.html**`);
    assert.equal((await result(page)).ok, true);
    // PSC is single sign-on: a second sign-in goes straight back
    await signin();
    await page.waitForURL(`${app.origin}/browser/callback.html**`);
    assert.equal((await result(page)).ok, true);
    await page.evaluate(() => {
      void (window as unknown as { psc: { signout(): Promise<void> } }).psc.signout();
    });
    await page.waitForURL(`${app.origin}/browser/index.html**`);
    assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0);
    // after sign-out PSC asks again
    await signin();
    assert.match(page.url(), /\/interaction\//);
    await context.close();
  });

  it('popup closed by the user → cancelled', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openBrowserClientPage(page, app);
    const popupPromise = context.waitForEvent('page');
    const signin = page.evaluate(() =>
      (window as unknown as { psc: { signinPopup(): Promise<unknown> } }).psc.signinPopup().then(
        () => ({ ok: true }),
        (e: { code: string }) => ({ ok: false, code: e.code }),
      ),
    );
    const popup = await popupPromise;
    await popup.waitForURL(`${sandbox.walletUrl}/interaction/**`);
    await popup.close();
    assert.deepEqual(await signin, { ok: false, code: 'cancelled' });
    await context.close();
  });

  it('the user refuses on the phone → psc-refused', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openBrowserClientPage(page, app);
    await page.evaluate(() => {
      void (window as unknown as { psc: { signinRedirect(): Promise<void> } }).psc.signinRedirect();
    });
    await ecpsOnPhone(context, page, sandbox, PSYCHOLOGUE, 'Refuser');
    await page.waitForURL(`${app.origin}/browser/callback.html**`);
    const r = await result(page);
    assert.deepEqual({ ok: r.ok, code: r.code }, { ok: false, code: 'psc-refused' });
    await context.close();
  });

  it('forged and malformed callbacks → psc-state-mismatch / psc-bad-callback', async () => {
    const context = await browser.newContext();
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
      await page.goto(`${app.origin}/browser/callback.html${query}`);
      const r = await result(page);
      assert.deepEqual({ ok: r.ok, code: r.code }, { ok: false, code }, query);
    }
    await context.close();
  });

  it('a replayed ID token (nonce of an earlier sign-in) → psc-nonce-mismatch', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // a first, genuine sign-in: keep its token response
    let earlier: string | undefined;
    await context.route(`${sandbox.issuer}/protocol/openid-connect/token`, async (route) => {
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
      await openBrowserClientPage(page, app);
      await page.evaluate(() => {
        void (window as unknown as { psc: { signinRedirect(): Promise<void> } }).psc.signinRedirect();
      });
      await page.waitForURL(/\/interaction\/|callback\.html/);
      if (page.url().includes('/interaction/')) await ecpsOnPhone(context, page, sandbox, AIDE_SOIGNANTE);
      await page.waitForURL(`${app.origin}/browser/callback.html**`);
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
      const context = await browser.newContext();
      const page = await context.newPage();
      await context.route(`${sandbox.issuer}/protocol/openid-connect/token`, async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { id_token: string };
        const [h, p, sig] = body.id_token.split('.') as [string, string, string];
        const claims = { ...JSON.parse(Buffer.from(p, 'base64url').toString()), ...patch };
        const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
        return route.fulfill({ response, json: { ...body, id_token: forged } });
      });
      await openBrowserClientPage(page, app);
      await page.evaluate(() => {
        void (window as unknown as { psc: { signinRedirect(): Promise<void> } }).psc.signinRedirect();
      });
      await ecpsOnPhone(context, page, sandbox, MEDECIN);
      await page.waitForURL(`${app.origin}/browser/callback.html**`);
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

  it('backend (confidential) flow: the browser never sees a token or the client secret', async () => {
    const context = await browser.newContext();
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
    await page.goto(`${app.origin}/backend/index.html`);
    await page.waitForFunction(() => (window as unknown as { pscReady?: boolean }).pscReady);
    await page.evaluate(() => {
      (window as unknown as { psc: { signinRedirect(o: unknown): void } }).psc.signinRedirect({
        returnTo: '/backend/index.html?page=2',
      });
    });
    await ecpsOnPhone(context, page, sandbox, AIDE_SOIGNANTE);
    await page.waitForURL(`${app.origin}/backend/index.html?page=2&psc=ok`);
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
      !everything.includes(sandbox.confidentialClient.clientSecret),
      'the client secret never reaches the browser',
    );
    assert.ok(
      !/eyJ[A-Za-z0-9_-]{10,}\.eyJ|"(access|id|refresh)_token"\s*:/.test(everything),
      'no token reaches the browser',
    );
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
    const cookies = await context.cookies(app.origin);
    assert.ok(cookies.length > 0 && cookies.every((c) => c.httpOnly), 'session cookies are HttpOnly');
    await context.close();
  });

  it("backend flow with a replayed ID token (an earlier one, without this sign-in's nonce) → psc-nonce-mismatch", async () => {
    // an ID token PSC really issued to this client earlier (CIBA: same issuer, audience and keys, no nonce)
    const ciba = createPscClient({
      environment: sandbox.environment,
      clientId: sandbox.confidentialClient.clientId,
      clientSecret: sandbox.confidentialClient.clientSecret,
      redirectUri: 'http://127.0.0.1:9/cb',
    });
    const started = await ciba.startCiba({ nationalId: DIRECTEUR });
    const phoneHtml = await (await fetch(sandbox.phoneUrl(DIRECTEUR))).text();
    const requestId = /\/telephone\/demandes\/([\w-]+)\/valider/.exec(phoneHtml)?.[1];
    await fetch(`${sandbox.walletUrl}/telephone/demandes/${requestId}/valider`, { method: 'POST', redirect: 'manual' });
    const earlier = await ciba.pollCiba(started.authReqId);
    assert.equal(earlier.status, 'authenticated');
    const replayedIdToken = earlier.status === 'authenticated' ? earlier.authentication.idToken : '';
    const attacked = await startTestApp(sandbox, {
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
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${attacked.origin}/backend/index.html`);
      await page.waitForFunction(() => (window as unknown as { pscReady?: boolean }).pscReady);
      await page.evaluate(() => {
        (window as unknown as { psc: { signinRedirect(): void } }).psc.signinRedirect();
      });
      await ecpsOnPhone(context, page, sandbox, DIRECTEUR);
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
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.origin}/backend/index.html`);
    await page.waitForFunction(() => (window as unknown as { pscReady?: boolean }).pscReady);
    const popupPromise = context.waitForEvent('page');
    const signin = page.evaluate(() =>
      (window as unknown as { psc: { signinPopup(): Promise<{ identity: unknown }> } }).psc.signinPopup().then(
        (s) => ({ ok: true, identity: s.identity }),
        (e: { code: string }) => ({ ok: false, code: e.code }),
      ),
    );
    const popup = await popupPromise;
    await ecpsOnPhone(context, popup, sandbox, PSYCHOLOGUE);
    const r = (await signin) as PageResult;
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.identity?.practices[0]?.classification?.category, 'ars');
    await context.close();
  });

  it("CIBA in the page: the binding code shown equals the phone's; approval signs in", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.origin}/backend/index.html`);
    await page.waitForFunction(() => (window as unknown as { pscReady?: boolean }).pscReady);
    type W = {
      psc: {
        cibaStart(id: string): Promise<{ bindingMessage: string }>;
        cibaWait(o: unknown): Promise<{ identity: unknown }>;
      };
    };
    const started = await page.evaluate((id) => (window as unknown as W).psc.cibaStart(id), DIRECTEUR);
    assert.match(started.bindingMessage, /^\d{2}$/);
    const waiting = page.evaluate(() =>
      (window as unknown as W).psc.cibaWait({ initialInterval: 0.2 }).then(
        (s) => ({ ok: true, identity: s.identity }),
        (e: { code: string }) => ({ ok: false, code: e.code }),
      ),
    );
    const phone = await context.newPage();
    await phone.goto(sandbox.phoneUrl(DIRECTEUR));
    assert.equal(await phone.locator('[data-binding]').first().textContent(), started.bindingMessage);
    await phone.getByRole('button', { name: 'Valider la connexion' }).first().click();
    const r = (await waiting) as PageResult;
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
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.origin}/backend/index.html`);
    await page.waitForFunction(() => (window as unknown as { pscReady?: boolean }).pscReady);
    type W = { psc: { cibaStart(id: string): Promise<unknown>; cibaWait(o: unknown): Promise<unknown> } };
    await page.evaluate((id) => (window as unknown as W).psc.cibaStart(id), MEDECIN);
    const waiting = page.evaluate(() =>
      (window as unknown as W).psc.cibaWait({ initialInterval: 0.2 }).then(
        () => ({ ok: true }),
        (e: { code: string }) => ({ ok: false, code: e.code }),
      ),
    );
    const phone = await context.newPage();
    await phone.goto(sandbox.phoneUrl(MEDECIN));
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
  let browser: Browser;
  let sandbox: RunningSandboxPsc;
  let app: TestApp;
  before(async () => {
    browser = await launchChromium();
    sandbox = await startSandboxPsc({ approvalTtlSeconds: 2 });
    app = await startTestApp(sandbox);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await sandbox?.close();
  });

  it('CIBA not approved in time → psc-expired', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.origin}/backend/index.html`);
    await page.waitForFunction(() => (window as unknown as { pscReady?: boolean }).pscReady);
    type W = { psc: { cibaStart(id: string): Promise<unknown>; cibaWait(o: unknown): Promise<unknown> } };
    await page.evaluate((id) => (window as unknown as W).psc.cibaStart(id), INFIRMIERE);
    const r = await page.evaluate(() =>
      (window as unknown as W).psc.cibaWait({ initialInterval: 3 }).then(
        () => ({ ok: true }),
        (e: { code: string }) => ({ ok: false, code: e.code }),
      ),
    );
    assert.deepEqual(r, { ok: false, code: 'psc-expired' });
    await context.close();
  });

  it('e-CPS approval on the wallet page not given in time → "La demande a expiré", then cancel → psc-refused', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openBrowserClientPage(page, app);
    await page.evaluate(() => {
      void (window as unknown as { psc: { signinRedirect(): Promise<void> } }).psc.signinRedirect();
    });
    await page.waitForURL(`${sandbox.walletUrl}/interaction/**`);
    await page.getByLabel('Identifiant national (8 suivi du numéro RPPS)').fill(MEDECIN);
    await page.getByRole('button', { name: 'Envoyer la demande à mon téléphone' }).click();
    await page.getByRole('heading', { name: 'Demande expirée' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Annuler et revenir au service' }).click();
    await page.waitForURL(`${app.origin}/browser/callback.html**`);
    const r = await result(page);
    assert.deepEqual({ ok: r.ok, code: r.code }, { ok: false, code: 'psc-refused' });
    await context.close();
  });
});

describe('PSC authentication level (sandbox issuing acr "eidas0")', () => {
  let browser: Browser;
  let sandbox: RunningSandboxPsc;
  let app: TestApp;
  before(async () => {
    browser = await launchChromium();
    sandbox = await startSandboxPsc({ acr: 'eidas0' });
    app = await startTestApp(sandbox);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await sandbox?.close();
  });

  it('browser client rejects an ID token below eidas1 → psc-acr-too-low', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openBrowserClientPage(page, app);
    await page.evaluate(() => {
      void (window as unknown as { psc: { signinRedirect(): Promise<void> } }).psc.signinRedirect();
    });
    await ecpsOnPhone(context, page, sandbox, MEDECIN);
    await page.waitForURL(`${app.origin}/browser/callback.html**`);
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
