/**
 * The sign-in journey with the e-CPS, in Chromium, against the demo host (PSC's confidential client on its server,
 * `createPscHandlers` with `onAuthenticated`) and the sandbox PSC: by redirect (approval on the simulated phone) and
 * in-page (CIBA, with the binding code checked on the phone), each a first connection (account link) then a second
 * one straight in; a refusal on the phone; wrong host credentials, then lockout. axe-core on every screen reached.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { answerOnPhone, expectAxeClean, pageErrors, shadowText, signInSuite, waitScreen } from './steps.js';

const MEDECIN = '899700366240'; // Claire DUBOIS
const INFIRMIERE = '899701000012'; // Sophie MARTIN
const PSYCHOLOGUE = '899701000020'; // Lucas BERNARD
const AIDE_SOIGNANTE = '899701000038'; // Nadia PETIT
const DIRECTEUR = '899701000046'; // Paul MOREAU (a CIBA request cancelled in the page stays on his phone)

/** No step of a journey may hang the suite. */
/** The PSC backend client's chunk (loaded by `<af-login server>` with `import()` once the e-CPS is chosen). */
const isPscClient = (path: string) => /^\/assets\/chunks\/backend-client-[\w-]+\.js$/.test(path);
const STEP = { timeout: 90_000 };

