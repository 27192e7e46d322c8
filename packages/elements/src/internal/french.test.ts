import { classifyProfession } from '@authforte/core/profession-classifier';
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import '../ecps-activation/define.js';
import '../profession-classifier/define.js';
import '../psc-button/define.js';
import { markFrench } from './french.js';

const frenchIn = (root: ParentNode) => [...root.querySelectorAll('[lang="fr"]')].map((e) => e.textContent);

describe('French words in English text (lang="fr")', () => {
  it('marks the French terms of an English string, and leaves French text as is', () => {
    const box = document.createElement('div');
    render(markFrench('Tap “Démarrer l’activation” (Start the activation), then Pro Santé Connect.', 'en'), box);
    expect(frenchIn(box)).to.deep.equal(['Démarrer l’activation', 'Pro Santé Connect']);
    expect(box.textContent).to.equal('Tap “Démarrer l’activation” (Start the activation), then Pro Santé Connect.');
    expect(markFrench('Connexion avec Pro Santé Connect', 'fr')).to.equal('Connexion avec Pro Santé Connect');
    expect(markFrench('Sign in', 'en')).to.equal('Sign in');
  });

  it('<af-psc-button> in English: the Pro Santé Connect name is French, in the button and its link', async () => {
    const el = await fixture<HTMLElementTagNameMap['af-psc-button']>(html`<af-psc-button lang="en"></af-psc-button>`);
    await el.updateComplete;
    expect(frenchIn(el.shadowRoot!)).to.deep.equal(['Pro Santé Connect', 'Pro Santé Connect']);
    await expect(el).to.be.accessible();
  });

  it('<af-profession-classifier> in English: the official label and the order’s name are French', async () => {
    const el = await fixture<HTMLElementTagNameMap['af-profession-classifier']>(
      html`<af-profession-classifier lang="en"></af-profession-classifier>`,
    );
    el.choose(classifyProfession('infirmier')!.profession);
    await el.updateComplete;
    const marked = frenchIn(el.shadowRoot!);
    expect(marked).to.include('Ordre des infirmiers');
    expect(marked.some((t) => /^Infirmi/.test(t ?? ''))).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('<af-ecps-activation> in English: the app’s French labels are marked', async () => {
    const el = await fixture<HTMLElementTagNameMap['af-ecps-activation']>(
      html`<af-ecps-activation lang="en" track="without-card" persist-key=""></af-ecps-activation>`,
    );
    for (let i = 1; i < 6; i++) el.next();
    if (el.step === 5) {
      el.enterNationalId('810100000008');
      el.next();
    }
    el.chooseEmailOn('phone');
    await el.updateComplete;
    expect(el.step).to.equal(6);
    expect(frenchIn(el.shadowRoot!)).to.include('Démarrer l’activation');
    expect(el.shadowRoot!.querySelector('.email-do')!.textContent).to.contain('“Démarrer l’activation” (Start');
    await expect(el).to.be.accessible();
  });
});
