import { currentEcpsStep, ECPS_STEP_COUNT, type EcpsStepPlace, type EcpsTrack } from '@authforte/core/ecps-activation';
import { safeHref } from '@authforte/core/redirect';
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { AfEcpsActivation, Qr } from './af-ecps-activation.js';
import { renderEmail } from './form-screens.js';

/** The steps of `<af-ecps-activation>`: the first question, the list of steps, the current step and its extras. */

export const icons: Record<EcpsStepPlace, TemplateResult> = {
  computer: html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M3 4h18a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1h-7v2h3v2H7v-2h3v-2H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Zm1 2v9h16V6H4Z" />
  </svg>`,
  phone: html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M7 2h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Zm0 2v16h10V4H7Zm4 13h2v2h-2v-2Z" />
  </svg>`,
  'computer-and-phone': html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M2 4h15a1 1 0 0 1 1 1v2h-2V6H3v8h9v2H9v2h3v2H5v-2h2v-2H2a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Zm13 5h6a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1h-6a1 1 0 0 1-1-1V10a1 1 0 0 1 1-1Zm1 2v7h4v-7h-4Z" />
  </svg>`,
};

export function renderQuestion(this: AfEcpsActivation) {
  const m = this.i18n.messages;
  const id = this.uid;
  return html`
    <section class="question" part="question" aria-labelledby="${id}-question">
      <p class="intro">${m.intro}</p>
      <div role="heading" aria-level=${this.level(1)} id="${id}-question" tabindex="-1" data-screen-heading class="step-title">
        ${m.questionTitle}
      </div>
      <p class="hint" id="${id}-question-hint">${m.questionHint}</p>
      <div class="answers">
        <button type="button" part="button" aria-describedby="${id}-question-hint"
          @click=${() => this.chooseTrack('with-card')}>
          ${m.answerWithCard}
        </button>
        <button type="button" part="button" aria-describedby="${id}-question-hint"
          @click=${() => this.chooseTrack('without-card')}>
          ${m.answerWithoutCard}
        </button>
      </div>
    </section>
  `;
}

export function renderSteps(this: AfEcpsActivation, track: EcpsTrack, current: number, allDone: boolean) {
  const m = this.i18n.messages;
  const steps = Array.from({ length: ECPS_STEP_COUNT }, (_, i) => i + 1);
  return html`<ol class="steps" part="steps" aria-label=${m.steps}>
    ${steps.map((n) => {
      const s = currentEcpsStep({ track, step: n });
      const done = allDone || n < current;
      const isCurrent = !allDone && n === current;
      return html`<li class=${isCurrent ? 'current' : done ? 'done' : 'todo'} aria-current=${isCurrent ? 'step' : nothing}>
        <span class="num" aria-hidden="true">${done ? '✓' : n}</span>
        <span class="label">${s ? this.stepText(track, s.id, 'title') : ''}</span>
        ${done ? html`<span class="visually-hidden">${m.stepDone}</span>` : nothing}
      </li>`;
    })}
  </ol>`;
}

export function renderTrack(this: AfEcpsActivation) {
  const m = this.i18n.messages;
  const snap = this.machine.snapshot;
  const ctx = snap.context;
  const current = currentEcpsStep(ctx);
  if (!current) return nothing;
  const { track, step, id: stepId, place } = current;
  const id = this.uid;
  const canGoBack = step > 1 || !ctx.trackPreset;
  const last = step === ECPS_STEP_COUNT;
  return html`
    <p class="track">${m[`track.${track}`]}</p>
    ${renderSteps.call(this, track, step, false)}
    <section class="step" part="step" aria-labelledby="${id}-step-title">
      <div role="heading" aria-level=${this.level(1)} id="${id}-step-title" class="step-title" part="step-title"
        tabindex="-1" data-screen-heading>
        <span class="step-of">${m.stepOf(step, ECPS_STEP_COUNT)}</span> ${this.stepText(track, stepId, 'title')}
      </div>
      <p class="place" part="place">${icons[place]}<span>${m[`place.${place}`]}</span></p>
      <p class="do">${this.stepText(track, stepId, 'do')}</p>
      ${renderStepExtra.call(this, track, stepId)}
      <div class="see">
        <p><strong>${m.see}</strong> ${this.stepText(track, stepId, 'see')}</p>
      </div>
      <details class="trouble">
        <summary>${m.trouble}</summary>
        <p>${this.stepText(track, stepId, 'trouble')}</p>
      </details>
    </section>
    <div class="nav" part="nav">
      ${
        canGoBack
          ? html`<button type="button" part="button" class="secondary" @click=${() => this.back()}>${m.previous}</button>`
          : nothing
      }
      <button type="button" part="button primary" class="primary" @click=${() => this.next()}>
        ${last ? m.finish : m.next}
      </button>
    </div>
    <p class="reset"><button type="button" part="button" class="link" @click=${() => this.reset()}>${m.reset}</button></p>
  `;
}

export function renderStepExtra(this: AfEcpsActivation, track: EcpsTrack, stepId: string) {
  if (stepId === 'install-app') return renderStores.call(this);
  if (stepId === 'open-wallet') {
    const url = this.links.walletUrl;
    return html`<p class="wallet">
      <a href=${safeHref(url) ?? nothing} target="_blank" rel="noopener noreferrer">${url}<span class="visually-hidden">
          ${this.i18n.messages.newWindow}</span></a>
    </p>`;
  }
  if (track === 'without-card' && stepId === 'national-id') return html`<slot name="national-id"></slot>`;
  if (track === 'without-card' && stepId === 'open-email') return renderEmail.call(this);
  return nothing;
}

export function renderStores(this: AfEcpsActivation) {
  const m = this.i18n.messages;
  const links = this.links;
  const id = this.uid;
  const newWindow = html`<span class="visually-hidden"> ${m.newWindow}</span>`;
  return html`
    <ul class="stores">
      <li><a href=${safeHref(links.appStoreUrl) ?? nothing} target="_blank" rel="noopener noreferrer">${m.appStore}${newWindow}</a></li>
      <li><a href=${safeHref(links.playStoreUrl) ?? nothing} target="_blank" rel="noopener noreferrer">${m.playStore}${newWindow}</a></li>
    </ul>
    <p>
      <button type="button" part="button" class="secondary" aria-expanded=${this.qrShown ? 'true' : 'false'}
        aria-controls="${id}-qr" @click=${toggleQr}>
        ${this.qrShown ? m.hideQr : m.showQr}
      </button>
    </p>
    <div id="${id}-qr" class="qr" part="qr" ?hidden=${!this.qrShown}>${this.qrShown ? renderQr.call(this) : nothing}</div>
  `;
}

export async function toggleQr(this: AfEcpsActivation): Promise<void> {
  this.qrShown = !this.qrShown;
  this.requestUpdate();
  if (!this.qrShown || this.qr) return;
  this.qr = 'loading';
  try {
    // the QR library is loaded only when a QR code is asked for
    const { encode } = await import('uqr');
    const make = (url: string): Qr => {
      const { data, size } = encode(url, { ecc: 'M', border: 4 });
      let path = '';
      for (const [y, row] of data.entries()) {
        for (const [x, dark] of row.entries()) if (dark) path += `M${x} ${y}h1v1h-1z`;
      }
      return { size, path };
    };
    const links = this.links;
    this.qr = { apple: make(links.appStoreUrl), google: make(links.playStoreUrl) };
  } catch {
    this.qr = 'failed';
  }
  this.requestUpdate();
}

export function renderQr(this: AfEcpsActivation) {
  const m = this.i18n.messages;
  const qr = this.qr;
  if (qr === undefined || qr === 'loading') return html`<p>${m.qrLoading}</p>`;
  if (qr === 'failed') return html`<p>${m.qrFailed}</p>`;
  const code = (q: Qr, store: string, caption: string) => html`<figure>
    <svg role="img" aria-label=${m.qrAlt(store)} viewBox="0 0 ${q.size} ${q.size}" shape-rendering="crispEdges">
      ${svg`<rect width=${q.size} height=${q.size} fill="#fff"></rect><path d=${q.path} fill="#000"></path>`}
    </svg>
    <figcaption>${caption}</figcaption>
  </figure>`;
  return html`<p class="hint">${m.qrHint}</p>
    <div class="codes">
      ${code(qr.apple, 'App Store', 'App Store (iPhone)')} ${code(qr.google, 'Google Play', 'Google Play (Android)')}
    </div>`;
}
