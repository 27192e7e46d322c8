import type { LoginServices } from '@authforte/core/login';
import { card, errorWithCode, fakeServices, type LoginScript, never } from '@authforte/core/testing';
import { fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LOGIN_RESUME_KEY } from '../af-login.js';
import type { AfLogin } from '../define.js';
import '../../config/define.js';
import '../define.js';

/**
 * The typed fakes of `@authforte/core/testing`, with what the element's tests need by default: PSC's redirect never
 * comes back (the page would have left), the e-CPS is polled every 10 ms.
 */
export const fake = (script: LoginScript = {}): ReturnType<typeof fakeServices> =>
  fakeServices({
    signinRedirect: never,
    cibaStart: { bindingMessage: '42', expiresIn: 120, interval: 0.01 },
    ...script,
  });

export const root = (el: AfLogin) => el.shadowRoot!;
export const title = (el: AfLogin) => root(el).querySelector<HTMLElement>('[part~="title"]')!;
export const text = (el: AfLogin) => root(el).querySelector('[part="screen"]')!.textContent!.replace(/\s+/g, ' ');
export const status = (el: AfLogin) => root(el).querySelector('[role="status"]')!.textContent!.trim();
/** A button of the shadow root or of the light-DOM form. */
export const button = (el: AfLogin, label: string | RegExp) =>
  [...root(el).querySelectorAll<HTMLButtonElement>('button'), ...el.querySelectorAll('button')].find((b) =>
    typeof label === 'string' ? b.textContent!.trim() === label : label.test(b.textContent!),
  )!;
export const focused = (el: AfLogin) => root(el).activeElement;
/** Compares without handing DOM nodes to the assertion (a failing message would serialise them). */
export const isFocused = (el: AfLogin, node: Element | null) => focused(el) === node;

export async function screen(el: AfLogin, s: string) {
  await waitUntil(() => el.screen === s, `screen ${s} (now ${el.screen})`, { timeout: 3000 });
  await el.updateComplete;
}

export async function mount(services: LoginServices, attrs = '') {
  const el = await fixture<AfLogin>(html`<af-login></af-login>`);
  for (const a of attrs.split(' ').filter(Boolean)) {
    const [k, v] = a.split('=');
    el.setAttribute(k!, v ?? '');
  }
  el.services = services;
  await el.updateComplete;
  return el;
}

export async function press(key: string) {
  await sendKeys({ press: key });
}

/** The e-CPS in the page: starts PSC, types `nationalId` in the light-DOM field and sends the request. */
export async function sendCibaRequest(el: AfLogin, nationalId = '810001234567'): Promise<void> {
  el.start('psc');
  await screen(el, 'ciba-identifier');
  el.querySelector<HTMLInputElement>('input[name="username"]')!.value = nationalId;
  button(el, 'Envoyer la demande sur mon téléphone').click();
}

/** The e-CPS in the page up to its error (`sendCibaRequest`); the `af-error` code, once the error screen is shown. */
export async function cibaError(el: AfLogin, nationalId: string): Promise<string> {
  const error = oneEvent(el, 'af-error');
  await sendCibaRequest(el, nationalId);
  const { code } = (await error).detail;
  await screen(el, 'error');
  return code;
}

/**
 * A card agent that this page has not paired with yet (ready once paired), which accepts the code `123456` only:
 * `<af-login>` mounted and on its pairing screen.
 */
export async function atPairing(): Promise<AfLogin> {
  let n = 0;
  const f = fake({
    detect: () => (++n === 1 ? { status: 'not-paired' } : { status: 'ready' }),
    confirmPairing: ({ code }: { code: string }) =>
      code === '123456' ? undefined : errorWithCode('pairing-code-invalid'),
  });
  const el = await mount(f.services);
  el.start('card');
  await screen(el, 'pairing');
  return el;
}

/** The card up to its error: starts the card, types `pin`, validates; the `af-error` code, on the error screen. */
export async function cardError(el: AfLogin, pin = '2580'): Promise<string> {
  el.start('card');
  await screen(el, 'pin');
  root(el).querySelector<HTMLInputElement>('input[name="pin"]')!.value = pin;
  const error = oneEvent(el, 'af-error');
  button(el, 'Valider').click();
  const { code } = (await error).detail;
  await screen(el, 'error');
  return code;
}

/** Each test on a fresh page: no sign-in to resume, the page in French again. */
export function freshPage(): void {
  beforeEach(() => sessionStorage.removeItem(LOGIN_RESUME_KEY));
  afterEach(() => {
    document.documentElement.lang = 'fr';
  });
}

/** Types `text` into `field` with the keyboard, then presses Enter. */
export async function typeAndEnter(field: HTMLElement, text: string): Promise<void> {
  field.focus();
  await sendKeys({ type: text });
  await press('Enter');
}

/**
 * A card with one PIN try left (the agent says `finalTry`), which the wrong PIN then locks: `<af-login>` mounted and
 * on its PIN screen, with its fakes.
 */
export async function atFinalTry(): Promise<{ el: AfLogin; f: ReturnType<typeof fake> }> {
  const f = fake({
    watch: [{ type: 'card', card: card({}, { triesLeft: 1, finalTry: true }) }],
    authenticate: () => errorWithCode('pin-locked'),
  });
  const el = await mount(f.services);
  el.start('card');
  await screen(el, 'pin');
  return { el, f };
}
