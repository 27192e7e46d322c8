import { CPS_PIN_LENGTH, cardTypeLabel } from '@authforte/core/agent';
import { html, nothing } from 'lit';
import type { AfLogin } from './af-login.js';
import { frame } from './screens.js';

/** The card's screens of `<af-login>`: the card read, its PIN (typed here or on a PIN-pad reader), the agent's pairing. */

export function renderCard(this: AfLogin) {
  const m = this.i18n.messages;
  const card = this.view.card;
  if (!card) return nothing;
  return html`<dl class="card">
    <div><dt>${m['pin.holder']}</dt><dd>${card.holderName}</dd></div>
    ${card.profession ? html`<div><dt>${m['pin.profession']}</dt><dd>${card.profession}</dd></div>` : nothing}
    <div><dt>${m['pin.cardType']}</dt><dd>${cardTypeLabel(card.cardType, this.i18n.lang)}</dd></div>
  </dl>`;
}

export function pinError(this: AfLogin): string | undefined {
  const m = this.i18n.messages;
  const { error, fieldError } = this.view;
  if (fieldError === 'pin-format') return m['pin.format'];
  if (fieldError === 'final-try-unconfirmed') return m['pin.finalTryUnconfirmed'];
  if (error?.code === 'pin-incorrect') return m['pin.incorrect'];
  return undefined;
}

/** Tries left: after a wrong PIN, the count the agent gave with the error; else the card's. */
export function triesLeft(this: AfLogin): number {
  const { error, card } = this.view;
  return (error?.code === 'pin-incorrect' ? error.triesLeft : undefined) ?? card?.pin.triesLeft ?? 3;
}

export function onPinSubmit(this: AfLogin, e: SubmitEvent): void {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const input = form.querySelector<HTMLInputElement>('input[name="pin"]');
  const confirm = form.querySelector<HTMLInputElement>('input[name="confirm-final-try"]');
  const pin = input?.value ?? '';
  this.machine.send({ type: 'SUBMIT_PIN', pin, confirmFinalTry: confirm?.checked === true });
  if (this.view.fieldError === 'final-try-unconfirmed') {
    // the PIN was not sent (the last try is not confirmed): it stays in the field, the box gets the focus
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>('input[name="confirm-final-try"]')?.focus(),
    );
    return;
  }
  // the PIN leaves the field once sent: cleared after every attempt, kept nowhere
  if (input) input.value = '';
}

/** What the PIN screens show: the card, the error said, whether this is the last try and it is unconfirmed. */
function pinState(this: AfLogin) {
  const { card, fieldError } = this.view;
  return {
    m: this.i18n.messages,
    card,
    id: this.uid,
    error: pinError.call(this),
    finalTry: card?.pin.finalTry === true,
    confirmInvalid: fieldError === 'final-try-unconfirmed',
  };
}

export function renderPin(this: AfLogin) {
  const { m, card, id, error, finalTry, confirmInvalid } = pinState.call(this);
  const describedBy = [`${id}-pin-tries`, error && !confirmInvalid ? `${id}-pin-error` : ''].filter(Boolean).join(' ');
  if (card?.pinPad) return renderPinPad.call(this);
  return frame.call(
    this,
    m['pin.title'],
    html`${renderCard.call(this)}
      <form novalidate @submit=${onPinSubmit}>
        <div class="field" part="field">
          <label for="${id}-pin">${m['pin.label']}</label>
          <p class="hint" id="${id}-pin-tries">${m['pin.triesLeft'](triesLeft.call(this))}</p>
          ${error && !confirmInvalid ? html`<p class="error" id="${id}-pin-error">${error}</p>` : nothing}
          <input
            id="${id}-pin"
            part="input"
            name="pin"
            type="password"
            inputmode="numeric"
            autocomplete="off"
            maxlength=${CPS_PIN_LENGTH}
            size="6"
            data-autofocus
            aria-invalid=${error && !confirmInvalid ? 'true' : 'false'}
            aria-describedby=${describedBy}
          />
        </div>
        ${finalTry ? renderFinalTry.call(this, error, confirmInvalid) : nothing}
        <div class="actions">
          <button type="submit" class="primary" part="primary">${m['pin.submit']}</button>
          <button type="button" class="secondary" part="secondary" @click=${this.cancel}>${m.cancel}</button>
        </div>
      </form>`,
    nothing,
    'pin',
  );
}

