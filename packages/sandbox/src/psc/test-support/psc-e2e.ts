/** Steps shared by the PSC end-to-end tests: a browser, the sandbox PSC and the test app; the pages' results. */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { launchChromium } from '@authforte/test-kit/browser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { answerOnPhone } from '../../e2e/steps.js';
import type { RunningSandboxPsc, SandboxPscOptions } from '../options.js';
import { startSandboxPsc } from '../server.js';
import { startTestApp, type TestApp } from './app.js';

export interface PageResult {
  ok: boolean;
  code?: string;
  identity?: {
    nationalId: string;
    practices: Array<{ classification: { category: string; profession: { label: string } } | null }>;
  };
  returnTo?: string;
}

/**
 * Opens a page of the test app that runs a PSC client (`/browser/index.html`: the browser client; `/backend/…`: the
 * backend flow), and waits until the client is ready.
 */
export async function openBrowserClientPage(page: Page, app: TestApp, path = '/browser/index.html'): Promise<void> {
  await page.goto(`${app.origin}${path}`);
  await page.waitForFunction(() => (window as unknown as { pscReady?: boolean }).pscReady);
}

/** A new browser context with one page on a PSC client page of the test app (see openBrowserClientPage). */
export async function openClient(stack: PscStack, path?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stack.browser.newContext();
  const page = await context.newPage();
  await openBrowserClientPage(page, stack.app, path);
  return { context, page };
}

/** Starts the page's PSC sign-in by redirect (`options`: e.g. `{ returnTo }`); the page then navigates away. */
export async function signinRedirect(page: Page, options?: { returnTo: string }): Promise<void> {
  await page.evaluate((o) => {
    void (window as unknown as { psc: { signinRedirect(o?: unknown): unknown } }).psc.signinRedirect(o);
  }, options);
}

/** Starts CIBA for `nationalId` in the page; returns what the page shows (the binding code). */
export function cibaStart(page: Page, nationalId: string): Promise<{ bindingMessage: string }> {
  return page.evaluate(
    (id) =>
      (window as unknown as { psc: { cibaStart(id: string): Promise<{ bindingMessage: string }> } }).psc.cibaStart(id),
    nationalId,
  );
}

/** Waits, in the page, for the CIBA request to be answered, polling every `initialInterval` seconds at first. */
export function cibaWait(page: Page, initialInterval: number): Promise<PageResult> {
  return page.evaluate(
    (interval) =>
      (window as unknown as { psc: { cibaWait(o: unknown): Promise<{ identity: PageResult['identity'] }> } }).psc
        .cibaWait({ initialInterval: interval })
        .then(
          (s) => ({ ok: true, identity: s.identity }),
          (e: { code: string }) => ({ ok: false, code: e.code }),
        ),
    initialInterval,
  );
}

/** Signs in through the page's PSC popup, the e-CPS approved on the phone; returns what the page got. */
export async function popupSignIn(
  context: BrowserContext,
  page: Page,
  sandbox: RunningSandboxPsc,
  nationalId: string,
): Promise<PageResult> {
  const popupPromise = context.waitForEvent('page');
  const signin = page.evaluate(() =>
    (window as unknown as { psc: { signinPopup(): Promise<{ identity: unknown }> } }).psc.signinPopup().then(
      (s) => ({ ok: true, identity: s.identity }),
      (e: { code: string }) => ({ ok: false, code: e.code }),
    ),
  );
  await ecpsOnPhone(context, await popupPromise, sandbox, nationalId);
  return (await signin) as PageResult;
}

export async function result(page: Page): Promise<PageResult> {
  await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result !== undefined, undefined, {
    timeout: 20_000,
  });
  return page.evaluate(() => (window as unknown as { __result: PageResult }).__result);
}

/** Fills the e-CPS tab of the wallet page, then approves (or refuses) on the simulated phone. */
export async function ecpsOnPhone(
  context: BrowserContext,
  page: Page,
  sandbox: RunningSandboxPsc,
  nationalId: string,
  action: 'Valider la connexion' | 'Refuser' = 'Valider la connexion',
) {
  await page.waitForURL(`${sandbox.walletUrl}/interaction/**`);
  await page.getByRole('link', { name: 'Application e-CPS' }).click();
  await page.getByLabel('Identifiant national (8 suivi du numéro RPPS)').fill(nationalId);
  await page.getByRole('button', { name: 'Envoyer la demande à mon téléphone' }).click();
  await page.getByRole('heading', { name: 'Validez sur votre téléphone' }).waitFor();
  await answerOnPhone(context, sandbox.phoneUrl(nationalId), action);
}

export interface PscStack {
  browser: Browser;
  sandbox: RunningSandboxPsc;
  app: TestApp;
  /** `openClient` on this stack: a new context with one page on a PSC client page of the test app. */
  openClient(path?: string): Promise<{ context: BrowserContext; page: Page }>;
  /** `ecpsOnPhone` at this stack's sandbox PSC. */
  ecpsOnPhone(
    context: BrowserContext,
    page: Page,
    nationalId: string,
    action?: 'Valider la connexion' | 'Refuser',
  ): Promise<void>;
  /**
   * Opens the PSC client page `path` in a new context and signs `nationalId` in through its popup (`popupSignIn`
   * at this stack's sandbox PSC): fails unless the page is signed in; returns the context, the page and its result.
   */
  signInByPopup(path: string, nationalId: string): Promise<{ context: BrowserContext; page: Page; r: PageResult }>;
}

/**
 * Starts Chromium, a sandbox PSC with `options` and the test app before the suite's tests, and stops them after.
 * The stack's parts are there from the suite's first test on.
 */
export function pscStack(options: SandboxPscOptions): PscStack {
  const stack = {
    openClient: (path) => openClient(stack, path),
    ecpsOnPhone: (context, page, nationalId, action) => ecpsOnPhone(context, page, stack.sandbox, nationalId, action),
    signInByPopup: async (path, nationalId) => {
      const { context, page } = await openClient(stack, path);
      const r = await popupSignIn(context, page, stack.sandbox, nationalId);
      assert.equal(r.ok, true, JSON.stringify(r));
      return { context, page, r };
    },
  } as PscStack;
  before(async () => {
    stack.browser = await launchChromium();
    stack.sandbox = await startSandboxPsc(options);
    stack.app = await startTestApp(stack.sandbox);
  });
  after(async () => {
    await stack.browser?.close();
    await stack.app?.close();
    await stack.sandbox?.close();
  });
  return stack;
}
