import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { AfPscButton } from './define.js';
import './define.js';
import { PSC_INFO_URL } from './af-psc-button.js';

const inner = (el: AfPscButton) => el.shadowRoot!.querySelector('button')!;
const link = (el: AfPscButton) => el.shadowRoot!.querySelector('a');

describe('<af-psc-button>', () => {
  it('has the official wording and look, and the companion link in a new window', async () => {
    const el = await fixture<AfPscButton>(html`<af-psc-button></af-psc-button>`);
    // the ANS kit's wording, in sentence case (DSFR), with the logo at the left
    expect(inner(el).textContent!.replace(/\s+/g, ' ').trim()).to.equal('S’identifier avec Pro Santé Connect');
    expect(getComputedStyle(inner(el)).textTransform).to.equal('none');
    expect(getComputedStyle(inner(el)).borderTopLeftRadius).to.equal('0px');
    const mark = inner(el).querySelector('svg')!;
    expect(mark.getAttribute('aria-hidden')).to.equal('true');
    expect(mark.getBoundingClientRect().left).to.be.below(
      inner(el).querySelector('.label')!.getBoundingClientRect().left,
    );
    const style = getComputedStyle(inner(el));
    expect(style.backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(style.color).to.equal('rgb(0, 0, 145)');
    expect(link(el)!.href).to.equal(PSC_INFO_URL);
    expect(link(el)!.target).to.equal('_blank');
    expect(link(el)!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Qu’est-ce que Pro Santé Connect ? (nouvelle fenêtre)',
    );
    await expect(el).to.be.accessible();
  });

  it('turns solid blue on hover', async () => {
    const el = await fixture<AfPscButton>(html`<af-psc-button></af-psc-button>`);
    // the mouse reaches only the visible tab (another test file may run in the other one)
    expect(await executeServerCommand('bring-to-front')).to.equal(true);
    const box = inner(el).getBoundingClientRect();
    await sendMouse({
      type: 'move',
      position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
    });
    const style = getComputedStyle(inner(el));
    expect(style.backgroundColor).to.equal('rgb(0, 0, 145)');
    expect(style.color).to.equal('rgb(255, 255, 255)');
    await resetMouse();
  });

  it('fires af-psc-click with Enter and Space, not when disabled; focus() reaches the button', async () => {
    const el = await fixture<AfPscButton>(html`<af-psc-button></af-psc-button>`);
    el.focus();
    expect(el.shadowRoot!.activeElement === inner(el)).to.equal(true);
    let clicks = 0;
    el.addEventListener('af-psc-click', () => clicks++);
    const first = oneEvent(el, 'af-psc-click');
    await sendKeys({ press: 'Enter' });
    await first;
    await sendKeys({ press: 'Space' });
    expect(clicks).to.equal(2);
    el.disabled = true;
    await el.updateComplete;
    inner(el).click();
    expect(clicks).to.equal(2);
  });

  it('speaks English, takes another link, or none', async () => {
    const el = await fixture<AfPscButton>(
      html`<af-psc-button lang="en" info-url="https://example.org/psc"></af-psc-button>`,
    );
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(inner(el).textContent!.replace(/\s+/g, ' ').trim()).to.equal('Sign in with Pro Santé Connect');
    expect(link(el)!.href).to.equal('https://example.org/psc');
    expect(link(el)!.textContent).to.contain('(opens in a new window)');
    el.noInfo = true;
    await el.updateComplete;
    expect(link(el)).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
