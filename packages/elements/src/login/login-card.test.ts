import { CPS_PIN_LENGTH } from '@authforte/core/agent';
import { card, never } from '@authforte/core/testing';
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as ui from './test-support/login.js';

describe('<af-login> with the CPS card', () => {
  ui.freshPage();

  it('card journey with the keyboard alone: a wrong PIN, then the right one', async () => {
    const f = ui.fake({
      authenticate: ({ pin }: { pin: string }) =>
        pin === '2580' ? { signature: 'ok' } : Object.assign(new Error('x'), { code: 'pin-incorrect', triesLeft: 2 }),
    });
    const el = await ui.mount(f.services);
    await ui.press('Tab');
    expect(ui.isFocused(el, ui.button(el, 'S’identifier par carte CPS')), 'focus').to.equal(true);
    await ui.press('Enter');
    await ui.screen(el, 'pin');
    expect(ui.isFocused(el, ui.title(el)), 'focus').to.equal(true);
    expect(ui.title(el).textContent).to.equal('Saisissez votre code porteur');
    expect(ui.text(el)).to.contain('Dr KIT DOC0012345');
    expect(ui.text(el)).to.contain('CPS — carte de professionnel de santé');
    expect(ui.text(el)).to.contain('Il vous reste 3 tentatives.');
    const pin = () => ui.root(el).querySelector<HTMLInputElement>('input[name="pin"]')!;
    expect(pin().getAttribute('inputmode')).to.equal('numeric');
    // the CPS PIN's length, from core (the agent and the machine accept exactly that many digits)
    expect(pin().maxLength).to.equal(CPS_PIN_LENGTH);
    expect(pin().getAttribute('autocomplete')).to.equal('off');
    expect(pin().maxLength).to.equal(4);
    await expect(el).to.be.accessible();
    await ui.press('Tab');
    expect(ui.isFocused(el, pin()), 'focus').to.equal(true);
    await sendKeys({ type: '0000' });
    await ui.press('Enter');
    await waitUntil(() => pin().getAttribute('aria-invalid') === 'true');
    await el.updateComplete;
    expect(pin().value).to.equal('');
    const errorId = pin()
      .getAttribute('aria-describedby')!
      .split(' ')
      .find((id) => id.endsWith('pin-error'))!;
    expect(ui.root(el).getElementById(errorId)!.textContent).to.equal('Code porteur incorrect.');
    // the tries left are printed once (below the label), and both are announced
    expect(ui.text(el).split('Il vous reste').length - 1, 'tries printed once').to.equal(1);
    expect(ui.text(el)).to.contain('Il vous reste 2 tentatives.');
    expect(pin().getAttribute('aria-describedby')).to.contain('pin-tries');
    expect(ui.status(el)).to.equal('Code porteur incorrect. Il vous reste 2 tentatives.');
    expect(ui.isFocused(el, pin()), 'focus').to.equal(true);
    await expect(el).to.be.accessible();
    const done = oneEvent(el, 'af-authenticated');
    await sendKeys({ type: '2580' });
    const field = pin();
    expect(field.value).to.equal('2580');
    await ui.press('Enter');
    expect(field.value, 'cleared at once').to.equal('');
    const event = await done;
    expect(event.detail.method).to.equal('card');
    expect(event.detail.identity.displayName).to.equal('KIT DOC0012345');
    expect(event.detail.proof).to.deep.equal({ signature: 'ok' });
    expect(JSON.stringify(event.detail)).not.to.contain('2580');
    await ui.screen(el, 'authenticated');
    expect(ui.isFocused(el, ui.title(el)), 'focus').to.equal(true);
    expect(ui.text(el)).to.contain('Bienvenue, KIT DOC0012345.');
    await expect(el).to.be.accessible();
  });

  it('a PIN-pad reader: no PIN field, the code is typed on the reader; the profession is shown', async () => {
    let release: (v: unknown) => void = () => {};
    const pins: string[] = [];
    const f = ui.fake({
      watch: [{ type: 'card', card: { ...card(), pinPad: true, profession: 'Infirmier' } }],
      authenticate: ({ pin }: { pin: string }) => {
        pins.push(pin);
        return new Promise((resolve) => {
          release = resolve;
        });
      },
    });
    const el = await ui.mount(f.services);
    ui.button(el, 'S’identifier par carte CPS').click();
    await ui.screen(el, 'pin');
    expect(ui.root(el).querySelector('input[name="pin"]')).to.equal(null);
    expect(ui.text(el)).to.contain('Infirmier');
    expect(ui.text(el)).to.contain('le code porteur se tape sur le lecteur');
    await expect(el).to.be.accessible();
    const done = oneEvent(el, 'af-authenticated');
    ui.button(el, 'Taper mon code sur le lecteur').click();
    await ui.screen(el, 'card-authenticating');
    expect(ui.text(el)).to.contain('Tapez votre code sur le lecteur');
    await expect(el).to.be.accessible();
    release({ signature: 'pad' });
    await done;
    expect(pins).to.deep.equal(['']);
  });

  it('asks to confirm the final try, then shows the locked card with what to do', async () => {
    const { el, f } = await ui.atFinalTry();
    expect(ui.text(el)).to.contain('c’est votre dernière tentative');
    const pin = ui.root(el).querySelector<HTMLInputElement>('input[name="pin"]')!;
    pin.focus();
    await sendKeys({ type: '9999' });
    await ui.press('Enter');
    await el.updateComplete;
    const box = ui.root(el).querySelector<HTMLInputElement>('input[name="confirm-final-try"]')!;
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    expect(ui.isFocused(el, box), 'focus').to.equal(true);
    expect(f.names()).not.to.include('authenticate');
    // the PIN was not sent: it stays in the field, so ticking the box is all that is left to do
    expect(pin.value, 'PIN kept').to.equal('9999');
    await expect(el).to.be.accessible();
    await ui.press('Space');
    expect(box.checked).to.equal(true);
    const error = oneEvent(el, 'af-error');
    ui.button(el, 'Valider').click();
    expect(pin.value, 'cleared once sent').to.equal('');
    expect((await error).detail.code).to.equal('pin-locked');
    await ui.screen(el, 'pin-locked');
    expect(ui.title(el).textContent).to.equal('Votre carte est bloquée');
    expect(ui.text(el)).to.contain('code de déblocage à 8 chiffres');
    await expect(el).to.be.accessible();
    ui.button(el, 'Choisir un autre moyen').click();
    await ui.screen(el, 'chooser');
    expect(ui.isFocused(el, ui.title(el)), 'focus').to.equal(true);
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
      const f = ui.fake({ detect: () => (++n === 1 ? agentStatus : never()) });
      const el = await ui.mount(f.services, 'agent-install-url=https://example.org/agent');
      const error = oneEvent(el, 'af-error');
      el.start('card');
      expect((await error).detail.code).to.equal(code);
      await ui.screen(el, 'error');
      expect(ui.title(el).textContent).to.equal(heading);
      expect(ui.text(el)).to.contain(extra);
      expect(ui.isFocused(el, ui.title(el)), 'focus').to.equal(true);
      expect(ui.status(el)).to.contain(heading);
      await expect(el).to.be.accessible();
      await ui.press('Tab');
      const first = ui.focused(el) as HTMLElement;
      if (first.tagName === 'A') {
        expect(first.getAttribute('target')).to.equal('_blank');
        await ui.press('Tab');
      }
      expect(ui.isFocused(el, ui.button(el, 'Réessayer')), 'focus').to.equal(true);
      await ui.press('Enter');
      await ui.screen(el, 'agent-detecting');
      expect(n).to.equal(2);
      await expect(el).to.be.accessible();
      await ui.press('Escape');
      await ui.screen(el, 'chooser');
      expect(ui.text(el)).to.contain('Connexion annulée');
    });
  }

  it('pairs with a code typed from the agent', async () => {
    const el = await ui.atPairing();
    const input = () => ui.root(el).querySelector<HTMLInputElement>('input[name="pairing-code"]')!;
    expect(ui.text(el)).to.contain('un code de 6 chiffres');
    await expect(el).to.be.accessible();
    await ui.typeAndEnter(input(), '000000');
    await ui.screen(el, 'pairing');
    await waitUntil(() => input().getAttribute('aria-invalid') === 'true');
    expect(ui.text(el)).to.contain('Ce code ne correspond pas');
    // a change inside the card child (pairing → confirming → pairing with the refusal): said and focused
    await waitUntil(() => ui.isFocused(el, input()), 'focus on the field in error');
    expect(ui.status(el), 'announced').to.contain('Ce code ne correspond pas');
    await expect(el).to.be.accessible();
    await ui.typeAndEnter(input(), '123456');
    await ui.screen(el, 'pin');
  });

  it('pairs by approval on the agent page: the same code, a link to the agent, then on by itself', async () => {
    let n = 0;
    let approve: () => void = () => {};
    const f = ui.fake({
      detect: () => (++n === 1 ? { status: 'not-paired' } : { status: 'ready' }),
      startPairing: { pairingId: 'p', codeLength: 6, matchCode: 'K7QX', approveUrl: 'http://127.0.0.1:24680/' },
    });
    f.services.card!.waitForPairingApproval = () => new Promise<void>((resolve) => (approve = resolve));
    const el = await ui.mount(f.services);
    el.start('card');
    await ui.screen(el, 'pairing');
    expect(ui.root(el).querySelector('.match-code')!.textContent).to.equal('K7QX');
    const link = ui.root(el).querySelector<HTMLAnchorElement>('[part="pairing-approve"] a')!;
    expect(link.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Ouvrir l’agent de carte (nouvelle fenêtre)');
    expect(link.getAttribute('href')).to.equal('http://127.0.0.1:24680/?lang=fr');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.contain('noopener');
    await expect(el).to.be.accessible();
    approve();
    await ui.screen(el, 'pin');
    expect(f.names()).not.to.include('confirmPairing');
  });

  it('card removed during PIN entry: a clear message and a way back', async () => {
    const f = ui.fake();
    const el = await ui.mount(f.services);
    el.start('card');
    await ui.screen(el, 'pin');
    const error = oneEvent(el, 'af-error');
    f.emit({ type: 'card-removed' });
    expect((await error).detail).to.deep.equal({
      code: 'card-removed',
      message: 'The card was removed during the sign-in.',
      category: 'user',
      retryable: true,
      details: {},
    });
    await ui.screen(el, 'error');
    expect(ui.title(el).textContent).to.equal('La carte a été retirée');
    expect(ui.button(el, 'Réessayer')).to.exist;
    expect(ui.button(el, 'Choisir un autre moyen')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('waiting for a reader and a card; Escape cancels', async () => {
    const f = ui.fake({ watch: [{ type: 'no-reader' }] });
    const el = await ui.mount(f.services);
    el.start('card');
    await ui.screen(el, 'waiting-reader');
    expect(ui.title(el).textContent).to.equal('Branchez votre lecteur de carte');
    expect(ui.status(el)).to.equal('Branchez votre lecteur de carte');
    await expect(el).to.be.accessible();
    f.emit({ type: 'no-card' });
    await ui.screen(el, 'waiting-card');
    expect(ui.title(el).textContent).to.equal('Insérez votre carte CPS');
    await expect(el).to.be.accessible();
    const cancelled = oneEvent(el, 'af-cancelled');
    const deprecated = oneEvent(el, 'af-error');
    ui.title(el).focus();
    await ui.press('Escape');
    expect((await cancelled).detail.screen).to.equal('waiting-card');
    expect((await deprecated).detail.code).to.equal('cancelled');
    await ui.screen(el, 'chooser');
    expect(ui.status(el)).to.contain('Connexion annulée');
  });

  for (const [how, thrown] of [
    ['a code', Object.assign(new Error('cross-origin request refused'), { code: 'origin-refused' })],
    ['a 403 body', Object.assign(new Error('HTTP 403'), { status: 403, error: 'origin-refused' })],
  ] as const) {
    it(`the host refusing the page's address (${how}) is its own error, not "check your connection"`, async () => {
      const f = ui.fake({ getNonce: () => thrown });
      const el = await ui.mount(f.services);
      expect(await ui.cardError(el)).to.equal('origin-refused');
      expect(ui.title(el).textContent).to.equal('Adresse de la page inattendue');
      expect(ui.text(el)).to.contain('L’adresse de cette page n’est pas celle qu’attend le service');
      expect(ui.text(el)).not.to.contain('connexion à Internet');
      expect(ui.button(el, 'Réessayer'), 'retrying cannot help').to.equal(undefined);
      expect(ui.button(el, 'Choisir un autre moyen')).to.exist;
      await expect(el).to.be.accessible();
    });
  }
});
