import { expect } from '@open-wc/testing';
import type { ReactiveElement } from 'lit';
import '../index.js';
import { baseStyles } from './theme.js';

/** `af-link-failed` → `LinkFailed`. */
const pascal = (event: string) =>
  event
    .replace(/^af-/, '')
    .split('-')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

interface Entry {
  name: string;
  inheritedFrom?: { name: string };
}
interface Declaration {
  name: string;
  tagName?: string;
  attributes?: Entry[];
  cssProperties?: Entry[];
  events?: Array<Entry & { type?: { text: string } }>;
}
interface Manifest {
  modules: Array<{ declarations?: Declaration[] }>;
}

const THE_FOUR = ['af-account-link', 'af-ecps-activation', 'af-login', 'af-profession-classifier'];

async function elements(): Promise<Declaration[]> {
  const manifest = (await (await fetch('/packages/elements/custom-elements.json')).json()) as Manifest;
  return manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName?.startsWith('af-'));
}

const names = (entries: Entry[] | undefined) => (entries ?? []).map((e) => e.name);

/** `--_primary` → `--af-color-primary`: the design tokens `baseStyles` defines on every element's host. */
const TOKENS = new Map(
  [...baseStyles.cssText.matchAll(/(--_[a-z-]+):\s*var\((--af-[a-z-]+)/g)].map((m) => [m[1]!, m[2]!]),
);

/**
 * The `--af-*` custom properties that change how an element looks: those its shadow-root styles read, directly or
 * through a design token of `baseStyles` they use (a token no rule of the element uses does not count).
 */
function customPropertiesRead(tag: string): string[] {
  const ctor = customElements.get(tag) as typeof ReactiveElement | undefined;
  const css = (ctor?.elementStyles ?? [])
    .map((s) => ('cssText' in s ? s.cssText : ''))
    .join('\n')
    .replace(/--_[a-z-]+:\s*var\(--af-[a-z-]+[^;]*;/g, '');
  const direct = css.match(/--af-[a-z-]+/g) ?? [];
  const viaTokens = (css.match(/--_[a-z-]+/g) ?? []).map((t) => TOKENS.get(t)).filter((p) => p !== undefined);
  return [...new Set([...direct, ...viaTokens])].sort();
}

// the house contract: every event an element fires is typed in the custom-elements manifest, and its
// `Af<Event>Detail` and `Af<Event>Event` types are exported by the package
describe('custom-elements manifest', () => {
  it('types every event as Af<Event>Event, and the package exports its Detail and Event types', async () => {
    const index = await (await fetch('/packages/elements/dist/index.d.ts')).text();
    const all = await elements();
    expect(all.map((e) => e.tagName).sort()).to.include.members([...THE_FOUR, 'af-psc-button']);
    for (const element of all) {
      for (const event of element.events ?? []) {
        const name = `Af${pascal(event.name)}`;
        expect(event.type?.text, `${element.tagName} ${event.name}`).to.equal(`${name}Event`);
        expect(index, `${name}Event exported`).to.match(new RegExp(`\\b${name}Event\\b`));
        expect(index, `${name}Detail exported`).to.match(new RegExp(`\\b${name}Detail\\b`));
      }
    }
  });

  // what the base classes declare once reaches each element's entry (the analyzer's inheritance phase), so a host
  // developer and Storybook's docs see the whole API of every element
  it('lists every attribute of each element, its own and the inherited ones', async () => {
    for (const element of await elements()) {
      const ctor = customElements.get(element.tagName!) as typeof ReactiveElement | undefined;
      const expected = [...(ctor?.elementProperties ?? [])]
        .filter(([, o]) => !o.state && o.attribute !== false)
        .map(([key, o]) => (typeof o.attribute === 'string' ? o.attribute : String(key).toLowerCase()));
      expect(expected.length, element.tagName).to.be.greaterThan(0);
      expect(names(element.attributes), element.tagName).to.include.members(expected);
    }
    for (const tag of THE_FOUR) {
      const element = (await elements()).find((e) => e.tagName === tag)!;
      const heading = element.attributes?.find((a) => a.name === 'heading-level');
      expect(heading?.inheritedFrom?.name, `${tag} heading-level`).to.equal('AuthForteFlowElement');
    }
  });

  it('documents every --af-* custom property an element’s styles read, the theme’s ones on each of the four', async () => {
    const all = await elements();
    for (const element of all) {
      const documented = names(element.cssProperties);
      expect(documented, element.tagName).to.include.members(customPropertiesRead(element.tagName!));
    }
    for (const tag of THE_FOUR) {
      const element = all.find((e) => e.tagName === tag)!;
      const theme = (element.cssProperties ?? []).filter((p) => p.inheritedFrom?.name === 'AuthForteFlowElement');
      expect(names(theme), tag).to.include.members([
        '--af-color-primary',
        '--af-color-on-primary',
        '--af-color-text',
        '--af-color-error',
        '--af-color-success',
        '--af-focus-color',
        '--af-radius',
        '--af-font-family',
      ]);
    }
  });
});
