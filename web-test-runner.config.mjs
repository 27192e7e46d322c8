// Browser tests: @web/test-runner on Debian's Chromium (never a downloaded browser).
// Tests are written in TypeScript next to the code and run from the JavaScript that `tsc -b` emits.

import { relative } from 'node:path';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { root, testFiles } from './scripts/test-files.mjs';
import { countingReporter } from './scripts/wtr-counting-reporter.mjs';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * `executeServerCommand('bring-to-front')`: makes the test's page the visible tab. With two test files at once, one
 * page is a background tab, which renders no frame, and Chromium holds mouse input (`sendMouse`) until a frame comes.
 */
const bringToFront = {
  name: 'bring-to-front',
  async executeCommand({ command, session }) {
    if (command !== 'bring-to-front') return undefined;
    if (session.browser.type !== 'puppeteer') return false;
    await session.browser.getPage(session.id).bringToFront();
    return true;
  },
};

export default {
  plugins: [bringToFront],
  rootDir: '.',
  // the elements' tests and the other packages' *.browser.test.js (not those whose source is gone: scripts/test-files.mjs)
  files: testFiles('browser').map((f) => relative(root, f)),
  nodeResolve: { exportConditions: ['production', 'default'] },
  concurrency: 2,
  concurrentBrowsers: 1,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: chromiumArgs,
      },
    }),
  ],
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
  coverageConfig: {
    include: ['packages/*/dist/**/*.js'],
    exclude: ['**/*.test.js', '**/test-support/**', '**/node_modules/**'],
    report: true,
    reportDir: 'coverage/browser',
    reporters: ['text-summary', 'lcov'],
    // enforced by `npm test` (at least the figures measured when they were set: see docs/development.md)
    threshold: { statements: 89, branches: 85, functions: 81, lines: 89 },
  },
  reporters: [defaultReporter(), countingReporter(process.env.AF_WTR_COUNTS ?? 'coverage/wtr-counts.json')],
};
