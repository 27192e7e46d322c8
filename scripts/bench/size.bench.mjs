// Bundle sizes, minified and gzipped, each entry bundled alone with its dependencies.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { minifyTemplates } from '../rollup-minify-templates.mjs';

export const entries = [
  { name: 'core classifier entry (data + search)', input: 'packages/core/dist/professions/index.js', targetKb: 8 },
  {
    name: '<af-profession-classifier> + deps',
    input: 'packages/elements/dist/profession-classifier/define.js',
    targetKb: 28,
  },
  {
    name: '<af-ecps-activation> + deps',
    input: 'packages/elements/dist/ecps-activation/define.js',
    // XState (shared by every element) is about 12.5 KB of it (setup + createActor alone are 12.0 KB, whatever
    // actions are imported) and Lit about 6 KB; the QR library and English load on demand
    targetKb: 30,
  },
  { name: '<af-account-link> + deps', input: 'packages/elements/dist/account-link/define.js' },
  {
    name: 'core login entry (machine, errors, ids, agent adapter, xstate)',
    input: 'packages/core/dist/login.js',
    targetKb: 20,
  },
  {
    name: '<af-login> + <af-psc-button> + deps',
    input: 'packages/elements/dist/login/define.js',
    // XState ~12.5 KB + Lit ~6 KB + the French strings ~4 KB (all loaded up front); the English developer messages
    // of LOGIN_ERRORS are 0.9 KB, every one reachable (af-error's detail.message)
    targetKb: 34,
  },
  { name: '<af-psc-button> + deps', input: 'packages/elements/dist/psc-button/define.js', targetKb: 10 },
  { name: 'all elements (authforte.js entry)', input: 'packages/elements/dist/index.js' },
];

export async function sizeOf(root, input) {
  const bundle = await rollup({
    input: join(root, input),
    plugins: [
      nodeResolve({ exportConditions: ['production', 'browser', 'default'] }),
      minifyTemplates(),
      terser({ format: { comments: false } }),
    ],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  // What loads up front: the entry chunk and the chunks it imports statically. Chunks reached only through
  // import() (another language, the PSC client…) load on demand and are reported apart.
  const chunks = new Map(output.filter((o) => o.type === 'chunk').map((c) => [c.fileName, c]));
  const entry = output.find((o) => o.type === 'chunk' && o.isEntry);
  const eager = new Set();
  const visit = (name) => {
    if (eager.has(name)) return;
    eager.add(name);
    for (const dep of chunks.get(name)?.imports ?? []) visit(dep);
  };
  visit(entry.fileName);
  const code = [...eager].map((n) => chunks.get(n).code).join('');
  const lazy = [...chunks.values()]
    .filter((c) => !eager.has(c.fileName))
    .map((c) => c.code)
    .join('');
  return {
    min: Buffer.byteLength(code),
    gz: gzipSync(code, { level: 9 }).length,
    lazyGz: lazy ? gzipSync(lazy, { level: 9 }).length : 0,
  };
}

export default async function ({ root }) {
  const out = [];
  for (const e of entries) {
    const { min, gz, lazyGz } = await sizeOf(root, e.input);
    const kb = Math.round((gz / 1024) * 10) / 10;
    const lazy = lazyGz ? `, +${Math.round(lazyGz / 102.4) / 10} KB gz loaded on demand` : '';
    out.push({
      name: `${e.name} (min ${Math.round(min / 102.4) / 10} KB${lazy})`,
      value: kb,
      unit: 'KB min+gz',
      ...(e.targetKb ? { target: `≤ ${e.targetKb}`, ok: kb <= e.targetKb } : {}),
    });
  }
  // The built script-tag files as a page loads them (run `npm run build` first).
  const bundle = (f) => readFileSync(join(root, 'packages/elements/bundle', f));
  const gzKb = (buf) => Math.round((gzipSync(buf, { level: 9 }).length / 1024) * 10) / 10;
  const iife = bundle('authforte.iife.js');
  const pscBackend = bundle('psc-backend.js');
  const lazyDir = join(root, 'packages/elements/bundle/lazy');
  const lazyGz = readdirSync(lazyDir)
    .filter((f) => f.endsWith('.js'))
    .reduce((n, f) => n + gzipSync(readFileSync(join(lazyDir, f)), { level: 9 }).length, 0);
  out.push({
    // everything a <script src> page gets before the user chooses: all elements in French and the SDK pieces for
    // <af-login>'s services (card agent client, adapters); English and the QR library come from lazy/ when needed
    name: `script-tag bundle authforte.iife.js, all elements (min ${Math.round(iife.length / 102.4) / 10} KB, +${Math.round(lazyGz / 102.4) / 10} KB gz in lazy/ on demand)`,
    value: gzKb(iife),
    unit: 'KB min+gz',
    target: '≤ 65',
    ok: gzKb(iife) <= 65,
  });
  out.push({
    name: `PSC backend client psc-backend.js, loaded with import() on the e-CPS path (min ${Math.round(pscBackend.length / 102.4) / 10} KB)`,
    value: gzKb(pscBackend),
    unit: 'KB min+gz',
  });
  out.push({
    name: 'script-tag bundle + PSC client once the e-CPS is chosen (authforte.iife.js + psc-backend.js)',
    value: Math.round((gzKb(iife) + gzKb(pscBackend)) * 10) / 10,
    unit: 'KB min+gz',
  });
  return out;
}
