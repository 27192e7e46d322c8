import {
  createLoginMachine,
  errorInfo,
  type LazyServerTransport,
  type LoginErrorCode,
  type LoginErrorSummary,
  type LoginIdentity,
  type LoginMachineInput,
  type LoginMethod,
  type LoginScreen,
  type LoginServices,
  type LoginView,
  lazyServerServices,
  loginErrorSummary,
  loginRoute,
  loginView,
  type PscMode,
  type ServerLoginConfig,
} from '@authforte/core/login';
import { html, type PropertyValues } from 'lit';
import type { HelpContact, LoginConfig } from '../config/context.js';
import { AnnouncerController } from '../internal/announcer.js';
import { AuthForteFlowElement } from '../internal/authforte-element.js';
import { ConfigController } from '../internal/config-controller.js';
import { emit } from '../internal/events.js';
import { renderHelp } from '../internal/help.js';
import { LightDomController, lightFieldStyles } from '../internal/light-dom.js';
import { LocalizeController, registerMessages } from '../internal/localize.js';
import { MachineController } from '../internal/machine-controller.js';
import { baseStyles } from '../internal/theme.js';
import '../psc-button/define.js';
import { pairingError, pinError, triesLeft } from './card-screens.js';
import { renderCibaForm } from './ciba-screens.js';
import { loginStyles } from './login.styles.js';
import { LOGIN_RESUME_KEY, session, takeResumeMarker } from './resume.js';
import { ONE_SHOT, renderScreen } from './screens.js';
import fr, { type LoginMessages } from './strings.fr.js';

registerMessages('af-login', fr, { en: () => import('./strings.en.js') });

