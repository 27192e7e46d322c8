/**
 * The demo host's "find your profession" page, as a person uses it: the script-tag bundle, the keyboard alone,
 * and axe-core in each state.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoHostSuite, expectAxeClean, pageErrors } from './steps.js';

describe('demo host: find your profession', () => {
  const demo = demoHostSuite();
  let page: Page;

  it('loads the script-tag bundle and guides a nurse with the keyboard alone', async () => {
    page = await demo.browser.newPage();
    const errors = pageErrors(page);
    await page.goto(demo.host.url);
    await page.waitForFunction(() => !!customElements.get('af-profession-classifier'));
    await expectAxeClean(page, 'empty page');

    // Tab from the top of the page: skip link, the service's name (DSFR header), the menu's links, then the field
    const field = page.getByRole('combobox', { name: 'Votre profession' });
    for (let i = 0; i < 8 && !(await field.evaluate((el) => el.matches(':focus'))); i++)
      await page.keyboard.press('Tab');
    assert.ok(await field.evaluate((el) => el.matches(':focus')), 'the field is reachable with Tab');

    await page.keyboard.type('infirmiere');
    await page.getByRole('listbox').waitFor();
    assert.equal(await field.getAttribute('aria-expanded'), 'true');
    await expectAxeClean(page, 'suggestions open');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const result = page.locator('af-profession-classifier').locator('[part="result"]');
    await result.waitFor();
    const text = ((await result.textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(text, /Professionnels à ordre/);
    assert.match(text, /Ordre des infirmiers/);
    assert.match(text, /Carte CPS physique ou e-CPS/);
    // the demo configures a help contact
    assert.match(text, /assistance@demo\.invalid/);
    await expectAxeClean(page, 'result');
    assert.deepEqual(errors, []);
  });

  it('tells an aide-soignante that she registers on RPPS+ and gets the e-CPS only', async () => {
    page = await demo.browser.newPage();
    await page.goto(demo.host.url);
    const field = page.getByRole('combobox', { name: 'Votre profession' });
    await field.click();
    await page.keyboard.type('aide soignante');
    await page.getByRole('option').first().click();
    const result = page.locator('af-profession-classifier').locator('[part="result"]');
    const text = ((await result.textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(text, /Professionnels à rôle/);
    assert.match(text, /e-CPS uniquement/);
    assert.match(text, /FranceConnect/);
    assert.doesNotMatch(text, /Étudiant/, 'not proposed when the query does not say so');
    // the prerequisites are information (blue bar), and the next step links onwards
    const bar = await result.locator('.notice').evaluate((el) => getComputedStyle(el).borderLeftColor);
    assert.equal(bar, 'rgb(0, 0, 145)');
    await Promise.all([
      page.waitForURL('**/activation.html'),
      page.getByRole('link', { name: 'Activer mon e-CPS, étape par étape' }).click(),
    ]);
  });

  it('the loader loads English on demand; the classic script’s QR library is served next to it (lazy/)', async () => {
    page = await demo.browser.newPage();
    const errors = pageErrors(page);
    const lazy: string[] = [];
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (/^\/assets\/chunks\/strings\.en-[\w-]+\.js$/.test(path)) lazy.push(`${r.status()} english`);
    });
    await page.goto(demo.host.url);
    await page.getByRole('combobox', { name: 'Votre profession' }).waitFor();
    assert.equal(lazy.length, 0, 'nothing more before it is needed');
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
    await page.getByRole('combobox', { name: 'Your profession' }).waitFor();
    assert.ok(lazy.includes('200 english'), lazy.join(', '));
    // the QR library, in a page of its own
    const ok = await page.evaluate(async () => {
      const base = new URL('/assets/authforte.iife.js', location.href).href;
      const { encode } = await import(new URL('lazy/uqr.js', base).href);
      return encode('https://example.fr', { ecc: 'M' }).size > 0;
    });
    assert.equal(ok, true);
    assert.deepEqual(errors, []);
  });

  it('answers a path outside the site with 404 and never serves files above its folders', async () => {
    for (const path of ['/assets/..%2F..%2Fpackage.json', '/..%2Fpackage.json', '/..%2F..%2Fpackage.json.html']) {
      const res = await fetch(new URL(path, demo.host.url));
      assert.equal(res.status, 404, path);
    }
    const ok = await fetch(new URL('/assets/authforte.js', demo.host.url));
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('content-type') ?? '', /javascript/);
  });
});
