import { classifyProfession } from '@authforte/core/profession-classifier';
import { fakeServices } from '@authforte/core/testing';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../ecps-activation/define.js';
import '../login/define.js';
import '../profession-classifier/define.js';

/** Services whose card agent is not installed: the login's error screen, which shows the help block. */
const agentMissing = fakeServices({ detect: { status: 'not-installed' } }).services;

/** Each element in the state where it shows its help block. */
const cases: Array<[string, (el: HTMLElement) => Promise<void>]> = [
  [
    'af-login',
    async (el) => {
      const login = el as HTMLElementTagNameMap['af-login'];
      login.services = agentMissing;
      login.start('card');
      await waitUntil(() => login.screen === 'error', 'error screen');
    },
  ],
  ['af-ecps-activation', async () => {}],
  [
    'af-profession-classifier',
    async (el) =>
      (el as HTMLElementTagNameMap['af-profession-classifier']).choose(classifyProfession('infirmier')!.profession),
  ],
];

type Element_ = HTMLElement & { updateComplete: Promise<boolean>; helpContact?: object };
const mounted: HTMLElement[] = [];

/** The element with a slotted help paragraph (not fixture(): a plain root would wait on an animation frame). */
async function mount(tag: string, contact?: object) {
  const el = document.createElement(tag) as Element_;
  if (contact) el.helpContact = contact;
  const help = document.createElement('p');
  help.slot = 'help';
  help.textContent = 'Assistance du GHT : poste 4242';
  el.append(help);
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
}

const shown = (el: HTMLElement) => {
  const help = el.querySelector<HTMLElement>('[slot="help"]')!;
  return help.assignedSlot !== null && help.getClientRects().length > 0;
};

describe('help block (the `help` slot)', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    for (const el of mounted.splice(0)) el.remove();
  });

  for (const [tag, reach] of cases) {
    it(`<${tag}> shows what the host slots in, with no help contact configured`, async () => {
      const el = await mount(tag);
      await reach(el);
      await el.updateComplete;
      expect(shown(el), 'slotted help shown').to.equal(true);
      await expect(el).to.be.accessible();
    });

    it(`<${tag}> lets the slotted help replace the configured contact`, async () => {
      const el = await mount(tag, { name: 'Assistance', email: 'aide@example.org' });
      await reach(el);
      await el.updateComplete;
      expect(shown(el), 'slotted help shown').to.equal(true);
      const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="help"]')!;
      // the default content (the contact) is not rendered when something is slotted
      expect(slot.assignedNodes().length).to.equal(1);
      expect(slot.closest('.help')).to.exist;
    });
  }

  it('renders the configured contact when nothing is slotted', async () => {
    const el = await fixture<HTMLElementTagNameMap['af-ecps-activation']>(
      html`<af-ecps-activation .helpContact=${{ name: 'Assistance', phone: '01 02 03 04 05', url: 'https://aide.example.org' }}></af-ecps-activation>`,
    );
    const help = el.shadowRoot!.querySelector('.help')!;
    expect(help.textContent).to.contain('Assistance');
    expect(help.querySelector('a[href="tel:0102030405"]')).to.exist;
    expect(help.querySelector('a[href="https://aide.example.org"]')!.textContent).to.contain('nouvelle fenêtre');
  });
});
