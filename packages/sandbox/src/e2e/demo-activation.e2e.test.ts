/**
 * The demo host's e-CPS activation page, as a person uses it: the script-tag bundle, the keyboard alone, a reload
 * in the middle, and axe-core on the way.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { demoHostSuite, expectAxeClean, pageErrors } from './steps.js';

describe('demo host: activate the e-CPS', () => {
  const demo = demoHostSuite();
  let page: Page;

  /** Text of the focused element, looking inside shadow roots. */
  function focusedText(): Promise<string> {
    return page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
  }

  /** Tabs until the focused element's text is `text`, then presses Enter. */
  async function activate(text: string) {
    for (let i = 0; i < 40 && (await focusedText()) !== text; i++) await page.keyboard.press('Tab');
    assert.equal(await focusedText(), text, `"${text}" is reachable with Tab`);
    await page.keyboard.press('Enter');
  }

  /** Text content, white space collapsed. */
  async function text(locator: Locator): Promise<string> {
    return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  const stepHeading = () => page.locator('af-ecps-activation').locator('[data-screen-heading]');

  it('takes a professional without a card through the activation with the keyboard, across a reload', async () => {
    page = await demo.browser.newPage();
    const errors = pageErrors(page);
    await page.goto(demo.host.url);
    // from the home page's menu
    await activate('Activer mon e-CPS');
    await page.waitForURL(/activation\.html$/);
    await page.waitForFunction(() => !!customElements.get('af-ecps-activation'));
    await expectAxeClean(page, 'first question');

    await activate('Non, je n’ai pas de carte');
    assert.match(await text(stepHeading()), /Étape 1 sur 8/);
    assert.match(await focusedText(), /Installez l’application e\u2011CPS/);
    await expectAxeClean(page, 'step 1');
    for (let i = 1; i < 5; i++) await activate('Étape suivante');
    assert.match(await text(stepHeading()), /Saisissez votre identifiant national/);

    // the RPPS number without its 8: refused
    const field = page.getByRole('textbox', { name: 'Vérifiez votre identifiant national avant de le saisir' });
    await field.focus();
    await page.keyboard.type('10100000008');
    await page.keyboard.press('Enter');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match(await text(stepHeading()), /Étape 5 sur 8/);
    await expectAxeClean(page, 'identifier error');
    await page.keyboard.press('Home');
    await page.keyboard.type('8');
    assert.equal(await field.getAttribute('aria-invalid'), 'false');
    await page.keyboard.press('Enter');
    assert.match(await text(stepHeading()), /Étape 6 sur 8/);

    // reload: back on step 6
    await page.reload();
    await page.waitForFunction(() => !!customElements.get('af-ecps-activation'));
    await stepHeading().waitFor();
    assert.match(await text(stepHeading()), /Étape 6 sur 8 : Ouvrez l’e-mail reçu/);

    // the e-mail arrived on the phone
    const onPhone = page.getByRole('radio', { name: 'Sur mon téléphone' });
    for (let i = 0; i < 40 && !(await onPhone.evaluate((el) => el.matches(':focus'))); i++)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    assert.match(await text(page.locator('af-ecps-activation').locator('.email-do')), /Démarrer l’activation/);
    await expectAxeClean(page, 'e-mail case');
    await activate('Étape suivante');
    await activate('Étape suivante');
    await activate('J’ai terminé');
    assert.equal(await text(stepHeading()), 'Votre e‑CPS est activée');
    assert.match(await text(page.locator('af-ecps-activation').locator('.help')), /assistance@demo\.invalid/);
    // the last screen links onwards to the host's sign-in page
    const onwards = page.getByRole('link', { name: 'Me connecter avec Pro Santé Connect' });
    assert.equal(await onwards.getAttribute('href'), '/connexion');
    await expectAxeClean(page, 'complete');

    // start again
    await activate('Recommencer');
    assert.equal(await text(stepHeading()), 'Avez-vous une carte CPS physique (carte CPx) ?');
    assert.deepEqual(errors, []);
  });

  it('shows the wallet site on the track with a card', async () => {
    page = await demo.browser.newPage();
    await page.goto(new URL('/activation.html', demo.host.url).href);
    await page.waitForFunction(() => !!customElements.get('af-ecps-activation'));
    await activate('Oui, j’ai une carte CPx');
    await activate('Étape suivante');
    const link = page.locator('af-ecps-activation').locator('.wallet a');
    assert.equal(await link.getAttribute('href'), 'https://wallet.esw.esante.gouv.fr');
    assert.match(await text(page.locator('af-ecps-activation').locator('[part="place"]')), /Sur votre ordinateur/);
  });
});
