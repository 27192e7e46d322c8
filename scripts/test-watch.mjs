#!/usr/bin/env node
// Watch mode for the Node tests: `tsc -b --watch` re-emits dist/ on every save, and `node --test --watch` re-runs the
// test files whose code changed. Usage: npm run test:watch [-- <part of a path>...]
//   npm run test:watch                      every Node test file (not the browser nor the end-to-end ones)
//   npm run test:watch -- card-agent/dist   only the files whose path contains one of the given parts
// Browser tests have their own watch mode: npx wtr --config web-test-runner.config.mjs --watch
import { spawn, spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { root, testFiles } from './test-files.mjs';

const filters = process.argv.slice(2);

// one build first, so that the test files exist and are current when the watchers start
const first = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-b'], { cwd: root, stdio: 'inherit' });
if (first.status !== 0) console.error('tsc -b reported errors: fix them, the watcher rebuilds on save');

const files = testFiles('node')
  .map((f) => relative(root, f))
  .filter((rel) => filters.length === 0 || filters.some((part) => rel.includes(part)));
if (files.length === 0) {
  console.error(`no Node test file matches ${filters.join(', ')}`);
  process.exit(1);
}
console.log(`watching ${files.length} test file(s)`);

const children = [
  spawn(join(root, 'node_modules', '.bin', 'tsc'), ['-b', '--watch', '--preserveWatchOutput'], {
    cwd: root,
    stdio: 'inherit',
  }),
  spawn(process.execPath, ['--test', '--watch', '--test-reporter=spec', ...files], {
    cwd: root,
    stdio: 'inherit',
  }),
];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => code && code !== 0 && stop());
