import { never } from '@authforte/core/testing';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import * as ui from './test-support/login.js';

describe('<af-login>', () => {
  ui.freshPage();

  it('offers the CPS card and the official Pro Santé Connect button, and is accessible', async () => {
    const el = await ui.mount(ui.fake().services);
    expect(ui.title(el).textContent).to.equal('Identifiez-vous');
    expect(ui.button(el, 'S’identifier par carte CPS')).to.exist;
    const psc = ui.root(el).querySelector('af-psc-button')!;
    await psc.updateComplete;
    const pscButton = psc.shadowRoot!.querySelector('button')!;
    expect(pscButton.textContent!.replace(/\s+/g, ' ').trim()).to.equal('S’identifier avec Pro Santé Connect');
    expect(pscButton.querySelector('svg, slot[name="logo"]'), 'PSC logo mark').to.exist;
    const style = getComputedStyle(pscButton);
    expect(style.backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(style.color).to.equal('rgb(0, 0, 145)');
    // both methods weigh the same: same size, colours, square corners, sentence case; the card has its pictogram
    const cps = ui.button(el, 'S’identifier par carte CPS');
    const cpsStyle = getComputedStyle(cps);
    expect(cps.querySelector('svg'), 'card pictogram').to.exist;
    expect(cpsStyle.textTransform).to.equal('none');
    expect(cpsStyle.backgroundColor).to.equal(style.backgroundColor);
    expect(cpsStyle.color).to.equal(style.color);
    expect(cpsStyle.borderTopColor).to.equal(style.borderTopColor);
    expect(cpsStyle.borderTopLeftRadius).to.equal('0px');
    expect(style.borderTopLeftRadius).to.equal('0px');
    const [a, b] = [cps.getBoundingClientRect(), pscButton.getBoundingClientRect()];
    expect(Math.abs(a.width - b.width), 'same width').to.be.below(2);
    expect(Math.abs(a.height - b.height), 'same height').to.be.below(2);
    const link = psc.shadowRoot!.querySelector('a')!;
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.contain('noopener');
    expect(link.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Qu’est-ce que Pro Santé Connect ? (nouvelle fenêtre)',
    );
    expect(link.querySelector('.visually-hidden')!.textContent).to.equal('(nouvelle fenêtre)');
    // nothing is focused on first render
    expect(ui.isFocused(el, null), 'focus').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows only the methods the host configures (attribute or <af-config>)', async () => {
    const el = await ui.mount(ui.fake().services, 'methods=card');
    expect(ui.root(el).querySelector('af-psc-button')).to.equal(null);
    const wrapper = await fixture(
      html`<af-config .config=${{ login: { methods: ['psc'] } }}><af-login></af-login></af-config>`,
    );
    const inner = wrapper.querySelector('af-login')!;
    await inner.updateComplete;
    expect(ui.root(inner).querySelector('af-psc-button')).to.exist;
    expect(ui.root(inner).querySelector('[part="card-button"]')).to.equal(null);
  });

  it('every waiting screen is accessible and can be cancelled', async () => {
    const cases: Array<[string, Record<string, unknown>, () => void, string]> = [
      ['agent-detecting', { detect: never }, () => {}, 'card'],
      ['pairing-starting', { detect: { status: 'not-paired' }, startPairing: never }, () => {}, 'card'],
      ['card-searching', { watch: [] }, () => {}, 'card'],
      ['card-authenticating', { getNonce: never }, () => {}, 'card'],
      ['psc-popup', { signinPopup: never }, () => {}, 'psc-popup'],
      ['ciba-starting', { cibaStart: never }, () => {}, 'ciba'],
      ['verifying', { verify: never }, () => {}, 'psc-popup'],
    ];
    for (const [target, script, , how] of cases) {
      const el = await ui.mount(
        ui.fake(script).services,
        how === 'psc-popup' ? 'psc-mode=popup' : how === 'ciba' ? 'ciba' : '',
      );
      el.start(how === 'card' ? 'card' : 'psc');
      if (target === 'card-authenticating') {
        await ui.screen(el, 'pin');
        ui.root(el).querySelector<HTMLInputElement>('input[name="pin"]')!.value = '1234';
        ui.button(el, 'Valider').click();
      }
      if (target === 'ciba-starting') {
        await ui.screen(el, 'ciba-identifier');
        el.querySelector<HTMLInputElement>('input[name="username"]')!.value = '810001234567';
        ui.button(el, 'Envoyer la demande sur mon téléphone').click();
      }
      await ui.screen(el, target);
      expect(ui.root(el).querySelector('[part="screen"]')!.getAttribute('aria-busy'), target).to.equal('true');
      await expect(el).to.be.accessible();
      ui.button(el, 'Annuler').click();
      await ui.screen(el, 'chooser');
    }
  });

  it('keeps the flow when moved in the DOM, and shows the host’s help contact on errors', async () => {
    const f = ui.fake({ getNonce: () => Promise.reject(new TypeError('Failed to fetch')) });
    // a Lit root: fixture() then waits on updateComplete, not on an animation frame (paused in a background tab)
    const config = await fixture(
      html`<af-config .config=${{ helpContact: { name: 'Assistance', email: 'aide@example.org' } }}></af-config>`,
    );
    const el = document.createElement('af-login');
    el.services = f.services;
    config.append(el);
    el.start('card');
    await ui.screen(el, 'pin');
    const other = document.createElement('section');
    config.parentElement!.append(other);
    other.append(el);
    config.append(el);
    await el.updateComplete;
    expect(el.screen).to.equal('pin');
    expect(f.names().filter((c) => c === 'detect').length).to.equal(1);
    ui.root(el).querySelector<HTMLInputElement>('input[name="pin"]')!.value = '2580';
    ui.button(el, 'Valider').click();
    await ui.screen(el, 'error');
    expect(ui.title(el).textContent).to.equal('Problème de connexion');
    const mail = ui.root(el).querySelector<HTMLAnchorElement>('a[href^="mailto:"]')!;
    expect(mail.textContent).to.equal('aide@example.org');
    expect(ui.text(el)).to.contain('Assistance');
    await expect(el).to.be.accessible();
  });

  it('on an error screen only the heading and the message are red; the help block reads calmly', async () => {
    const f = ui.fake({ getNonce: () => Promise.reject(new TypeError('Failed to fetch')) });
    const el = await ui.mount(f.services);
    el.helpContact = { name: 'Assistance', email: 'aide@example.org', phone: '01 23 45 67 89' };
    el.start('card');
    await ui.screen(el, 'pin');
    ui.root(el).querySelector<HTMLInputElement>('input[name="pin"]')!.value = '2580';
    ui.button(el, 'Valider').click();
    await ui.screen(el, 'error');
    const red = 'rgb(206, 5, 0)';
    expect(getComputedStyle(ui.title(el)).color).to.equal(red);
    expect(getComputedStyle(ui.root(el).querySelector('[part="message"]')!).color).to.equal(red);
    const help = ui.root(el).querySelector<HTMLElement>('.help')!;
    expect(getComputedStyle(help).color, 'help text').to.equal('rgb(22, 22, 22)');
    expect(getComputedStyle(help).fontWeight, 'help text').to.equal('400');
    const mail = help.querySelector('a')!;
    expect(getComputedStyle(mail).color, 'help link').to.equal('rgb(0, 0, 145)');
    expect(getComputedStyle(ui.button(el, 'Choisir un autre moyen')).color).to.equal('rgb(0, 0, 145)');
    await expect(el).to.be.accessible();
  });

  it('re-renders when lang changes on the element or an ancestor, not only on <html>', async () => {
    // a Lit root: fixture() then waits on updateComplete, not on an animation frame (paused in a background tab)
    const el = await ui.mount(ui.fake().services);
    const wrapper = el.parentElement as HTMLElement; // the fixture's container: an ancestor with no lang
    expect(ui.title(el).textContent).to.equal('Identifiez-vous');
    el.setAttribute('lang', 'en');
    await waitUntil(() => ui.title(el).textContent === 'Sign in', 'own lang');
    expect(ui.button(el, 'Sign in with a CPS card')).to.exist;
    el.removeAttribute('lang');
    await waitUntil(() => ui.title(el).textContent === 'Identifiez-vous', 'back to the document’s');
    wrapper.lang = 'en';
    await waitUntil(() => ui.title(el).textContent === 'Sign in', 'ancestor’s lang');
    wrapper.lang = 'fr';
    await waitUntil(() => ui.title(el).textContent === 'Identifiez-vous', 'ancestor back to French');
    // inside another element's shadow root, the shadow host's lang counts too
    const host = document.createElement('div');
    wrapper.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('af-login');
    inner.services = ui.fake().services;
    shadow.append(inner);
    await inner.updateComplete;
    expect(ui.title(inner).textContent).to.equal('Identifiez-vous');
    host.lang = 'en';
    await waitUntil(() => ui.title(inner).textContent === 'Sign in', 'shadow host’s lang');
  });

  it('removed from the page: closes its card-event stream, and takes the flow up again on its return', async () => {
    const f = ui.fake();
    const el = await ui.mount(f.services);
    el.start('card');
    await ui.screen(el, 'pin');
    const first = f.signals.watch!;
    expect(first.aborted).to.equal(false);
    const parent = el.parentElement!;
    el.remove();
    await Promise.resolve();
    expect(first.aborted, 'stream closed').to.equal(true);
    parent.append(el);
    await ui.screen(el, 'pin');
    expect(f.signals.watch).to.not.equal(first);
    expect(f.signals.watch!.aborted, 'a new stream').to.equal(false);
    ui.root(el).querySelector<HTMLInputElement>('input[name="pin"]')!.value = '1234';
    const done = oneEvent(el, 'af-authenticated');
    ui.button(el, 'Valider').click();
    expect((await done).detail.method).to.equal('card');
  });

  it('speaks English', async () => {
    const el = await ui.mount(ui.fake().services, 'lang=en');
    await (el as unknown as { i18n: { ready(): Promise<void> } }).i18n.ready();
    await el.updateComplete;
    expect(ui.title(el).textContent).to.equal('Sign in');
    expect(ui.button(el, 'Sign in with a CPS card')).to.exist;
    el.start('card');
    await ui.screen(el, 'pin');
    expect(ui.title(el).textContent).to.equal('Enter your PIN');
    expect(ui.text(el)).to.contain('You have 3 tries left.');
    // English typography comes with the English strings: no space before the colon
    expect(ui.text(el)).to.contain('Holder:');
    expect(ui.text(el)).not.to.contain(' :');
    await expect(el).to.be.accessible();
  });
});
