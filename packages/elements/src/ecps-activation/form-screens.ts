import { currentEcpsStep, ECPS_STEP_COUNT } from '@authforte/core/ecps-activation';
import { html, nothing } from 'lit';
import type { AfEcpsActivation } from './af-ecps-activation.js';
import { renderSteps } from './step-screens.js';

/** The fields of `<af-ecps-activation>`'s steps (national identifier, e-mail) and the end screen. */

/** The identifier field (card-less track, step 5), in the light DOM so that password managers see it. */
export function renderNationalId(this: AfEcpsActivation) {
  const ctx = this.machine.snapshot.context;
  const onStep = this.screenKey().startsWith('step:without-card:') && currentEcpsStep(ctx)?.id === 'national-id';
  if (!onStep) return nothing;
  const m = this.i18n.messages;
  const id = this.uid;
  const check = ctx.idCheck;
  const showError = ctx.idErrorShown && (check.status === 'error' || check.status === 'empty');
  const message =
    showError || check.status === 'warning' || check.status === 'valid' ? this.idMessage(check) : undefined;
  const kind = showError ? 'error' : check.status;
  // a form, so that Enter moves on and password managers recognise the field
  return html`<form class="af-field" novalidate @submit=${onIdSubmit}>
    <label class="af-label" for="${id}-id">${m.idLabel}</label>
    <p class="af-hint" id="${id}-id-hint">${m.idHint}</p>
    <input
      class="af-input"
      id="${id}-id"
      name="national-id"
      type="text"
      inputmode="numeric"
      autocomplete="username"
      autocapitalize="off"
      spellcheck="false"
      maxlength="40"
      aria-invalid=${showError ? 'true' : 'false'}
      aria-describedby="${id}-id-hint${message ? ` ${id}-id-message` : ''}"
      .value=${ctx.nationalId}
      @input=${(e: InputEvent) => onIdInput.call(this, (e.target as HTMLInputElement).value)}
      @blur=${() => this.machine.send({ type: 'ID_BLUR' })}
    />
    ${message ? html`<p id="${id}-id-message" class="af-message af-message--${kind}">${message}</p>` : nothing}
  </form>`;
}

export function onIdSubmit(this: AfEcpsActivation, e: SubmitEvent): void {
  e.preventDefault();
  this.next();
}

export function onIdInput(this: AfEcpsActivation, value: string): void {
  const machine = this.machine;
  const before = machine.snapshot.context;
  const wasShown = before.idErrorShown;
  const previous = before.idCheck.status;
  machine.send({ type: 'ID_INPUT', value });
  const after = machine.snapshot.context;
  // announce a change of verdict, not every keystroke
  if (after.idCheck.status !== previous || (after.idErrorShown && !wasShown)) {
    const shown = after.idErrorShown || after.idCheck.status === 'warning' || after.idCheck.status === 'valid';
    this.announce(shown ? (this.idMessage(after.idCheck) ?? '') : '');
  }
}

export function renderEmail(this: AfEcpsActivation) {
  const m = this.i18n.messages;
  const on = this.machine.snapshot.context.emailOn;
  const id = this.uid;
  const choose = (where: 'phone' | 'other-device') => {
    this.machine.send({ type: 'EMAIL_ON', on: where });
    this.announce(m[`emailDo.${where}`]);
  };
  return html`<fieldset class="email">
      <legend>${m.emailQuestion}</legend>
      ${(['phone', 'other-device'] as const).map(
        (where) => html`<div class="radio">
          <input type="radio" id="${id}-email-${where}" name="${id}-email" value=${where}
            .checked=${on === where} @change=${() => choose(where)} />
          <label for="${id}-email-${where}">${m[`emailOn.${where}`]}</label>
        </div>`,
      )}
    </fieldset>
    ${on ? html`<p class="email-do">${this.i18n.mark(m[`emailDo.${on}`])}</p>` : nothing}`;
}

export function renderComplete(this: AfEcpsActivation) {
  const m = this.i18n.messages;
  const track = this.machine.snapshot.context.track ?? 'with-card';
  const id = this.uid;
  return html`
    <p class="track">${m[`track.${track}`]}</p>
    ${renderSteps.call(this, track, ECPS_STEP_COUNT, true)}
    <section class="complete" part="complete" aria-labelledby="${id}-complete">
      <div role="heading" aria-level=${this.level(1)} id="${id}-complete" class="step-title" tabindex="-1" data-screen-heading>
        ${m.completeTitle}
      </div>
      <p>${this.i18n.mark(m.completeText)}</p>
      ${
        this.effectiveConfig.signInUrl
          ? html`<p><a class="onwards" part="sign-in-link" href=${this.effectiveConfig.signInUrl}>${m.signInLink}</a></p>`
          : nothing
      }
    </section>
    <div class="nav" part="nav">
      <button type="button" part="button" class="secondary" @click=${() => this.back()}>${m.previous}</button>
      <button type="button" part="button" class="secondary" @click=${() => this.reset()}>${m.reset}</button>
    </div>
  `;
}
