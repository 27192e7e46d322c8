/**
 * Every shape of professional real Pro Santé Connect answers with signs in to the demo host through <af-login>, by
 * redirect and in the page (CIBA), in Chromium against the sandbox PSC: RPPS médecin with two practices, ADELI,
 * a BAS EDIT identity `ANS…`, CPE staff `3` + FINESS + `/` + id with an empty profession code, RPPS+ roles. The first
 * connection page shows their name and identifier; the host's PSC session carries their practices.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { answerOnPhone, signInSuite, waitScreen } from './steps.js';

const STEP = { timeout: 120_000 };

/** nationalId, the name shown, the practices' labels (empty: unclassified practice). */
const PROFESSIONALS: Array<[string, string, string[]]> = [
  ['899700366240', 'Claire DUBOIS', ['Médecin', 'Chirurgien-dentiste']],
  ['0319876543', 'Julie LAMBERT', ['Orthophoniste']],
  ['ANS20210107161422', 'Paul NOM', ['Médecin']],
  ['30B0168811/CPET00001', 'Camille SECRETARIAT', ['']],
  ['899701000038', 'Nadia PETIT', ['Aide-soignant']],
  ['899701000046', 'Paul MOREAU', ['Directeur d’ESMS']],
  ['899701000020', 'Lucas BERNARD', ['Psychologue']],
  ['899701000012', 'Sophie MARTIN', ['Infirmier']],
];

describe('every real shape of professional signs in through <af-login> (demo host + sandbox PSC)', () => {
  const suite = signInSuite({ agent: false });

  async function choosePsc(page: Page) {
    await page.goto(suite.stack.url('/connexion'));
    await waitScreen(page, 'chooser');
    await page.getByRole('button', { name: /PRO SANTÉ CONNECT/i }).click();
    await waitScreen(page, 'ciba-identifier');
  }

  /** The first-connection page: name and identifier shown; the PSC session's practices. */
  async function expectSignedIn(page: Page, nationalId: string, name: string, labels: string[]) {
    await page.waitForURL('**/espace-professionnel', { timeout: 20_000 });
    const panel = page.locator('af-account-link [part="identity"]');
    await panel.waitFor();
    assert.match((await panel.locator('.identity-name').textContent()) ?? '', new RegExp(name, 'i'));
    assert.equal((await panel.locator('.identity-id').textContent())?.trim().split(/\s/)[0], nationalId);
    const session = await page.evaluate(async () => (await fetch('/authforte/psc/session')).json());
    const identity = (
      session as {
        identity: {
          nationalId: string;
          practices: Array<{ label: string; classification: { profession: { label: string } } | null }>;
        };
      }
    ).identity;
    assert.equal(identity.nationalId, nationalId);
    assert.deepEqual(
      identity.practices.map((p) => (p.classification?.profession.label ?? p.label).replace("'", '’')),
      labels,
    );
  }

  for (const [nationalId, name, labels] of PROFESSIONALS) {
    it(`${nationalId} (${name}): in the page (CIBA), then by redirect`, STEP, async () => {
      {
        const context = await suite.browser.newContext();
        const page = await context.newPage();
        await choosePsc(page);
        await page.getByLabel('Identifiant national (RPPS)').fill(nationalId);
        await page.getByRole('button', { name: 'Envoyer la demande sur mon téléphone' }).click();
        await waitScreen(page, 'ciba-waiting');
        await answerOnPhone(context, suite.stack.psc.phoneUrl(nationalId));
        await expectSignedIn(page, nationalId, name, labels);
        await context.close();
      }
      {
        const context = await suite.browser.newContext();
        const page = await context.newPage();
        await choosePsc(page);
        await page.getByRole('button', { name: 'Utiliser plutôt la page Pro Santé Connect' }).click();
        await page.waitForURL(`${suite.stack.psc.walletUrl}/interaction/**`);
        await page.getByRole('link', { name: 'Application e-CPS' }).click();
        await page.getByLabel('Identifiant national (8 suivi du numéro RPPS)').fill(nationalId);
        await page.getByRole('button', { name: 'Envoyer la demande à mon téléphone' }).click();
        await page.getByRole('heading', { name: 'Validez sur votre téléphone' }).waitFor();
        await answerOnPhone(context, suite.stack.psc.phoneUrl(nationalId));
        await expectSignedIn(page, nationalId, name, labels);
        await context.close();
      }
    });
  }

  it('an expired e-CPS: “Aucune e‑CPS active”, then back to the field with what was typed', STEP, async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await choosePsc(page);
    const field = page.getByLabel('Identifiant national (RPPS)');
    await field.fill('899701000053');
    await page.getByRole('button', { name: 'Envoyer la demande sur mon téléphone' }).click();
    await waitScreen(page, 'error');
    const text = await page.locator('af-login').evaluate((el) => el.shadowRoot?.textContent ?? '');
    assert.match(text, /Aucune e\u2011CPS active pour cet identifiant/);
    assert.match(text, /activez d’abord votre e-CPS/);
    await page.getByRole('button', { name: 'Corriger l’identifiant' }).click();
    await waitScreen(page, 'ciba-identifier');
    assert.equal(await page.getByLabel('Identifiant national (RPPS)').inputValue(), '899701000053');
    await context.close();
  });
});
