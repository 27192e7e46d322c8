import { CPS_PIN_LENGTH } from '@authforte/core/agent';
import type { LoginServices } from '@authforte/core/login';
import { card, errorWithCode, fakeServices, HOLDER, type LoginScript, never } from '@authforte/core/testing';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../config/define.js';
import { LOGIN_RESUME_KEY } from './af-login.js';
import type { AfLogin } from './define.js';
import './define.js';

/**
 * The typed fakes of `@authforte/core/testing`, with what the element's tests need by default: PSC's redirect never
 * comes back (the page would have left), the e-CPS is polled every 10 ms.
 */
const fake = (script: LoginScript = {}) =>
  fakeServices({
    signinRedirect: never,
    cibaStart: { bindingMessage: '42', expiresIn: 120, interval: 0.01 },
    ...script,
  });

const root = (el: AfLogin) => el.shadowRoot!;
const title = (el: AfLogin) => root(el).querySelector<HTMLElement>('[part~="title"]')!;
const text = (el: AfLogin) => root(el).querySelector('[part="screen"]')!.textContent!.replace(/\s+/g, ' ');
const status = (el: AfLogin) => root(el).querySelector('[role="status"]')!.textContent!.trim();
/** A button of the shadow root or of the light-DOM form. */
const button = (el: AfLogin, label: string | RegExp) =>
  [...root(el).querySelectorAll<HTMLButtonElement>('button'), ...el.querySelectorAll('button')].find((b) =>
    typeof label === 'string' ? b.textContent!.trim() === label : label.test(b.textContent!),
  )!;
const focused = (el: AfLogin) => root(el).activeElement;
/** Compares without handing DOM nodes to the assertion (a failing message would serialise them). */
const isFocused = (el: AfLogin, node: Element | null) => focused(el) === node;

async function screen(el: AfLogin, s: string) {
  await waitUntil(() => el.screen === s, `screen ${s} (now ${el.screen})`, { timeout: 3000 });
  await el.updateComplete;
}

async function mount(services: LoginServices, attrs = '') {
  const el = await fixture<AfLogin>(html`<af-login></af-login>`);
  for (const a of attrs.split(' ').filter(Boolean)) {
    const [k, v] = a.split('=');
    el.setAttribute(k!, v ?? '');
  }
  el.services = services;
  await el.updateComplete;
  return el;
}

async function press(key: string) {
  await sendKeys({ press: key });
}

