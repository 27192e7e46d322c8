import { expect } from '@open-wc/testing';

/** `af-link-failed` → `LinkFailed`. */
const pascal = (event: string) =>
  event
    .replace(/^af-/, '')
    .split('-')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

interface Manifest {
  modules: Array<{
    declarations?: Array<{ name: string; tagName?: string; events?: Array<{ name: string; type?: { text: string } }> }>;
  }>;
}

// the house contract: every event an element fires is typed in the custom-elements manifest, and its
// `Af<Event>Detail` and `Af<Event>Event` types are exported by the package
describe('custom-elements manifest', () => {
  it('types every event as Af<Event>Event, and the package exports its Detail and Event types', async () => {
    const manifest = (await (await fetch('/packages/elements/custom-elements.json')).json()) as Manifest;
    const index = await (await fetch('/packages/elements/dist/index.d.ts')).text();
    const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName?.startsWith('af-'));
    expect(elements.map((e) => e.tagName).sort()).to.include.members([
      'af-account-link',
      'af-ecps-activation',
      'af-login',
      'af-profession-classifier',
      'af-psc-button',
    ]);
    for (const element of elements) {
      for (const event of element.events ?? []) {
        const name = `Af${pascal(event.name)}`;
        expect(event.type?.text, `${element.tagName} ${event.name}`).to.equal(`${name}Event`);
        expect(index, `${name}Event exported`).to.match(new RegExp(`\\b${name}Event\\b`));
        expect(index, `${name}Detail exported`).to.match(new RegExp(`\\b${name}Detail\\b`));
      }
    }
  });
});
