#!/usr/bin/env node
// Benchmarks: bundle sizes (min+gzip), classifier search per keystroke, first render in Chromium, and any
// benchmark module a package adds under scripts/bench/*.bench.mjs. Needs `npm run build` first.
// Prints a table and writes bench-results.json.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const results = [];

const benchDir = join(root, 'scripts', 'bench');
const modules = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort();
for (const file of modules) {
  const name = file.replace(/\.bench\.mjs$/, '');
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`running ${name}…\n`);
  const mod = await import(join(benchDir, file));
  for (const r of await mod.default({ root })) results.push({ group: name, ...r });
}

const rows = results.map((r) => [
  r.group,
  r.name,
  `${r.value}`,
  r.unit,
  r.target ?? '',
  r.ok === undefined ? '' : r.ok ? 'ok' : 'OVER',
]);
const header = ['group', 'measure', 'value', 'unit', 'target', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));
writeFileSync(
  join(root, 'bench-results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`,
);
console.log('\nwritten to bench-results.json');
