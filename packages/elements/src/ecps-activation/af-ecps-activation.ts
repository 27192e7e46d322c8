import { compactIdentifier } from '@authforte/core';
import {
  currentEcpsStep,
  ECPS_STEP_COUNT,
  type EcpsActivationInput,
  type EcpsStepPlace,
  type EcpsTrack,
  ecpsActivationMachine,
  type NationalIdCheck,
} from '@authforte/core/activation';
import type { Classification } from '@authforte/core/classifier';
import { PSC_WALLET_HOSTS } from '@authforte/core/psc';
import { safeHref } from '@authforte/core/redirect';
import { html, nothing, type PropertyValues, svg, type TemplateResult } from 'lit';
import type { AuthForteConfig, EcpsLinks, HelpContact } from '../config/context.js';
import { AnnouncerController } from '../internal/announcer.js';
import { AuthForteElement } from '../internal/authforte-element.js';
import { ConfigController } from '../internal/config-controller.js';
import { emit } from '../internal/events.js';
import { headingLevel } from '../internal/heading.js';
import { renderHelp } from '../internal/help.js';
import { LightDomController, lightFieldStyles } from '../internal/light-dom.js';
import { LocalizeController, registerMessages } from '../internal/localize.js';
import { MachineController } from '../internal/machine-controller.js';
import { baseStyles } from '../internal/theme.js';
import { activationStyles } from './ecps-activation.styles.js';
import fr, { type EcpsActivationMessages } from './strings.fr.js';

registerMessages('af-ecps-activation', fr, { en: () => import('./strings.en.js') });

/** Addresses of the e-CPS wallet site, where a professional with a physical card activates the e-CPS (`production`, `bas`). */
export const ECPS_WALLET_URLS = PSC_WALLET_HOSTS;

/** Defaults of the e-CPS links: production wallet, the e-CPS app on the App Store and Google Play. */
export const DEFAULT_ECPS_LINKS: Required<EcpsLinks> = {
  walletUrl: ECPS_WALLET_URLS.production,
  appStoreUrl: 'https://apps.apple.com/fr/app/e-cps/id1469033607',
  playStoreUrl: 'https://play.google.com/store/apps/details?id=fr.asipsante.esante.wallet.prod',
};

/** Default sessionStorage key of the progress. */
export const DEFAULT_ECPS_PERSIST_KEY = 'authforte:ecps-activation';

export interface AfStepChangeDetail {
  track: EcpsTrack;
  /** 1 to 8. */
  step: number;
}

export interface AfActivationCompleteDetail {
  track: EcpsTrack;
}
export type AfStepChangeEvent = CustomEvent<AfStepChangeDetail>;
export type AfActivationCompleteEvent = CustomEvent<AfActivationCompleteDetail>;

/** What `<af-ecps-activation>` shows (its `screen`): the first question, a step of a track, or the end. */
export type EcpsActivationScreen = 'question' | 'step' | 'complete';

type StepPart = 'title' | 'do' | 'see' | 'trouble';
type Qr = { size: number; path: string };

/**
 * Storage that never writes what the user typed as national identifier: only the track, the step and the e-mail
 * case survive a reload (the identifier field is empty again after a reload on step 5).
 */
function scrubbingStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const store = (): Storage | undefined => {
    try {
      return globalThis.sessionStorage;
    } catch {
      return undefined;
    }
  };
  return {
    // a snapshot from another version or edited by hand is ignored rather than breaking the element
    getItem: (key) => {
      const raw = store()?.getItem(key) ?? null;
      return raw !== null && isActivationSnapshot(raw) ? raw : null;
    },
    removeItem: (key) => store()?.removeItem(key),
    setItem: (key, value) => {
      const snapshot = JSON.parse(value) as { context?: Record<string, unknown> };
      if (snapshot.context) {
        snapshot.context.nationalId = '';
        snapshot.context.idCheck = { status: 'empty' };
        snapshot.context.idErrorShown = false;
      }
      store()?.setItem(key, JSON.stringify(snapshot));
    },
  };
}

