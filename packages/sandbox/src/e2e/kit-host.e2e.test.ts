/**
 * The minimal host of docs/http-api.md in Chromium: pages with no script of their own (`<af-login server>`,
 * `<af-account-link server>`, a server-rendered home with a sign-out form), the kit behind them, the sandbox PSC and
 * a card agent with a test card. Card first connection with the link, then the card alone; PSC by redirect (first
 * connection); in-page e-CPS approval (CIBA) straight in; sign-out ending the PSC session. The same journey runs
 * through each framework adapter (node:http, Express, Fastify, Hono). axe-core on the screens reached.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from '@authforte/test-kit/browser';
import type { Browser, Page } from 'playwright-core';
import { SANDBOX_CARD_PIN } from '../psc/professionals.js';
import { KIT_PASSWORD } from '../testing/kit-host.js';
import { type MinimalHost, type Mount, startMinimalHost } from '../testing/minimal-host.js';
import { answerOnPhone, expectAxeClean, pageErrors, waitScreen } from './steps.js';

const CLAIRE = '899700366240'; // Claire DUBOIS in the sandbox PSC
const STEP = { timeout: 120_000 };

async function link(page: Page, username: string) {
  await page.locator('af-account-link [part="panel"]').waitFor();
  await page.getByLabel('Nom d’utilisateur').fill(username);
  await page.getByLabel('Mot de passe').fill(KIT_PASSWORD);
  await Promise.all([page.waitForURL('**/accueil'), page.getByRole('button', { name: 'Se connecter' }).click()]);
}

async function signOut(page: Page, host: MinimalHost) {
  await Promise.all([
    page.waitForURL(host.url('/'), { timeout: 30_000 }),
    page.getByRole('button', { name: 'Se déconnecter' }).click(),
  ]);
}

async function cardSignIn(page: Page, host: MinimalHost) {
  await page.goto(host.url('/connexion'));
  await waitScreen(page, 'chooser');
  await page.getByRole('button', { name: 'S’identifier par carte CPS' }).click();
  await waitScreen(page, 'pin');
  await page.getByLabel('Code porteur (4 chiffres)').fill(SANDBOX_CARD_PIN);
  await page.getByRole('button', { name: 'Valider' }).click();
}

function journey(mount: Mount, full: boolean) {
  describe(`a minimal host on the kit (${mount})`, () => {
    let host: MinimalHost;
    let browser: Browser;

    before(async () => {
      host = await startMinimalHost({ mount });
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await host?.close();
    });

    it('card: first connection with the link, home, sign-out; then the card alone', STEP, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = pageErrors(page);
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/.test(m.text())) errors.push(m.text());
      });
      await page.goto(host.url('/connexion'));
      await waitScreen(page, 'chooser');
      if (full) await expectAxeClean(page, 'chooser');
      await Promise.all([page.waitForURL('**/premiere-connexion'), cardSignIn(page, host)]);
      assert.match((await page.locator('af-account-link [part="panel"]').textContent()) ?? '', /MARTIN-TEST/);
      if (full) await expectAxeClean(page, 'account link');
      await link(page, 'marie.dupont');
      assert.equal(await page.getByTestId('account').textContent(), 'acc-marie');
      assert.equal(host.accounts.links.size, 1);
      await signOut(page, host);

      await Promise.all([page.waitForURL('**/accueil'), cardSignIn(page, host)]);
      assert.equal(await page.getByTestId('account').textContent(), 'acc-marie');
      await signOut(page, host);
      const gone = await page.goto(host.url('/accueil'));
      assert.equal(new URL(gone!.url()).pathname, '/connexion', 'signed out: the home sends back to sign-in');
      assert.deepEqual(errors, []);
      await context.close();
    });

    it('PSC by redirect (first connection), then in-page approval (CIBA) straight in', STEP, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = pageErrors(page);
      await page.goto(host.url('/connexion'));
      await waitScreen(page, 'chooser');
      await page.getByRole('button', { name: /PRO SANTÉ CONNECT/i }).click();
      await waitScreen(page, 'ciba-identifier');
      await page.getByRole('button', { name: 'Utiliser plutôt la page Pro Santé Connect' }).click();
      await page.waitForURL(`${host.psc.walletUrl}/interaction/**`);
      await page.getByRole('link', { name: 'Application e-CPS' }).click();
      await page.getByLabel('Identifiant national (8 suivi du numéro RPPS)').fill(CLAIRE);
      await page.getByRole('button', { name: 'Envoyer la demande à mon téléphone' }).click();
      await page.getByRole('heading', { name: 'Validez sur votre téléphone' }).waitFor();
      await answerOnPhone(context, host.psc.phoneUrl(CLAIRE));
      await page.waitForURL('**/premiere-connexion', { timeout: 30_000 });
      assert.match((await page.locator('af-account-link [part="panel"]').textContent()) ?? '', /Claire DUBOIS/i);
      await link(page, 'paul.martin');
      assert.equal(await page.getByTestId('account').textContent(), 'acc-paul');
      const visited: string[] = [];
      page.on('request', (r) => r.isNavigationRequest() && visited.push(r.url()));
      await signOut(page, host);
      assert.ok(
        visited.some((u) => u.startsWith(`${host.psc.issuer}/protocol/openid-connect/logout`)),
        'sign-out ends the Pro Santé Connect session too',
      );

      // the e-CPS approval in the page: already linked, straight home
      await page.goto(host.url('/connexion'));
      await waitScreen(page, 'chooser');
      await page.getByRole('button', { name: /PRO SANTÉ CONNECT/i }).click();
      await waitScreen(page, 'ciba-identifier');
      await page.getByLabel('Identifiant national (RPPS)').fill(CLAIRE);
      await page.getByRole('button', { name: 'Envoyer la demande sur mon téléphone' }).click();
      await waitScreen(page, 'ciba-waiting');
      if (full) await expectAxeClean(page, 'e-CPS approval');
      await Promise.all([
        page.waitForURL('**/accueil', { timeout: 30_000 }),
        answerOnPhone(context, host.psc.phoneUrl(CLAIRE)),
      ]);
      assert.equal(await page.getByTestId('account').textContent(), 'acc-paul');
      await signOut(page, host);
      assert.deepEqual(errors, []);
      await context.close();
    });

    if (full)
      it('the first-connection page without a pending identity sends to sign-in', STEP, async () => {
        const context = await browser.newContext();
        const page = await context.newPage();
        await Promise.all([page.waitForURL('**/connexion'), page.goto(host.url('/premiere-connexion'))]);
        await context.close();
      });
  });
}

journey('node', true);
journey('express', false);
journey('fastify', false);
journey('hono', false);
