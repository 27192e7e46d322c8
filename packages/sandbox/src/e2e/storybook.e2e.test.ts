/**
 * Every Storybook story renders in Chromium without an error and with no axe-core violation.
 * Runs against the static build (`npm run build-storybook`, done by CI before the tests).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { axeViolations, describeViolations, launchChromium } from '@authforte/test-kit/browser';
import type { Browser } from 'playwright-core';
import { serveFile } from '../demo/static.js';

const staticDir = fileURLToPath(new URL('../../../../storybook-static/', import.meta.url));

interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
}

describe('Storybook stories', () => {
  let server: Server;
  let base: string;
  let browser: Browser;

  before(async () => {
    assert.ok(
      existsSync(`${staticDir}index.json`),
      'storybook-static/ is missing: run `npm run build-storybook` before the end-to-end tests',
    );
    server = createServer(async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (!(await serveFile(res, staticDir, path === '/' ? 'index.html' : path))) {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('renders every story without error and axe-clean', async () => {
    const index = JSON.parse(readFileSync(`${staticDir}index.json`, 'utf8')) as { entries: Record<string, IndexEntry> };
    const stories = Object.values(index.entries).filter((e) => e.type === 'story');
    assert.ok(stories.length >= 9, `expected the stories of every element, found ${stories.length}`);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => {
      // failed loads are reported by the response handler below, with their URL
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) errors.push(`${res.status()} ${res.url()}`);
    });
    for (const story of stories) {
      errors.length = 0;
      await page.goto(
        `${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story&globals=a11y.manual:!true`,
      );
      await page.waitForSelector('#storybook-root > *', { timeout: 10_000 });
      // let the story's state settle: element upgrades, state set after upgrade, a language loaded on demand
      await page.waitForTimeout(100);
      await page.evaluate(() =>
        Promise.all(
          [...document.querySelectorAll('#storybook-root *')]
            .map((el) => (el as Element & { updateComplete?: Promise<unknown> }).updateComplete)
            .filter(Boolean),
        ),
      );
      assert.deepEqual(errors, [], `${story.title} / ${story.name}: errors in the page`);
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `${story.title} / ${story.name}:\n${describeViolations(violations)}`);
    }
  });
});