function isActivationSnapshot(raw: string): boolean {
  try {
    const s = JSON.parse(raw) as { status?: unknown; value?: unknown; context?: Record<string, unknown> };
    const c = s.context;
    if (s.status !== 'active' || !c || typeof c.step !== 'number') return false;
    if (s.value === 'question') return c.track === null && c.step === 0;
    if (s.value !== 'active' && s.value !== 'complete') return false;
    return (
      (c.track === 'with-card' || c.track === 'without-card') &&
      Number.isInteger(c.step) &&
      c.step >= 1 &&
      c.step <= ECPS_STEP_COUNT
    );
  } catch {
    return false;
  }
}

const icons: Record<EcpsStepPlace, TemplateResult> = {
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

let instances = 0;

/**
 * Guides a professional through the activation of the e-CPS (the professional card on the phone), step by step,
 * on the track that fits: with a physical CPx card (activation from the wallet site on a computer) or without one
 * (everything in the e-CPS app, with codes sent by e-mail and SMS).
 *
 * @tagname af-ecps-activation
 * @summary The e-CPS activation stepper: both tracks, eight steps each, where each happens, what to expect, what to do if it fails.
 *
 * @fires {AfStepChangeEvent} af-step-change - The step shown changed (forward, back or reset). `detail`: `{ track, step }` (step 1 to 8).
 * @fires {AfActivationCompleteEvent} af-activation-complete - The user confirmed the last step. `detail`: `{ track }`.
 *
 * @slot national-id - Rendered by the element: the national identifier field of the card-less track's step 5, in
 * the light DOM so that password managers see its `autocomplete="username"` field (classes `af-input`, `af-message`).
 * @slot help - Replaces the help contact block (shown only when a help contact is configured or slotted).
 *
 * @csspart title - The element's heading.
 * @csspart question - The first question (with or without a card).
 * @csspart steps - The ordered list of the eight steps.
 * @csspart step - The current step's panel.
 * @csspart step-title - The current step's heading.
 * @csspart place - Where the step happens (computer, phone), icon and text.
 * @csspart nav - The "Étape précédente" / "Étape suivante" buttons.
 * @csspart button - Every button.
 * @csspart primary - The button that moves on.
 * @csspart qr - The QR codes to the app's store pages.
 * @csspart complete - The end panel.
 *
 * @cssprop --af-color-primary - Main colour: current step, primary button (default: blue France #000091).
 * @cssprop --af-color-on-primary - Text on the main colour.
 * @cssprop --af-color-text - Text colour.
 * @cssprop --af-color-text-muted - Secondary text.
 * @cssprop --af-color-background - Background of the field and the QR codes.
 * @cssprop --af-color-surface - Background of the step panel.
 * @cssprop --af-color-border - Border colour.
 * @cssprop --af-color-error - Error text and border.
 * @cssprop --af-color-warning - Warning text.
 * @cssprop --af-color-success - Done steps and success text.
 * @cssprop --af-focus-color - Focus ring colour.
 * @cssprop --af-radius - Corner radius.
 * @cssprop --af-font-family - Font family.
 */
export class AfEcpsActivation extends AuthForteElement {
  static override styles = [baseStyles, activationStyles];

  static override properties = {
    track: { type: String },
    classification: { attribute: false },
    walletUrl: { type: String, attribute: 'wallet-url' },
    appStoreUrl: { type: String, attribute: 'app-store-url' },
    playStoreUrl: { type: String, attribute: 'play-store-url' },
    helpContact: { attribute: false },
    strings: { attribute: false },
    headingLevel: { type: Number, attribute: 'heading-level' },
    persistKey: { type: String, attribute: 'persist-key' },
    signInUrl: { type: String, attribute: 'sign-in-url' },
  };

  /**
   * The host's answer to "do you have a physical CPx card?": `with-card` or `without-card`. The question is then
   * skipped. Taken into account while the question is shown (the user's own progress wins).
   */
  declare track: EcpsTrack | undefined;
  /**
   * A classification from `@authforte/core` (e.g. from `<af-profession-classifier>`): a professional who cannot
   * have a physical card (`cards.physicalCps === false`) goes straight to the card-less track.
   */
  declare classification: Classification | null | undefined;
  /** Address of the e-CPS wallet site (default: production; `ECPS_WALLET_URLS.bas` for the test environment). */
  declare walletUrl: string | undefined;
  /** Page of the e-CPS app on the App Store. */
  declare appStoreUrl: string | undefined;
  /** Page of the e-CPS app on Google Play. */
  declare playStoreUrl: string | undefined;
  /** Help desk. Nothing is shown unless the host sets it (here or in `<af-config>`). */
  declare helpContact: HelpContact | undefined;
  /** Overrides for any of the element's strings, in the language in force. */
  declare strings: Partial<EcpsActivationMessages> | undefined;
  /** Level of the element's heading (2 to 5, default 2); the step's heading is one below. */
  declare headingLevel: number;
  /**
   * sessionStorage key of the progress (track, step, e-mail case; never the identifier). Read when the element is
   * first connected. Empty string: no persistence. Give each stepper of a page its own key.
   */
  declare persistKey: string;
  /** The host's sign-in page, linked from the last screen; else `<af-config>`'s `signInUrl`. */
  declare signInUrl: string | undefined;

  /** Internal state (not reactive properties: each change calls `requestUpdate`). */
  private qrShown = false;
  private qr: { apple: Qr; google: Qr } | 'loading' | 'failed' | undefined;

  private readonly i18n = new LocalizeController<EcpsActivationMessages>(this, 'af-ecps-activation');
  private readonly config = new ConfigController(this);
  private readonly machine: MachineController<typeof ecpsActivationMachine>;
  private readonly uid = `afea${++instances}`;
  private readonly light = new LightDomController(this, {
    slot: 'national-id',
    render: () => this.renderNationalId(),
    styles: lightFieldStyles,
  });
  private readonly announcer = new AnnouncerController(this);
  /** The screen last rendered (`question`, `complete`, `step:<track>:<n>`), to move focus when it changes. */
  private shownScreen: string | undefined;
  /** An announcement was made since the last update (it wins over the screen change's). */
  private announced = false;

  constructor() {
    super();
    this.headingLevel = 2;
    this.persistKey = DEFAULT_ECPS_PERSIST_KEY;
    // the host's track (attribute or classification) arrives as PRESET_TRACK in willUpdate; the persist key is read
    // again on first connection, when a `persist-key` attribute is known
    const machine = new MachineController(this, ecpsActivationMachine, {
      input: {} satisfies EcpsActivationInput,
      persistKey: () => this.persistKey,
      storage: scrubbingStorage(),
    });
    machine.on('step-change', ({ track, step }) => emit(this, 'af-step-change', { track, step }));
    machine.on('activation-complete', ({ track }) => {
      this.announce(this.i18n.messages.announceComplete);
      emit(this, 'af-activation-complete', { track });
    });
    machine.on('blocked', () => {
      this.announcer.focusAfterUpdate(() => this.light.query('input[name="national-id"]'));
      this.announce(this.idMessage(machine.snapshot.context.idCheck) ?? '');
    });
    this.machine = machine;
  }

  private presetTrack(): EcpsTrack | undefined {
    if (this.track === 'with-card' || this.track === 'without-card') return this.track;
    if (this.classification?.cards.physicalCps === false) return 'without-card';
    return undefined;
  }

  /** The screen shown, from the machine's tags: `question`, `step` (see `activeTrack` and `step`) or `complete`. */
  get screen(): EcpsActivationScreen {
    const snap = this.machine.snapshot;
    return snap.hasTag('question') ? 'question' : snap.hasTag('complete') ? 'complete' : 'step';
  }

  /** The track being followed, or null while the first question is shown. */
  get activeTrack(): EcpsTrack | null {
    return this.machine.snapshot.context.track ?? null;
  }

  /** The step shown (1 to 8), 0 on the first question. */
  get step(): number {
    return this.machine.snapshot.context.step;
  }

  /** Whether the user confirmed the last step. */
  get complete(): boolean {
    return this.machine.snapshot.hasTag('complete');
  }

  /** Starts a track at step 1, as the first question's buttons do. */
  start(track: EcpsTrack): void {
    this.chooseTrack(track);
  }

  /** Answers the first question, as its buttons do (the same as `start`). */
  chooseTrack(track: EcpsTrack): void {
    this.machine.send({ type: 'CHOOSE_TRACK', track });
  }

  /** Fills the national identifier field (card-less track, step 5), as typing does. */
  enterNationalId(value: string): void {
    this.onIdInput(value);
  }

  /** Answers "where did you open the e-mail?" (card-less track, step 6). */
  chooseEmailOn(on: 'phone' | 'other-device'): void {
    this.machine.send({ type: 'EMAIL_ON', on });
  }

  /** Moves on, as "Étape suivante" does (refused on step 5 without a well-formed identifier). */
  next(): void {
    this.machine.send({ type: 'NEXT' });
  }

  /** Goes back, as "Étape précédente" does. */
  back(): void {
    this.machine.send({ type: 'BACK' });
  }

  /** Starts again from the beginning, as "Recommencer" does. */
  reset(): void {
    this.machine.send({ type: 'RESET' });
    this.qrShown = false;
    this.requestUpdate();
    this.announce(this.i18n.messages.announceReset);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('strings')) this.i18n.local = this.strings;
    if ((changed.has('track') || changed.has('classification')) && this.machine.snapshot.hasTag('question')) {
      const preset = this.presetTrack();
      if (preset) this.machine.send({ type: 'PRESET_TRACK', track: preset });
    }
    const screen = this.screenKey();
    if (this.shownScreen !== undefined && screen !== this.shownScreen) {
      // the new step's heading gets the focus and is read; the live region only says what focus does not
      if (!this.announced) this.announcer.announce(screen === 'question' ? this.i18n.messages.announceQuestion : '');
      // never on first render, so that the page keeps its focus
      this.announcer.focusAfterUpdate(() => this.renderRoot.querySelector<HTMLElement>('[data-screen-heading]'));
    }
    this.shownScreen = screen;
    this.announced = false;
  }

  /** Says `text` (it wins over what a screen change would say in the same update). */
  private announce(text: string): void {
    this.announcer.announce(text);
    this.announced = true;
    this.requestUpdate();
  }

  private get links(): Required<EcpsLinks> {
    const c = this.config;
    return {
      walletUrl: c.pick(this.walletUrl, (s) => s.ecps?.walletUrl, DEFAULT_ECPS_LINKS.walletUrl),
      appStoreUrl: c.pick(this.appStoreUrl, (s) => s.ecps?.appStoreUrl, DEFAULT_ECPS_LINKS.appStoreUrl),
      playStoreUrl: c.pick(this.playStoreUrl, (s) => s.ecps?.playStoreUrl, DEFAULT_ECPS_LINKS.playStoreUrl),
    };
  }

  private get effectiveConfig(): AuthForteConfig {
    const signInUrl = safeHref(this.config.pick(this.signInUrl, (c) => c.signInUrl));
    return {
      helpContact: this.config.pick(this.helpContact, (c) => c.helpContact),
      ...(signInUrl ? { signInUrl } : {}),
    };
  }

  /** The screen with its track and step (`question`, `complete`, `step:<track>:<n>`), to see it change. */
  private screenKey(): string {
    const snap = this.machine.snapshot;
    if (snap.hasTag('question')) return 'question';
    if (snap.hasTag('complete')) return 'complete';
    return `step:${snap.context.track}:${snap.context.step}`;
  }

  /** A step string: the track-specific one when there is one. */
  private stepText(track: EcpsTrack, id: string, part: StepPart) {
    const m = this.i18n.messages as unknown as Record<string, string | undefined>;
    // the app's French labels kept in the English text are marked lang="fr"
    return this.i18n.mark(m[`${track}.${id}.${part}`] ?? m[`${id}.${part}`] ?? '');
  }

  private idMessage(check: NationalIdCheck): string | undefined {
    const m = this.i18n.messages;
    if (check.status === 'warning') return m.idWarning;
    if (check.status === 'valid') return m.idValid(check.normalized);
    if (check.status === 'empty') return m['idError.empty'];
    switch (check.code) {
      case 'wrong-length':
        return m['idError.wrong-length'](compactIdentifier(this.machine.snapshot.context.nationalId).length);
      case 'missing-prefix':
      case 'unknown-prefix':
      case 'not-rpps':
      case 'invalid-format':
        return m[`idError.${check.code}`];
      case 'invalid-characters':
        return m['idError.invalid-format'];
      default:
        return m['idError.other'];
    }
  }

  /** The element's heading level (2 to 5); its sub-headings are one below. */
  private level(offset = 0): number {
    return headingLevel(this.headingLevel, { max: 5, offset });
  }

  override render() {
    const m = this.i18n.messages;
    const snap = this.machine.snapshot;
    return html`
      <div role="heading" aria-level=${this.level()} class="title" part="title">${m.title}</div>
      ${
        snap.hasTag('question')
          ? this.renderQuestion()
          : snap.hasTag('complete')
            ? this.renderComplete()
            : this.renderTrack()
      }
      ${this.renderHelp()}
      ${this.announcer.region()}
    `;
  }

  private renderQuestion() {
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

  private renderSteps(track: EcpsTrack, current: number, allDone: boolean) {
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

  private renderTrack() {
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
      ${this.renderSteps(track, step, false)}
      <section class="step" part="step" aria-labelledby="${id}-step-title">
        <div role="heading" aria-level=${this.level(1)} id="${id}-step-title" class="step-title" part="step-title"
          tabindex="-1" data-screen-heading>
          <span class="step-of">${m.stepOf(step, ECPS_STEP_COUNT)}</span> ${this.stepText(track, stepId, 'title')}
        </div>
        <p class="place" part="place">${icons[place]}<span>${m[`place.${place}`]}</span></p>
        <p class="do">${this.stepText(track, stepId, 'do')}</p>
        ${this.renderStepExtra(track, stepId)}
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

  private renderStepExtra(track: EcpsTrack, stepId: string) {
    if (stepId === 'install-app') return this.renderStores();
    if (stepId === 'open-wallet') {
      const url = this.links.walletUrl;
      return html`<p class="wallet">
        <a href=${safeHref(url) ?? nothing} target="_blank" rel="noopener noreferrer">${url}<span class="visually-hidden">
            ${this.i18n.messages.newWindow}</span></a>
      </p>`;
    }
    if (track === 'without-card' && stepId === 'national-id') return html`<slot name="national-id"></slot>`;
    if (track === 'without-card' && stepId === 'open-email') return this.renderEmail();
    return nothing;
  }

  private renderStores() {
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
          aria-controls="${id}-qr" @click=${this.toggleQr}>
          ${this.qrShown ? m.hideQr : m.showQr}
        </button>
      </p>
      <div id="${id}-qr" class="qr" part="qr" ?hidden=${!this.qrShown}>${this.qrShown ? this.renderQr() : nothing}</div>
    `;
  }

  private async toggleQr(): Promise<void> {
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

  private renderQr() {
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

  /** The identifier field (card-less track, step 5), in the light DOM so that password managers see it. */
  private renderNationalId() {
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
    return html`<form class="af-field" novalidate @submit=${this.onIdSubmit}>
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
        @input=${(e: InputEvent) => this.onIdInput((e.target as HTMLInputElement).value)}
        @blur=${() => this.machine.send({ type: 'ID_BLUR' })}
      />
      ${message ? html`<p id="${id}-id-message" class="af-message af-message--${kind}">${message}</p>` : nothing}
    </form>`;
  }

  private onIdSubmit(e: SubmitEvent): void {
    e.preventDefault();
    this.next();
  }

  private onIdInput(value: string): void {
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

  private renderEmail() {
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

  private renderComplete() {
    const m = this.i18n.messages;
    const track = this.machine.snapshot.context.track ?? 'with-card';
    const id = this.uid;
    return html`
      <p class="track">${m[`track.${track}`]}</p>
      ${this.renderSteps(track, ECPS_STEP_COUNT, true)}
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

  private renderHelp() {
    return renderHelp(
      this.config.pick(this.helpContact, (c) => c.helpContact),
      this.i18n.messages,
    );
  }
}
