// Bundles of @authforte/elements for the script tag and for CDNs, built from the JavaScript that `tsc -b` emits.
// - bundle/authforte.js       one ES module defining every element (locales and later chunks split out)
// - bundle/authforte.iife.js  one classic script: <script src=".../authforte.iife.js"></script> is enough
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
const onwarn = (warning, warn) => {
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

export default [
  {
    input,
    plugins: plugins(),
    onwarn,
    output: {
      dir: 'packages/elements/bundle',
      format: 'es',
      entryFileNames: 'authforte.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
  },
  {
    input,
    plugins: plugins(),
    onwarn,
    output: {
      file: 'packages/elements/bundle/authforte.iife.js',
      format: 'iife',
      name: 'AuthForte',
      inlineDynamicImports: true,
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
