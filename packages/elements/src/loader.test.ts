import { expect } from '@open-wc/testing';
import { loadElement, watch } from './loader.js';

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('authforte.js loader', () => {
  it('defines only the elements the page holds, and those added later', async () => {
    // the loader watched the document as soon as it was imported: nothing AuthForte is in it yet
    expect(customElements.get('af-login')).to.equal(undefined);
    expect(customElements.get('af-account-link')).to.equal(undefined);
    const holder = document.createElement('div');
    holder.innerHTML = '<section><af-psc-button></af-psc-button></section>';
    document.body.append(holder);
    await until(() => !!customElements.get('af-psc-button'));
    const button = holder.querySelector('af-psc-button') as HTMLElement & { updateComplete: Promise<unknown> };
    await button.updateComplete;
    expect(button.shadowRoot?.querySelector('button')).to.not.equal(null);
    expect(customElements.get('af-login')).to.equal(undefined, 'no element the page does not hold is loaded');
    holder.remove();
  });

  it('watches a subtree of its own too, and refuses an unknown tag', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    const observer = watch(root);
    root.append(document.createElement('af-config'));
    await until(() => !!customElements.get('af-config'));
    observer.disconnect();
    root.remove();
    let error: unknown;
    await loadElement('af-nothing').catch((e: unknown) => {
      error = e;
    });
    expect(error).to.be.instanceOf(TypeError);
  });
});
