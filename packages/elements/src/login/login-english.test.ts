/**
 * `<af-login>` in English (`lang="en"` on the page): French is the default, and English must be complete — the
 * sentences built from a number or a name (tries left, the pairing code's length, the welcome, the first sign-in,
 * when to try again) read as English sentences, not French ones or a key.
 */
import { AgentError } from '@authforte/core/agent';
import { HOLDER } from '@authforte/core/testing';
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as ui from './test-support/login.js';

describe('<af-login> in English', () => {
  ui.freshPage();
  beforeEach(() => {
    document.documentElement.lang = 'en';
  });

  it('the card journey: tries left after a wrong PIN, then the welcome', async () => {
    const f = ui.fake({
      authenticate: ({ pin }: { pin: string }) =>
        pin === '2580' ? { signature: 'ok' } : Object.assign(new Error('x'), { code: 'pin-incorrect', triesLeft: 2 }),
    });
    const el = await ui.mount(f.services);
    ui.button(el, 'Sign in with a CPS card').click();
    await ui.screen(el, 'pin');
    expect(ui.text(el)).to.contain('You have 3 tries left.');
    const pin = () => ui.root(el).querySelector<HTMLInputElement>('input[name="pin"]')!;
    pin().focus();
    await sendKeys({ type: '0000' });
    await ui.press('Enter');
    await ui.screen(el, 'pin');
    await el.updateComplete;
    expect(ui.status(el)).to.contain('You have 2 tries left.');
    expect(ui.text(el)).not.to.contain('Il vous reste');
    await expect(el).to.be.accessible();
    const done = oneEvent(el, 'af-authenticated');
    pin().focus();
    await sendKeys({ type: '2580' });
    await ui.press('Enter');
    await done;
    await ui.screen(el, 'authenticated');
    expect(ui.text(el)).to.contain(`Welcome, ${HOLDER.displayName}.`);
  });

  it('the first sign-in: the identity is verified, then to link', async () => {
    const f = ui.fake({ verify: { status: 'link-required', identity: HOLDER } });
    const el = await ui.mount(f.services);
    const linkRequired = oneEvent(el, 'af-link-required');
    el.start('card');
    await ui.screen(el, 'pin');
    ui.root(el).querySelector<HTMLInputElement>('input[name="pin"]')!.value = '2580';
    ui.button(el, 'Confirm').click();
    await linkRequired;
    await ui.screen(el, 'link-required');
    expect(ui.title(el).textContent).to.equal('First sign-in');
    expect(ui.text(el)).to.contain(`Your identity ${HOLDER.displayName} is verified.`);
    await expect(el).to.be.accessible();
  });

  it('pairing: the code’s length in the sentence and in the format error', async () => {
    const el = await ui.atPairing();
    expect(ui.text(el)).to.contain('The card reader software shows a 6-digit code.');
    const input = ui.root(el).querySelector<HTMLInputElement>('input[name="pairing-code"]')!;
    input.value = '12';
    ui.button(el, 'Pair').click();
    await el.updateComplete;
    expect(ui.text(el)).to.contain('The pairing code has 6 digits.');
    await expect(el).to.be.accessible();
  });

  it('a card agent that asks to wait: when to try again, in minutes', async () => {
    const f = ui.fake({
      detect: new AgentError('rate-limited', 'Too many requests', { retryAfterSeconds: 61, status: 429 }),
    });
    const el = await ui.mount(f.services);
    el.start('card');
    await ui.screen(el, 'error');
    expect(ui.text(el)).to.contain('You can try again in 2 minutes.');
    await expect(el).to.be.accessible();
  });

  it('the final try: said as one try left', async () => {
    const { el } = await ui.atFinalTry();
    expect(ui.text(el)).to.contain('You have 1 try left.');
    expect(ui.text(el)).not.to.contain('tentative');
    await expect(el).to.be.accessible();
  });
});
