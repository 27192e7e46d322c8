// AuthForte's sign-in next to Hanko Elements (<hanko-auth>) and Descope's web component (<descope-wc>), measured in
// the same run and the same way: each sign-in element bundled alone with its dependencies by the same rollup +
// terser, what a page loads up front (min+gzip; chunks reached only through import() are left out for all three),
// and the time Chromium takes to evaluate that code (median of fresh pages). Hanko and Descope are dev
// dependencies of the repository, never shipped. Then what a page with only <af-login server="/authforte"> really
// fetches through the authforte.js loader before the user chooses (goal ≤ 40 KB).

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { chromium } from 'playwright-core';
import { rollup } from 'rollup';
import { chromiumArgs } from '../../web-test-runner.config.mjs';
import { minifyTemplates } from '../rollup-minify-templates.mjs';

const RUNS = 15;
const kb = (n) => Math.round((n / 1024) * 10) / 10;
const r2 = (x) => Math.round(x * 100) / 100;

const contenders = (root) => [
  {
    id: 'authforte',
    name: 'AuthForte <af-login> (with <af-psc-button>)',
    code: `import ${JSON.stringify(join(root, 'packages/elements/dist/login/define.js'))};`,
  },
  {
    id: 'hanko',
    name: 'Hanko Elements <hanko-auth> (@teamhanko/hanko-elements)',
    code: "import { register } from '@teamhanko/hanko-elements'; register('https://hanko.example.invalid');",
  },
  {
    id: 'descope',
    name: 'Descope <descope-wc> (@descope/web-component)',
    code: "import '@descope/web-component';",
  },
];

async function eagerBundle(root, dir, c) {
  const input = join(dir, `${c.id}.entry.mjs`);
  writeFileSync(input, c.code);
  const bundle = await rollup({
    input,
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['production', 'browser', 'default'], rootDir: root }),
      minifyTemplates(),
      terser({ format: { comments: false } }),
    ],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  const chunks = new Map(output.filter((o) => o.type === 'chunk').map((o) => [o.fileName, o]));
  const entry = output.find((o) => o.type === 'chunk' && o.isEntry);
  const eager = new Set();
  const visit = (n) => {
    if (eager.has(n)) return;
    eager.add(n);
    for (const d of chunks.get(n)?.imports ?? []) visit(d);
  };
  visit(entry.fileName);
  // one file of what loads up front, so that its evaluation can be timed alone
  const code = [...eager].map((n) => chunks.get(n).code).join('\n');
  const lazy = [...chunks.values()]
    .filter((o) => !eager.has(o.fileName))
    .map((o) => o.code)
    .join('');
  writeFileSync(join(dir, `${c.id}.js`), code);
  return {
    min: Buffer.byteLength(code),
    gz: gzipSync(code, { level: 9 }).length,
    lazyGz: lazy ? gzipSync(lazy).length : 0,
  };
}

const KIT_CONFIG = JSON.stringify({
  methods: ['card', 'psc'],
  ciba: true,
  pscMode: 'redirect',
  hostName: 'Banc d’essai',
  redirects: { signedIn: '/', linkRequired: '/', signedOut: '/', signIn: '/' },
});

export default async function ({ root }) {
  const dir = join(root, '.bench-tmp');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const sizes = {};
  for (const c of contenders(root)) sizes[c.id] = await eagerBundle(root, dir, c);

  const bundleDir = join(root, 'packages/elements/bundle');
  const served = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const send = (type, body) => {
      if (type.includes('javascript')) served.push({ path: url.pathname, gz: gzipSync(body, { level: 9 }).length });
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    try {
      if (url.pathname === '/blank') return send('text/html', '<!doctype html><html lang="fr"><body></body></html>');
      if (url.pathname === '/connexion')
        return send(
          'text/html',
          '<!doctype html><html lang="fr"><head><script type="module" src="/bundle/authforte.js"></script></head><body><af-login server="/authforte"></af-login></body></html>',
        );
      if (url.pathname === '/authforte/config') return send('application/json', KIT_CONFIG);
      if (url.pathname === '/authforte/session') return send('application/json', '{"signedIn":false,"csrfToken":"x"}');
      const safe = url.pathname.replace(/\.\./g, '');
      if (safe.startsWith('/bundle/')) return send('text/javascript', readFileSync(join(bundleDir, safe.slice(8))));
      if (safe.startsWith('/c/')) return send('text/javascript', readFileSync(join(dir, safe.slice(3))));
    } catch {
      // 404 below
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
  const out = [];
  const evalMs = {};
  try {
    for (const c of contenders(root)) {
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        const page = await browser.newPage();
        await page.goto(`${origin}/blank`);
        // fetched first, then timed: only parse + evaluation (+ element definitions) are measured
        const ms = await page.evaluate(async (src) => {
          const code = await (await fetch(src)).text();
          const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
          const t0 = performance.now();
          await import(url);
          return performance.now() - t0;
        }, `/c/${c.id}.js`);
        times.push(ms);
        await page.close();
      }
      times.sort((a, b) => a - b);
      evalMs[c.id] = times[Math.floor(times.length / 2)];
    }

    // the real page: only <af-login server>, through the loader, until its chooser is on screen
    served.length = 0;
    const page = await browser.newPage();
    await page.goto(`${origin}/connexion`);
    await page.waitForFunction(() => document.querySelector('af-login')?.screen === 'chooser');
    await page.waitForLoadState('networkidle');
    const pageGz = served.reduce((n, s) => n + s.gz, 0);
    const files = served.length;
    process.stderr.write(`  before the choice: ${served.map((s) => `${s.path} ${kb(s.gz)}`).join(', ')}\n`);
    await page.close();

    for (const c of contenders(root)) {
      const s = sizes[c.id];
      out.push({
        name: `${c.name}: up front (min ${kb(s.min)} KB${s.lazyGz ? `, +${kb(s.lazyGz)} KB gz on demand` : ''})`,
        value: kb(s.gz),
        unit: 'KB min+gz',
      });
      out.push({ name: `${c.name}: evaluation in Chromium, median of ${RUNS}`, value: r2(evalMs[c.id]), unit: 'ms' });
    }
    for (const other of ['hanko', 'descope']) {
      out.push({
        name: `size ratio ${other} / AuthForte`,
        value: r2(sizes[other].gz / sizes.authforte.gz),
        unit: '×',
      });
      out.push({
        name: `evaluation ratio ${other} / AuthForte`,
        value: r2(evalMs[other] / evalMs.authforte),
        unit: '×',
      });
    }
    out.push({
      name: `page with only <af-login server> via authforte.js, loaded before the user chooses (${files} scripts)`,
      value: kb(pageGz),
      unit: 'KB min+gz',
      target: '≤ 40',
      ok: kb(pageGz) <= 40,
    });
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
