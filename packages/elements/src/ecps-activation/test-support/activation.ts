import { sendKeys } from '@web/test-runner-commands';
import '../../config/define.js';
import '../define.js';
import type { AfActivationCompleteDetail, AfEcpsActivation, AfStepChangeDetail } from '../define.js';

export const VALID_RPPS = '810100000008';
export const WRONG_KEY_RPPS = '810100000007';

export const root = (el: AfEcpsActivation) => el.shadowRoot!;
export const heading = (el: AfEcpsActivation) => root(el).querySelector<HTMLElement>('[data-screen-heading]')!;
export const headingText = (el: AfEcpsActivation) => norm(heading(el).textContent);
/** Text with white space (including the no-break spaces of French typography) collapsed. */
export const norm = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
export const status = (el: AfEcpsActivation) => norm(root(el).querySelector('[role="status"]')!.textContent);
export const current = (el: AfEcpsActivation) => root(el).querySelector('[aria-current="step"]');
/** The identifier field: in the light DOM, where password managers see it. */
export const idInput = (el: AfEcpsActivation) => el.querySelector<HTMLInputElement>('input[name="national-id"]');
/** The focused element of the shadow root, or of the element's light DOM (the identifier field). */
export const focused = (el: AfEcpsActivation) => {
  const inLight = document.activeElement !== el && el.contains(document.activeElement);
  return (root(el).activeElement ?? (inLight ? document.activeElement : null)) as HTMLElement | null;
};
export const buttonNamed = (el: AfEcpsActivation, name: string) =>
  [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === name);

export async function press(el: AfEcpsActivation, key: string) {
  await sendKeys({ press: key });
  await el.updateComplete;
}

/** Tabs forward (at most 30 times) until the named button has the focus. */
export async function tabTo(el: AfEcpsActivation, name: string) {
  for (let i = 0; i < 30; i++) {
    if (focused(el)?.textContent?.trim() === name) return;
    await press(el, 'Tab');
  }
  throw new Error(`no button "${name}" reachable with Tab`);
}

/** Activates the named button with the keyboard: Tab to it, then Enter. */
export async function activate(el: AfEcpsActivation, name: string) {
  await tabTo(el, name);
  await press(el, 'Enter');
}

export function recordEvents(el: AfEcpsActivation) {
  const steps: AfStepChangeDetail[] = [];
  const completes: AfActivationCompleteDetail[] = [];
  el.addEventListener('af-step-change', (e) => steps.push(e.detail));
  el.addEventListener('af-activation-complete', (e) => completes.push(e.detail));
  return { steps, completes };
}

/** Each test on a fresh page: no stored progress, the page in French again. */
export function freshPage(): void {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    document.documentElement.lang = 'fr';
    sessionStorage.clear();
  });
}
