import { CARD_TYPES, CPS_PIN_LENGTH, cardTypeLabel } from '@authforte/core/agent';
import { CATEGORIES, ORDERS, REGISTRATION_PORTALS } from '@authforte/core/profession-classifier';
import { PSC_WALLET_AUTHORIZATION_ENDPOINTS, PSC_WALLET_HOSTS } from '@authforte/core/psc';
import { expect } from '@open-wc/testing';
import { ECPS_WALLET_URLS } from '../ecps-activation/af-ecps-activation.js';
import loginEn from '../login/strings.en.js';
import loginFr from '../login/strings.fr.js';
import { DEFAULT_PORTALS } from '../profession-classifier/af-profession-classifier.js';
import classifierEn from '../profession-classifier/strings.en.js';
import classifierFr from '../profession-classifier/strings.fr.js';

/** Facts kept once, in `@authforte/core`: the elements' copies must say the same. */
describe('one source per fact', () => {
  it('the PIN length: what the PIN field says is what the card agent and the machine accept', () => {
    expect(CPS_PIN_LENGTH).to.equal(4);
    for (const m of [loginFr, loginEn]) {
      expect(m['pin.label']).to.contain(String(CPS_PIN_LENGTH));
      expect(m['pin.format']).to.contain(String(CPS_PIN_LENGTH));
    }
  });

  it('the card types: every type of the family is named, in both languages', () => {
    for (const type of Object.keys(CARD_TYPES) as (keyof typeof CARD_TYPES)[]) {
      expect(cardTypeLabel(type, 'fr')).to.match(new RegExp(`^${type} — carte `));
      expect(cardTypeLabel(type, 'en')).to.match(new RegExp(`^${type} — .*card`));
      // the refusal of a certificate that is not a CPx card's lists the family
      expect(loginFr['error.card-not-accepted']).to.contain(type);
      expect(loginEn['error.card-not-accepted']).to.contain(type);
    }
  });

  it('the orders: their names in the classifier are the reference data’s, their sites the default portals', () => {
    for (const [id, order] of Object.entries(ORDERS)) {
      expect(classifierFr[`order.${id}` as keyof typeof classifierFr]).to.equal(order.label);
      expect(classifierEn[`order.${id}` as keyof typeof classifierEn]).to.equal(`${order.labelEn} (${order.label})`);
      expect(DEFAULT_PORTALS.orders[id]).to.equal(order.site);
    }
    expect(DEFAULT_PORTALS.erpps).to.equal(REGISTRATION_PORTALS.erpps);
    expect(DEFAULT_PORTALS.rppsPlus).to.equal(REGISTRATION_PORTALS.rppsPlus);
    for (const [id, category] of Object.entries(CATEGORIES)) {
      expect(classifierFr[`category.${id}` as keyof typeof classifierFr]).to.equal(category.label);
      expect(classifierEn[`category.${id}` as keyof typeof classifierEn]).to.equal(category.labelEn);
    }
  });

  it('the wallet hosts: the activation site is PSC’s wallet host, where its authorization endpoint lives', () => {
    expect(ECPS_WALLET_URLS).to.deep.equal(PSC_WALLET_HOSTS);
    for (const env of ['production', 'bas'] as const)
      expect(PSC_WALLET_AUTHORIZATION_ENDPOINTS[env]).to.equal(`${ECPS_WALLET_URLS[env]}/auth`);
  });
});
