import { MAX_NATIONAL_ID_LENGTH } from '@authforte/core';
import { CPS_PIN_LENGTH, cardTypeLabel } from '@authforte/core/agent';
import {
  createLoginMachine,
  type LazyServerTransport,
  type LoginErrorCode,
  type LoginIdentity,
  type LoginMachineInput,
  type LoginMethod,
  type LoginScreen,
  type LoginServices,
  lazyServerServices,
  loginRoute,
  type PscMode,
  type ServerLoginConfig,
} from '@authforte/core/login';
import { safeHref } from '@authforte/core/redirect';
import { html, nothing, type PropertyValues, svg, type TemplateResult } from 'lit';
import type { HelpContact, LoginConfig } from '../config/context.js';
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
import '../psc-button/define.js';
import { loginStyles } from './login.styles.js';
import fr, { type LoginMessages } from './strings.fr.js';

registerMessages('af-login', fr, { en: () => import('./strings.en.js') });

/**
 * Where the element remembers, across PSC's full-page redirect, that a sign-in was started here. Only a timestamp:
 * the machine's snapshot is not persisted (restoring it would re-run the redirect that was under way), and the
 * PIN is never stored anywhere.
 */
export const LOGIN_RESUME_KEY = 'authforte.login.resume';
const RESUME_TTL_MS = 15 * 60_000;

