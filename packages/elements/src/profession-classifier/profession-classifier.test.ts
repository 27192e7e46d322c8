import { classifyProfession } from '@authforte/core/profession-classifier';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../config/define.js';
import type { AfConfig } from '../config/define.js';
import { setMessages } from '../internal/localize.js';
import './define.js';
import type { AfProfessionClassifier } from './define.js';

const input = (el: AfProfessionClassifier) => el.shadowRoot!.querySelector('input')!;
const options = (el: AfProfessionClassifier) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
const listbox = (el: AfProfessionClassifier) => el.shadowRoot!.querySelector<HTMLElement>('[role="listbox"]')!;
const status = (el: AfProfessionClassifier) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
const result = (el: AfProfessionClassifier) => el.shadowRoot!.querySelector<HTMLElement>('[part="result"]');

async function typeInto(el: AfProfessionClassifier, text: string) {
  input(el).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

async function press(el: AfProfessionClassifier, key: string) {
  await sendKeys({ press: key });
  await el.updateComplete;
}

describe('<af-profession-classifier>', () => {
  afterEach(() => {
    document.documentElement.lang = 'fr';
  });

  it('starts empty, labelled in French, and is accessible', async () => {
    const el = await fixture<AfProfessionClassifier>(html`<af-profession-classifier></af-profession-classifier>`);
    const field = input(el);
    expect(field.getAttribute('role')).to.equal('combobox');
    expect(field.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.querySelector('label')!.textContent).to.equal('Votre profession');
    expect(listbox(el).hidden).to.equal(true);
    expect(result(el)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('suggests as the user types, announces the count, and stays accessible with the list open', async () => {
    const el = await fixture<AfProfessionClassifier>(html`<af-profession-classifier></af-profession-classifier>`);
    await typeInto(el, 'infirmiere');
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');
    const opts = options(el);
    expect(opts.length).to.be.greaterThan(0);
    expect(opts[0]!.textContent).to.contain('Infirmier');
    expect(status(el)).to.match(/professions? trouvées?/);
    await expect(el).to.be.accessible();
  });

  it('is driven with the keyboard alone: arrows, Home/End, Enter, then shows the result', async () => {
    const el = await fixture<AfProfessionClassifier>(html`<af-profession-classifier></af-profession-classifier>`);
    await typeInto(el, 'aide');
    const count = options(el).length;
    expect(count).to.be.greaterThan(1);
    await press(el, 'ArrowDown');
    expect(input(el).getAttribute('aria-activedescendant')).to.equal(options(el)[0]!.id);
    expect(options(el)[0]!.getAttribute('aria-selected')).to.equal('true');
    await press(el, 'ArrowDown');
    expect(options(el)[1]!.getAttribute('aria-selected')).to.equal('true');
    await press(el, 'End');
    expect(options(el)[count - 1]!.getAttribute('aria-selected')).to.equal('true');
    await press(el, 'Home');
    expect(options(el)[0]!.getAttribute('aria-selected')).to.equal('true');
    await press(el, 'ArrowUp'); // wraps to the last
    expect(options(el)[count - 1]!.getAttribute('aria-selected')).to.equal('true');
    const chosen = options(el)[count - 1]!.querySelector('.option-label')!.textContent!;
    const classified = oneEvent(el, 'af-classified');
    await press(el, 'Enter');
    const event = await classified;
    expect(event.detail.classification.profession.label).to.equal(chosen);
    expect(input(el).value).to.equal(chosen);
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(result(el)).to.not.equal(null);
    expect(status(el)).to.contain(chosen);
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
    await expect(el).to.be.accessible();
  });

  it('Escape closes the list, a second Escape clears the field and fires af-cleared after a result', async () => {
    const el = await fixture<AfProfessionClassifier>(html`<af-profession-classifier></af-profession-classifier>`);
    await typeInto(el, 'kiné');
    await press(el, 'Escape');
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(input(el).value).to.equal('kiné');
    await press(el, 'ArrowDown');
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');
    await press(el, 'Enter');
    expect(el.classification?.profession.id).to.equal(classifyProfession('kiné')!.profession.id);
    const cleared = oneEvent(el, 'af-cleared');
    await press(el, 'Escape');
    await cleared;
    expect(input(el).value).to.equal('');
    expect(result(el)).to.equal(null);
    expect(el.classification).to.equal(null);
  });

  it('works with the mouse: hover highlights, click chooses, focus stays in the field', async () => {
    const el = await fixture<AfProfessionClassifier>(html`<af-profession-classifier></af-profession-classifier>`);
    await typeInto(el, 'psycho');
    const second = options(el)[1]!;
    second.dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    await el.updateComplete;
    expect(options(el)[1]!.getAttribute('aria-selected')).to.equal('true');
    const down = new MouseEvent('mousedown', { bubbles: true, cancelable: true });
    options(el)[1]!.dispatchEvent(down);
    expect(down.defaultPrevented, 'mousedown must not steal the focus').to.equal(true);
    const label = options(el)[1]!.querySelector('.option-label')!.textContent;
    const classified = oneEvent(el, 'af-classified');
    options(el)[1]!.click();
    expect((await classified).detail.classification.profession.label).to.equal(label);
  });

  it('shows each category with its portal, card and next step', async () => {
    const el = await fixture<AfProfessionClassifier>(html`<af-profession-classifier></af-profession-classifier>`);
    const cases: Array<[string, RegExp, RegExp, RegExp]> = [
      ['médecin', /Professionnels à ordre/, /Ordre des médecins/, /Carte CPS physique ou e-CPS/],
      ['orthophoniste', /Professionnels à enregistrement ARS/, /portail eRPPS/, /Carte CPS physique ou e-CPS/],
      ['aide-soignant', /Professionnels à rôle/, /RPPS\+/, /e-CPS uniquement/],
      ['directeur d’ESMS', /Autres professionnels/, /RPPS\+/, /e-CPS uniquement/],
    ];
    for (const [query, title, where, card] of cases) {
      const c = classifyProfession(query);
      expect(c, query).to.not.equal(null);
      el.choose(c!.profession);
      await el.updateComplete;
      const text = result(el)!.textContent!.replace(/\s+/g, ' ');
      expect(text, query).to.match(title);
      expect(text, query).to.match(where);
      expect(text, query).to.match(card);
      const heading = result(el)!.querySelector('[role="heading"]')!;
      expect(heading.getAttribute('aria-level')).to.equal('2');
      await expect(el).to.be.accessible();
    }
  });

  it('explains the RPPS+ methods and prerequisites, and the ADELI note only for ARS professions', async () => {
    const el = await fixture<AfProfessionClassifier>(html`<af-profession-classifier></af-profession-classifier>`);
    el.choose(classifyProfession('aide-soignante')!.profession);
    await el.updateComplete;
    let text = result(el)!.textContent!;
    expect(result(el)!.querySelectorAll('.methods li').length).to.equal(2);
    expect(text).to.contain('FranceConnect');
    expect(text).to.contain('gestionnaire(s) RPPS+');
    expect(text).not.to.contain('ADELI');
    el.choose(classifyProfession('ergothérapeute')!.profession);
    await el.updateComplete;
    text = result(el)!.textContent!;
    expect(text).to.contain('ADELI');
    expect(text).not.to.contain('FranceConnect');
    const link = result(el)!.querySelector('a')!;
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.contain('noopener');
    expect(link.textContent).to.contain('nouvelle fenêtre');
  });

  it('reads calmly and links onwards: blue information bar, next step with the host’s pages', async () => {
    const el = await fixture<AfProfessionClassifier>(
      html`<af-profession-classifier activation-url="/activation.html" sign-in-url="/connexion"></af-profession-classifier>`,
    );
    el.choose(classifyProfession('aide-soignante')!.profession);
    await el.updateComplete;
    const notice = result(el)!.querySelector<HTMLElement>('.notice')!;
    // the prerequisites are information, not an error: no red bar
    expect(getComputedStyle(notice).borderLeftColor).to.equal('rgb(0, 0, 145)');
    const text = result(el)!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Prochaine étape : Une fois');
    const links = [...result(el)!.querySelectorAll<HTMLAnchorElement>('[part="onwards"] a')];
    expect(links.map((a) => [a.getAttribute('href'), a.textContent])).to.deep.equal([
      ['/activation.html', 'Activer mon e-CPS, étape par étape'],
      ['/connexion', 'Me connecter'],
    ]);
    await expect(el).to.be.accessible();
    // from <af-config> too; nothing when the host has no such pages
    const wrapped = await fixture<AfConfig>(
      html`<af-config .config=${{ activationUrl: '/ecps' }}><af-profession-classifier></af-profession-classifier></af-config>`,
    );
    const inner = wrapped.querySelector('af-profession-classifier')!;
    inner.choose(classifyProfession('infirmier')!.profession);
    await inner.updateComplete;
    expect(result(inner)!.querySelector('[part="onwards"] a')!.getAttribute('href')).to.equal('/ecps');
    const bare = await fixture<AfProfessionClassifier>(html`<af-profession-classifier></af-profession-classifier>`);
    bare.choose(classifyProfession('infirmier')!.profession);
    await bare.updateComplete;
    expect(result(bare)!.querySelector('[part="onwards"]')).to.equal(null);
  });

  it('proposes "Étudiant" as another possibility only when the query says so', async () => {
    for (const query of [
      'infirmier',
      'aide-soignant',
      'kine',
      'pharmacien',
      'sage-femme',
      'auxiliaire de puericulture',
    ]) {
      const c = classifyProfession(query)!;
      expect(
        c.alternatives.map((p) => p.id),
        query,
      ).not.to.include('etudiant');
    }
    const student = classifyProfession('étudiant infirmier')!;
    expect([student.profession.id, ...student.alternatives.map((p) => p.id)]).to.include('etudiant');
  });

  it('puts English typography in the English strings: no space before the colons', async () => {
    const el = await fixture<AfProfessionClassifier>(
      html`<af-profession-classifier lang="en"></af-profession-classifier>`,
    );
    await el.updateComplete;
    el.choose(classifyProfession('aide-soignante')!.profession);
    await el.updateComplete;
    const text = result(el)!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Your profession: ');
    expect(text).to.contain('Next step: ');
    expect(text).not.to.match(/\w :/);
  });

  it('shows a help contact only when the host configures one, directly or through <af-config>', async () => {
    const plain = await fixture<AfProfessionClassifier>(html`<af-profession-classifier></af-profession-classifier>`);
    plain.choose(classifyProfession('infirmier')!.profession);
    await plain.updateComplete;
    expect(plain.shadowRoot!.querySelector('.help')).to.equal(null);
    expect(plain.shadowRoot!.textContent).not.to.contain('@');

    const wrapper = await fixture<AfConfig>(html`<af-config
      .config=${{ helpContact: { name: 'Assistance régionale', email: 'aide@example.org', phone: '01 02 03 04 05' } }}
      ><af-profession-classifier></af-profession-classifier
    ></af-config>`);
    const el = wrapper.querySelector('af-profession-classifier')!;
    el.choose(classifyProfession('infirmier')!.profession);
    await el.updateComplete;
    const help = el.shadowRoot!.querySelector('.help')!;
    expect(help.textContent).to.contain('Assistance régionale');
    expect(help.querySelector('a[href="mailto:aide@example.org"]')).to.not.equal(null);
    expect(help.querySelector('a[href="tel:0102030405"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says so when nothing matches, and shows hostile input as text', async () => {
    const el = await fixture<AfProfessionClassifier>(html`<af-profession-classifier></af-profession-classifier>`);
    el.search('<img src=x onerror="window.__pwned=1">');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.no-match')!.textContent).to.contain('Aucune profession');
    expect(status(el)).to.contain('Aucune profession');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
    el.search('x'.repeat(10_000));
    await el.updateComplete;
    expect(options(el).length).to.equal(0);
    el.search('   ');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.no-match')).to.equal(null);
    expect(listbox(el).hidden).to.equal(true);
  });

  it('offers the other candidates of an ambiguous query under the result', async () => {
    const el = await fixture<AfProfessionClassifier>(html`<af-profession-classifier></af-profession-classifier>`);
    await typeInto(el, 'educateur');
    expect(options(el).length).to.be.greaterThan(1);
    await press(el, 'Enter');
    const alternatives = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.alternatives button');
    expect(alternatives.length).to.be.greaterThan(0);
    const other = alternatives[0]!.textContent!.trim();
    const classified = oneEvent(el, 'af-classified');
    alternatives[0]!.click();
    expect((await classified).detail.classification.profession.label).to.equal(other);
  });

  it('speaks English when lang="en", and follows the document language', async () => {
    const el = await fixture<AfProfessionClassifier>(
      html`<af-profession-classifier lang="en"></af-profession-classifier>`,
    );
    // the English catalogue loads on first use; updateComplete waits for it
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('label')!.textContent).to.equal('Your profession');
    el.choose(classifyProfession('infirmier')!.profession);
    await el.updateComplete;
    expect(result(el)!.textContent).to.contain('Professionals registered with their order');
    expect(result(el)!.textContent).to.contain('Nurse');
    await expect(el).to.be.accessible();

    const other = await fixture<AfProfessionClassifier>(html`<af-profession-classifier></af-profession-classifier>`);
    document.documentElement.lang = 'en-GB';
    await new Promise((r) => setTimeout(r, 0)); // the MutationObserver on <html lang> reacts in a microtask
    await other.updateComplete;
    expect(other.shadowRoot!.querySelector('label')!.textContent).to.equal('Your profession');
  });

  it('lets the host override any string', async () => {
    setMessages('af-profession-classifier', 'fr', { label: 'Votre métier' });
    const el = await fixture<AfProfessionClassifier>(html`<af-profession-classifier></af-profession-classifier>`);
    expect(el.shadowRoot!.querySelector('label')!.textContent).to.equal('Votre métier');
    el.strings = { label: 'Métier exercé' };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('label')!.textContent).to.equal('Métier exercé');
    setMessages('af-profession-classifier', 'fr', { label: 'Votre profession' });
  });

  it('keeps its result when moved in the DOM', async () => {
    const el = await fixture<AfProfessionClassifier>(html`<af-profession-classifier></af-profession-classifier>`);
    el.choose(classifyProfession('sage-femme')!.profession);
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    elsewhere.append(el);
    await el.updateComplete;
    expect(el.classification?.profession.label).to.match(/Sage-femme/i);
    expect(result(el)).to.not.equal(null);
    elsewhere.remove();
  });

  it('is themeable with custom properties and parts', async () => {
    const el = await fixture<AfProfessionClassifier>(
      html`<af-profession-classifier style="--af-color-primary: rgb(0, 100, 0)"></af-profession-classifier>`,
    );
    el.choose(classifyProfession('médecin')!.profession);
    await el.updateComplete;
    const title = el.shadowRoot!.querySelector('[part="result-title"]')!;
    expect(getComputedStyle(title).color).to.equal('rgb(0, 100, 0)');
  });
});
