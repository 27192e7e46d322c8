import type { LoginScreen } from '@authforte/core/login';
import { safeHref } from '@authforte/core/redirect';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { headingLevel } from '../internal/heading.js';
import type { AfLogin } from './af-login.js';
import { renderCard, renderPairing, renderPin } from './card-screens.js';
import { renderCibaIdentifier, renderCibaWaiting } from './ciba-screens.js';
import type { LoginMessages } from './strings.fr.js';

/** The screens of `<af-login>` besides the card's and the e-CPS approval's: their frame, the chooser, the error. */

/**
 * Screens whose pending call must not run twice, so a flow removed from the page there starts afresh on its return:
 * a pairing code or a PIN already presented (a second presentation would cost a try), a push already sent to the
 * phone, a page opened, a single-use proof or code being checked.
 */
export const ONE_SHOT: ReadonlySet<LoginScreen> = new Set([
  'pairing-confirming',
  'card-authenticating',
  'psc-redirecting',
  'psc-returning',
  'psc-popup',
  'ciba-starting',
  'verifying',
]);

/** Screens of a call under way (`aria-busy`): the one-shot calls and the waits. */
export const PROGRESS: ReadonlySet<LoginScreen> = new Set([
  ...ONE_SHOT,
  'agent-detecting',
  'pairing-starting',
  'card-searching',
  'waiting-reader',
  'waiting-card',
]);

/** A smart card with its chip, at the left of the card button (the PSC button has its logo there). */
export const cardPictogram = svg`<svg class="pictogram" viewBox="0 0 32 32" width="32" height="32" focusable="false" aria-hidden="true">
  <rect x="2" y="6" width="28" height="20" fill="none" stroke="currentColor" stroke-width="2"/>
  <rect x="6" y="11" width="8" height="7" fill="none" stroke="currentColor" stroke-width="2"/>
  <path d="M6 22h12M22 11h4M22 15h4" stroke="currentColor" stroke-width="2"/>
</svg>`;

export function renderScreen(this: AfLogin, screen: LoginScreen): TemplateResult {
  const m = this.i18n.messages;
  const ctx = this.view;
  switch (screen) {
    case 'chooser':
      return renderChooser.call(this);
    case 'pairing':
      return renderPairing.call(this);
    case 'pin':
      return renderPin.call(this);
    case 'pin-locked':
      return frame.call(
        this,
        m['pin-locked.title'],
        html`${renderCard.call(this)}<p>${m['pin-locked.text']}</p><p>${this.i18n.mark(m['pin-locked.noPuk'])}</p>${this.renderHelp()}`,
        backActions.call(this, false),
        'error',
      );
    case 'ciba-identifier':
      return renderCibaIdentifier.call(this);
    case 'ciba-waiting':
      return renderCibaWaiting.call(this);
    case 'authenticated':
    case 'link-required':
      return frame.call(
        this,
        m[`${screen}.title`],
        html`<p>${m[`${screen}.text`](ctx.identity?.displayName ?? '')}</p>`,
        nothing,
        'success',
      );
    case 'error':
      return renderError.call(this);
    default: {
      const title = m[`${screen}.title` as keyof LoginMessages] as string;
      const text =
        screen === 'card-authenticating' && ctx.card?.pinPad
          ? m['pin.padTyping']
          : (m[`${screen}.text` as keyof LoginMessages] as string);
      return frame.call(
        this,
        title,
        html`<p class="progress"><span class="spinner" aria-hidden="true"></span>${this.i18n.mark(text)}</p>`,
        html`<button type="button" class="secondary" part="secondary" @click=${this.cancel}>${m.cancel}</button>`,
        'progress',
        PROGRESS.has(screen),
      );
    }
  }
}

