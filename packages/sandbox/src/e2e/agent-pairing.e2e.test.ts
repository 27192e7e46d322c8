/**
 * Pairing without a console, in Chromium: the demo host is not allowlisted, so <af-login> asks the card agent
 * to pair. The page shows a verification code and a link « Ouvrir l’agent de carte »; the professional opens
 * the agent's own page (its own origin, strict CSP), finds the same code beside the site, clicks « Approuver »,
 * and the sign-in goes on with the card (PIN, proof verified by the host). A stranger origin learns only that
 * pairing is possible. axe-core on the pairing screen and on the agent page.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAxeClean, pageErrors, signInSuite, waitScreen } from './steps.js';

const PIN = '1234';
const STEP = { timeout: 90_000 };

describe('pairing approved on the card agent’s own page (Chromium)', () => {
  const suite = signInSuite({ allowlistHost: false });

  it('approve on the agent page, then sign in with the card from the paired origin', STEP, async () => {
    const { context, page } = await suite.newPage();
    const errors = pageErrors(page);
    await page.goto(suite.stack.url('/connexion'));
    await waitScreen(page, 'chooser');
    await page.getByRole('button', { name: 'S’identifier par carte CPS' }).click();
    await waitScreen(page, 'pairing');
    const code = (await page.locator('af-login .match-code').textContent())?.trim() ?? '';
    assert.match(code, /^[A-Z2-9]{4}$/);
    await expectAxeClean(page, 'pairing screen');

    const link = page.getByRole('link', { name: /Ouvrir l’agent de carte/ });
    // in the element's language, whatever the browser's Accept-Language says
    assert.equal(await link.getAttribute('href'), `${suite.stack.agent!.url}/?lang=fr`);
    const [agentPage] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await agentPage.waitForLoadState();
    assert.equal(new URL(agentPage.url()).origin, new URL(suite.stack.agent!.url).origin);
    assert.equal(await agentPage.getAttribute('html', 'lang'), 'fr');
    const row = agentPage.getByRole('row', { name: new RegExp(suite.stack.origin.replace(/[.:/]/g, '\\$&')) });
    assert.match((await row.textContent()) ?? '', new RegExp(code), 'the agent page shows the same code');
    await expectAxeClean(agentPage, 'agent page');
    await row.getByRole('button', { name: /Approuver/ }).click();
    await agentPage
      .getByRole('status')
      .filter({ hasText: 'Demande approuvée.' })
      .waitFor({ timeout: 5000 })
      .catch(async (e) => {
        throw new Error(`${e}\n${agentPage.url()}\n${await agentPage.content()}`);
      });

    // the sign-in page goes on by itself: the card's PIN screen
    await waitScreen(page, 'pin', 20_000);
    await page.getByLabel('Code porteur (4 chiffres)').fill(PIN);
    await Promise.all([
      page.waitForURL('**/espace-professionnel'),
      page.getByRole('button', { name: 'Valider' }).click(),
    ]);
    assert.match(
      (await page.locator('af-account-link:not([hidden]) [part="panel"]').textContent()) ?? '',
      /MARTIN-TEST/,
    );

    // the agent page now lists the site under « Sites associés »
    await agentPage.reload();
    assert.match(
      (await agentPage.getByRole('region', { name: 'Sites associés' }).textContent()) ?? '',
      new RegExp(suite.stack.origin.replace(/[.:/]/g, '\\$&')),
    );
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('a stranger origin learns only that pairing is possible', STEP, async () => {
    const { context, page } = await suite.newPage();
    // the same demo host under its other loopback name: another origin, never paired
    const u = new URL(suite.stack.origin);
    u.hostname = u.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    await page.goto(`${u.origin}/connexion`);
    const seen = await page.evaluate(async (agentUrl) => {
      const d = await (await fetch(`${agentUrl}/v1`)).json();
      const ev = await fetch(`${agentUrl}/v1/events`);
      const page = await fetch(`${agentUrl}/`).then(
        (r) => r.text(),
        () => 'unreadable',
      );
      return { d, events: ev.status, eventsBody: await ev.json(), page };
    }, suite.stack.agent!.url);
    assert.deepEqual(seen.d, { protocol: 'authforte-card-agent', versions: [1], paired: false, pairing: true });
    assert.equal(seen.events, 401);
    assert.equal(seen.eventsBody.error.code, 'not-paired');
    // the agent page itself cannot be read from another origin
    assert.ok(!seen.page.includes('Demandes d’association'), 'the agent page is not readable cross-origin');
    await context.close();
  });

  it('the agent page cannot be framed', STEP, async () => {
    const { context, page } = await suite.newPage();
    await page.goto(suite.stack.url('/connexion'));
    const framed = await page.evaluate(async (agentUrl) => {
      const f = document.createElement('iframe');
      f.src = `${agentUrl}/`;
      document.body.append(f);
      await new Promise((r) => setTimeout(r, 1500));
      try {
        return f.contentDocument?.body?.textContent ?? 'blocked';
      } catch {
        return 'blocked';
      }
    }, suite.stack.agent!.url);
    assert.ok(!framed.includes('Agent de carte'), framed);
    await context.close();
  });
});