/** The last try's warning and the box that confirms it (typed PIN and PIN pad alike). */
function renderFinalTry(this: AfLogin, error: string | undefined, confirmInvalid: boolean) {
  const m = this.i18n.messages;
  const id = this.uid;
  return html`<div class="final-try">
    <p class="warning" id="${id}-final">${m['pin.finalTry']}</p>
    ${confirmInvalid ? html`<p class="error" id="${id}-confirm-error">${error}</p>` : nothing}
    <div class="checkbox">
      <input
        type="checkbox"
        id="${id}-confirm"
        name="confirm-final-try"
        aria-invalid=${confirmInvalid ? 'true' : 'false'}
        aria-describedby=${confirmInvalid ? `${id}-final ${id}-confirm-error` : `${id}-final`}
      />
      <label for="${id}-confirm">${m['pin.confirmFinalTry']}</label>
    </div>
  </div>`;
}

/** A PIN-pad reader: no field, the code is typed on the reader once the holder goes on. */
export function renderPinPad(this: AfLogin) {
  const { m, card, id, error, finalTry, confirmInvalid } = pinState.call(this);
  return frame.call(
    this,
    m['pin.title'],
    html`${renderCard.call(this)}
      <form novalidate @submit=${onPinSubmit}>
        <p id="${id}-pin-pad">${m['pin.pad']}</p>
        <p class="hint" id="${id}-pin-tries">${m['pin.triesLeft'](card?.pin.triesLeft ?? 3)}</p>
        ${error && !confirmInvalid ? html`<p class="error" id="${id}-pin-error">${error}</p>` : nothing}
        ${finalTry ? renderFinalTry.call(this, error, confirmInvalid) : nothing}
        <div class="actions">
          <button type="submit" class="primary" part="primary" data-autofocus aria-describedby="${id}-pin-pad">
            ${m['pin.padSubmit']}
          </button>
          <button type="button" class="secondary" part="secondary" @click=${this.cancel}>${m.cancel}</button>
        </div>
      </form>`,
    nothing,
    'pin',
  );
}

export function onPairingSubmit(this: AfLogin, e: SubmitEvent): void {
  e.preventDefault();
  const input = (e.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name="pairing-code"]');
  const code = input?.value ?? '';
  if (input) input.value = '';
  this.machine.send({ type: 'SUBMIT_PAIRING_CODE', code });
}

/** What the pairing screen says under its field: the code's format, or why the agent refused it. */
export function pairingError(this: AfLogin): string | undefined {
  const { pairing, error, fieldError } = this.view;
  if (fieldError === 'pairing-code-format') return this.i18n.messages['pairing.format'](pairing?.codeLength ?? 6);
  return error ? this.errorText(error.code) : undefined;
}

export function renderPairing(this: AfLogin) {
  const m = this.i18n.messages;
  const { pairing } = this.view;
  const n = pairing?.codeLength ?? 6;
  const id = this.uid;
  const message = pairingError.call(this);
  return frame.call(
    this,
    m['pairing.title'],
    html`${
      pairing?.matchCode && pairing.approveUrl
        ? html`<div class="approve" part="pairing-approve">
            <p>${m['pairing.approve.text']}</p>
            <p>${m['pairing.approve.code']} <strong class="match-code">${pairing.matchCode}</strong></p>
            <p>
              <a href=${`${pairing.approveUrl}?lang=${this.i18n.lang}`} target="_blank" rel="noopener noreferrer"
                >${m['pairing.approve.link']}<span class="visually-hidden"> ${m['pairing.approve.newWindow']}</span></a
              >
            </p>
          </div>`
        : nothing
    }<form novalidate @submit=${onPairingSubmit}>
      <div class="field" part="field">
        <label for="${id}-pairing">${m['pairing.label']}</label>
        <p class="hint" id="${id}-pairing-hint">${m['pairing.text'](n)}</p>
        ${message ? html`<p class="error" id="${id}-pairing-error">${message}</p>` : nothing}
        <input
          id="${id}-pairing"
          part="input"
          name="pairing-code"
          type="text"
          inputmode="numeric"
          autocomplete="one-time-code"
          maxlength=${n}
          size=${n + 2}
          data-autofocus
          aria-invalid=${message ? 'true' : 'false'}
          aria-describedby=${message ? `${id}-pairing-hint ${id}-pairing-error` : `${id}-pairing-hint`}
        />
      </div>
      <div class="actions">
        <button type="submit" class="primary" part="primary">${m['pairing.submit']}</button>
        <button type="button" class="secondary" part="secondary" @click=${() => this.machine.send({ type: 'RETRY' })}>
          ${m['pairing.newCode']}
        </button>
        <button type="button" class="secondary" part="secondary" @click=${this.cancel}>${m.cancel}</button>
      </div>
    </form>`,
    nothing,
    'pairing',
  );
}
