import type { FieldError } from '@authforte/core/account-link';
import { html, nothing } from 'lit';
import type { AfAccountLink } from './af-account-link.js';

/** `<af-account-link>`'s light-DOM part: the error summary and the native sign-in form (password managers see it). */

/** The light-DOM part: the error summary and the native form. */
export function renderLight(this: AfAccountLink) {
  const m = this.i18n.messages;
  const snap = this.machine.snapshot;
  if (this.serverLoading || snap.hasTag('done') || snap.hasTag('cancelled')) return html``;
  const id = this.uid;
  const { error, fieldErrors } = snap.context;
  const busy = snap.hasTag('busy');
  const locked = snap.hasTag('locked');
  const userError = fieldErrors.includes('missing-username');
  const passError = fieldErrors.includes('missing-password');
  const fieldError = (f: FieldError) => m[`field.${f}`];
  return html`
    ${
      error || fieldErrors.length > 0
        ? html`<div
          class="af-link-summary ${locked ? 'af-link-summary--locked' : ''}"
          tabindex="-1"
          role="group"
          aria-labelledby="${id}-summary-title"
        >
          <p class="af-link-summary__title" id="${id}-summary-title">
            ${locked ? m.lockedTitle : error ? m.errorTitle : m.fieldErrorTitle}
          </p>
          ${
            error
              ? html`${errorLines.call(this).map(
                  (line) => html`<p class="af-link-summary__text">${line}</p>
                `,
                )}
                ${
                  this.clearedPassword && error.code !== 'network' && error.code !== 'locked'
                    ? html`<p class="af-link-summary__text">${m.passwordCleared}</p>`
                    : nothing
                }`
              : html`<ul class="af-link-summary__list">
                ${fieldErrors.map(
                  (f) =>
                    html`<li>
                      <a
                        href="#${id}-${f === 'missing-username' ? 'username' : 'password'}"
                        @click=${(e: Event) => onSummaryClick.call(this, e, f === 'missing-username' ? 'username' : 'password')}
                        >${fieldError(f)}</a
                      >
                    </li>`,
                )}
              </ul>`
          }
        </div>`
        : nothing
    }
    <form class="af-link-form" method="post" novalidate @submit=${onSubmit}>
      ${renderField.call(this, 'username', userError, busy)} ${renderField.call(this, 'password', passError, busy)}
      <div class="af-link-actions">
        <button class="af-link-submit" type="submit" aria-disabled=${busy || locked ? 'true' : 'false'}>
          ${m.submit}
        </button>
        ${
          this.cancelable
            ? html`<button class="af-link-cancel" type="button" @click=${() => this.cancel()}>${m.cancel}</button>`
            : nothing
        }
      </div>
    </form>
  `;
}

export function onSubmit(this: AfAccountLink, e: SubmitEvent): void {
  e.preventDefault();
  const snap = this.machine.snapshot;
  if (!snap.hasTag('form')) return; // busy or locked: the button says so
  const username = this.usernameInput?.value ?? '';
  const password = this.passwordInput?.value ?? '';
  this.clearedPassword = false;
  this.machine.send({ type: 'SUBMIT', username, password });
  if (this.machine.snapshot.context.fieldErrors.length > 0) this.focusSummary = true;
}

export function onInput(this: AfAccountLink, field: 'username' | 'password'): void {
  if (this.machine.snapshot.context.fieldErrors.length > 0) this.machine.send({ type: 'EDIT', field });
}

export function onSummaryClick(this: AfAccountLink, e: Event, target: 'username' | 'password'): void {
  e.preventDefault();
  (target === 'username' ? this.usernameInput : this.passwordInput)?.focus();
}

/**
 * What the error summary says. Locked: our text and when to retry (the host's own message only when it gives no
 * delay, so the delay is never said twice); a wrong password: how many attempts are left, when the host tells.
 */
export function errorLines(this: AfAccountLink): string[] {
  const m = this.i18n.messages;
  const error = this.machine.snapshot.context.error;
  if (!error) return [];
  if (error.code === 'locked') {
    const retry = retryText.call(this);
    return retry ? [this.errorText('locked'), retry] : [error.message ?? this.errorText('locked')];
  }
  const lines = [this.errorText(error.code)];
  if (error.code === 'invalid-credentials' && error.attemptsLeft) lines.push(m.attemptsLeft(error.attemptsLeft));
  return lines;
}

export function retryText(this: AfAccountLink): string | undefined {
  const { error, lockedUntil } = this.machine.snapshot.context;
  if (!error?.retryAfter || !lockedUntil) return undefined;
  const m = this.i18n.messages;
  const minutes = Math.ceil(error.retryAfter / 60);
  if (minutes <= 60) return m.retryIn(minutes);
  const time = new Intl.DateTimeFormat(this.i18n.lang, { hour: '2-digit', minute: '2-digit' }).format(lockedUntil);
  return m.retryAt(time);
}

/** One field of the form, with its error when it was left empty: the username or the password. */
function renderField(this: AfAccountLink, name: 'username' | 'password', invalid: boolean, busy: boolean) {
  const m = this.i18n.messages;
  const id = `${this.uid}-${name}`;
  const user = name === 'username';
  return html`<div class="af-link-field ${invalid ? 'af-link-field--error' : ''}">
    <label class="af-link-label" for=${id}>${m[name]}</label>
    ${invalid ? html`<p class="af-link-field-error" id="${id}-error">${m[`field.missing-${name}`]}</p>` : nothing}
    <input
      class="af-link-input"
      id=${id}
      name=${name}
      type=${user ? 'text' : 'password'}
      autocomplete=${user ? 'username' : 'current-password'}
      autocapitalize=${user ? 'none' : nothing}
      spellcheck=${user ? 'false' : nothing}
      required
      maxlength=${user ? 256 : 1024}
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${invalid ? `${id}-error` : nothing}
      ?readonly=${busy}
      @input=${() => onInput.call(this, name)}
    />
  </div>`;
}
