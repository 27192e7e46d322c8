import { MAX_NATIONAL_ID_LENGTH } from '@authforte/core';
import { html, nothing } from 'lit';
import type { AfLogin } from './af-login.js';
import { frame } from './screens.js';

/** The in-page e-CPS approval (CIBA) of `<af-login>`: the identifier form (light DOM), then the wait for the phone. */

export function onNationalIdSubmit(this: AfLogin, e: SubmitEvent): void {
  e.preventDefault();
  const input = (e.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name="username"]');
  this.machine.send({ type: 'SUBMIT_NATIONAL_ID', nationalId: input?.value ?? '' });
}

export function renderCibaIdentifier(this: AfLogin) {
  const m = this.i18n.messages;
  return frame.call(
    this,
    m['ciba-identifier.title'],
    html`<p>${m['ciba-identifier.text']}</p>
      <slot name="ciba"></slot>`,
    nothing,
    'ciba',
  );
}

/** The e-CPS identifier form, in the light DOM so that password managers find its `username` field. */
export function renderCibaForm(this: AfLogin) {
  if (this.screen !== 'ciba-identifier') return nothing;
  const m = this.i18n.messages;
  const { fieldError, nationalId } = this.view;
  const id = this.uid;
  const invalid = fieldError === 'national-id-format';
  return html`<form novalidate @submit=${onNationalIdSubmit}>
    <div class="af-field">
      <label class="af-label" for="${id}-idnat">${m['ciba-identifier.label']}</label>
      <p class="af-hint" id="${id}-idnat-hint">${m['ciba-identifier.hint']}</p>
      ${invalid ? html`<p class="af-message af-message--error" id="${id}-idnat-error">${m['ciba-identifier.format']}</p>` : nothing}
      <input
        class="af-input"
        id="${id}-idnat"
        name="username"
        type="text"
        inputmode="text"
        autocomplete="username"
        spellcheck="false"
        maxlength=${MAX_NATIONAL_ID_LENGTH}
        data-autofocus
        .value=${nationalId}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? `${id}-idnat-hint ${id}-idnat-error` : `${id}-idnat-hint`}
      />
    </div>
    <div class="af-actions">
      <button type="submit" class="af-button af-button--primary">${m['ciba-identifier.submit']}</button>
      <button type="button" class="af-button" @click=${() => this.machine.send({ type: 'USE_PSC_PAGE' })}>
        ${this.i18n.mark(m['ciba-identifier.usePage'])}
      </button>
      <button type="button" class="af-button" @click=${this.cancel}>${m.cancel}</button>
    </div>
  </form>`;
}

export function renderCibaWaiting(this: AfLogin) {
  const m = this.i18n.messages;
  const request = this.view.cibaRequest;
  const minutes = Math.max(1, Math.round((request?.expiresIn ?? 120) / 60));
  return frame.call(
    this,
    m['ciba-waiting.title'],
    html`<p class="binding">
        ${m['ciba-waiting.binding']} <strong class="code" part="binding-code">${request?.bindingMessage ?? ''}</strong>
      </p>
      <p class="progress"><span class="spinner" aria-hidden="true"></span>${m['ciba-waiting.text']}</p>
      <p class="hint">${m['ciba-waiting.expires'](minutes)}</p>`,
    html`<button type="button" class="secondary" part="secondary" @click=${this.cancel}>${m.cancel}</button>`,
    'ciba',
  );
}
