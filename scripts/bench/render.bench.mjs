// Time to first render of each element in Debian's Chromium: from appending the element to the end of its first
// update (shadow DOM rendered) and the style and layout it causes, median and p95 over many runs in one page that loaded the ES-module bundle.

import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../../web-test-runner.config.mjs';

export const ELEMENTS = [
  'af-profession-classifier',
  'af-ecps-activation',
  'af-account-link',
  'af-login',
  'af-psc-button',
];
const RUNS = 200;

export default async function ({ root }) {
  const bundleDir = join(root, 'packages/elements/bundle');
  const server = createServer(async (req, res) => {
    try {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(
          '<!doctype html><html lang="fr"><body><script type="module" src="/authforte-all.js"></script></body></html>',
        );
        return;
      }
      const body = await readFile(join(bundleDir, req.url.replace(/^\/+/, '').replace(/\.\./g, '')));
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
  const out = [];
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    for (const tag of ELEMENTS) {
      await page.waitForFunction((t) => !!customElements.get(t), tag);
      const times = await page.evaluate(
        async ({ tag, runs }) => {
          const t = [];
          for (let i = 0; i < runs; i++) {
            const t0 = performance.now();
            const el = document.createElement(tag);
            document.body.append(el);
            await el.updateComplete;
            // include style recalculation and layout of the rendered shadow tree, not only Lit's DOM work
            el.shadowRoot?.firstElementChild?.getBoundingClientRect();
            void document.body.offsetHeight;
            t.push(performance.now() - t0);
            el.remove();
          }
          return t.sort((a, b) => a - b);
        },
        { tag, runs: RUNS },
      );
      const med = times[Math.floor(times.length / 2)];
      const p95 = times[Math.floor(times.length * 0.95)];
      const r = (x) => Math.round(x * 100) / 100;
      out.push({
        name: `<${tag}> first render, median of ${RUNS}`,
        value: r(med),
        unit: 'ms',
        target: '≤ 16',
        ok: med <= 16,
      });
      out.push({ name: `<${tag}> first render, p95`, value: r(p95), unit: 'ms' });
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}
