import { classifyProfession } from '@authforte/core/profession-classifier';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ECPS_WALLET_URLS } from './af-ecps-activation.js';
import type { AfEcpsActivation } from './define.js';
import * as ui from './test-support/activation.js';
import { VALID_RPPS, WRONG_KEY_RPPS } from './test-support/activation.js';

describe('<af-ecps-activation>', () => {
  ui.freshPage();

  it('asks first whether the professional has a physical card, without taking the focus, and is accessible', async () => {
    const el = await fixture<AfEcpsActivation>(html`<af-ecps-activation></af-ecps-activation>`);
    expect(ui.headingText(el)).to.equal('Avez-vous une carte CPS physique (carte CPx) ?');
    expect(ui.buttonNamed(el, 'Oui, j’ai une carte CPx')).to.exist;
    expect(ui.buttonNamed(el, 'Non, je n’ai pas de carte')).to.exist;
    expect(ui.focused(el)).to.equal(null);
    expect(el.activeTrack).to.equal(null);
    expect(el.step).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('walks the track with a card with the keyboard alone, focusing each step, to completion', async () => {
    const el = await fixture<AfEcpsActivation>(html`<af-ecps-activation></af-ecps-activation>`);
    const events = ui.recordEvents(el);
    await ui.activate(el, 'Oui, j’ai une carte CPx');
    const titles = [
      'Installez l’application e‑CPS sur votre téléphone',
      'Ouvrez le site d’activation sur votre ordinateur',
      'Insérez votre carte et choisissez le certificat',
      'Connectez-vous avec « Pro Santé Connect »',
      'Cliquez sur « Commencer l’activation »',
      'Scannez le QR code avec votre téléphone',
      'Recopiez le code d’activation sur l’ordinateur',
      'Créez votre mot de passe e‑CPS',
    ];
    const places = [
      'Sur votre téléphone',
      'Sur votre ordinateur',
      'Sur votre ordinateur',
      'Sur votre ordinateur',
      'Sur votre ordinateur',
      'Sur votre ordinateur et votre téléphone',
      'Sur votre ordinateur et votre téléphone',
      'Sur votre téléphone',
    ];
    for (let i = 0; i < 8; i++) {
      expect(ui.headingText(el)).to.equal(`Étape ${i + 1} sur 8 : ${titles[i]}`);
      expect(ui.focused(el)).to.equal(ui.heading(el), `step ${i + 1}'s heading has the focus`);
      expect(ui.norm(ui.current(el)!.textContent)).to.contain(titles[i]);
      expect(ui.root(el).querySelectorAll('ol[part="steps"] > li').length).to.equal(8);
      expect(ui.root(el).querySelector('[part="place"]')!.textContent!.trim()).to.equal(places[i]);
      expect(ui.norm(ui.root(el).querySelector('summary')!.textContent)).to.equal('Ça ne fonctionne pas ?');
      if (i === 1) {
        const link = ui.root(el).querySelector<HTMLAnchorElement>('.wallet a')!;
        expect(link.href).to.equal(`${ECPS_WALLET_URLS.production}/`);
      }
      await expect(el).to.be.accessible();
      await ui.activate(el, i === 7 ? 'J’ai terminé' : 'Étape suivante');
    }
    expect(el.complete).to.equal(true);
    expect(ui.headingText(el)).to.equal('Votre e‑CPS est activée');
    expect(ui.focused(el)).to.equal(ui.heading(el));
    expect(ui.status(el)).to.equal('Activation terminée : votre e-CPS est activée.');
    expect(ui.current(el)).to.equal(null);
    await expect(el).to.be.accessible();
    expect(events.steps).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8].map((step) => ({ track: 'with-card', step })));
    expect(events.completes).to.deep.equal([{ track: 'with-card' }]);
  });

  it('walks the card-less track with the keyboard: identifier errors, warning, e-mail cases', async () => {
    const el = await fixture<AfEcpsActivation>(html`<af-ecps-activation></af-ecps-activation>`);
    const events = ui.recordEvents(el);
    await ui.activate(el, 'Non, je n’ai pas de carte');
    const titles: string[] = [];
    for (let i = 1; i < 5; i++) {
      titles.push(ui.headingText(el));
      expect(ui.root(el).querySelector('[part="place"]')!.textContent!.trim()).to.equal('Sur votre téléphone');
      await expect(el).to.be.accessible();
      await ui.activate(el, 'Étape suivante');
    }
    expect(titles).to.deep.equal([
      'Étape 1 sur 8 : Installez l’application e‑CPS sur votre téléphone',
      'Étape 2 sur 8 : Ouvrez l’application et touchez « Commencer l’activation »',
      'Étape 3 sur 8 : Acceptez les conditions d’utilisation',
      'Étape 4 sur 8 : Touchez « Envoyer une demande d’activation »',
    ]);
    expect(ui.headingText(el)).to.equal('Étape 5 sur 8 : Saisissez votre identifiant national');
    const input = ui.idInput(el)!;
    expect(input.getAttribute('autocomplete')).to.equal('username');
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    // in the light DOM, in a form, labelled: what browsers and password managers look for
    expect(input.getRootNode()).to.equal(document);
    expect(input.form).to.exist;
    expect(ui.norm(input.labels![0]!.textContent)).to.match(/identifiant national/i);
    expect(getComputedStyle(input).minHeight).to.equal('44px');
    await expect(el).to.be.accessible();

    // "Étape suivante" with nothing typed: refused, the field gets the focus and says why
    await ui.activate(el, 'Étape suivante');
    expect(el.step).to.equal(5);
    expect(ui.focused(el)).to.equal(ui.idInput(el));
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const messageId = input.getAttribute('aria-describedby')!.split(' ')[1]!;
    expect(ui.norm(document.getElementById(messageId)!.textContent)).to.equal(
      'Saisissez votre identifiant national : 8 suivi de votre numéro RPPS.',
    );
    expect(ui.status(el)).to.equal('Saisissez votre identifiant national : 8 suivi de votre numéro RPPS.');
    await expect(el).to.be.accessible();

    // the RPPS number without the 8: flagged as typed, blocks
    await sendKeys({ type: '10100000008' });
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(ui.norm(el.querySelector('.af-message')!.textContent)).to.equal(
      'Il manque le 8 au début : saisissez 8 suivi de votre numéro RPPS.',
    );
    await ui.press(el, 'Enter');
    expect(el.step).to.equal(5);

    // a wrong first digit is flagged at once
    input.select();
    await sendKeys({ type: '9' });
    await el.updateComplete;
    expect(ui.norm(el.querySelector('.af-message')!.textContent)).to.equal(
      'L’identifiant national commence par 8, suivi de votre numéro RPPS.',
    );

    // too short: once an error was shown, the check follows the typing until it is fixed
    input.select();
    await sendKeys({ type: '81010' });
    await el.updateComplete;
    await ui.press(el, 'Enter');
    expect(el.step).to.equal(5);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(el.querySelector('.af-message')!.textContent).to.contain('vous en avez saisi 5');
    await expect(el).to.be.accessible();

    // a wrong check digit: a gentle warning, not blocking
    input.select();
    await sendKeys({ type: WRONG_KEY_RPPS });
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    const warning = el.querySelector('.af-message--warning')!;
    expect(warning.textContent).to.contain('clé de contrôle');
    expect(input.getAttribute('aria-describedby')).to.contain(warning.id);
    expect(ui.status(el)).to.contain('clé de contrôle');
    await expect(el).to.be.accessible();

    // a good one
    input.select();
    await sendKeys({ type: VALID_RPPS });
    await el.updateComplete;
    expect(el.querySelector('.af-message--valid')!.textContent).to.contain(VALID_RPPS);
    await ui.press(el, 'Enter');
    expect(el.step).to.equal(6);
    expect(ui.focused(el)).to.equal(ui.heading(el));

    // the e-mail: two cases, chosen with the arrow keys in a radio group
    expect(ui.norm(ui.root(el).querySelector('legend')!.textContent)).to.equal('Où avez-vous ouvert l’e-mail ?');
    await expect(el).to.be.accessible();
    for (let i = 0; i < 10 && !(ui.focused(el) instanceof HTMLInputElement); i++) await ui.press(el, 'Tab');
    await ui.press(el, 'Space');
    expect(ui.norm(ui.root(el).querySelector('.email-do')!.textContent)).to.contain('« Démarrer l’activation »');
    await ui.press(el, 'ArrowDown');
    expect(ui.root(el).querySelector('.email-do')!.textContent).to.contain('scannez le QR code');
    expect(ui.status(el)).to.contain('scannez le QR code');
    await expect(el).to.be.accessible();

    await ui.activate(el, 'Étape suivante');
    expect(ui.headingText(el)).to.equal('Étape 7 sur 8 : Saisissez le code reçu par SMS');
    await ui.activate(el, 'Étape suivante');
    await expect(el).to.be.accessible();
    await ui.activate(el, 'J’ai terminé');
    expect(el.complete).to.equal(true);
    expect(events.steps.map((s) => s.step)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events.steps.every((s) => s.track === 'without-card')).to.equal(true);
    expect(events.completes).to.deep.equal([{ track: 'without-card' }]);
  });

  it('goes back with "Étape précédente", to the question from step 1, and starts again with "Recommencer"', async () => {
    const el = await fixture<AfEcpsActivation>(html`<af-ecps-activation></af-ecps-activation>`);
    const events = ui.recordEvents(el);
    await ui.activate(el, 'Oui, j’ai une carte CPx');
    await ui.activate(el, 'Étape suivante');
    await ui.activate(el, 'Étape précédente');
    expect(el.step).to.equal(1);
    expect(ui.focused(el)).to.equal(ui.heading(el));
    await ui.activate(el, 'Étape précédente');
    expect(el.activeTrack).to.equal(null);
    expect(ui.headingText(el)).to.equal('Avez-vous une carte CPS physique (carte CPx) ?');
    expect(ui.focused(el)).to.equal(ui.heading(el));
    expect(ui.status(el)).to.equal('Retour à la première question.');
    await ui.activate(el, 'Non, je n’ai pas de carte');
    await ui.activate(el, 'Étape suivante');
    await ui.activate(el, 'Recommencer');
    expect(el.activeTrack).to.equal(null);
    expect(ui.status(el)).to.equal('L’activation reprend depuis le début.');
    expect(events.steps).to.deep.equal([
      { track: 'with-card', step: 1 },
      { track: 'with-card', step: 2 },
      { track: 'with-card', step: 1 },
      { track: 'without-card', step: 1 },
      { track: 'without-card', step: 2 },
    ]);
  });

  it('skips the question when the host gives the track, and offers no way back before step 1', async () => {
    const el = await fixture<AfEcpsActivation>(html`<af-ecps-activation track="with-card"></af-ecps-activation>`);
    expect(el.activeTrack).to.equal('with-card');
    expect(el.step).to.equal(1);
    expect(ui.focused(el)).to.equal(null);
    expect(ui.buttonNamed(el, 'Étape précédente')).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('goes straight to the card-less track for a professional who cannot have a physical card', async () => {
    const classification = classifyProfession('aide-soignant')!;
    expect(classification.cards.physicalCps).to.equal(false);
    const el = await fixture<AfEcpsActivation>(
      html`<af-ecps-activation .classification=${classification}></af-ecps-activation>`,
    );
    expect(el.activeTrack).to.equal('without-card');
    const nurse = classifyProfession('infirmier')!;
    const other = await fixture<AfEcpsActivation>(
      html`<af-ecps-activation persist-key="other" .classification=${nurse}></af-ecps-activation>`,
    );
    expect(other.activeTrack).to.equal(null); // may have a card or not: asked
  });

  it('takes a track given later by the host while the question is shown', async () => {
    const el = await fixture<AfEcpsActivation>(html`<af-ecps-activation></af-ecps-activation>`);
    el.track = 'without-card';
    await el.updateComplete;
    expect(el.activeTrack).to.equal('without-card');
  });
});