describe('sign-in with the e-CPS (demo host + sandbox PSC + Chromium)', () => {
  const suite = signInSuite({ agent: false, lockout: { maxFailures: 3 } });

  /** The sign-in page, Pro Santé Connect chosen: the in-page e-CPS form (CIBA is on in the demo). */
  async function choosePsc(page: Page) {
    await page.goto(suite.stack.url('/connexion'));
    await waitScreen(page, 'chooser');
    await page.getByRole('button', { name: 'S’identifier avec Pro Santé Connect' }).click();
    await waitScreen(page, 'ciba-identifier');
  }

  /** On PSC's page: the "Application e-CPS" tab, then approval (or refusal) on the simulated phone. */
  async function approveOnWalletPage(
    context: BrowserContext,
    page: Page,
    nationalId: string,
    action: 'Valider la connexion' | 'Refuser' = 'Valider la connexion',
  ) {
    await page.waitForURL(`${suite.stack.psc.walletUrl}/interaction/**`);
    await page.getByRole('link', { name: 'Application e-CPS' }).click();
    await page.getByLabel('Identifiant national (8 suivi du numéro RPPS)').fill(nationalId);
    await page.getByRole('button', { name: 'Envoyer la demande à mon téléphone' }).click();
    await page.getByRole('heading', { name: 'Validez sur votre téléphone' }).waitFor();
    await answerOnPhone(context, suite.stack.psc.phoneUrl(nationalId), action);
  }

  /** In <af-login>: the e-CPS path, the identifier typed, the request sent to the phone; waits for the binding code. */
  async function startCiba(page: Page, nationalId: string) {
    await choosePsc(page);
    await page.getByLabel('Identifiant national (RPPS)').fill(nationalId);
    await page.getByRole('button', { name: 'Envoyer la demande sur mon téléphone' }).click();
    await waitScreen(page, 'ciba-waiting');
  }

  async function redirectSignIn(context: BrowserContext, page: Page, nationalId: string) {
    await choosePsc(page);
    await page.getByRole('button', { name: 'Utiliser plutôt la page Pro Santé Connect' }).click();
    // the sign-out ended PSC's own session and the demo asks for a fresh authentication (shared workstation):
    // PSC's page comes back every time (the page is still on /connexion when the click happens: not a match)
    await page.waitForURL(/\/interaction\/|\/accueil|\/espace-professionnel/);
    if (page.url().includes('/interaction/')) await approveOnWalletPage(context, page, nationalId);
  }

  async function link(page: Page, username: string, password = 'Trajectoire-2026') {
    await page.locator('af-account-link:not([hidden])').waitFor();
    await page.getByLabel('Nom d’utilisateur').fill(username);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  async function signOut(page: Page) {
    await Promise.all([
      page.waitForURL(suite.stack.url('/deconnecte.html')),
      page.getByRole('button', { name: 'Se déconnecter' }).click(),
    ]);
    assert.equal(await page.locator('h1').textContent(), 'Vous êtes déconnecté(e)');
  }

  it(
    'PSC by redirect: first connection (link with marie.dupont), then a second connection without the link',
    STEP,
    async () => {
      const { context, page } = await suite.newPage();
      const errors = pageErrors(page);
      const scripts: string[] = [];
      page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));

      await choosePsc(page);
      await expectAxeClean(page, 'e-CPS identifier');
      await page.getByRole('button', { name: 'Utiliser plutôt la page Pro Santé Connect' }).click();
      await approveOnWalletPage(context, page, MEDECIN);
      assert.ok(scripts.some(isPscClient), `the PSC client loads on the e-CPS path: ${scripts.join(' ')}`);
      await page.waitForURL('**/espace-professionnel');
      assert.match((await page.locator('af-account-link [part="panel"]').textContent()) ?? '', /Claire DUBOIS/i);
      await expectAxeClean(page, 'account link after PSC');
      await Promise.all([page.waitForURL('**/accueil'), link(page, 'marie.dupont')]);
      assert.match((await page.locator('h1').textContent()) ?? '', /Bonjour Marie Dupont/);
      assert.match((await page.getByTestId('linked-identity').textContent()) ?? '', new RegExp(MEDECIN));
      // the practices PSC gave: her two exercices, with the places of the first
      const practices = page.getByTestId('practices').getByRole('listitem');
      assert.equal(await practices.count(), 2);
      assert.match((await practices.first().textContent()) ?? '', /Médecin/);
      await expectAxeClean(page, 'signed-in home with practices');
      await signOut(page);

      // second connection: PSC asks again (the sign-out ended its session too), then straight in
      await redirectSignIn(context, page, MEDECIN);
      await page.waitForURL('**/accueil');
      assert.match((await page.locator('h1').textContent()) ?? '', /Bonjour Marie Dupont/);
      assert.deepEqual(errors, []);
      await context.close();
    },
  );

  it('the chooser loads no PSC code before the e-CPS is chosen', STEP, async () => {
    const { context, page } = await suite.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    await page.goto(suite.stack.url('/connexion'));
    await waitScreen(page, 'chooser');
    // the loader and the chunks of <af-login>, no page script of its own (none at all), nothing of PSC
    assert.equal(scripts[0], '/assets/authforte.js');
    assert.deepEqual(
      scripts.filter((p) => !p.startsWith('/assets/')),
      [],
    );
    assert.deepEqual(scripts.filter(isPscClient), [], 'no PSC client before the e-CPS is chosen');
    await context.close();
  });

  it(
    'CIBA: the binding code on the page and on the phone, first connection (link with paul.martin), then straight in',
    STEP,
    async () => {
      const { context, page } = await suite.newPage();
      for (const round of ['first', 'second']) {
        await startCiba(page, INFIRMIERE);
        const code = (await page.locator('af-login').locator('[part="binding-code"]').textContent())?.trim();
        assert.match(code ?? '', /^\d{2}$/);
        if (round === 'first') await expectAxeClean(page, 'CIBA waiting');
        const phone = await context.newPage();
        await phone.goto(suite.stack.psc.phoneUrl(INFIRMIERE));
        assert.equal((await phone.locator('[data-binding]').first().textContent())?.trim(), code, 'same code');
        await phone.getByRole('button', { name: 'Valider la connexion' }).first().click();
        await phone.getByRole('status').waitFor();
        await phone.close();
        if (round === 'first') {
          await page.waitForURL('**/espace-professionnel', { timeout: 20_000 });
          await Promise.all([page.waitForURL('**/accueil'), link(page, 'paul.martin')]);
        } else {
          await page.waitForURL('**/accueil', { timeout: 20_000 });
        }
        assert.match((await page.locator('h1').textContent()) ?? '', /Bonjour Paul Martin/);
        await signOut(page);
      }
      await context.close();
    },
  );

  it('PSC in a popup: approved in PSC’s window, the page goes on to the first connection', STEP, async () => {
    const { context, page } = await suite.newPage();
    await page.goto(suite.stack.url('/connexion'));
    await waitScreen(page, 'chooser');
    await page.evaluate(() => {
      const login = document.querySelector('af-login') as unknown as { pscMode: string; ciba: boolean };
      login.pscMode = 'popup';
      login.ciba = false;
    });
    const popupPromise = context.waitForEvent('page');
    await page.getByRole('button', { name: 'S’identifier avec Pro Santé Connect' }).click();
    const popup = await popupPromise;
    await approveOnWalletPage(context, popup, AIDE_SOIGNANTE);
    await page.waitForURL('**/espace-professionnel', { timeout: 20_000 });
    assert.match((await page.locator('af-account-link [part="panel"]').textContent()) ?? '', /Nadia PETIT/i);
    await context.close();
  });

  it('CIBA cancelled while waiting for the phone (Escape): back on the chooser', STEP, async () => {
    const { context, page } = await suite.newPage();
    await startCiba(page, DIRECTEUR);
    await page.keyboard.press('Escape');
    await waitScreen(page, 'chooser');
    assert.match(await shadowText(page), /Connexion annulée/);
    await expectAxeClean(page, 'cancelled');
    await context.close();
  });

  it('a refusal on the phone: "Connexion refusée" and a way back', STEP, async () => {
    const { context, page } = await suite.newPage();
    await startCiba(page, PSYCHOLOGUE);
    await answerOnPhone(context, suite.stack.psc.phoneUrl(PSYCHOLOGUE), 'Refuser');
    await waitScreen(page, 'error');
    assert.match(await shadowText(page), /Connexion refusée/);
    await expectAxeClean(page, 'PSC refused');
    await page.getByRole('button', { name: 'Choisir un autre moyen' }).click();
    await waitScreen(page, 'chooser');

    // refused on PSC's own page (redirect): back on the sign-in page with the same message
    await choosePsc(page);
    await page.getByRole('button', { name: 'Utiliser plutôt la page Pro Santé Connect' }).click();
    await approveOnWalletPage(context, page, PSYCHOLOGUE, 'Refuser');
    await page.waitForURL(/\/connexion\?.*psc_error=/);
    await waitScreen(page, 'error');
    assert.match(await shadowText(page), /Connexion refusée/);
    await context.close();
  });

  it('an identifier PSC does not know: "no active e‑CPS", how to activate one, the identifier kept', STEP, async () => {
    const { context, page } = await suite.newPage();
    await choosePsc(page);
    const unknown = '810009999999';
    await page.getByLabel('Identifiant national (RPPS)').fill(unknown);
    await page.getByRole('button', { name: 'Envoyer la demande sur mon téléphone' }).click();
    await waitScreen(page, 'error');
    const text = await shadowText(page);
    assert.match(text, /Aucune e\u2011CPS active pour cet identifiant/);
    assert.match(text, /activez d’abord votre e-CPS/);
    assert.doesNotMatch(text, /n’a pas pu être utilisée/);
    await expectAxeClean(page, 'unknown identifier');
    assert.equal(
      await page
        .locator('af-login')
        .evaluate((el) => el.shadowRoot?.querySelector('a[href="/activation.html"]')?.textContent),
      'Activer mon e-CPS',
    );
    await page.getByRole('button', { name: 'Corriger l’identifiant' }).click();
    await waitScreen(page, 'ciba-identifier');
    assert.equal(await page.getByLabel('Identifiant national (RPPS)').inputValue(), unknown, 'the identifier is kept');
    await context.close();
  });

  it('wrong host credentials: generic message; then lockout said once', STEP, async () => {
    const { context, page } = await suite.newPage();
    await startCiba(page, PSYCHOLOGUE);
    await answerOnPhone(context, suite.stack.psc.phoneUrl(PSYCHOLOGUE));
    await page.waitForURL('**/espace-professionnel', { timeout: 20_000 });
    const summary = page.locator('.af-link-summary');
    await link(page, 'paul.martin', 'pas-le-bon');
    await summary.waitFor();
    assert.match((await summary.textContent()) ?? '', /Nom d’utilisateur ou mot de passe incorrect/);
    await expectAxeClean(page, 'wrong credentials');
    for (const password of ['encore-faux', 'toujours-faux']) {
      await page.getByLabel('Mot de passe').fill(password);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/authforte/account-link') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Se connecter' }).click(),
      ]);
    }
    await page.waitForFunction(
      () => (document.querySelector('af-account-link') as unknown as { state: string }).state === 'locked',
    );
    const locked = ((await summary.textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(locked, /Connexion temporairement bloquée/);
    assert.match(locked, /la liaison de votre compte est bloquée\. Vous pourrez réessayer dans 15 minutes\./);
    await expectAxeClean(page, 'locked');
    assert.equal(suite.stack.host.app.findAccountByNationalId(PSYCHOLOGUE), undefined);
    await context.close();
  });
});
