/**
 * The script-tag loader (`bundle/authforte.js`): the one ES module a page loads. It defines the AuthForte elements
 * found in the page, each from its own chunk loaded on first use, and keeps watching for elements added later: a
 * sign-in page pays for `<af-login>` only. `bundle/authforte-all.js` defines every element at once and exports the
 * SDK pieces.
 *
 *   <script type="module" src="/assets/authforte.js"></script>
 *   <af-login server="/authforte"></af-login>
 */

const LOADERS: Record<string, () => Promise<unknown>> = {
  'af-login': () => import('./login/define.js'),
  'af-account-link': () => import('./account-link/define.js'),
  'af-profession-classifier': () => import('./profession-classifier/define.js'),
  'af-ecps-activation': () => import('./ecps-activation/define.js'),
  'af-psc-button': () => import('./psc-button/define.js'),
  'af-config': () => import('./config/define.js'),
};

const started = new Map<string, Promise<unknown>>();

/** Loads and defines one element (once); resolves when it is defined. */
export function loadElement(tag: string): Promise<unknown> {
  const load = LOADERS[tag];
  if (!load) return Promise.reject(new TypeError(`<${tag}> is not an AuthForte element`));
  let p = started.get(tag);
  if (!p) {
    p = load().catch((error: unknown) => {
      started.delete(tag); // a failed chunk download is retried when the element appears again
      console.error(`[AuthForte] could not load <${tag}>`, error);
    });
    started.set(tag, p);
  }
  return p;
}

const SELECTOR = Object.keys(LOADERS).join(',');

function scan(root: ParentNode): void {
  if (root instanceof Element && root.localName in LOADERS) void loadElement(root.localName);
  for (const el of root.querySelectorAll(SELECTOR))
    if (!customElements.get(el.localName)) void loadElement(el.localName);
}

/** Defines what `root` holds now and what is added to it later (default: the whole document). */
export function watch(root: Document | Element = document): MutationObserver {
  scan(root);
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n instanceof Element) scan(n);
  });
  observer.observe(root instanceof Document ? root.documentElement : root, { childList: true, subtree: true });
  return observer;
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') {
    // a module script runs after parsing, but a page may load it with `async`
    document.addEventListener('DOMContentLoaded', () => watch(), { once: true });
  } else watch();
}
