import type { AccountLinkCredentials, AccountLinkResult } from '@authforte/core/account-link';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AfAccountLink } from '../define.js';
import '../../config/define.js';
import '../define.js';

export const MARIE = { nationalId: '899700540003', displayName: 'MARIE ASSISTDELCS170540003', source: 'card' as const };

export const shadowText = (el: AfAccountLink) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
export const status = (el: AfAccountLink) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
export const summary = (el: AfAccountLink) => el.querySelector<HTMLElement>('.af-link-summary');
export const submitButton = (el: AfAccountLink) => el.querySelector<HTMLButtonElement>('button[type="submit"]')!;

/** A transport that answers what it is told, after `delay` ms, and records what it was sent. */
export function scripted(...answers: Array<AccountLinkResult | Error>) {
  const calls: AccountLinkCredentials[] = [];
  let release: (() => void) | undefined;
  const submit = async (c: AccountLinkCredentials) => {
    calls.push(c);
    const a = answers.shift() ?? { ok: false as const, code: 'server' as const };
    await new Promise<void>((r) => {
      release = r;
      setTimeout(r, 20);
    });
    if (a instanceof Error) throw a;
    return a;
  };
  return { submit, calls, release: () => release?.() };
}

export async function settle(el: AfAccountLink) {
  for (let i = 0; i < 50 && el.state === 'submitting'; i++) await new Promise((r) => setTimeout(r, 10));
  await el.updateComplete;
}

export async function fillWithKeyboard(el: AfAccountLink, username: string, password: string) {
  el.usernameInput!.focus();
  if (username) await sendKeys({ type: username });
  await sendKeys({ press: 'Tab' });
  expect(document.activeElement).to.equal(el.passwordInput);
  if (password) await sendKeys({ type: password });
}

export async function linkForm(submit?: ReturnType<typeof scripted>['submit'], attrs = '') {
  const el = await fixture<AfAccountLink>(
    html`<af-account-link .identity=${MARIE} .submit=${submit} ?cancelable=${attrs.includes('cancelable')}></af-account-link>`,
  );
  await el.updateComplete;
  return el;
}

/** Each test on a page in French again. */
export function freshPage(): void {
  afterEach(() => {
    document.documentElement.lang = 'fr';
  });
}

/** Types the credentials with the keyboard, presses Enter; once `af-link-failed` came and the request settled. */
export async function failWithKeyboard(el: AfAccountLink, username: string, password: string) {
  await fillWithKeyboard(el, username, password);
  const failed = oneEvent(el, 'af-link-failed');
  await sendKeys({ press: 'Enter' });
  const { detail } = await failed;
  await settle(el);
  return detail;
}
