// Bundles of @authforte/elements for the script tag and for CDNs, built from the JavaScript that `tsc -b` emits.
// - bundle/authforte.js       the loader: defines the elements found in the page, each one's chunk loaded on first use
// - bundle/authforte-all.js   one ES module defining every element and exporting the SDK pieces (chunks shared)
// - bundle/authforte.iife.js  one classic script: <script src=".../authforte.iife.js"></script> is enough
// - bundle/lazy/            what authforte.iife.js loads with import() when needed (English strings, the QR code
//                             library), relative to its own address: a classic script cannot share chunks
// - bundle/psc-backend.js     Pro Santé Connect's client in backend mode (`PscBackendClient`), an ES module the
//                             page loads with import() only when the e-CPS is chosen
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minifyTemplates } from './scripts/rollup-minify-templates.mjs';

const input = 'packages/elements/dist/index.js';
const plugins = () => [
  nodeResolve({ exportConditions: ['production', 'browser', 'default'] }),
  minifyTemplates(),
  terser({ format: { comments: false } }),
];
/** What the classic-script bundle leaves out and loads on demand from `lazy/` next to it. */
function lazyFile(id) {
  const en = /elements\/dist\/([\w-]+)\/strings\.en\.js$/.exec(id);
  if (en) return `lazy/${en[1]}.en.js`;
  if (/\/node_modules\/uqr\//.test(id)) return 'lazy/uqr.js';
  return undefined;
}
const LAZY_INPUTS = Object.fromEntries(
  ['account-link', 'ecps-activation', 'login', 'profession-classifier', 'psc-button'].map((e) => [
    `${e}.en`,
    `packages/elements/dist/${e}/strings.en.js`,
  ]),
);
LAZY_INPUTS.uqr = 'uqr';

/** In the classic script: `import('lazy/x.js')` resolved against the script's own URL (`__authforteBase`). */
function lazyImports() {
  const lazy = new Set();
  return {
    name: 'authforte-lazy-imports',
    async resolveDynamicImport(specifier, importer) {
      if (typeof specifier !== 'string') return null;
      const resolved = await this.resolve(specifier, importer, { skipSelf: true });
      const file = resolved && lazyFile(resolved.id);
      if (!file) return null;
      lazy.add(file);
      return { id: file, external: true };
    },
    renderDynamicImport({ targetModuleId }) {
      if (targetModuleId && lazy.has(targetModuleId))
        return { left: 'import(new URL(', right: ', __authforteBase).href)' };
      return null;
    },
  };
}

const onwarn = (warning, warn) => {
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

export default [
  {
    // authforte.js: the loader (defines the elements found in the page, each loaded on first use);
    // authforte-all.js: every element at once, and the SDK pieces
    input: { authforte: 'packages/elements/dist/loader.js', 'authforte-all': input },
    plugins: plugins(),
    onwarn,
    output: {
      dir: 'packages/elements/bundle',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
  },
  {
    input,
    plugins: [lazyImports(), ...plugins()],
    onwarn,
    output: {
      file: 'packages/elements/bundle/authforte.iife.js',
      format: 'iife',
      name: 'AuthForte',
      inlineDynamicImports: true,
      intro:
        "var __authforteBase = (typeof document !== 'undefined' && document.currentScript && document.currentScript.src) || location.href;",
      sourcemap: true,
    },
  },
  {
    input: LAZY_INPUTS,
    plugins: plugins(),
    onwarn,
    output: {
      dir: 'packages/elements/bundle/lazy',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
      sourcemap: true,
    },
  },
  {
    input: 'packages/core/dist/psc/backend-client.js',
    plugins: plugins(),
    onwarn,
    output: { file: 'packages/elements/bundle/psc-backend.js', format: 'es', sourcemap: true },
  },
];
