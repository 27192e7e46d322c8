/**
 * Defines a custom element once. A page may load AuthForte twice (npm bundle + script tag, or two versions):
 * the first definition wins and we warn instead of throwing "already been used with this registry".
 */
export const AUTHFORTE_VERSION = '0.1.0';

const versionKey = Symbol.for('authforte.defined-versions');
type Registry = Map<string, string>;

export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  const versions: Registry = g[versionKey] ?? new Map();
  g[versionKey] = versions;
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== ctor) {
      const other = versions.get(tag) ?? 'unknown';
      console.warn(
        `[AuthForte] <${tag}> is already defined (version ${other}); this copy (version ${AUTHFORTE_VERSION}) was not registered. Load AuthForte once per page.`,
      );
    }
    return;
  }
  customElements.define(tag, ctor);
  versions.set(tag, AUTHFORTE_VERSION);
}