function session(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

function takeResumeMarker(): boolean {
  const s = session();
  const raw = s?.getItem(LOGIN_RESUME_KEY);
  if (!raw) return false;
  s?.removeItem(LOGIN_RESUME_KEY);
  try {
    const at = Number((JSON.parse(raw) as { at?: unknown })?.at);
    return Number.isFinite(at) && Date.now() - at < RESUME_TTL_MS;
  } catch {
    return false;
  }
}

const PROGRESS: ReadonlySet<LoginScreen> = new Set([
  'agent-detecting',
  'pairing-starting',
  'pairing-confirming',
  'card-searching',
  'waiting-reader',
  'waiting-card',
  'card-authenticating',
  'psc-redirecting',
  'psc-returning',
  'psc-popup',
  'ciba-starting',
  'verifying',
]);

/**
 * Screens whose pending call must not run twice, so a flow removed from the page there starts afresh on its return:
 * a pairing code or a PIN already presented (a second presentation would cost a try), a push already sent to the
 * phone, a page opened, a single-use proof or code being checked.
 */
const ONE_SHOT: ReadonlySet<LoginScreen> = new Set([
  'pairing-confirming',
  'card-authenticating',
  'psc-redirecting',
  'psc-returning',
  'psc-popup',
  'ciba-starting',
  'verifying',
]);

/** A smart card with its chip, at the left of the card button (the PSC button has its logo there). */
const cardPictogram = svg`<svg class="pictogram" viewBox="0 0 32 32" width="32" height="32" focusable="false" aria-hidden="true">
  <rect x="2" y="6" width="28" height="20" fill="none" stroke="currentColor" stroke-width="2"/>
  <rect x="6" y="11" width="8" height="7" fill="none" stroke="currentColor" stroke-width="2"/>
  <path d="M6 22h12M22 11h4M22 15h4" stroke="currentColor" stroke-width="2"/>
</svg>`;

const methodsConverter = {
  fromAttribute: (value: string | null): LoginMethod[] | undefined =>
    value ? (value.split(/[\s,]+/).filter((m) => m === 'card' || m === 'psc') as LoginMethod[]) : undefined,
  toAttribute: (value: LoginMethod[] | undefined) => value?.join(' ') ?? null,
};

export interface AfAuthenticatedDetail {
  method: LoginMethod;
  identity: LoginIdentity;
  /** What the host's verification was given (card proof or PSC result); the host's server already checked it. */
  proof: unknown;
  /** With `server`: where the kit says to go now (the element goes there unless the event is cancelled). */
  redirectTo?: string;
  /** With `server`: the kit's short-lived signed identity assertion (JWT), for a backend that is not the kit. */
  assertion?: string;
}
export interface AfLinkRequiredDetail {
  identity: LoginIdentity;
  method: LoginMethod;
  /** With `server`: the first-connection page (the element goes there unless the event is cancelled). */
  redirectTo?: string;
}
export interface AfErrorDetail {
  code: LoginErrorCode;
  /** Developer message (English). The element shows the user message itself. */
  message: string;
}
export type AfAuthenticatedEvent = CustomEvent<AfAuthenticatedDetail>;
export type AfLinkRequiredEvent = CustomEvent<AfLinkRequiredDetail>;
export type AfErrorEvent = CustomEvent<AfErrorDetail>;

let instances = 0;

/**
 * The CPS / e-CPS chooser and the whole sign-in journey: the card agent (with install help and diagnostics),
 * reader, card, PIN with the tries left, Pro Santé Connect by redirect or popup, or in-page e-CPS approval (CIBA);
 * then the host's verification.
 *
 * With `server="/authforte"` the element talks to `@authforte/server`'s kit (`createAuthForte`) itself: it fetches
 * the configuration (methods, card agent, CIBA, help contact), calls the routes, loads the PSC client on demand, and
 * after its events goes where the kit says (`preventDefault()` on the event to stay). Or give it `services` (a
 * `LoginServices` from `@authforte/core/login`), on the element or in `<af-config>`'s `login.services`.
 *
 * @tagname af-login
 * @summary Sign in with a CPS card or the e-CPS (Pro Santé Connect).
 *
 * @fires {AfAuthenticatedEvent} af-authenticated - The host verified the proof and the identity has an account. `detail`: `{ method, identity, proof, redirectTo?, assertion? }`. Cancelable (with `server`: stay on the page).
 * @fires {AfLinkRequiredEvent} af-link-required - The identity is verified but not linked to an account yet (first connection). `detail`: `{ identity, method, redirectTo? }`. Cancelable.
 * @fires {AfErrorEvent} af-error - A step failed. `detail`: `{ code, message }`. Also fired with `code: 'cancelled'` after `af-cancelled`, for one more version (deprecated: listen to `af-cancelled`).
 * @fires {AfCancelledEvent} af-cancelled - The user ("Annuler", Escape) or the host (`cancel()`) stopped the sign-in; the chooser is shown again. `detail`: `{ screen }`.
 *
 * @slot help - Replaces the help contact block (shown on errors and on the locked card screen).
 * @slot ciba - Rendered by the element: the e-CPS identifier form, in the light DOM so that password managers see
 * its `autocomplete="username"` field (classes `af-input`, `af-button`).
 *
 * @csspart screen - The current screen.
 * @csspart title - The screen's heading.
 * @csspart card-button - "S’identifier par carte CPS" (card pictogram; as wide and tall as the PSC button).
 * @csspart psc-button - The `<af-psc-button>`.
 * @csspart field - A field (PIN, pairing code, national identifier).
 * @csspart input - A text input.
 * @csspart primary - The main button of a screen.
 * @csspart secondary - The other buttons.
 * @csspart binding-code - The two digits of the e-CPS approval.
 * @csspart message - The message of an error screen (the only text in the error colour besides the heading).
 *
 * @cssprop --af-color-primary - Main colour (default: blue France #000091).
 * @cssprop --af-color-error - Error colour.
 * @cssprop --af-focus-color - Focus ring colour.
 * @cssprop --af-radius - Corner radius.
 * @cssprop --af-font-family - Font family.
 */
export class AfLogin extends AuthForteElement {
  static override styles = [baseStyles, loginStyles];

  static override properties = {
    services: { attribute: false },
    server: { type: String },
    serverConfig: { state: true, attribute: false },
    methods: { converter: methodsConverter },
    pscMode: { type: String, attribute: 'psc-mode' },
    ciba: { type: Boolean },
    agentInstallUrl: { type: String, attribute: 'agent-install-url' },
    pscInfoUrl: { type: String, attribute: 'psc-info-url' },
    activationUrl: { type: String, attribute: 'activation-url' },
    helpContact: { attribute: false },
    headingLevel: { type: Number, attribute: 'heading-level' },
    strings: { attribute: false },
  };

  /** The backend calls of the journey; else `<af-config>`'s `login.services`. */
  declare services: LoginServices | undefined;
  /** Where `@authforte/server`'s kit is mounted (same origin), e.g. `/authforte`: the element needs no page script. */
  declare server: string | undefined;
  /** What the kit's `GET config` answered. */
  declare private serverConfig: ServerLoginConfig | undefined;
  /** The means offered, in order (attribute: `methods="card psc"`); default both. */
  declare methods: LoginMethod[] | undefined;
  /** How PSC's page opens: `redirect` (default) or `popup`. */
  declare pscMode: PscMode | undefined;
  /** In-page e-CPS approval (CIBA) when the user picks Pro Santé Connect. */
  declare ciba: boolean | undefined;
  /** Where to download the card agent (shown when it is not installed or too old). */
  declare agentInstallUrl: string | undefined;
  /** The "Qu'est-ce que Pro Santé Connect ?" link. */
  declare pscInfoUrl: string | undefined;
  /**
   * The host's page guiding the e-CPS activation (e.g. a page with `<af-ecps-activation>`), linked when Pro Santé
   * Connect knows no active e-CPS for the identifier typed; else `<af-config>`'s `activationUrl`.
   */
  declare activationUrl: string | undefined;
  /** Help desk shown on errors. Nothing is shown unless the host sets it (here or in `<af-config>`). */
  declare helpContact: HelpContact | undefined;
  /** Level (2 to 6, default 2) of the screens' headings. */
  declare headingLevel: number;
  /** Overrides for any of the element's strings, in the language in force. */
  declare strings: Partial<LoginMessages> | undefined;

  private readonly i18n = new LocalizeController<LoginMessages>(this, 'af-login');
  private readonly config = new ConfigController(this);
  private readonly machine;
  private readonly light = new LightDomController(this, {
    slot: 'ciba',
    render: () => this.renderCibaForm(),
    styles: lightFieldStyles,
  });
  private readonly uid = `aflg${++instances}`;
  private readonly announcer = new AnnouncerController(this);
  private lastScreen: LoginScreen | undefined;
  private lastErrorKey = '';

  constructor() {
    super();
    this.headingLevel = 2;
    // a PSC redirect comes back once: an actor created later (after a removal) starts on the chooser
    let resume = takeResumeMarker();
    const input = (): LoginMachineInput => {
      const first = resume;
      resume = false;
      return first ? { resume: 'psc-redirect' } : {};
    };
    this.machine = new MachineController(
      this,
      createLoginMachine(() => this.effectiveServices),
      {
        input,
        resumable: (snapshot) => !ONE_SHOT.has(loginRoute(snapshot)),
      },
    );
    this.machine.on('authenticated', ({ method, identity, proof }) => {
      const next = this.serverOutcome;
      this.go(
        next?.redirectTo,
        emit(
          this,
          'af-authenticated',
          {
            method,
            identity,
            proof,
            ...(next?.redirectTo ? { redirectTo: next.redirectTo } : {}),
            ...(next?.assertion ? { assertion: next.assertion } : {}),
          },
          { cancelable: true },
        ),
      );
    });
    this.machine.on('link-required', ({ method, identity }) => {
      const redirectTo = this.serverOutcome?.redirectTo;
      this.go(
        redirectTo,
        emit(
          this,
          'af-link-required',
          { identity, method, ...(redirectTo ? { redirectTo } : {}) },
          { cancelable: true },
        ),
      );
    });
    this.machine.on('error', ({ code, message }) => emit(this, 'af-error', { code, message }));
    this.machine.on('cancelled', () => {
      emit(this, 'af-cancelled', { screen: this.lastScreen ?? 'chooser' });
      // deprecated: the former convention, kept for one version
      emit(this, 'af-error', { code: 'cancelled', message: 'The user cancelled the sign-in.' });
    });
    this.machine.on('redirecting', () => session()?.setItem(LOGIN_RESUME_KEY, JSON.stringify({ at: Date.now() })));
    this.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.cancellable) {
        e.preventDefault();
        this.cancel();
      }
    });
  }

  /** The screen shown (see `LOGIN_SCREENS` in `@authforte/core/login`). */
  get screen(): LoginScreen {
    return loginRoute(this.machine.snapshot);
  }

  /** Starts a means of sign-in as if the user chose it. */
  start(method: LoginMethod): void {
    this.machine.send(this.chooseEvent(method));
  }

  /** Stops what is under way and shows the chooser (fires `af-cancelled`). */
  cancel(): void {
    this.machine.send({ type: 'CANCEL' });
  }

  /** Back to the chooser. */
  reset(): void {
    this.machine.send({ type: 'BACK' });
  }

  override focus(options?: FocusOptions): void {
    const target =
      this.find('[data-autofocus]') ?? this.light.query('button, input, a') ?? this.find('button, input, a');
    target?.focus(options);
  }

  /** The first match in the light-DOM form, else in the shadow root. */
  private find(selector: string): HTMLElement | null {
    return this.light.query(selector) ?? this.renderRoot.querySelector<HTMLElement>(selector);
  }

  private get loginConfig(): LoginConfig {
    return this.config.shared.login ?? {};
  }

  #transport: (LazyServerTransport & { base: string }) | undefined;

  /** The kit's transport when `server` is set and no `services` are given. */
  private get serverTransport(): LazyServerTransport | undefined {
    if (!this.server || this.services || this.loginConfig.services) return undefined;
    if (this.#transport?.base !== this.server) {
      const transport = Object.assign(lazyServerServices(this.server), { base: this.server });
      this.#transport = transport;
      transport.config().then(
        (c) => {
          if (this.#transport === transport) this.serverConfig = c;
        },
        () => {
          // the defaults then; the journey's own calls report the network error
          if (this.#transport === transport) this.serverConfig = { methods: ['card', 'psc'], ciba: false };
        },
      );
    }
    return this.#transport;
  }

  private get serverOutcome() {
    return this.serverTransport?.lastOutcome;
  }

  /** After an event the host did not cancel: where the kit said to go. */
  private go(redirectTo: string | undefined, notCancelled: boolean): void {
    if (redirectTo && notCancelled && this.serverTransport) globalThis.location.assign(redirectTo);
  }

  private get effectiveServices(): LoginServices | undefined {
    return this.services ?? this.loginConfig.services ?? this.serverTransport?.services;
  }

  private get effectiveMethods(): LoginMethod[] {
    const methods = this.methods ?? this.loginConfig.methods ?? this.serverConfig?.methods;
    return methods && methods.length > 0 ? methods : ['card', 'psc'];
  }

  private get cancellable(): boolean {
    const s = this.screen;
    return s !== 'chooser' && s !== 'authenticated' && s !== 'link-required' && s !== 'error';
  }

  private chooseEvent(method: LoginMethod) {
    const c = this.loginConfig;
    if (method === 'card') return { type: 'CHOOSE' as const, method, ...(c.timeouts ? { timeouts: c.timeouts } : {}) };
    return {
      type: 'CHOOSE' as const,
      method,
      mode: this.pscMode ?? c.pscMode ?? this.serverConfig?.pscMode ?? 'redirect',
      ciba: this.ciba ?? c.ciba ?? this.serverConfig?.ciba ?? false,
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.serverTransport; // fetch the kit's configuration now
  }

  protected override firstUpdated(): void {
    // services are set by now (properties and <af-config> context): finish a PSC redirect
    if (this.screen === 'psc-returning') this.machine.send({ type: 'RESUME' });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('strings')) this.i18n.local = this.strings;
    const screen = this.screen;
    const { error, fieldError } = this.machine.snapshot.context;
    const errorKey = `${error?.code ?? ''}:${error?.triesLeft ?? ''}:${fieldError ?? ''}`;
    const screenChanged = screen !== this.lastScreen;
    const errorChanged = errorKey !== this.lastErrorKey;
    if (screenChanged || errorChanged) this.announcer.announce(this.computeAnnouncement(screen));
    if (this.hasUpdated && (screenChanged || (errorChanged && Boolean(error || fieldError)))) {
      // back on a form with an error: to the field, which describes it; else the new screen's heading
      this.announcer.focusAfterUpdate(
        () => this.find('[aria-invalid="true"]') ?? (screenChanged ? this.find('[part~="title"]') : null),
      );
    }
    this.lastScreen = screen;
    this.lastErrorKey = errorKey;
  }

  protected override updated(): void {
    if (this.screen === 'authenticated' || this.screen === 'link-required') session()?.removeItem(LOGIN_RESUME_KEY);
  }

  private computeAnnouncement(screen: LoginScreen): string {
    const m = this.i18n.messages;
    const ctx = this.machine.snapshot.context;
    if (screen === 'chooser') return ctx.cancelled ? m['chooser.cancelled'] : '';
    if (screen === 'error' && ctx.error)
      return `${this.errorTitle(ctx.error.code)}. ${this.errorText(ctx.error.code)}${this.retryText()}`;
    if (screen === 'pin' && ctx.error?.code === 'pin-incorrect')
      return `${this.pinError()} ${m['pin.triesLeft'](this.triesLeft())}`;
    if (screen === 'pin' && (ctx.error || ctx.fieldError)) return this.pinError() ?? '';
    if (screen === 'ciba-waiting' && ctx.cibaRequest)
      return `${m['ciba-waiting.binding']} ${ctx.cibaRequest.bindingMessage}`;
    const title = m[`${screen}.title` as keyof LoginMessages];
    return typeof title === 'string' ? title : '';
  }

  private errorTitle(code: LoginErrorCode): string {
    return this.i18n.messages[`error.${code}.title` as keyof LoginMessages] as string;
  }

  private errorText(code: LoginErrorCode): string {
    return this.i18n.messages[`error.${code}` as keyof LoginMessages] as string;
  }

  /** " You can try again in N minutes." when the error says how long to wait. */
  private retryText(): string {
    const seconds = this.machine.snapshot.context.error?.retryAfter;
    return seconds ? ` ${this.i18n.messages['error.retryAfter'](Math.max(1, Math.ceil(seconds / 60)))}` : '';
  }

  override render() {
    const screen = this.screen;
    return html`${this.announcer.region()} ${this.renderScreen(screen)}`;
  }

  private renderScreen(screen: LoginScreen): TemplateResult {
    const m = this.i18n.messages;
    const ctx = this.machine.snapshot.context;
    switch (screen) {
      case 'chooser':
        return this.renderChooser();
      case 'pairing':
        return this.renderPairing();
      case 'pin':
        return this.renderPin();
      case 'pin-locked':
        return this.frame(
          m['pin-locked.title'],
          html`${this.renderCard()}<p>${m['pin-locked.text']}</p><p>${this.i18n.mark(m['pin-locked.noPuk'])}</p>${this.renderHelp()}`,
          this.backActions(false),
          'error',
        );
      case 'ciba-identifier':
        return this.renderCibaIdentifier();
      case 'ciba-waiting':
        return this.renderCibaWaiting();
      case 'authenticated':
        return this.frame(
          m['authenticated.title'],
          html`<p>${m['authenticated.text'](ctx.identity?.displayName ?? '')}</p>`,
          nothing,
          'success',
        );
      case 'link-required':
        return this.frame(
          m['link-required.title'],
          html`<p>${m['link-required.text'](ctx.identity?.displayName ?? '')}</p>`,
          nothing,
          'success',
        );
      case 'error':
        return this.renderError();
      default: {
        const title = m[`${screen}.title` as keyof LoginMessages] as string;
        const text =
          screen === 'card-authenticating' && ctx.card?.pinPad
            ? m['pin.padTyping']
            : (m[`${screen}.text` as keyof LoginMessages] as string);
        return this.frame(
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
  private frame(title: string, body: unknown, actions: unknown, kind = '', busy = false) {
    const level = headingLevel(this.headingLevel);
    const id = this.uid;
    return html`<section class="screen ${kind ? `screen--${kind}` : ''}" part="screen" aria-labelledby="${id}-title" aria-busy=${busy ? 'true' : 'false'}>
      <div role="heading" aria-level=${level} class="title" part="title" id="${id}-title" tabindex="-1">${this.i18n.mark(title)}</div>
      ${body}
      ${actions === nothing ? nothing : html`<div class="actions">${actions}</div>`}
    </section>`;
  }

  private backActions(retry: boolean, retryLabel = this.i18n.messages.retry) {
    const m = this.i18n.messages;
    return html`${
      retry
        ? html`<button type="button" class="primary" part="primary" @click=${() => this.machine.send({ type: 'RETRY' })}>${retryLabel}</button>`
        : nothing
    }<button type="button" class="secondary" part="secondary" @click=${this.reset}>${m.otherMeans}</button>`;
  }

  private renderChooser() {
    const m = this.i18n.messages;
    // with `server`, the means offered come from the kit: no button before its configuration is known
    if (this.serverTransport && !this.serverConfig && !this.methods && !this.loginConfig.methods)
      return this.frame(m['chooser.title'], nothing, nothing, 'chooser', true);
    const ctx = this.machine.snapshot.context;
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
    return this.frame(
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

  private renderCard() {
    const m = this.i18n.messages;
    const card = this.machine.snapshot.context.card;
    if (!card) return nothing;
    return html`<dl class="card">
      <div><dt>${m['pin.holder']}</dt><dd>${card.holderName}</dd></div>
      ${card.profession ? html`<div><dt>${m['pin.profession']}</dt><dd>${card.profession}</dd></div>` : nothing}
      <div><dt>${m['pin.cardType']}</dt><dd>${cardTypeLabel(card.cardType, this.i18n.lang)}</dd></div>
    </dl>`;
  }

  private pinError(): string | undefined {
    const m = this.i18n.messages;
    const { error, fieldError } = this.machine.snapshot.context;
    if (fieldError === 'pin-format') return m['pin.format'];
    if (fieldError === 'final-try-unconfirmed') return m['pin.finalTryUnconfirmed'];
    if (error?.code === 'pin-incorrect') return m['pin.incorrect'];
    return undefined;
  }

  /** Tries left: after a wrong PIN, the count the agent gave with the error; else the card's. */
  private triesLeft(): number {
    const { error, card } = this.machine.snapshot.context;
    return (error?.code === 'pin-incorrect' ? error.triesLeft : undefined) ?? card?.pin.triesLeft ?? 3;
  }

  private onPinSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const input = form.querySelector<HTMLInputElement>('input[name="pin"]');
    const confirm = form.querySelector<HTMLInputElement>('input[name="confirm-final-try"]');
    const pin = input?.value ?? '';
    this.machine.send({ type: 'SUBMIT_PIN', pin, confirmFinalTry: confirm?.checked === true });
    if (this.machine.snapshot.context.fieldError === 'final-try-unconfirmed') {
      // the PIN was not sent (the last try is not confirmed): it stays in the field, the box gets the focus
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLInputElement>('input[name="confirm-final-try"]')?.focus(),
      );
      return;
    }
    // the PIN leaves the field once sent: cleared after every attempt, kept nowhere
    if (input) input.value = '';
  }

  private renderPin() {
    const m = this.i18n.messages;
    const { card, fieldError } = this.machine.snapshot.context;
    const id = this.uid;
    const error = this.pinError();
    const finalTry = card?.pin.finalTry === true;
    const confirmInvalid = fieldError === 'final-try-unconfirmed';
    const describedBy = [`${id}-pin-tries`, error && !confirmInvalid ? `${id}-pin-error` : '']
      .filter(Boolean)
      .join(' ');
    if (card?.pinPad) return this.renderPinPad();
    return this.frame(
      m['pin.title'],
      html`${this.renderCard()}
        <form novalidate @submit=${this.onPinSubmit}>
          <div class="field" part="field">
            <label for="${id}-pin">${m['pin.label']}</label>
            <p class="hint" id="${id}-pin-tries">${m['pin.triesLeft'](this.triesLeft())}</p>
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
          ${
            finalTry
              ? html`<div class="final-try">
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
              </div>`
              : nothing
          }
          <div class="actions">
            <button type="submit" class="primary" part="primary">${m['pin.submit']}</button>
            <button type="button" class="secondary" part="secondary" @click=${this.cancel}>${m.cancel}</button>
          </div>
        </form>`,
      nothing,
      'pin',
    );
  }

  /** A PIN-pad reader: no field, the code is typed on the reader once the holder goes on. */
  private renderPinPad() {
    const m = this.i18n.messages;
    const { card, fieldError } = this.machine.snapshot.context;
    const id = this.uid;
    const error = this.pinError();
    const finalTry = card?.pin.finalTry === true;
    const confirmInvalid = fieldError === 'final-try-unconfirmed';
    return this.frame(
      m['pin.title'],
      html`${this.renderCard()}
        <form novalidate @submit=${this.onPinSubmit}>
          <p id="${id}-pin-pad">${m['pin.pad']}</p>
          <p class="hint" id="${id}-pin-tries">${m['pin.triesLeft'](card?.pin.triesLeft ?? 3)}</p>
          ${error && !confirmInvalid ? html`<p class="error" id="${id}-pin-error">${error}</p>` : nothing}
          ${
            finalTry
              ? html`<div class="final-try">
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
              </div>`
              : nothing
          }
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

  private onPairingSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name="pairing-code"]');
    const code = input?.value ?? '';
    if (input) input.value = '';
    this.machine.send({ type: 'SUBMIT_PAIRING_CODE', code });
  }

  private renderPairing() {
    const m = this.i18n.messages;
    const { pairing, error, fieldError } = this.machine.snapshot.context;
    const n = pairing?.codeLength ?? 6;
    const id = this.uid;
    const message =
      fieldError === 'pairing-code-format' ? m['pairing.format'](n) : error ? this.errorText(error.code) : undefined;
    return this.frame(
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
      }<form novalidate @submit=${this.onPairingSubmit}>
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

  private onNationalIdSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name="username"]');
    this.machine.send({ type: 'SUBMIT_NATIONAL_ID', nationalId: input?.value ?? '' });
  }

  private renderCibaIdentifier() {
    const m = this.i18n.messages;
    return this.frame(
      m['ciba-identifier.title'],
      html`<p>${m['ciba-identifier.text']}</p>
        <slot name="ciba"></slot>`,
      nothing,
      'ciba',
    );
  }

  /** The e-CPS identifier form, in the light DOM so that password managers find its `username` field. */
  private renderCibaForm() {
    if (this.screen !== 'ciba-identifier') return nothing;
    const m = this.i18n.messages;
    const { fieldError, nationalId } = this.machine.snapshot.context;
    const id = this.uid;
    const invalid = fieldError === 'national-id-format';
    return html`<form novalidate @submit=${this.onNationalIdSubmit}>
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

  private renderCibaWaiting() {
    const m = this.i18n.messages;
    const request = this.machine.snapshot.context.cibaRequest;
    const minutes = Math.max(1, Math.round((request?.expiresIn ?? 120) / 60));
    return this.frame(
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

  private renderError() {
    const m = this.i18n.messages;
    const error = this.machine.snapshot.context.error;
    const code = error?.code ?? 'network';
    const install = this.agentInstallUrl ?? this.loginConfig.agentInstallUrl;
    const needsInstall = code === 'agent-not-installed' || code === 'agent-version-mismatch';
    const activation = safeHref(this.config.pick(this.activationUrl, (c) => c.activationUrl));
    const unknownUser = code === 'psc-unknown-user';
    return this.frame(
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
      this.backActions(
        code !== 'not-configured' && code !== 'origin-refused',
        unknownUser ? m['error.psc-unknown-user.retry'] : m.retry,
      ),
      'error',
    );
  }

  private renderHelp() {
    return renderHelp(
      this.config.pick(this.helpContact, (c) => c.helpContact) ?? this.serverConfig?.helpContact,
      this.i18n.messages,
    );
  }
}
