import { compactIdentifier } from '@authforte/core';
import {
  type EcpsActivationInput,
  type EcpsTrack,
  ecpsActivationMachine,
  type NationalIdCheck,
} from '@authforte/core/ecps-activation';
import type { Classification } from '@authforte/core/profession-classifier';
import { PSC_WALLET_HOSTS } from '@authforte/core/psc';
import { safeHref } from '@authforte/core/redirect';
import { html, type PropertyValues } from 'lit';
import type { AuthForteConfig, EcpsLinks, HelpContact } from '../config/context.js';
import { AnnouncerController } from '../internal/announcer.js';
import { AuthForteFlowElement } from '../internal/authforte-element.js';
import { ConfigController } from '../internal/config-controller.js';
import { emit } from '../internal/events.js';
import { headingLevel } from '../internal/heading.js';
import { renderHelp } from '../internal/help.js';
import { LightDomController, lightFieldStyles } from '../internal/light-dom.js';
import { LocalizeController, registerMessages } from '../internal/localize.js';
import { MachineController } from '../internal/machine-controller.js';
import { baseStyles } from '../internal/theme.js';
import { activationStyles } from './ecps-activation.styles.js';
import { onIdInput, renderComplete, renderNationalId } from './form-screens.js';
import { scrubbingStorage } from './persistence.js';
import { renderQuestion, renderTrack } from './step-screens.js';
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
/** A QR code drawn as one SVG path. */
export type Qr = { size: number; path: string };

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
 * @cssprop --af-stepper-max-width - Width of the stepper at most (default 48rem).
 */
export class AfEcpsActivation extends AuthForteFlowElement<EcpsActivationMessages> {
  static override styles = [baseStyles, activationStyles];

  static override properties = {
    track: { type: String },
    classification: { attribute: false },
    walletUrl: { type: String, attribute: 'wallet-url' },
    appStoreUrl: { type: String, attribute: 'app-store-url' },
    playStoreUrl: { type: String, attribute: 'play-store-url' },
    helpContact: { attribute: false },
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
  /** Level of the element's heading (2 to 5, default 2); the step's heading is one below. */
  declare headingLevel: number;
  /**
   * sessionStorage key of the progress (track, step, e-mail case; never the identifier). Read when the element is
   * first connected. Empty string: no persistence. Give each stepper of a page its own key.
   */
  declare persistKey: string;
  /** The host's sign-in page, linked from the last screen; else `<af-config>`'s `signInUrl`. */
  declare signInUrl: string | undefined;

  /** Internal state (not reactive properties: each change calls `requestUpdate`). @internal (the element's screen modules) */
  qrShown = false;
  /** @internal (the element's screen modules) */
  qr: { apple: Qr; google: Qr } | 'loading' | 'failed' | undefined;

  /** @internal (the element's screen modules) */
  readonly i18n = new LocalizeController<EcpsActivationMessages>(this, 'af-ecps-activation');
  private readonly config = new ConfigController(this);
  private readonly light = new LightDomController(this, {
    slot: 'national-id',
    render: () => renderNationalId.call(this),
    styles: lightFieldStyles,
  });
  private readonly announcer = new AnnouncerController(this);
  /**
   * The host's track (attribute or classification) arrives as PRESET_TRACK in willUpdate; the persist key is read
   * now (the default) and again on first connection, when a `persist-key` attribute is known. @internal (the
   * element's screen modules)
   */
  readonly machine = new MachineController(this, ecpsActivationMachine, {
    input: {} satisfies EcpsActivationInput,
    persistKey: () => this.persistKey ?? DEFAULT_ECPS_PERSIST_KEY,
    storage: scrubbingStorage(),
  });
  /** The screen last rendered (`question`, `complete`, `step:<track>:<n>`), to move focus when it changes. */
  private shownScreen: string | undefined;
  /** An announcement was made since the last update (it wins over the screen change's). */
  private announced = false;

  constructor() {
    super();
    this.persistKey = DEFAULT_ECPS_PERSIST_KEY;
    const machine = this.machine;
    machine.on('step-change', ({ track, step }) => emit(this, 'af-step-change', { track, step }));
    machine.on('activation-complete', ({ track }) => {
      this.announce(this.i18n.messages.announceComplete);
      emit(this, 'af-activation-complete', { track });
    });
    machine.on('blocked', () => {
      this.announcer.focusAfterUpdate(() => this.light.query('input[name="national-id"]'));
      this.announce(this.idMessage(machine.snapshot.context.idCheck) ?? '');
    });
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
    onIdInput.call(this, value);
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
    super.willUpdate(changed);
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

  /** Says `text` (it wins over what a screen change would say in the same update). @internal (the element's screen modules) */
  announce(text: string): void {
    this.announcer.announce(text);
    this.announced = true;
    this.requestUpdate();
  }

  /** @internal (the element's screen modules) */
  get links(): Required<EcpsLinks> {
    const c = this.config;
    return {
      walletUrl: c.pick(this.walletUrl, (s) => s.ecps?.walletUrl, DEFAULT_ECPS_LINKS.walletUrl),
      appStoreUrl: c.pick(this.appStoreUrl, (s) => s.ecps?.appStoreUrl, DEFAULT_ECPS_LINKS.appStoreUrl),
      playStoreUrl: c.pick(this.playStoreUrl, (s) => s.ecps?.playStoreUrl, DEFAULT_ECPS_LINKS.playStoreUrl),
    };
  }

  /** @internal (the element's screen modules) */
  get effectiveConfig(): AuthForteConfig {
    const signInUrl = safeHref(this.config.pick(this.signInUrl, (c) => c.signInUrl));
    return {
      helpContact: this.config.pick(this.helpContact, (c) => c.helpContact),
      ...(signInUrl ? { signInUrl } : {}),
    };
  }

  /** The screen with its track and step (`question`, `complete`, `step:<track>:<n>`), to see it change. @internal (the element's screen modules) */
  screenKey(): string {
    const snap = this.machine.snapshot;
    if (snap.hasTag('question')) return 'question';
    if (snap.hasTag('complete')) return 'complete';
    return `step:${snap.context.track}:${snap.context.step}`;
  }

  /** A step string: the track-specific one when there is one. @internal (the element's screen modules) */
  stepText(track: EcpsTrack, id: string, part: StepPart) {
    const m = this.i18n.messages as unknown as Record<string, string | undefined>;
    // the app's French labels kept in the English text are marked lang="fr"
    return this.i18n.mark(m[`${track}.${id}.${part}`] ?? m[`${id}.${part}`] ?? '');
  }

  /** @internal (the element's screen modules) */
  idMessage(check: NationalIdCheck): string | undefined {
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

  /** The element's heading level (2 to 5); its sub-headings are one below. @internal (the element's screen modules) */
  level(offset = 0): number {
    return headingLevel(this.headingLevel, { max: 5, offset });
  }

  override render() {
    const m = this.i18n.messages;
    const snap = this.machine.snapshot;
    return html`
      <div role="heading" aria-level=${this.level()} class="title" part="title">${m.title}</div>
      ${
        snap.hasTag('question')
          ? renderQuestion.call(this)
          : snap.hasTag('complete')
            ? renderComplete.call(this)
            : renderTrack.call(this)
      }
      ${this.renderHelp()}
      ${this.announcer.region()}
    `;
  }

  private renderHelp() {
    return renderHelp(
      this.config.pick(this.helpContact, (c) => c.helpContact),
      this.i18n.messages,
    );
  }
}