/** One screen: heading (focused on screen changes), body, actions. */
export function frame(this: AfLogin, title: string, body: unknown, actions: unknown, kind = '', busy = false) {
  const level = headingLevel(this.headingLevel);
  const id = this.uid;
  return html`<section class="screen ${kind ? `screen--${kind}` : ''}" part="screen" aria-labelledby="${id}-title" aria-busy=${busy ? 'true' : 'false'}>
    <div role="heading" aria-level=${level} class="title" part="title" id="${id}-title" tabindex="-1">${this.i18n.mark(title)}</div>
    ${body}
    ${actions === nothing ? nothing : html`<div class="actions">${actions}</div>`}
  </section>`;
}

export function backActions(this: AfLogin, retry: boolean, retryLabel = this.i18n.messages.retry) {
  const m = this.i18n.messages;
  return html`${
    retry
      ? html`<button type="button" class="primary" part="primary" @click=${() => this.machine.send({ type: 'RETRY' })}>${retryLabel}</button>`
      : nothing
  }<button type="button" class="secondary" part="secondary" @click=${this.reset}>${m.otherMeans}</button>`;
}

export function renderChooser(this: AfLogin) {
  const m = this.i18n.messages;
  // with `server`, the means offered come from the kit: no button before its configuration is known
  if (this.serverTransport && !this.serverConfig && !this.methods && !this.loginConfig.methods)
    return frame.call(this, m['chooser.title'], nothing, nothing, 'chooser', true);
  const ctx = this.view;
  const methods = this.effectiveMethods;
  const id = this.uid;
  const buttons = methods.map((method) =>
    method === 'card'
      ? html`<button type="button" class="cps" part="card-button" aria-describedby="${id}-card-hint" @click=${() => this.start('card')}>
            ${cardPictogram}<span class="label">${m['chooser.card']}</span>
          </button>
          <p class="hint" id="${id}-card-hint">${m['chooser.cardHint']}</p>`
      : html`<af-psc-button
          part="psc-button"
          info-url=${this.pscInfoUrl ?? this.loginConfig.pscInfoUrl ?? nothing}
          @af-psc-click=${() => this.start('psc')}
        ></af-psc-button>`,
  );
  return frame.call(
    this,
    m['chooser.title'],
    html`<p>${m['chooser.text']}</p>
      ${ctx.cancelled ? html`<p class="notice">${m['chooser.cancelled']}</p>` : nothing}
      <ul class="methods" role="list">
        ${buttons.map((b) => html`<li>${b}</li>`)}
      </ul>`,
    nothing,
    'chooser',
  );
}

export function renderError(this: AfLogin) {
  const m = this.i18n.messages;
  const error = this.view.error;
  const code = error?.code ?? 'network';
  const install = this.agentInstallUrl ?? this.loginConfig.agentInstallUrl;
  const needsInstall = code === 'agent-not-installed' || code === 'agent-version-mismatch';
  const activation = safeHref(this.config.pick(this.activationUrl, (c) => c.activationUrl));
  const unknownUser = code === 'psc-unknown-user';
  return frame.call(
    this,
    this.errorTitle(code),
    html`<p class="message" part="message">${this.i18n.mark(this.errorText(code))}${this.retryText()}</p>
      ${code === 'agent-blocked' ? html`<p>${m['error.agent-blocked.howto']}</p>` : nothing}
      ${unknownUser ? html`<p>${m['error.psc-unknown-user.howto']}</p>` : nothing}
      ${unknownUser && activation ? html`<p><a href=${activation}>${m['error.psc-unknown-user.activate']}</a></p>` : nothing}
      ${
        needsInstall && safeHref(install)
          ? html`<p>
            <a href=${safeHref(install)} target="_blank" rel="noopener noreferrer"
              >${m.install} <span class="visually-hidden">${m.newWindow}</span></a
            >
          </p>`
          : nothing
      }
      ${this.renderHelp()}`,
    // retrying cannot help when the application is not set up for it or refuses the page's address
    backActions.call(
      this,
      code !== 'not-configured' && code !== 'origin-refused',
      unknownUser ? m['error.psc-unknown-user.retry'] : m.retry,
    ),
    'error',
  );
}
