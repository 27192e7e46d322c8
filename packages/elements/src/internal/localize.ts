import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { markFrench } from './french.js';

/** The languages AuthForte ships. French is the default; English is complete. */
export type Lang = 'fr' | 'en';
export const DEFAULT_LANG: Lang = 'fr';

/** A catalogue of strings: plain text, or a function of named parameters. Values are always rendered as text. */
// biome-ignore lint/suspicious/noExplicitAny: message functions take any parameter shape
export type Messages = Record<string, string | ((...args: any[]) => string)>;

type Loader<M extends Messages> = () => Promise<{ default: M } | M>;

interface Namespace<M extends Messages> {
  fr: M;
  loaders: Partial<Record<Lang, Loader<M>>>;
  loaded: Partial<Record<Lang, M>>;
  pending: Partial<Record<Lang, Promise<M>>>;
}

const namespaces = new Map<string, Namespace<Messages>>();
/** Host overrides: namespace → lang → partial messages. */
const overrides = new Map<string, Partial<Record<Lang, Partial<Messages>>>>();
const listeners = new Set<() => void>();
/** The localisation controllers of each element, so its `updateComplete` can wait for their strings. */
const controllersByHost = new WeakMap<object, Array<LocalizeController<Messages>>>();

/** The localisation controllers attached to an element. */
export function localizersOf(host: object): ReadonlyArray<LocalizeController<Messages>> {
  return controllersByHost.get(host) ?? [];
}

/**
 * Registers a component's catalogue: French bundled, other languages loaded on first use.
 * Called once per namespace by the component module.
 */
export function registerMessages<M extends Messages>(
  namespace: string,
  fr: M,
  loaders: Partial<Record<Lang, Loader<M>>>,
): void {
  if (namespaces.has(namespace)) return;
  namespaces.set(namespace, { fr, loaders, loaded: { fr }, pending: {} } as unknown as Namespace<Messages>);
}

/**
 * Lets a host application replace any string, for one language, e.g.
 * `setMessages('af-profession-classifier', 'fr', { label: 'Votre métier' })`.
 */
export function setMessages(namespace: string, lang: Lang, messages: Partial<Messages>): void {
  const byLang = overrides.get(namespace) ?? {};
  byLang[lang] = { ...byLang[lang], ...messages };
  overrides.set(namespace, byLang);
  for (const l of listeners) l();
}

/** Normalises a BCP 47 tag to a shipped language ("en-GB" → "en", "de" → "fr"). */
export function toLang(tag: string | null | undefined): Lang {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'en' ? 'en' : DEFAULT_LANG;
}

/** The language in force for an element: its own `lang`, else the closest ancestor's (across shadow roots), else the document's. */
export function langOf(el: Element): Lang {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return toLang(node.getAttribute('lang'));
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return toLang(document.documentElement.getAttribute('lang'));
}

/**
 * One observer of `lang` attributes for every tree holding an element: the document and each shadow root an element
 * sits in, so a `lang` set on the element itself, on any ancestor or on a shadow host above it re-renders it.
 */
let observer: MutationObserver | undefined;
const observedRoots = new WeakSet<Node>();

function observeLang(root: Node): void {
  if (typeof MutationObserver === 'undefined' || observedRoots.has(root)) return;
  observer ??= new MutationObserver(() => {
    for (const l of listeners) l();
  });
  observedRoots.add(root);
  observer.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/** Observes the trees from `el` up to the document: its own root, then the roots of the shadow hosts above it. */
function observeLangAbove(el: Element): void {
  let root: Node = el.getRootNode();
  while (root instanceof ShadowRoot) {
    observeLang(root);
    root = root.host.getRootNode();
  }
  observeLang(document);
}

/**
 * Reactive controller giving an element its strings in the language in force, loading a language's catalogue on
 * first use and re-rendering when `lang` changes on the element or the document.
 */
export class LocalizeController<M extends Messages> implements ReactiveController {
  private readonly ns: Namespace<M>;
  private readonly onChange = () => this.host.requestUpdate();
  /** Per-element overrides (the element's `strings` property). */
  local: Partial<M> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly namespace: string,
  ) {
    const ns = namespaces.get(namespace);
    if (!ns) throw new Error(`AuthForte: no messages registered for "${namespace}"`);
    this.ns = ns as unknown as Namespace<M>;
    host.addController(this);
    const list = controllersByHost.get(host) ?? [];
    list.push(this as unknown as LocalizeController<Messages>);
    controllersByHost.set(host, list);
  }

  hostConnected(): void {
    listeners.add(this.onChange);
    observeLangAbove(this.host);
  }

  hostDisconnected(): void {
    listeners.delete(this.onChange);
  }

  /** The language in force for the host element. */
  get lang(): Lang {
    return langOf(this.host);
  }

  /** The catalogue to render with now. While another language loads, French is used and the element re-renders once it is there. */
  /** `text` with its French words marked `lang="fr"` when the element speaks English (see `markFrench`). */
  mark(text: string): string | TemplateResult {
    return markFrench(text, this.lang);
  }

  get messages(): M {
    const lang = this.lang;
    const base = this.ns.loaded[lang] ?? this.load(lang);
    const over = overrides.get(this.namespace)?.[lang];
    if (!over && !this.local) return base;
    return { ...base, ...over, ...this.local } as M;
  }

  /** True when the catalogue of the language in force is loaded (French always is). */
  get isLoaded(): boolean {
    return this.ns.loaded[this.lang] !== undefined || this.ns.loaders[this.lang] === undefined;
  }

  /** Resolves when the catalogue for the current language is loaded (tests and stories wait on it). */
  async ready(): Promise<void> {
    const lang = this.lang;
    if (this.ns.loaded[lang]) return;
    this.load(lang);
    await this.ns.pending[lang];
  }

  private load(lang: Lang): M {
    const loader = this.ns.loaders[lang];
    if (loader && !this.ns.pending[lang]) {
      this.ns.pending[lang] = loader().then((mod) => {
        const m = ('default' in mod ? mod.default : mod) as M;
        this.ns.loaded[lang] = m;
        for (const l of listeners) l();
        this.host.requestUpdate();
        return m;
      });
    }
    return this.ns.fr;
  }
}
