/**
 * First connection on the demo host, as a person does it in Chromium: an identity proved by card / PSC waits in
 * the kit's session (planted here in the kit's store, as the kit leaves it after a proof of an unlinked identity), the
 * professional links it to their account with the keyboard alone and lands signed in; wrong credentials, then
 * lockout. axe-core on every screen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations, describeViolations, launchChromium } from '@authforte/test-kit/browser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type DemoHost, startDemoHost } from '../demo/server.js';
import { KIT_SESSION_COOKIE, plantPendingIdentity } from '../testing/kit-session.js';
import { pageErrors } from './steps.js';

const MARIE = { nationalId: '899700540003', displayName: 'MARIE ASSISTDELCS170540003', source: 'card' as const };

describe('demo host: first connection (account link)', () => {
  let host: DemoHost;
  let browser: Browser;

  before(async () => {
    host = await startDemoHost({ port: 0, database: ':memory:', lockout: { maxFailures: 3 }, minFailureMs: 0 });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await host?.close();
  });

  async function expectAxeClean(page: Page, state: string) {
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `${state}:\n${describeViolations(violations)}`);
  }

  /** Opens the link page, then puts `identity` in that browser's session as a verified card proof would. */
  async function openWithPendingIdentity(identity = MARIE): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(new URL('/espace-professionnel', host.url).href);
    await page.locator('#none').waitFor();
    await expectAxeClean(page, 'no pending identity');
    assert.equal(await page.locator('af-account-link, form').count(), 0, 'nothing to link: no form');
    // as the kit does after a proof: a new session holding the identity, the browser gets its id
    const pending = await plantPendingIdentity(host.app.kitStore, identity);
    await context.addCookies([
      { name: KIT_SESSION_COOKIE, value: pending.id, url: host.url, httpOnly: true, sameSite: 'Lax' },
    ]);
    await page.reload();
    await page.locator('af-account-link form').waitFor();
    return { context, page };
  }

  async function tabTo(page: Page, selector: string, max = 12) {
    const target = page.locator(selector);
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    assert.fail(`${selector} is not reachable with Tab`);
  }

  it('links the card identity with the keyboard alone and lands signed in; then signs out', async () => {
    const { context, page } = await openWithPendingIdentity();
    const plantedId = (await context.cookies()).find((c) => c.name === KIT_SESSION_COOKIE)?.value;
    const errors = pageErrors(page);
    const link = page.locator('af-account-link');
    const text = ((await link.locator('[part="panel"]').textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(text, /Espace professionnel/);
    assert.match(
      text,
      /Vous êtes un professionnel en établissement et vous avez déjà un compte Trajectoire Démo\. Authentifiez-vous avec vos identifiants habituels de Trajectoire Démo\./,
    );
    assert.match(text, /MARIE ASSISTDELCS170540003/);
    assert.match(text, /899700540003 \(lu sur votre carte CPS\)/);
    await expectAxeClean(page, 'link form');

    // the inputs are native and in the page's DOM, where password managers look
    const username = page.getByLabel('Nom d’utilisateur');
    const password = page.getByLabel('Mot de passe');
    assert.equal(await username.getAttribute('autocomplete'), 'username');
    assert.equal(await password.getAttribute('autocomplete'), 'current-password');
    assert.equal(
      await password.evaluate((el) => el.getRootNode() === document && !!(el as HTMLInputElement).form),
      true,
    );

    await tabTo(page, 'input[name="username"]');
    await page.keyboard.type('marie.dupont');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Trajectoire-2026');
    await Promise.all([page.waitForURL('**/accueil'), page.keyboard.press('Enter')]);
    assert.match((await page.locator('h1').textContent()) ?? '', /Bonjour Marie Dupont/);
    assert.match((await page.getByTestId('linked-identity').textContent()) ?? '', /MARIE ASSISTDELCS170540003/);
    await expectAxeClean(page, 'signed-in home');
    assert.equal(host.app.findAccountByNationalId(MARIE.nationalId)?.username, 'marie.dupont');
    const cookie = (await context.cookies()).find((c) => c.name === KIT_SESSION_COOKIE);
    assert.ok(cookie, 'signed in on a session of the kit');
    assert.notEqual(cookie.value, plantedId, 'a new session id once linked');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');

    await tabTo(page, 'button[type="submit"]');
    await Promise.all([page.waitForURL('**/deconnecte.html'), page.keyboard.press('Enter')]);
    assert.equal(await page.locator('h1').textContent(), 'Vous êtes déconnecté(e)');
    await expectAxeClean(page, 'signed out');
    const home = await page.goto(new URL('/accueil', host.url).href);
    assert.equal(new URL(home!.url()).pathname, '/connexion', 'signed out: the home page sends to the sign-in page');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('"Ce n’est pas moi : annuler" drops the pending identity and says the session is closed', async () => {
    const { context, page } = await openWithPendingIdentity({ ...MARIE, nationalId: '899700000029' });
    await Promise.all([
      page.waitForURL('**/deconnecte.html'),
      page.getByRole('button', { name: 'Ce n’est pas moi : annuler' }).click(),
    ]);
    assert.equal(await page.locator('h1').textContent(), 'Vous êtes déconnecté(e)');
    await page.goto(new URL('/espace-professionnel', host.url).href);
    await page.locator('#none').waitFor();
    assert.equal(host.app.findAccountByNationalId('899700000029'), undefined);
    await context.close();
  });

  it('wrong credentials: generic message, password cleared, username kept; then lockout said once', async () => {
    const { context, page } = await openWithPendingIdentity({ ...MARIE, nationalId: '899700000011' });
    const username = page.locator('input[name="username"]');
    const password = page.locator('input[name="password"]');
    const summary = page.locator('.af-link-summary');

    await tabTo(page, 'input[name="username"]');
    await page.keyboard.type('paul.martin');
    await page.keyboard.press('Tab');
    await page.keyboard.type('pas-le-bon');
    await page.keyboard.press('Enter');
    await summary.waitFor();
    assert.match((await summary.textContent()) ?? '', /Nom d’utilisateur ou mot de passe incorrect/);
    assert.equal(await password.inputValue(), '');
    assert.equal(await username.inputValue(), 'paul.martin');
    assert.equal(await summary.evaluate((el) => el === document.activeElement), true, 'focus on the summary');
    await expectAxeClean(page, 'wrong credentials');

    // an unknown user gets exactly the same message
    await username.fill('personne.inconnue');
    await password.focus();
    await page.keyboard.type('pas-le-bon');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => (document.querySelector('af-account-link') as unknown as { state: string }).state === 'failed',
    );
    assert.match((await summary.textContent()) ?? '', /Nom d’utilisateur ou mot de passe incorrect/);

    // the third failure for this identity locks
    await password.focus();
    await page.keyboard.type('encore-faux');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => (document.querySelector('af-account-link') as unknown as { state: string }).state === 'locked',
    );
    const locked = ((await summary.textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(locked, /Connexion temporairement bloquée/);
    assert.match(locked, /Trop de tentatives : par sécurité, la liaison de votre compte est bloquée\./);
    assert.equal(locked.split('15 minutes').length - 1, 1, `the delay is said once: ${locked}`);
    assert.equal(await page.locator('af-account-link button[type="submit"]').getAttribute('aria-disabled'), 'true');
    await expectAxeClean(page, 'locked');

    // even the right password is refused while locked (the server says so too)
    const csrf = await page.evaluate(async () => (await (await fetch('/authforte/account-link')).json()).csrfToken);
    const res = await page.evaluate(async (token) => {
      const r = await fetch('/authforte/account-link', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
        body: JSON.stringify({ username: 'paul.martin', password: 'Trajectoire-2026' }),
      });
      return { status: r.status, retryAfter: r.headers.get('retry-after') };
    }, csrf);
    assert.equal(res.status, 429);
    assert.ok(Number(res.retryAfter) > 0);
    assert.equal(host.app.findAccountByNationalId('899700000011'), undefined);
    await context.close();
  });
});
