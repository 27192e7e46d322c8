/**
 * Each kind of test card against the demo host, in Chromium, as a professional sees it: the card is swapped in the
 * reader (SoftHSM2 token, or the virtual card), the PIN screen shows the holder, the profession and the card type
 * read from the certificate, and the host's verification (test IGC-Santé trust preset, revocation fail-closed
 * against the sandbox's `openssl ocsp` responder) lets them in — or refuses the revoked card and the software
 * certificate with their own message. axe-clean on the refusals.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { axeViolations, describeViolations } from '@authforte/test-kit/browser';
import type { Page } from 'playwright-core';
import { shadowText, signInSuite, waitScreen } from './steps.js';

const PIN = '1234';
const STEP = { timeout: 90_000 };

describe('every test card type signs in; the revoked card and the software certificate are refused', () => {
  const suite = signInSuite({ cards: ['medecin'] });

  /** Puts this card alone in the reader, opens the sign-in page and goes to the PIN screen. */
  async function withCard(id: string): Promise<Page> {
    await suite.stack.agent!.replaceCards([id]);
    const { page } = await suite.newPage();
    await page.goto(suite.stack.url('/connexion'));
    await waitScreen(page, 'chooser');
    const serial = suite.stack.agent!.cards[0]!.serial;
    await page.getByRole('button', { name: 'S’identifier par carte CPS' }).click();
    await waitScreen(page, 'pin');
    // the reader shows the card just inserted, not the previous one
    await page.waitForFunction(
      (familyName) =>
        (document.querySelector('af-login')?.shadowRoot?.textContent ?? '').includes(familyName as string),
      suite.stack.agent!.cards[0]!.familyName,
      { timeout: 20_000 },
    );
    assert.ok(serial);
    return page;
  }

  async function submitPin(page: Page) {
    await page.getByLabel('Code porteur (4 chiffres)').fill(PIN);
    await page.getByRole('button', { name: 'Valider' }).click();
  }

  const accepted: Array<[id: string, cardType: RegExp, profession: string]> = [
    ['medecin', /CPS — carte de professionnel de santé/, 'Médecin'],
    ['infirmiere', /CPS — carte de professionnel de santé/, 'Infirmier'],
    ['etudiant', /CPF — carte de professionnel en formation/, 'Médecin'],
    ['secretaire', /CPE — carte de personnel d’établissement/, 'Personnel santé ou social'],
    ['directeur', /CPA — carte de personnel autorisé/, 'Personnel autorisé'],
  ];
  for (const [id, cardType, profession] of accepted) {
    it(`${id}: holder, profession and card type shown, then signed in`, STEP, async () => {
      const page = await withCard(id);
      const card = suite.stack.agent!.cards[0]!;
      const text = await shadowText(page);
      assert.match(text, new RegExp(`${card.givenName} ${card.familyName}`));
      assert.match(text, cardType);
      assert.ok(text.includes(profession), `profession "${profession}" shown in: ${text}`);
      await Promise.all([page.waitForURL('**/espace-professionnel'), submitPin(page)]);
      const panel = page.locator('af-account-link:not([hidden]) [part="panel"]');
      await panel.waitFor();
      const shown = (await panel.textContent()) ?? '';
      assert.match(shown, new RegExp(card.familyName));
      assert.ok(shown.includes(card.nationalId), `national id ${card.nationalId} shown in: ${shown}`);
      await page.context().close();
    });
  }

  const refused: Array<[id: string, title: string, text: RegExp]> = [
    ['revoquee', 'Carte révoquée', /a été révoquée/],
    ['logiciel', 'Certificat non accepté', /n’est pas celui d’une carte CPS/],
  ];
  for (const [id, title, text] of refused) {
    it(`${id}: refused with its own message, axe-clean`, STEP, async () => {
      const page = await withCard(id);
      await submitPin(page);
      await waitScreen(page, 'error');
      const shown = await shadowText(page);
      assert.ok(shown.includes(title), `"${title}" in: ${shown}`);
      assert.match(shown, text);
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, describeViolations(violations));
      assert.equal(new URL(page.url()).pathname, '/connexion', 'not signed in');
      await page.context().close();
    });
  }
});
