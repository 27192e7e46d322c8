import { classifyProfession } from '@authforte/core/profession-classifier';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../profession-classifier/define.js';
import './define.js';
import type { AfProfessionClassifier } from '../profession-classifier/define.js';
import type { AfConfig } from './define.js';

describe('<af-config server>', () => {
  const realFetch = globalThis.fetch;
  let asked: string[];

  beforeEach(() => {
    asked = [];
    // the kit's GET {server}/config, as `createAuthForte` answers it
    globalThis.fetch = (async (input: RequestInfo | URL) => {
      const url = String(input);
      asked.push(url);
      if (url !== '/kit/config') return new Response('{}', { status: 404 });
      return Response.json({
        methods: ['card'],
        ciba: false,
        pscMode: 'redirect',
        hostName: 'Cabinet Test',
        helpContact: { name: 'Assistance du cabinet', email: 'aide@cabinet.test' },
        redirects: { signedIn: '/', linkRequired: '/', signedOut: '/', signIn: '/se-connecter' },
      });
    }) as typeof fetch;
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  async function classifierIn(wrapper: AfConfig) {
    const el = wrapper.querySelector<AfProfessionClassifier>('af-profession-classifier')!;
    el.choose(classifyProfession('infirmier')!.profession);
    await el.updateComplete;
    return el;
  }

  it('gives the elements inside the kit’s help desk and sign-in page, without page script', async () => {
    const wrapper = await fixture<AfConfig>(
      html`<af-config server="/kit"><af-profession-classifier></af-profession-classifier></af-config>`,
    );
    const el = await classifierIn(wrapper);
    await waitUntil(() => el.shadowRoot!.querySelector('.help'), 'the help desk of the kit is shown');
    const help = el.shadowRoot!.querySelector('.help')!;
    expect(help.textContent).to.contain('Assistance du cabinet');
    expect(help.querySelector('a[href="mailto:aide@cabinet.test"]')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('a[href="/se-connecter"]')).to.not.equal(null);
    expect(asked).to.deep.equal(['/kit/config']);
  });

  it('the page’s own configuration wins, and no answer leaves the defaults', async () => {
    const wrapper = await fixture<AfConfig>(
      html`<af-config server="/kit" .config=${{ helpContact: { name: 'Assistance de la page', email: 'aide@page.test' } }}
        ><af-profession-classifier></af-profession-classifier
      ></af-config>`,
    );
    const el = await classifierIn(wrapper);
    await waitUntil(() => asked.length === 1);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.help')!.textContent).to.contain('Assistance de la page');

    const none = await fixture<AfConfig>(
      html`<af-config server="/nothing"><af-profession-classifier></af-profession-classifier></af-config>`,
    );
    const plain = await classifierIn(none);
    await waitUntil(() => asked.includes('/nothing/config'));
    await plain.updateComplete;
    expect(plain.shadowRoot!.querySelector('.help')).to.equal(null);
  });
});
