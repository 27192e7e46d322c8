/**
 * The sign-in journey with the physical CPS card, as a professional does it in Chromium against the demo host, the
 * card agent (SoftHSM2 test card, or the virtual card) and the host's verification: first connection (account link),
 * second connection straight in, a wrong PIN then the right one, the whole journey with the keyboard alone, the agent
 * not running, and a card locked after three wrong PINs. axe-core on every screen reached.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { startSignInStack } from '../testing/sign-in-stack.js';
import { expectAxeClean, pageErrors, shadowText, signInSuite, waitScreen, waitShadowText } from './steps.js';

const PIN = '1234';

async function screenOf(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (document.querySelector('af-login') as unknown as { screen?: string } | null)?.screen);
}

async function tabTo(page: Page, isTarget: () => Promise<boolean>, what: string, max = 20) {
  for (let i = 0; i < max; i++) {
    if (await isTarget()) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`${what} is not reachable with Tab`);
}

/** Whether the deepest focused element (through shadow roots) matches `selector`. */
function deepFocusIs(page: Page, selector: string) {
  return () =>
    page.evaluate((sel) => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return !!el?.matches(sel);
    }, selector);
}

/** No step of a journey may hang the suite. */
const STEP = { timeout: 90_000 };

describe('sign-in with the CPS card (demo host + card agent + Chromium)', () => {
  const suite = signInSuite({ lockout: { maxFailures: 3 } });

  async function openSignIn(context?: BrowserContext): Promise<{ context: BrowserContext; page: Page }> {
    const ctx = context ?? (await suite.browser.newContext());
    const page = await ctx.newPage();
    await page.goto(suite.stack.url('/connexion'));
    await waitScreen(page, 'chooser');
    return { context: ctx, page };
  }

  async function cardToPin(page: Page) {
    await page.getByRole('button', { name: 'S’identifier par carte CPS' }).click();
    await waitScreen(page, 'pin');
  }

  async function submitPin(page: Page, pin: string) {
    await page.getByLabel('Code porteur (4 chiffres)').fill(pin);
    await page.getByRole('button', { name: 'Valider' }).click();
  }

  it('/accueil without a session sends to /connexion, which is axe-clean', STEP, async () => {
    const { context, page } = await suite.newPage();
    const response = await page.goto(suite.stack.url('/accueil'));
    assert.equal(new URL(response!.url()).pathname, '/connexion');
    await waitScreen(page, 'chooser');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Se connecter');
    await expectAxeClean(page, 'chooser');
    await context.close();
  });

  it(
    'first connection: card, PIN, link with marie.dupont, signed in; then a second connection without the link',
    STEP,
    async () => {
      const { context, page } = await openSignIn();
      const errors = pageErrors(page);
      await cardToPin(page);
      const text = ((await page.locator('af-login').textContent()) ?? '') + (await shadowText(page));
      assert.match(text, /MARTIN-TEST/, 'the holder read from the card is shown');
      await expectAxeClean(page, 'PIN');
      await Promise.all([page.waitForURL('**/espace-professionnel'), submitPin(page, PIN)]);
      const link = page.locator('af-account-link:not([hidden])');
      await link.waitFor();
      assert.match((await link.locator('[part="panel"]').textContent()) ?? '', /MARTIN-TEST/);
      await expectAxeClean(page, 'account link');
      await page.getByLabel('Nom d’utilisateur').fill('marie.dupont');
      await page.getByLabel('Mot de passe').fill('Trajectoire-2026');
      await Promise.all([page.waitForURL('**/accueil'), page.getByRole('button', { name: 'Se connecter' }).click()]);
      assert.match((await page.locator('h1').textContent()) ?? '', /Bonjour Marie Dupont/);
      const nationalId = suite.stack.agent!.cards[0]!.nationalId;
      assert.match((await page.getByTestId('linked-identity').textContent()) ?? '', new RegExp(nationalId));
      await expectAxeClean(page, 'signed-in home');
      await Promise.all([
        page.waitForURL(suite.stack.url('/deconnecte.html')),
        page.getByRole('button', { name: 'Se déconnecter' }).click(),
      ]);
      // the sign-out is confirmed
      assert.equal(await page.locator('h1').textContent(), 'Vous êtes déconnecté(e)');

      // second connection: the card alone signs in
      await page.goto(suite.stack.url('/connexion'));
      await waitScreen(page, 'chooser');
      await cardToPin(page);
      await Promise.all([page.waitForURL('**/accueil'), submitPin(page, PIN)]);
      assert.match((await page.locator('h1').textContent()) ?? '', /Bonjour Marie Dupont/);
      assert.deepEqual(errors, []);
      await context.close();
    },
  );

  it('a wrong PIN (tries left shown), then the right one', STEP, async () => {
    const { context, page } = await openSignIn();
    await cardToPin(page);
    await submitPin(page, '0000');
    await page.waitForFunction(() => {
      const el = document.querySelector('af-login') as unknown as { screen?: string; shadowRoot: ShadowRoot };
      return el.screen === 'pin' && /incorrect/i.test(el.shadowRoot.textContent ?? '');
    });
    const shadow = await shadowText(page);
    assert.match(shadow, /Code porteur incorrect\./);
    const screenText = await page
      .locator('af-login')
      .evaluate((el) => el.shadowRoot?.querySelector('[part="screen"]')?.textContent ?? '');
    assert.equal(screenText.split('Il vous reste 2 tentatives').length - 1, 1, 'the tries left are printed once');
    assert.equal(await page.getByLabel('Code porteur (4 chiffres)').inputValue(), '', 'the field is emptied');
    await expectAxeClean(page, 'wrong PIN');
    await Promise.all([page.waitForURL('**/accueil'), submitPin(page, PIN)]);
    await context.close();
  });

  it('the whole card journey with the keyboard alone: card, PIN, account link, home, sign-out', STEP, async () => {
    // start from a first connection again (as if the link had been removed by the host's administrator)
    suite.stack.host.app.store.db.prepare('DELETE FROM identity_links').run();
    const { context, page } = await suite.newPage();
    await page.goto(suite.stack.url('/connexion'));
    await waitScreen(page, 'chooser');
    // the skip link first
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Aller au contenu');
    await tabTo(page, deepFocusIs(page, '[part~="card-button"]'), 'the card button');
    await page.keyboard.press('Enter');
    await waitScreen(page, 'pin');
    await tabTo(page, deepFocusIs(page, 'input[type="password"]'), 'the PIN field');
    await page.keyboard.type(PIN);
    await Promise.all([page.waitForURL('**/espace-professionnel'), page.keyboard.press('Enter')]);
    await page.locator('af-account-link:not([hidden])').waitFor();
    await tabTo(page, deepFocusIs(page, 'input[name="username"]'), 'the username field');
    await page.keyboard.type('marie.dupont');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Trajectoire-2026');
    await Promise.all([page.waitForURL('**/accueil'), page.keyboard.press('Enter')]);
    assert.match((await page.locator('h1').textContent()) ?? '', /Bonjour Marie Dupont/);
    await tabTo(
      page,
      async () => page.evaluate(() => document.activeElement?.textContent === 'Se déconnecter'),
      'sign-out',
    );
    await Promise.all([page.waitForURL(suite.stack.url('/deconnecte.html')), page.keyboard.press('Enter')]);
    await context.close();
  });

  it('the agent not running: the "not installed" diagnostic, axe-clean, and a way back', STEP, async () => {
    const other = await startSignInStack({ agent: false });
    const context = await suite.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(other.url('/connexion'));
      await waitScreen(page, 'chooser');
      await page.getByRole('button', { name: 'S’identifier par carte CPS' }).click();
      await waitScreen(page, 'error');
      const shadow = await shadowText(page);
      assert.match(shadow, /Le logiciel de lecture de carte ne répond pas/);
      await expectAxeClean(page, 'agent not installed');
      await page.getByRole('button', { name: 'Choisir un autre moyen' }).click();
      await waitScreen(page, 'chooser');
    } finally {
      await context.close();
      await other.close();
    }
  });

  // the tries are counted by the agent (the card's own PIN counter)
  it('three wrong PINs lock the card: final-try confirmation, then the locked screen', STEP, async () => {
    const { context, page } = await openSignIn();
    await cardToPin(page);
    await submitPin(page, '0000');
    await waitShadowText(page, /2 tentatives/);
    await submitPin(page, '0000');
    // the final try: a warning and a confirmation to tick
    await waitShadowText(page, /dernière tentative/i);
    await expectAxeClean(page, 'final try');
    // not confirmed: the PIN was not sent, it stays in the field and the focus goes to the box
    await submitPin(page, '0000');
    const box = page.getByLabel('Je confirme vouloir utiliser ma dernière tentative');
    await page.waitForFunction(
      () => document.querySelector('af-login')?.shadowRoot?.activeElement?.getAttribute('name') === 'confirm-final-try',
    );
    assert.equal(await page.getByLabel('Code porteur (4 chiffres)').inputValue(), '0000', 'the PIN is kept');
    await box.check();
    await page.getByRole('button', { name: 'Valider' }).click();
    await waitScreen(page, 'pin-locked');
    const shadow = await shadowText(page);
    assert.match(shadow, /Votre carte est bloquée/);
    await expectAxeClean(page, 'locked card');
    // a new attempt goes straight to the locked screen (the agent reports the card's PIN status)
    await page.goto(suite.stack.url('/connexion'));
    await waitScreen(page, 'chooser');
    await page.getByRole('button', { name: 'S’identifier par carte CPS' }).click();
    await waitScreen(page, 'pin-locked');
    assert.notEqual(await screenOf(page), 'pin');
    await context.close();
  });
});