describe('<af-login>', () => {
  beforeEach(() => sessionStorage.removeItem(LOGIN_RESUME_KEY));
  afterEach(() => {
    document.documentElement.lang = 'fr';
  });

  it('offers the CPS card and the official Pro Santé Connect button, and is accessible', async () => {
    const el = await mount(fake().services);
    expect(title(el).textContent).to.equal('Identifiez-vous');
    expect(button(el, 'S’identifier par carte CPS')).to.exist;
    const psc = root(el).querySelector('af-psc-button')!;
    await psc.updateComplete;
    const pscButton = psc.shadowRoot!.querySelector('button')!;
    expect(pscButton.textContent!.replace(/\s+/g, ' ').trim()).to.equal('S’identifier avec Pro Santé Connect');
    expect(pscButton.querySelector('svg, slot[name="logo"]'), 'PSC logo mark').to.exist;
    const style = getComputedStyle(pscButton);
    expect(style.backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(style.color).to.equal('rgb(0, 0, 145)');
    // both methods weigh the same: same size, colours, square corners, sentence case; the card has its pictogram
    const cps = button(el, 'S’identifier par carte CPS');
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
    expect(isFocused(el, null), 'focus').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows only the methods the host configures (attribute or <af-config>)', async () => {
    const el = await mount(fake().services, 'methods=card');
    expect(root(el).querySelector('af-psc-button')).to.equal(null);
    const wrapper = await fixture(
      html`<af-config .config=${{ login: { methods: ['psc'] } }}><af-login></af-login></af-config>`,
    );
    const inner = wrapper.querySelector('af-login')!;
    await inner.updateComplete;
    expect(root(inner).querySelector('af-psc-button')).to.exist;
    expect(root(inner).querySelector('[part="card-button"]')).to.equal(null);
  });

  it('card journey with the keyboard alone: a wrong PIN, then the right one', async () => {
    const f = fake({
      authenticate: ({ pin }: { pin: string }) =>
        pin === '2580' ? { signature: 'ok' } : Object.assign(new Error('x'), { code: 'pin-incorrect', triesLeft: 2 }),
    });
    const el = await mount(f.services);
    await press('Tab');
    expect(isFocused(el, button(el, 'S’identifier par carte CPS')), 'focus').to.equal(true);
    await press('Enter');
    await screen(el, 'pin');
    expect(isFocused(el, title(el)), 'focus').to.equal(true);
    expect(title(el).textContent).to.equal('Saisissez votre code porteur');
    expect(text(el)).to.contain('Dr KIT DOC0012345');
    expect(text(el)).to.contain('CPS — carte de professionnel de santé');
    expect(text(el)).to.contain('Il vous reste 3 tentatives.');
    const pin = () => root(el).querySelector<HTMLInputElement>('input[name="pin"]')!;
    expect(pin().getAttribute('inputmode')).to.equal('numeric');
    // the CPS PIN's length, from core (the agent and the machine accept exactly that many digits)
    expect(pin().maxLength).to.equal(CPS_PIN_LENGTH);
    expect(pin().getAttribute('autocomplete')).to.equal('off');
    expect(pin().maxLength).to.equal(4);
    await expect(el).to.be.accessible();
    await press('Tab');
    expect(isFocused(el, pin()), 'focus').to.equal(true);
    await sendKeys({ type: '0000' });
    await press('Enter');
    await waitUntil(() => pin().getAttribute('aria-invalid') === 'true');
    await el.updateComplete;
    expect(pin().value).to.equal('');
    const errorId = pin()
      .getAttribute('aria-describedby')!
      .split(' ')
      .find((id) => id.endsWith('pin-error'))!;
    expect(root(el).getElementById(errorId)!.textContent).to.equal('Code porteur incorrect.');
    // the tries left are printed once (below the label), and both are announced
    expect(text(el).split('Il vous reste').length - 1, 'tries printed once').to.equal(1);
    expect(text(el)).to.contain('Il vous reste 2 tentatives.');
    expect(pin().getAttribute('aria-describedby')).to.contain('pin-tries');
    expect(status(el)).to.equal('Code porteur incorrect. Il vous reste 2 tentatives.');
    expect(isFocused(el, pin()), 'focus').to.equal(true);
    await expect(el).to.be.accessible();
    const done = oneEvent(el, 'af-authenticated');
    await sendKeys({ type: '2580' });
    const field = pin();
    expect(field.value).to.equal('2580');
    await press('Enter');
    expect(field.value, 'cleared at once').to.equal('');
    const event = await done;
    expect(event.detail.method).to.equal('card');
    expect(event.detail.identity.displayName).to.equal('KIT DOC0012345');
    expect(event.detail.proof).to.deep.equal({ signature: 'ok' });
    expect(JSON.stringify(event.detail)).not.to.contain('2580');
    await screen(el, 'authenticated');
    expect(isFocused(el, title(el)), 'focus').to.equal(true);
    expect(text(el)).to.contain('Bienvenue, KIT DOC0012345.');
    await expect(el).to.be.accessible();
  });

  it('a PIN-pad reader: no PIN field, the code is typed on the reader; the profession is shown', async () => {
    let release: (v: unknown) => void = () => {};
    const pins: string[] = [];
    const f = fake({
      watch: [{ type: 'card', card: { ...card(), pinPad: true, profession: 'Infirmier' } }],
      authenticate: ({ pin }: { pin: string }) => {
        pins.push(pin);
        return new Promise((resolve) => {
          release = resolve;
        });
      },
    });
    const el = await mount(f.services);
    button(el, 'S’identifier par carte CPS').click();
    await screen(el, 'pin');
    expect(root(el).querySelector('input[name="pin"]')).to.equal(null);
    expect(text(el)).to.contain('Infirmier');
    expect(text(el)).to.contain('le code porteur se tape sur le lecteur');
    await expect(el).to.be.accessible();
    const done = oneEvent(el, 'af-authenticated');
    button(el, 'Taper mon code sur le lecteur').click();
    await screen(el, 'card-authenticating');
    expect(text(el)).to.contain('Tapez votre code sur le lecteur');
    await expect(el).to.be.accessible();
    release({ signature: 'pad' });
    await done;
    expect(pins).to.deep.equal(['']);
  });

  it('asks to confirm the final try, then shows the locked card with what to do', async () => {
    const f = fake({
      watch: [{ type: 'card', card: card({}, { triesLeft: 1, finalTry: true }) }],
      authenticate: () => errorWithCode('pin-locked'),
    });
    const el = await mount(f.services);
    el.start('card');
    await screen(el, 'pin');
    expect(text(el)).to.contain('c’est votre dernière tentative');
    const pin = root(el).querySelector<HTMLInputElement>('input[name="pin"]')!;
    pin.focus();
    await sendKeys({ type: '9999' });
    await press('Enter');
    await el.updateComplete;
    const box = root(el).querySelector<HTMLInputElement>('input[name="confirm-final-try"]')!;
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    expect(isFocused(el, box), 'focus').to.equal(true);
    expect(f.names()).not.to.include('authenticate');
    // the PIN was not sent: it stays in the field, so ticking the box is all that is left to do
    expect(pin.value, 'PIN kept').to.equal('9999');
    await expect(el).to.be.accessible();
    await press('Space');
    expect(box.checked).to.equal(true);
    const error = oneEvent(el, 'af-error');
    button(el, 'Valider').click();
    expect(pin.value, 'cleared once sent').to.equal('');
    expect((await error).detail.code).to.equal('pin-locked');
    await screen(el, 'pin-locked');
    expect(title(el).textContent).to.equal('Votre carte est bloquée');
    expect(text(el)).to.contain('code de déblocage à 8 chiffres');
    await expect(el).to.be.accessible();
    button(el, 'Choisir un autre moyen').click();
    await screen(el, 'chooser');
    expect(isFocused(el, title(el)), 'focus').to.equal(true);
  });

  for (const [agentStatus, code, heading, extra] of [
    [
      { status: 'not-installed' },
      'agent-not-installed',
      'Le logiciel de lecture de carte ne répond pas',
      'Télécharger et installer',
    ],
    [
      { status: 'blocked', permission: 'denied' },
      'agent-blocked',
      'Votre navigateur bloque l’accès au lecteur de carte',
      'Accès au réseau local',
    ],
    [
      { status: 'version-mismatch' },
      'agent-version-mismatch',
      'Le logiciel de lecture de carte doit être mis à jour',
      'Télécharger et installer',
    ],
  ] as const) {
    it(`diagnoses ${code} with help, Réessayer and Choisir un autre moyen`, async () => {
      let n = 0;
      const f = fake({ detect: () => (++n === 1 ? agentStatus : never()) });
      const el = await mount(f.services, 'agent-install-url=https://example.org/agent');
      const error = oneEvent(el, 'af-error');
      el.start('card');
      expect((await error).detail.code).to.equal(code);
      await screen(el, 'error');
      expect(title(el).textContent).to.equal(heading);
      expect(text(el)).to.contain(extra);
      expect(isFocused(el, title(el)), 'focus').to.equal(true);
      expect(status(el)).to.contain(heading);
      await expect(el).to.be.accessible();
      await press('Tab');
      const first = focused(el) as HTMLElement;
      if (first.tagName === 'A') {
        expect(first.getAttribute('target')).to.equal('_blank');
        await press('Tab');
      }
      expect(isFocused(el, button(el, 'Réessayer')), 'focus').to.equal(true);
      await press('Enter');
      await screen(el, 'agent-detecting');
      expect(n).to.equal(2);
      await expect(el).to.be.accessible();
      await press('Escape');
      await screen(el, 'chooser');
      expect(text(el)).to.contain('Connexion annulée');
    });
  }

  it('pairs with a code typed from the agent', async () => {
    let n = 0;
    const f = fake({
      detect: () => (++n === 1 ? { status: 'not-paired' } : { status: 'ready' }),
      confirmPairing: ({ code }: { code: string }) =>
        code === '123456' ? undefined : errorWithCode('pairing-code-invalid'),
    });
    const el = await mount(f.services);
    el.start('card');
    await screen(el, 'pairing');
    const input = () => root(el).querySelector<HTMLInputElement>('input[name="pairing-code"]')!;
    expect(text(el)).to.contain('un code de 6 chiffres');
    await expect(el).to.be.accessible();
    input().focus();
    await sendKeys({ type: '000000' });
    await press('Enter');
    await screen(el, 'pairing');
    await waitUntil(() => input().getAttribute('aria-invalid') === 'true');
    expect(text(el)).to.contain('Ce code ne correspond pas');
    await expect(el).to.be.accessible();
    input().focus();
    await sendKeys({ type: '123456' });
    await press('Enter');
    await screen(el, 'pin');
  });

  it('pairs by approval on the agent page: the same code, a link to the agent, then on by itself', async () => {
    let n = 0;
    let approve: () => void = () => {};
    const f = fake({
      detect: () => (++n === 1 ? { status: 'not-paired' } : { status: 'ready' }),
      startPairing: { pairingId: 'p', codeLength: 6, matchCode: 'K7QX', approveUrl: 'http://127.0.0.1:24680/' },
    });
    f.services.card!.waitForPairingApproval = () => new Promise<void>((resolve) => (approve = resolve));
    const el = await mount(f.services);
    el.start('card');
    await screen(el, 'pairing');
    expect(root(el).querySelector('.match-code')!.textContent).to.equal('K7QX');
    const link = root(el).querySelector<HTMLAnchorElement>('[part="pairing-approve"] a')!;
    expect(link.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Ouvrir l’agent de carte (nouvelle fenêtre)');
    expect(link.getAttribute('href')).to.equal('http://127.0.0.1:24680/?lang=fr');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.contain('noopener');
    await expect(el).to.be.accessible();
    approve();
    await screen(el, 'pin');
    expect(f.names()).not.to.include('confirmPairing');
  });

  it('card removed during PIN entry: a clear message and a way back', async () => {
    const f = fake();
    const el = await mount(f.services);
    el.start('card');
    await screen(el, 'pin');
    const error = oneEvent(el, 'af-error');
    f.emit({ type: 'card-removed' });
    expect((await error).detail).to.deep.equal({
      code: 'card-removed',
      message: 'The card was removed during the sign-in.',
    });
    await screen(el, 'error');
    expect(title(el).textContent).to.equal('La carte a été retirée');
    expect(button(el, 'Réessayer')).to.exist;
    expect(button(el, 'Choisir un autre moyen')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('waiting for a reader and a card; Escape cancels', async () => {
    const f = fake({ watch: [{ type: 'no-reader' }] });
    const el = await mount(f.services);
    el.start('card');
    await screen(el, 'waiting-reader');
    expect(title(el).textContent).to.equal('Branchez votre lecteur de carte');
    expect(status(el)).to.equal('Branchez votre lecteur de carte');
    await expect(el).to.be.accessible();
    f.emit({ type: 'no-card' });
    await screen(el, 'waiting-card');
    expect(title(el).textContent).to.equal('Insérez votre carte CPS');
    await expect(el).to.be.accessible();
    const cancelled = oneEvent(el, 'af-cancelled');
    const deprecated = oneEvent(el, 'af-error');
    title(el).focus();
    await press('Escape');
    expect((await cancelled).detail.screen).to.equal('waiting-card');
    expect((await deprecated).detail.code).to.equal('cancelled');
    await screen(el, 'chooser');
    expect(status(el)).to.contain('Connexion annulée');
  });

  it('PSC by redirect: remembers the flow, and a new page resumes it to af-link-required', async () => {
    const f = fake({ verify: { status: 'link-required', identity: { ...HOLDER, source: 'psc' } } });
    const el = await mount(f.services);
    const psc = root(el).querySelector('af-psc-button')!;
    psc.focus();
    await press('Enter');
    await screen(el, 'psc-redirecting');
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
    await screen(back, 'link-required');
    expect(text(back)).to.contain('Première connexion');
    expect(sessionStorage.getItem(LOGIN_RESUME_KEY)).to.equal(null);
    await expect(back).to.be.accessible();
  });

  it('PSC popup and its blocked popup', async () => {
    const f = fake({ signinPopup: () => errorWithCode('psc-popup-blocked') });
    const el = await mount(f.services, 'psc-mode=popup');
    const error = oneEvent(el, 'af-error');
    el.start('psc');
    expect((await error).detail.code).to.equal('psc-popup-blocked');
    await screen(el, 'error');
    expect(title(el).textContent).to.equal('Fenêtre bloquée');
    await expect(el).to.be.accessible();
  });

  it('e-CPS in the page (CIBA): identifier, binding code, approval', async () => {
    const gate: { open?: () => void } = {};
    const f = fake({
      cibaPoll: () =>
        new Promise((resolve) => {
          gate.open = () => resolve({ status: 'approved', proof: { ciba: true } });
        }),
    });
    const el = await mount(f.services, 'ciba methods=psc');
    el.start('psc');
    await screen(el, 'ciba-identifier');
    const input = () => el.querySelector<HTMLInputElement>('input[name="username"]')!;
    expect(input().getAttribute('autocomplete')).to.equal('username');
    // in the light DOM, in a form, labelled: what browsers and password managers look for
    expect(input().getRootNode()).to.equal(document);
    expect(input().form).to.exist;
    expect(input().labels![0]!.textContent).to.match(/identifiant/i);
    // styled by a constructed stylesheet of the document (no <style> element: strict CSP)
    expect(getComputedStyle(input()).minHeight).to.equal('44px');
    expect(document.querySelector('style, link[rel="stylesheet"]')).to.equal(null);
    expect(el.querySelector('[slot="ciba"]')!.assignedSlot!.getRootNode()).to.equal(root(el));
    await expect(el).to.be.accessible();
    input().focus();
    await sendKeys({ type: '12345' });
    await press('Enter');
    await el.updateComplete;
    expect(input().getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement === input(), 'focus on the field').to.equal(true);
    expect(input().value).to.equal('12345');
    expect(el.querySelector('[slot="ciba"]')!.textContent).to.contain('12 chiffres en tout');
    await expect(el).to.be.accessible();
    input().select();
    await sendKeys({ type: '810001234567' });
    await press('Enter');
    await screen(el, 'ciba-waiting');
    expect(text(el)).to.contain('Vérifiez que le code affiché sur votre téléphone est : 42');
    expect(root(el).querySelector('[part="binding-code"]')!.textContent).to.equal('42');
    expect(status(el)).to.equal('Vérifiez que le code affiché sur votre téléphone est : 42');
    await expect(el).to.be.accessible();
    await waitUntil(() => gate.open);
    const done = oneEvent(el, 'af-authenticated');
    gate.open!();
    expect((await done).detail.method).to.equal('psc');
  });

  it('e-CPS refused on the phone', async () => {
    const f = fake({ cibaPoll: () => errorWithCode('psc-refused') });
    const el = await mount(f.services, 'ciba');
    el.start('psc');
    await screen(el, 'ciba-identifier');
    el.querySelector<HTMLInputElement>('input[name="username"]')!.value = '810001234567';
    const error = oneEvent(el, 'af-error');
    button(el, 'Envoyer la demande sur mon téléphone').click();
    expect((await error).detail.code).to.equal('psc-refused');
    await screen(el, 'error');
    expect(title(el).textContent).to.equal('Connexion refusée');
    await expect(el).to.be.accessible();
  });

  it('e-CPS approvals rate-limited by the host (push bombing guard): says so and when to retry', async () => {
    const limited = () =>
      Object.assign(new Error('Too many e-CPS approval requests'), {
        name: 'PscError',
        code: 'rate-limited',
        retryAfter: 540,
      });
    const f = fake({ cibaStart: limited });
    const el = await mount(f.services, 'ciba');
    el.start('psc');
    await screen(el, 'ciba-identifier');
    el.querySelector<HTMLInputElement>('input[name="username"]')!.value = '810001234567';
    const error = oneEvent(el, 'af-error');
    button(el, 'Envoyer la demande sur mon téléphone').click();
    expect((await error).detail.code).to.equal('psc-rate-limited');
    await screen(el, 'error');
    expect(title(el).textContent).to.equal('Trop de demandes de validation');
    expect(text(el)).to.contain('Vous pourrez réessayer dans 9 minutes.');
    await expect(el).to.be.accessible();
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
      const el = await mount(
        fake(script).services,
        how === 'psc-popup' ? 'psc-mode=popup' : how === 'ciba' ? 'ciba' : '',
      );
      el.start(how === 'card' ? 'card' : 'psc');
      if (target === 'card-authenticating') {
        await screen(el, 'pin');
        root(el).querySelector<HTMLInputElement>('input[name="pin"]')!.value = '1234';
        button(el, 'Valider').click();
      }
      if (target === 'ciba-starting') {
        await screen(el, 'ciba-identifier');
        el.querySelector<HTMLInputElement>('input[name="username"]')!.value = '810001234567';
        button(el, 'Envoyer la demande sur mon téléphone').click();
      }
      await screen(el, target);
      expect(root(el).querySelector('[part="screen"]')!.getAttribute('aria-busy'), target).to.equal('true');
      await expect(el).to.be.accessible();
      button(el, 'Annuler').click();
      await screen(el, 'chooser');
    }
  });

  it('keeps the flow when moved in the DOM, and shows the host’s help contact on errors', async () => {
    const f = fake({ getNonce: () => Promise.reject(new TypeError('Failed to fetch')) });
    // a Lit root: fixture() then waits on updateComplete, not on an animation frame (paused in a background tab)
    const config = await fixture(
      html`<af-config .config=${{ helpContact: { name: 'Assistance', email: 'aide@example.org' } }}></af-config>`,
    );
    const el = document.createElement('af-login');
    el.services = f.services;
    config.append(el);
    el.start('card');
    await screen(el, 'pin');
    const other = document.createElement('section');
    config.parentElement!.append(other);
    other.append(el);
    config.append(el);
    await el.updateComplete;
    expect(el.screen).to.equal('pin');
    expect(f.names().filter((c) => c === 'detect').length).to.equal(1);
    root(el).querySelector<HTMLInputElement>('input[name="pin"]')!.value = '2580';
    button(el, 'Valider').click();
    await screen(el, 'error');
    expect(title(el).textContent).to.equal('Problème de connexion');
    const mail = root(el).querySelector<HTMLAnchorElement>('a[href^="mailto:"]')!;
    expect(mail.textContent).to.equal('aide@example.org');
    expect(text(el)).to.contain('Assistance');
    await expect(el).to.be.accessible();
  });

  it('an identifier PSC does not know: no active e‑CPS, how to activate one, and the identifier kept', async () => {
    const f = fake({ cibaStart: () => Object.assign(new Error('invalid_user'), { code: 'psc-unknown-user' }) });
    const el = await mount(f.services, 'ciba methods=psc activation-url=/activation.html');
    el.start('psc');
    await screen(el, 'ciba-identifier');
    el.querySelector<HTMLInputElement>('input[name="username"]')!.value = '810009999999';
    const error = oneEvent(el, 'af-error');
    button(el, 'Envoyer la demande sur mon téléphone').click();
    expect((await error).detail.code).to.equal('psc-unknown-user');
    await screen(el, 'error');
    expect(title(el).textContent).to.equal('Aucune e\u2011CPS active pour cet identifiant');
    expect(text(el)).to.contain('ne connaît aucune e-CPS active pour cet identifiant national');
    expect(text(el)).to.contain('activez d’abord votre e-CPS');
    expect(text(el)).not.to.contain('n’a pas pu être utilisée');
    const link = root(el).querySelector<HTMLAnchorElement>('a[href="/activation.html"]')!;
    expect(link.textContent).to.equal('Activer mon e-CPS');
    expect(button(el, 'Réessayer'), 'no plain retry').to.equal(undefined);
    await expect(el).to.be.accessible();
    button(el, 'Corriger l’identifiant').click();
    await screen(el, 'ciba-identifier');
    expect(el.querySelector<HTMLInputElement>('input[name="username"]')!.value, 'kept').to.equal('810009999999');
  });

  for (const [how, thrown] of [
    ['a code', Object.assign(new Error('cross-origin request refused'), { code: 'origin-refused' })],
    ['a 403 body', Object.assign(new Error('HTTP 403'), { status: 403, error: 'origin-refused' })],
  ] as const) {
    it(`the host refusing the page's address (${how}) is its own error, not "check your connection"`, async () => {
      const f = fake({ getNonce: () => thrown });
      const el = await mount(f.services);
      el.start('card');
      await screen(el, 'pin');
      root(el).querySelector<HTMLInputElement>('input[name="pin"]')!.value = '2580';
      const error = oneEvent(el, 'af-error');
      button(el, 'Valider').click();
      expect((await error).detail.code).to.equal('origin-refused');
      await screen(el, 'error');
      expect(title(el).textContent).to.equal('Adresse de la page inattendue');
      expect(text(el)).to.contain('L’adresse de cette page n’est pas celle qu’attend le service');
      expect(text(el)).not.to.contain('connexion à Internet');
      expect(button(el, 'Réessayer'), 'retrying cannot help').to.equal(undefined);
      expect(button(el, 'Choisir un autre moyen')).to.exist;
      await expect(el).to.be.accessible();
    });
  }

  it('on an error screen only the heading and the message are red; the help block reads calmly', async () => {
    const f = fake({ getNonce: () => Promise.reject(new TypeError('Failed to fetch')) });
    const el = await mount(f.services);
    el.helpContact = { name: 'Assistance', email: 'aide@example.org', phone: '01 23 45 67 89' };
    el.start('card');
    await screen(el, 'pin');
    root(el).querySelector<HTMLInputElement>('input[name="pin"]')!.value = '2580';
    button(el, 'Valider').click();
    await screen(el, 'error');
    const red = 'rgb(206, 5, 0)';
    expect(getComputedStyle(title(el)).color).to.equal(red);
    expect(getComputedStyle(root(el).querySelector('[part="message"]')!).color).to.equal(red);
    const help = root(el).querySelector<HTMLElement>('.help')!;
    expect(getComputedStyle(help).color, 'help text').to.equal('rgb(22, 22, 22)');
    expect(getComputedStyle(help).fontWeight, 'help text').to.equal('400');
    const mail = help.querySelector('a')!;
    expect(getComputedStyle(mail).color, 'help link').to.equal('rgb(0, 0, 145)');
    expect(getComputedStyle(button(el, 'Choisir un autre moyen')).color).to.equal('rgb(0, 0, 145)');
    await expect(el).to.be.accessible();
  });

  it('re-renders when lang changes on the element or an ancestor, not only on <html>', async () => {
    // a Lit root: fixture() then waits on updateComplete, not on an animation frame (paused in a background tab)
    const el = await mount(fake().services);
    const wrapper = el.parentElement as HTMLElement; // the fixture's container: an ancestor with no lang
    expect(title(el).textContent).to.equal('Identifiez-vous');
    el.setAttribute('lang', 'en');
    await waitUntil(() => title(el).textContent === 'Sign in', 'own lang');
    expect(button(el, 'Sign in with a CPS card')).to.exist;
    el.removeAttribute('lang');
    await waitUntil(() => title(el).textContent === 'Identifiez-vous', 'back to the document’s');
    wrapper.lang = 'en';
    await waitUntil(() => title(el).textContent === 'Sign in', 'ancestor’s lang');
    wrapper.lang = 'fr';
    await waitUntil(() => title(el).textContent === 'Identifiez-vous', 'ancestor back to French');
    // inside another element's shadow root, the shadow host's lang counts too
    const host = document.createElement('div');
    wrapper.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('af-login');
    inner.services = fake().services;
    shadow.append(inner);
    await inner.updateComplete;
    expect(title(inner).textContent).to.equal('Identifiez-vous');
    host.lang = 'en';
    await waitUntil(() => title(inner).textContent === 'Sign in', 'shadow host’s lang');
  });

  it('removed from the page: closes its card-event stream, and takes the flow up again on its return', async () => {
    const f = fake();
    const el = await mount(f.services);
    el.start('card');
    await screen(el, 'pin');
    const first = f.signals.watch!;
    expect(first.aborted).to.equal(false);
    const parent = el.parentElement!;
    el.remove();
    await Promise.resolve();
    expect(first.aborted, 'stream closed').to.equal(true);
    parent.append(el);
    await screen(el, 'pin');
    expect(f.signals.watch).to.not.equal(first);
    expect(f.signals.watch!.aborted, 'a new stream').to.equal(false);
    root(el).querySelector<HTMLInputElement>('input[name="pin"]')!.value = '1234';
    const done = oneEvent(el, 'af-authenticated');
    button(el, 'Valider').click();
    expect((await done).detail.method).to.equal('card');
  });

  it('removed during the e-CPS approval: stops polling; moved: keeps polling', async () => {
    const f = fake({ cibaPoll: { status: 'pending' } });
    const polls = () => f.names().filter((c) => c === 'cibaPoll').length;
    const moved = await mount(f.services, 'ciba methods=psc');
    moved.start('psc');
    await screen(moved, 'ciba-identifier');
    moved.querySelector<HTMLInputElement>('input[name="username"]')!.value = '810001234567';
    button(moved, 'Envoyer la demande sur mon téléphone').click();
    await screen(moved, 'ciba-waiting');
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
  });

  it('speaks English', async () => {
    const el = await mount(fake().services, 'lang=en');
    await (el as unknown as { i18n: { ready(): Promise<void> } }).i18n.ready();
    await el.updateComplete;
    expect(title(el).textContent).to.equal('Sign in');
    expect(button(el, 'Sign in with a CPS card')).to.exist;
    el.start('card');
    await screen(el, 'pin');
    expect(title(el).textContent).to.equal('Enter your PIN');
    expect(text(el)).to.contain('You have 3 tries left.');
    // English typography comes with the English strings: no space before the colon
    expect(text(el)).to.contain('Holder:');
    expect(text(el)).not.to.contain(' :');
    await expect(el).to.be.accessible();
  });
});
