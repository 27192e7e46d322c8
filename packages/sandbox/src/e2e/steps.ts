/**
 * Steps shared by the demo host's end-to-end tests in Chromium: the stack started before a suite and stopped after,
 * the `<af-login>` screen reached, axe-core on a page, an approval on the simulated phone.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { axeViolations, describeViolations, launchChromium } from '@authforte/test-kit/browser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDemoHost } from '../demo/server.js';
import type { RunningService } from '../services.js';
import { type SignInStack, startSignInStack } from '../testing/sign-in-stack.js';

/** Waits until `<af-login>`'s screen (`el.screen`) is `screen`. */
export async function waitScreen(page: Page, screen: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (s) => (document.querySelector('af-login') as unknown as { screen?: string } | null)?.screen === s,
    screen,
    { timeout },
  );
}

/** The uncaught errors of the page's scripts, from now on (the list fills as they happen). */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** The text in `<af-login>`'s shadow root. */
export function shadowText(page: Page): Promise<string> {
  return page.locator('af-login').evaluate((el) => el.shadowRoot?.textContent ?? '');
}

/** Waits until the text in `<af-login>`'s shadow root matches `pattern`. */
export async function waitShadowText(page: Page, pattern: RegExp, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    ([source, flags]) =>
      new RegExp(source as string, flags).test(document.querySelector('af-login')?.shadowRoot?.textContent ?? ''),
    [pattern.source, pattern.flags],
    { timeout },
  );
}

/** Fails with axe-core's violations on the page (axe-core must be loaded, or loadable by the test-kit). */
export async function expectAxeClean(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${state}:\n${describeViolations(violations)}`);
}

/** Approves (or refuses) the pending e-CPS request on the simulated phone at `phoneUrl`, in a page of its own. */
export async function answerOnPhone(
  context: BrowserContext,
  phoneUrl: string,
  action: 'Valider la connexion' | 'Refuser' = 'Valider la connexion',
): Promise<void> {
  const phone = await context.newPage();
  await phone.goto(phoneUrl);
  await phone.getByRole('button', { name: action }).first().click();
  await phone.getByRole('status').waitFor();
  await phone.close();
}

export interface SignInSuite {
  stack: SignInStack;
  browser: Browser;
  /** A page in a new browser context (its own cookies and storage). */
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * Starts a sign-in stack (`startSignInStack(options)`) and Chromium before the suite's tests, and stops them after;
 * both are there from the suite's first test on.
 */
export function signInSuite(options?: Parameters<typeof startSignInStack>[0]): SignInSuite {
  const suite = {
    async newPage() {
      const context = await suite.browser.newContext();
      return { context, page: await context.newPage() };
    },
  } as SignInSuite;
  before(async () => {
    suite.stack = await startSignInStack(options);
    suite.browser = await launchChromium();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.stack?.close();
  });
  return suite;
}

export interface DemoHostSuite {
  host: RunningService;
  browser: Browser;
}

/** The demo host alone (no PSC, no card agent) and Chromium, started before the suite's tests and stopped after. */
export function demoHostSuite(): DemoHostSuite {
  const suite = {} as DemoHostSuite;
  before(async () => {
    suite.host = await startDemoHost({ port: 0 });
    suite.browser = await launchChromium();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.host?.close();
  });
  return suite;
}
