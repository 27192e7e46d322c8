import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { DEFAULT_ECPS_PERSIST_KEY, ECPS_WALLET_URLS } from './af-ecps-activation.js';
import type { AfEcpsActivation } from './define.js';
import * as ui from './test-support/activation.js';
import { VALID_RPPS } from './test-support/activation.js';

describe('<af-ecps-activation> in its host page', () => {
  ui.freshPage();

  it('resumes where it was after a reload, without the identifier, and can be moved in the DOM', async () => {
    const el = await fixture<AfEcpsActivation>(html`<af-ecps-activation></af-ecps-activation>`);
    await ui.activate(el, 'Non, je n’ai pas de carte');
    for (let i = 1; i < 5; i++) await ui.activate(el, 'Étape suivante');
    ui.idInput(el)!.focus();
    await sendKeys({ type: VALID_RPPS });
    await el.updateComplete;

    // moved elsewhere in the page: same place, what was typed kept
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    elsewhere.append(el);
    await el.updateComplete;
    expect(el.step).to.equal(5);
    expect(ui.idInput(el)!.value).to.equal(VALID_RPPS);

    const stored = sessionStorage.getItem(DEFAULT_ECPS_PERSIST_KEY)!;
    expect(stored).to.contain('without-card');
    expect(stored).not.to.contain(VALID_RPPS);

    // "reload": a new element with the same key picks up at step 5, identifier empty
    const again = await fixture<AfEcpsActivation>(html`<af-ecps-activation></af-ecps-activation>`);
    expect(again.activeTrack).to.equal('without-card');
    expect(again.step).to.equal(5);
    expect(ui.idInput(again)!.value).to.equal('');
    expect(ui.focused(again)).to.equal(null);
    ui.idInput(again)!.focus();
    await sendKeys({ type: VALID_RPPS });
    await again.updateComplete;
    const events = ui.recordEvents(again);
    await ui.press(again, 'Enter');
    expect(events.steps).to.deep.equal([{ track: 'without-card', step: 6 }]);

    // a stepper with persistence off, or its own key, starts afresh
    const fresh = await fixture<AfEcpsActivation>(html`<af-ecps-activation persist-key=""></af-ecps-activation>`);
    expect(fresh.activeTrack).to.equal(null);
    elsewhere.remove();
  });

  it('removed from the page and put back: takes the progress up again where it was', async () => {
    const el = await fixture<AfEcpsActivation>(html`<af-ecps-activation persist-key=""></af-ecps-activation>`);
    await ui.activate(el, 'Oui, j’ai une carte CPx');
    await ui.activate(el, 'Étape suivante');
    const parent = el.parentElement!;
    el.remove();
    await Promise.resolve();
    const events = ui.recordEvents(el);
    parent.append(el);
    await el.updateComplete;
    expect(el.activeTrack).to.equal('with-card');
    expect(el.step).to.equal(2);
    await ui.activate(el, 'Étape suivante');
    expect(events.steps).to.deep.equal([{ track: 'with-card', step: 3 }]);
  });

  it('ignores a stored progress it does not understand', async () => {
    for (const bad of [
      '{',
      '{"status":"active","value":"elsewhere","context":{"step":3}}',
      '{"status":"active","value":"active","context":{"track":"with-card","step":42}}',
    ]) {
      sessionStorage.setItem(DEFAULT_ECPS_PERSIST_KEY, bad);
      const el = await fixture<AfEcpsActivation>(html`<af-ecps-activation></af-ecps-activation>`);
      expect(el.activeTrack).to.equal(null);
      expect(ui.headingText(el)).to.equal('Avez-vous une carte CPS physique (carte CPx) ?');
    }
  });

  it('shows a QR code to the store pages, loaded on demand, with a text alternative', async () => {
    const el = await fixture<AfEcpsActivation>(html`<af-ecps-activation track="with-card"></af-ecps-activation>`);
    const toggle = ui.buttonNamed(el, 'Afficher un QR code à scanner avec votre téléphone')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    await ui.activate(el, 'Afficher un QR code à scanner avec votre téléphone');
    // the QR library is loaded on demand: wait for it (slow on a loaded machine) rather than a fixed delay
    await waitUntil(() => ui.root(el).querySelectorAll('[part="qr"] svg[role="img"]').length > 0, 'QR codes shown', {
      timeout: 5000,
    });
    await el.updateComplete;
    const codes = [...ui.root(el).querySelectorAll('[part="qr"] svg[role="img"]')];
    expect(codes.length).to.equal(2);
    expect(codes[0]!.getAttribute('aria-label')).to.equal(
      'QR code qui ouvre la page de l’application e-CPS sur App Store',
    );
    expect(codes[0]!.querySelector('path')!.getAttribute('d')).to.match(/^M\d/);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('uses the configured wallet, store links and help contact', async () => {
    const wrapper = await fixture<HTMLElement>(html`<af-config
      .config=${{
        helpContact: { name: 'Assistance', email: 'aide@example.org' },
        ecps: { walletUrl: ECPS_WALLET_URLS.bas, appStoreUrl: 'https://example.org/ios' },
      }}
    >
      <af-ecps-activation track="with-card"></af-ecps-activation>
    </af-config>`);
    const el = wrapper.querySelector('af-ecps-activation')!;
    await el.updateComplete;
    expect(ui.root(el).querySelector<HTMLAnchorElement>('.stores a')!.href).to.equal('https://example.org/ios');
    expect(ui.root(el).querySelector('.help')!.textContent).to.contain('aide@example.org');
    el.next();
    await el.updateComplete;
    expect(ui.root(el).querySelector<HTMLAnchorElement>('.wallet a')!.href).to.equal(`${ECPS_WALLET_URLS.bas}/`);
    const plain = await fixture<AfEcpsActivation>(
      html`<af-ecps-activation persist-key="plain" track="with-card"></af-ecps-activation>`,
    );
    expect(ui.root(plain).querySelector('.help')).to.equal(null);
  });

  it('speaks English, keeping the app’s French labels with a translation', async () => {
    const el = await fixture<AfEcpsActivation>(
      html`<af-ecps-activation lang="en" track="without-card"></af-ecps-activation>`,
    ); // fixture waits for updateComplete, which waits for the English strings
    expect(ui.headingText(el)).to.equal('Step 1 of 8: Install the e‑CPS app on your phone');
    el.next();
    await el.updateComplete;
    expect(ui.headingText(el)).to.equal(
      'Step 2 of 8: Open the app and tap “Commencer l’activation” (Start the activation)',
    );
    expect(ui.buttonNamed(el, 'Next step')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('links onwards from its last screen to the host’s sign-in page', async () => {
    const el = await fixture<AfEcpsActivation>(
      html`<af-ecps-activation persist-key="" track="with-card" sign-in-url="/connexion"></af-ecps-activation>`,
    );
    for (let i = 1; i <= 8; i++) {
      ui.buttonNamed(el, i === 8 ? 'J’ai terminé' : 'Étape suivante')!.click();
      await el.updateComplete;
    }
    expect(el.complete).to.equal(true);
    const link = ui.root(el).querySelector<HTMLAnchorElement>('[part="sign-in-link"]')!;
    expect(link.getAttribute('href')).to.equal('/connexion');
    expect(link.textContent).to.equal('Me connecter avec Pro Santé Connect');
    expect(ui.root(el).textContent).not.to.contain('ProSanté');
    await expect(el).to.be.accessible();
  });

  it('honours reduced motion: no entrance movement for a new step', async () => {
    const el = await fixture<AfEcpsActivation>(html`<af-ecps-activation track="with-card"></af-ecps-activation>`);
    const panel = () => ui.root(el).querySelector<HTMLElement>('[part="step"]')!;
    expect(getComputedStyle(panel()).animationName).to.equal('af-appear');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      el.next();
      await el.updateComplete;
      expect(getComputedStyle(panel()).animationName).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('lets the host replace a string', async () => {
    const el = await fixture<AfEcpsActivation>(
      html`<af-ecps-activation .strings=${{ title: 'Votre carte e-CPS' }}></af-ecps-activation>`,
    );
    expect(ui.norm(ui.root(el).querySelector('[part="title"]')!.textContent)).to.equal('Votre carte e-CPS');
  });

  it('fires typed events that bubble out of the shadow root', async () => {
    const el = await fixture<AfEcpsActivation>(html`<af-ecps-activation track="with-card"></af-ecps-activation>`);
    const change = oneEvent(document.body, 'af-step-change');
    el.next();
    const e = await change;
    expect(e.detail).to.deep.equal({ track: 'with-card', step: 2 });
    expect(e.composed).to.equal(true);
  });
});
