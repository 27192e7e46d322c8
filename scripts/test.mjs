#!/usr/bin/env node
// The whole test suite: Node unit tests, browser tests in Debian's Chromium, then end-to-end tests.
// Usage: node scripts/test.mjs [node|browser|e2e]...   (default: all three, in that order)
// Ends with one line "N passed, N failed" and a non-zero exit code if anything failed or nothing ran.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root, testFiles, walk } from './test-files.mjs';

const wanted = process.argv.slice(2);
const stages = wanted.length ? wanted : ['node', 'browser', 'e2e'];

// A stage that runs longer than this is stopped and fails (a hang must not eat CI's whole time).
const STAGE_LIMIT_MS = { node: 10 * 60_000, browser: 15 * 60_000, e2e: 30 * 60_000 };

function run(cmd, args, env = {}, limitMs = 30 * 60_000) {
  return new Promise((resolve) => {
    // its own process group, so that a stop also ends the browsers and servers it started
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, detached: true });
    const timer = setTimeout(() => {
      console.error(`\n${cmd} ran over ${limitMs / 60_000} minutes: stopped`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, limitMs);
    // Ctrl+C and CI's stop reach the detached group too
    const forward = (sig) => {
      try {
        process.kill(-child.pid, sig);
      } catch {}
      process.exit(1);
    };
    process.once('SIGINT', forward);
    process.once('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      clearTimeout(timer);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function newestMtime(paths) {
  let newest = 0;
  for (const p of paths)
    for (const f of existsSync(p) && statSync(p).isDirectory() ? walk(p) : [p])
      if (existsSync(f)) newest = Math.max(newest, statSync(f).mtimeMs);
  return newest;
}

// The Storybook end-to-end test reads storybook-static/: build it when it is missing or older than what it shows
// (stories, Storybook's configuration, the elements' emitted code and manifest), so that `npm test` is
// self-sufficient on a fresh clone and never tests a stale build.
async function ensureStorybook() {
  const index = join(root, 'storybook-static', 'index.json');
  const inputs = ['stories', '.storybook', 'packages/elements/dist', 'packages/elements/custom-elements.json'];
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built > 0 && built >= newestMtime(inputs.map((p) => join(root, p)))) return 0;
  console.log(built ? 'storybook-static/ is older than the stories: rebuilding it' : 'building storybook-static/');
  return run('npm', ['run', 'build-storybook'], {}, 10 * 60_000);
}

function tapCounts(file) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const num = (k) => Number(text.match(new RegExp(`^# ${k} (\\d+)$`, 'm'))?.[1] ?? 0);
  return { passed: num('pass'), failed: num('fail') + num('cancelled'), skipped: num('skipped') + num('todo') };
}

async function nodeStage(kind) {
  const files = testFiles(kind);
  if (files.length === 0) return { passed: 0, failed: 0, skipped: 0, code: 0 };
  mkdirSync(join(root, 'coverage'), { recursive: true });
  const tap = join(root, 'coverage', `${kind}-results.tap`);
  rmSync(tap, { force: true });
  const args = [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
  ];
  // end-to-end files start servers and a browser: one file at a time
  if (kind === 'e2e') args.push('--test-concurrency=1');
  // no test may hang the suite: a test that takes longer fails (its servers and browser are then ended)
  args.push(`--test-timeout=${kind === 'e2e' ? 180_000 : 60_000}`);
  // Node tests run under c8 (V8 coverage, mapped to the TypeScript sources)
  const code =
    kind === 'node'
      ? await run(
          join(root, 'node_modules', '.bin', 'c8'),
          [
            '--reporter=text-summary',
            '--reporter=lcov',
            '--report-dir=coverage/node',
            '--include=packages/*/dist/**/*.js',
            '--exclude=**/*.test.js',
            process.execPath,
            ...args,
            ...files,
          ],
          {},
          STAGE_LIMIT_MS.node,
        )
      : await run(process.execPath, [...args, ...files], {}, STAGE_LIMIT_MS[kind]);
  return { ...tapCounts(tap), code };
}

async function browserStage() {
  const counts = join(root, 'coverage', 'wtr-counts.json');
  rmSync(counts, { force: true });
  const code = await run(
    join(root, 'node_modules', '.bin', 'wtr'),
    ['--config', 'web-test-runner.config.mjs', '--coverage'],
    {
      AF_WTR_COUNTS: counts,
    },
  );
  const c = existsSync(counts)
    ? JSON.parse(readFileSync(counts, 'utf8'))
    : { passed: 0, failed: 1, skipped: 0, errors: 0 };
  return { passed: c.passed, failed: c.failed + c.errors, skipped: c.skipped, code };
}

const total = { passed: 0, failed: 0, skipped: 0 };
let exit = 0;
for (const stage of stages) {
  console.log(`\n=== ${stage} tests ===`);
  if (stage === 'e2e' && (await ensureStorybook()) !== 0) {
    console.error('npm run build-storybook failed: the Storybook end-to-end test cannot run');
    exit = 1;
  }
  const r = stage === 'browser' ? await browserStage() : await nodeStage(stage);
  console.log(`=== ${stage}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped ===`);
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
  if (r.code !== 0 || r.failed > 0) exit = 1;
}
// A skipped test is a test that did not run: the project keeps none.
if (total.skipped > 0) exit = 1;
if (total.passed === 0) exit = 1;
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(exit);
