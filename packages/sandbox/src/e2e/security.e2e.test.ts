/**
 * The demo host attacked from a browser (Debian's Chromium): framed by another site (clickjacking of the PIN
 * screen and of the link form), and every page under its strict Content-Security-Policy — no inline script, no
 * inline style, `<af-account-link>` included (its light-DOM styles are an adopted stylesheet, not a `<style>`).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { KIT_SESSION_COOKIE, plantPendingIdentity } from '../testing/kit-session.js';
import { pageErrors, signInSuite } from './steps.js';

const PAGES = ['/', '/connexion', '/espace-professionnel', '/activation.html'];
const STEP = { timeout: 90_000 };

describe('demo host: framing and Content-Security-Policy (Chromium)', () => {
  const suite = signInSuite({ agent: false });
  let evil: Server;
  let evilUrl: string;

  before(async () => {
    // the attacker's site: another origin that frames the demo's pages
    evil = createServer((req, res) => {
      const target = new URL(req.url ?? '/', 'http://x').searchParams.get('frame') ?? '/';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="en"><title>Win a prize</title><iframe id="victim" title="x" src="${suite.stack.url(target)}" width="800" height="600"></iframe></html>`,
      );
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
  });
  after(async () => {
    await new Promise<void>((resolve) => (evil ? evil.close(() => resolve()) : resolve()));
  });

  it('every page sends a strict CSP (no inline script, frame-ancestors none) and X-Frame-Options, and has no inline script', async () => {
    for (const path of PAGES) {
      const res = await fetch(suite.stack.url(path));
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /(^|; )script-src 'self'(;|$)/, `${path}: ${csp}`);
      assert.match(csp, /(^|; )style-src 'self'(;|$)/, path);
      assert.match(csp, /(^|; )frame-ancestors 'none'(;|$)/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', path);
      const html = await res.text();
      assert.deepEqual(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g), null, `${path} has an inline script`);
      assert.doesNotMatch(html, /<style|\sstyle=/, `${path} has inline styles`);
    }
    for (const api of [
      '/authforte/session',
      '/authforte/config',
      '/authforte/account-link',
      '/authforte/psc/session',
    ]) {
      const res = await fetch(suite.stack.url(api));
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/, api);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', api);
    }
  });

  async function violationsOf(page: Page): Promise<string[]> {
    return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  }

  async function watchedPage(): Promise<Page> {
    const context = await suite.browser.newContext();
    // an init script is the test driver's, not the page's: it runs whatever the policy
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    return context.newPage();
  }

  it('the sign-in page and the link form cannot be framed by another site', STEP, async () => {
    for (const path of ['/connexion', '/espace-professionnel']) {
      const page = await suite.browser.newPage();
      await page.goto(`${evilUrl}?frame=${encodeURIComponent(path)}`);
      await page.waitForTimeout(1000);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      assert.ok(frame, 'the iframe exists');
      // Chromium shows its own error page instead of the framed document
      const content = await frame
        .evaluate(() => document.querySelector('af-login, af-account-link, main'))
        .catch(() => null);
      assert.equal(content, null, `${path} rendered inside the attacker's frame`);
      assert.notEqual(new URL(frame.url()).origin, suite.stack.origin, `${path} was loaded in the frame`);
      await page.close();
    }
  });

  it('every page works under its policy: no violation, the elements render', STEP, async () => {
    for (const path of ['/', '/connexion', '/activation.html']) {
      const page = await watchedPage();
      const errors = pageErrors(page);
      await page.goto(suite.stack.url(path));
      await page.locator('af-config > *:not(#loading)').first().waitFor({ state: 'attached' });
      await page.waitForLoadState('networkidle');
      assert.deepEqual(await violationsOf(page), [], path);
      assert.deepEqual(errors, [], path);
      await page.context().close();
    }
  });

  it('<af-account-link> under the strict CSP: styled by an adopted sheet, no blocked <style>', STEP, async () => {
    const page = await watchedPage();
    await page.goto(suite.stack.url('/espace-professionnel'));
    const pending = await plantPendingIdentity(suite.stack.host.app.kitStore, {
      nationalId: '899700540003',
      displayName: 'MARIE ASSISTDELCS170540003',
      source: 'card',
    });
    await page.context().addCookies([{ name: KIT_SESSION_COOKIE, value: pending.id, url: suite.stack.host.url }]);
    await page.reload();
    const form = page.locator('af-account-link form');
    await form.waitFor();
    assert.equal(await form.evaluate((el) => getComputedStyle(el).display), 'grid', 'the light-DOM styles apply');
    assert.equal(await page.locator('af-account-link style').count(), 0);
    assert.deepEqual(await violationsOf(page), []);
    await page.context().close();
  });

  /** On PSC's page: "Application e-CPS", the identifier, then approval on the simulated phone. */
  async function approveOnPscPage(context: BrowserContext, page: Page, nationalId: string) {
    await page.waitForURL(`${suite.stack.psc.walletUrl}/interaction/**`);
    await page.getByRole('link', { name: 'Application e-CPS' }).click();
    await page.getByLabel('Identifiant national (8 suivi du numéro RPPS)').fill(nationalId);
    await page.getByRole('button', { name: 'Envoyer la demande à mon téléphone' }).click();
    await page.getByRole('heading', { name: 'Validez sur votre téléphone' }).waitFor();
    const phone = await context.newPage();
    await phone.goto(suite.stack.psc.phoneUrl(nationalId));
    await phone.getByRole('button', { name: 'Valider la connexion' }).first().click();
    await phone.getByRole('status').waitFor();
    await phone.close();
  }

  async function pscByRedirect(page: Page) {
    await page.goto(suite.stack.url('/connexion'));
    await page.getByRole('button', { name: /PRO SANTÉ CONNECT/i }).click();
    await page.getByRole('button', { name: 'Utiliser plutôt la page Pro Santé Connect' }).click();
  }

  it('shared workstation: after the sign-out, the next person must authenticate at PSC', STEP, async () => {
    const context = await suite.browser.newContext(); // one browser, two professionals in turn
    const page = await context.newPage();
    await pscByRedirect(page);
    await approveOnPscPage(context, page, '899700366240');
    await page.waitForURL('**/espace-professionnel');
    await page.getByLabel('Nom d’utilisateur').fill('paul.martin');
    await page.getByLabel('Mot de passe').fill('Trajectoire-2026');
    await Promise.all([page.waitForURL('**/accueil'), page.getByRole('button', { name: 'Se connecter' }).click()]);
    assert.equal((await page.request.get(suite.stack.url('/authforte/psc/session'))).status(), 200);
    // the sign-out goes through PSC's end-session endpoint and back to the demo's home
    await Promise.all([
      page.waitForURL(suite.stack.url('/deconnecte.html')),
      page.getByRole('button', { name: 'Se déconnecter' }).click(),
    ]);
    assert.equal(
      (await page.request.get(suite.stack.url('/authforte/psc/session'))).status(),
      401,
      'PSC session ended',
    );
    const host = (await (await page.request.get(suite.stack.url('/authforte/session'))).json()) as {
      signedIn: boolean;
    };
    assert.equal(host.signedIn, false, 'host session ended');
    // the next person clicks Pro Santé Connect: PSC asks who they are, nobody is signed in as the previous user
    await pscByRedirect(page);
    await page.waitForURL(/\/interaction\/|\/accueil|\/espace-professionnel/);
    assert.match(page.url(), /\/interaction\//, `landed on ${page.url()}`);
    await context.close();
  });
});