export { LOGIN_RESUME_KEY } from './resume.js';

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
/** The error (its `message` is for developers, in English: the element shows the user's message itself). */
export type AfErrorDetail = LoginErrorSummary;
export type AfAuthenticatedEvent = CustomEvent<AfAuthenticatedDetail>;
export type AfLinkRequiredEvent = CustomEvent<AfLinkRequiredDetail>;
export type AfErrorEvent = CustomEvent<AfErrorDetail>;

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
 * @fires {AfErrorEvent} af-error - A step failed. `detail`: `{ code, message, category, retryable, details }` (`details`: `retryAfter`, `triesLeft`, the agent's versions…). Also fired with `code: 'cancelled'` after `af-cancelled`, for one more version (deprecated: listen to `af-cancelled`).
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
 * @cssprop --af-login-max-width - Width of a screen at most (default 36rem).
 * @cssprop --af-color-border-light - Border of a screen (default #dddddd).
 * @cssprop --af-method-button-width - Width of the two sign-in buttons (default 20rem).
 * @cssprop --af-psc-color - Blue of the Pro Santé Connect button (default #000091, as PSC's guidelines ask).
 */
export class AfLogin extends AuthForteFlowElement<LoginMessages> {
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
  };

  /** The backend calls of the journey; else `<af-config>`'s `login.services`. */
  declare services: LoginServices | undefined;
  /** Where `@authforte/server`'s kit is mounted (same origin), e.g. `/authforte`: the element needs no page script. */
  declare server: string | undefined;
  /** What the kit's `GET config` answered (read by the screens' modules). @private */
  declare serverConfig: ServerLoginConfig | undefined;
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

  /** @internal (the screens' modules) */
  readonly i18n = new LocalizeController<LoginMessages>(this, 'af-login');
  /** @internal (the screens' modules) */
  readonly config = new ConfigController(this);
  /** @internal (the screens' modules) */
  readonly machine: MachineController<ReturnType<typeof createLoginMachine>>;
  private readonly light = new LightDomController(this, {
    slot: 'ciba',
    render: () => renderCibaForm.call(this),
    styles: lightFieldStyles,
  });
  private readonly announcer = new AnnouncerController(this);
  private lastScreen: LoginScreen | undefined;
  private lastErrorKey = '';

  constructor() {
    super();
    // a PSC redirect comes back once: an actor created later (after a removal) starts on the chooser
    let resume = takeResumeMarker();
    const input = (): LoginMachineInput => {
      const first = resume;
      resume = false;
      return first ? { resume: 'psc-redirect' } : {};
    };
    /** @internal */
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
    this.machine.on('error', ({ type: _, ...detail }) => {
      // a redirect that failed to leave (or the return's failure): nothing to resume on the next page
      session()?.removeItem(LOGIN_RESUME_KEY);
      emit(this, 'af-error', detail);
    });
    this.machine.on('cancelled', () => {
      // cancelled before PSC's page opened: the next page must not take it for a return from PSC
      session()?.removeItem(LOGIN_RESUME_KEY);
      emit(this, 'af-cancelled', { screen: this.lastScreen ?? 'chooser' });
      // deprecated: the former convention, kept for one version
      emit(this, 'af-error', loginErrorSummary(errorInfo({ code: 'cancelled' })));
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

  /** What the screens show: the router's snapshot and its running child's (`loginView`). @internal (the screens' modules) */
  get view(): LoginView {
    return loginView(this.machine.snapshot);
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

  /** @internal (the screens' modules) */
  get loginConfig(): LoginConfig {
    return this.config.shared.login ?? {};
  }

  #transport: (LazyServerTransport & { base: string }) | undefined;

  /** The kit's transport when `server` is set and no `services` are given. @internal (the screens' modules) */
  get serverTransport(): LazyServerTransport | undefined {
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

  /** @internal (the screens' modules) */
  get effectiveMethods(): LoginMethod[] {
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
    super.willUpdate(changed);
    const screen = this.screen;
    const { error, fieldError } = this.view;
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
    const ctx = this.view;
    if (screen === 'chooser') return ctx.cancelled ? m['chooser.cancelled'] : '';
    if (screen === 'error' && ctx.error)
      return `${this.errorTitle(ctx.error.code)}. ${this.errorText(ctx.error.code)}${this.retryText()}`;
    if (screen === 'pin' && ctx.error?.code === 'pin-incorrect')
      return `${pinError.call(this)} ${m['pin.triesLeft'](triesLeft.call(this))}`;
    if (screen === 'pin' && (ctx.error || ctx.fieldError)) return pinError.call(this) ?? '';
    // a refusal said under the field of a screen that stays (a change inside the child): said here too
    if (screen === 'pairing' && (ctx.error || ctx.fieldError)) return pairingError.call(this) ?? '';
    if (screen === 'ciba-identifier' && ctx.fieldError === 'national-id-format') return m['ciba-identifier.format'];
    if (screen === 'ciba-waiting' && ctx.cibaRequest)
      return `${m['ciba-waiting.binding']} ${ctx.cibaRequest.bindingMessage}`;
    const title = m[`${screen}.title` as keyof LoginMessages];
    return typeof title === 'string' ? title : '';
  }

  /** @internal (the screens' modules) */
  errorTitle(code: LoginErrorCode): string {
    return this.i18n.messages[`error.${code}.title` as keyof LoginMessages] as string;
  }

  /**
   * What the error says: its code's sentence, or for a PSC answer that could not be used the sentence of what it
   * had wrong (`details.sourceCode`); the agent's protocol versions when they do not match. @internal (the screens'
   * modules)
   */
  errorText(code: LoginErrorCode): string {
    const m = this.i18n.messages;
    const details = this.view.error?.details;
    const specific = `error.${code}.${details?.sourceCode}` as keyof LoginMessages;
    if (code === 'psc-failed' && details?.sourceCode && typeof m[specific] === 'string') return m[specific] as string;
    const text = m[`error.${code}` as keyof LoginMessages] as string;
    if (code === 'agent-version-mismatch' && details?.requiredVersions?.length && details.agentVersions?.length)
      return `${text} ${m['error.agent-version-mismatch.versions'](
        details.requiredVersions.join(', '),
        details.agentVersions.join(', '),
      )}`;
    return text;
  }

  /** " You can try again in N minutes." when the error says how long to wait. @internal (the screens' modules) */
  retryText(): string {
    const seconds = this.view.error?.retryAfter;
    return seconds ? ` ${this.i18n.messages['error.retryAfter'](Math.max(1, Math.ceil(seconds / 60)))}` : '';
  }

  override render() {
    const screen = this.screen;
    return html`${this.announcer.region()} ${renderScreen.call(this, screen)}`;
  }

  /** @internal (the screens' modules) */
  renderHelp() {
    return renderHelp(
      this.config.pick(this.helpContact, (c) => c.helpContact) ?? this.serverConfig?.helpContact,
      this.i18n.messages,
    );
  }
}
