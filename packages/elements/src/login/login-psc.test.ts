import { errorWithCode, HOLDER, never } from '@authforte/core/testing';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LOGIN_RESUME_KEY } from './af-login.js';
import * as ui from './test-support/login.js';

describe('<af-login> with Pro Santé Connect', () => {
  ui.freshPage();

  it('PSC by redirect: remembers the flow, and a new page resumes it to af-link-required', async () => {
    const f = ui.fake({ verify: { status: 'link-required', identity: { ...HOLDER, source: 'psc' } } });
    const el = await ui.mount(f.services);
    const psc = ui.root(el).querySelector('af-psc-button')!;
    psc.focus();
    await ui.press('Enter');
    await ui.screen(el, 'psc-redirecting');
    await waitUntil(() => f.names().includes('signinRedirect'));
    expect(sessionStorage.getItem(LOGIN_RESUME_KEY)).to.match(/"at":\d+/);
    await expect(el).to.be.accessible();
    // the page PSC comes back to
    const wrapper = await fixture(
      html`<af-config .config=${{ login: { services: f.services } }}><af-login></af-login></af-config>`,
    );
    const back = wrapper.querySelector('af-login')!;
    const linked = await oneEvent(back, 'af-link-required');
    expect(linked.detail.identity.source).to.equal('psc');
    expect(linked.detail.method).to.equal('psc');
    expect(f.names()).to.include('completeRedirect');
    await ui.screen(back, 'link-required');
    expect(ui.text(back)).to.contain('Première connexion');
    expect(sessionStorage.getItem(LOGIN_RESUME_KEY)).to.equal(null);
    await expect(back).to.be.accessible();
  });

  it('PSC redirect cancelled before it left: the next page starts on the chooser, not on a return', async () => {
    const f = ui.fake({ signinRedirect: never });
    const el = await ui.mount(f.services);
    el.start('psc');
    await ui.screen(el, 'psc-redirecting');
    expect(sessionStorage.getItem(LOGIN_RESUME_KEY)).to.match(/"at":\d+/);
    const cancelled = oneEvent(el, 'af-cancelled');
    await ui.press('Escape');
    await cancelled;
    expect(sessionStorage.getItem(LOGIN_RESUME_KEY)).to.equal(null);
    const next = await ui.mount(f.services);
    expect(next.screen).to.equal('chooser');
    expect(f.names()).not.to.include('completeRedirect');
  });

  it('PSC popup and its blocked popup', async () => {
    const f = ui.fake({ signinPopup: () => errorWithCode('psc-popup-blocked') });
    const el = await ui.mount(f.services, 'psc-mode=popup');
    const error = oneEvent(el, 'af-error');
    el.start('psc');
    expect((await error).detail.code).to.equal('psc-popup-blocked');
    await ui.screen(el, 'error');
    expect(ui.title(el).textContent).to.equal('Fenêtre bloquée');
    await expect(el).to.be.accessible();
  });

  it('e-CPS in the page (CIBA): identifier, binding code, approval', async () => {
    const gate: { open?: () => void } = {};
    const f = ui.fake({
      cibaPoll: () =>
        new Promise((resolve) => {
          gate.open = () => resolve({ status: 'approved', proof: { ciba: true } });
        }),
    });
    const el = await ui.mount(f.services, 'ciba methods=psc');
    el.start('psc');
    await ui.screen(el, 'ciba-identifier');
    const input = () => el.querySelector<HTMLInputElement>('input[name="username"]')!;
    expect(input().getAttribute('autocomplete')).to.equal('username');
    // in the light DOM, in a form, labelled: what browsers and password managers look for
    expect(input().getRootNode()).to.equal(document);
    expect(input().form).to.exist;
    expect(input().labels![0]!.textContent).to.match(/identifiant/i);
    // styled by a constructed stylesheet of the document (no <style> element: strict CSP)
    expect(getComputedStyle(input()).minHeight).to.equal('44px');
    expect(document.querySelector('style, link[rel="stylesheet"]')).to.equal(null);
    expect(el.querySelector('[slot="ciba"]')!.assignedSlot!.getRootNode()).to.equal(ui.root(el));
    await expect(el).to.be.accessible();
    input().focus();
    await sendKeys({ type: '12345' });
    await ui.press('Enter');
    await el.updateComplete;
    expect(input().getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement === input(), 'focus on the field').to.equal(true);
    expect(input().value).to.equal('12345');
    expect(el.querySelector('[slot="ciba"]')!.textContent).to.contain('12 chiffres en tout');
    expect(ui.status(el), 'the format error is announced').to.contain('12 chiffres en tout');
    await expect(el).to.be.accessible();
    input().select();
    await sendKeys({ type: '810001234567' });
    await ui.press('Enter');
    await ui.screen(el, 'ciba-waiting');
    expect(ui.text(el)).to.contain('Vérifiez que le code affiché sur votre téléphone est : 42');
    expect(ui.root(el).querySelector('[part="binding-code"]')!.textContent).to.equal('42');
    expect(ui.status(el)).to.equal('Vérifiez que le code affiché sur votre téléphone est : 42');
    await expect(el).to.be.accessible();
    await waitUntil(() => gate.open);
    const done = oneEvent(el, 'af-authenticated');
    gate.open!();
    expect((await done).detail.method).to.equal('psc');
  });

  it('e-CPS in the page: how long the request stays open, in minutes (a last minute said in the singular)', async () => {
    for (const [expiresIn, said] of [
      [120, 'La demande expire dans 2 minutes.'],
      [45, 'La demande expire dans 1 minute.'],
    ] as const) {
      const f = ui.fake({ cibaStart: { bindingMessage: '42', expiresIn, interval: 0.01 }, cibaPoll: never });
      const el = await ui.mount(f.services, 'ciba');
      await ui.sendCibaRequest(el);
      await ui.screen(el, 'ciba-waiting');
      expect(ui.text(el)).to.contain(said);
      el.remove();
    }
  });

  it('e-CPS refused on the phone', async () => {
    const f = ui.fake({ cibaPoll: () => errorWithCode('psc-refused') });
    const el = await ui.mount(f.services, 'ciba');
    expect(await ui.cibaError(el, '810001234567')).to.equal('psc-refused');
    expect(ui.title(el).textContent).to.equal('Connexion refusée');
    await expect(el).to.be.accessible();
  });

  it('e-CPS approvals rate-limited by the host (push bombing guard): says so and when to retry', async () => {
    const limited = () =>
      Object.assign(new Error('Too many e-CPS approval requests'), {
        name: 'PscError',
        code: 'rate-limited',
        retryAfter: 540,
      });
    const f = ui.fake({ cibaStart: limited });
    const el = await ui.mount(f.services, 'ciba');
    expect(await ui.cibaError(el, '810001234567')).to.equal('psc-rate-limited');
    expect(ui.title(el).textContent).to.equal('Trop de demandes de validation');
    expect(ui.text(el)).to.contain('Vous pourrez réessayer dans 9 minutes.');
    await expect(el).to.be.accessible();
  });

  it('an identifier PSC does not know: no active e‑CPS, how to activate one, and the identifier kept', async () => {
    const f = ui.fake({ cibaStart: () => Object.assign(new Error('invalid_user'), { code: 'psc-unknown-user' }) });
    const el = await ui.mount(f.services, 'ciba methods=psc activation-url=/activation.html');
    expect(await ui.cibaError(el, '810009999999')).to.equal('psc-unknown-user');
    expect(ui.title(el).textContent).to.equal('Aucune e\u2011CPS active pour cet identifiant');
    expect(ui.text(el)).to.contain('ne connaît aucune e-CPS active pour cet identifiant national');
    expect(ui.text(el)).to.contain('activez d’abord votre e-CPS');
    expect(ui.text(el)).not.to.contain('n’a pas pu être utilisée');
    const link = ui.root(el).querySelector<HTMLAnchorElement>('a[href="/activation.html"]')!;
    expect(link.textContent).to.equal('Activer mon e-CPS');
    expect(ui.button(el, 'Réessayer'), 'no plain retry').to.equal(undefined);
    await expect(el).to.be.accessible();
    ui.button(el, 'Corriger l’identifiant').click();
    await ui.screen(el, 'ciba-identifier');
    expect(el.querySelector<HTMLInputElement>('input[name="username"]')!.value, 'kept').to.equal('810009999999');
  });

  it('removed during the e-CPS approval: stops polling; moved: keeps polling', async () => {
    const f = ui.fake({ cibaPoll: { status: 'pending' } });
    const polls = () => f.names().filter((c) => c === 'cibaPoll').length;
    const moved = await ui.mount(f.services, 'ciba methods=psc');
    await ui.sendCibaRequest(moved);
    await ui.screen(moved, 'ciba-waiting');
    await waitUntil(() => polls() >= 2, 'polling');
    const other = document.createElement('div');
    moved.parentElement!.after(other);
    other.append(moved);
    await new Promise((r) => setTimeout(r, 50));
    const before = polls();
    await waitUntil(() => polls() > before + 1, 'still polling after a move');
    expect(moved.screen).to.equal('ciba-waiting');
    other.remove();
    await new Promise((r) => setTimeout(r, 50));
    const atRemoval = polls();
    await new Promise((r) => setTimeout(r, 200));
    expect(polls(), 'no poll after the removal').to.equal(atRemoval);
    // put back: the same request, polled again (no second push to the phone)
    document.body.append(other);
    expect(moved.screen).to.equal('ciba-waiting');
    await waitUntil(() => polls() > atRemoval, 'polling again after the return');
    expect(f.names().filter((c) => c === 'cibaStart').length).to.equal(1);
    other.remove();
  });
});
