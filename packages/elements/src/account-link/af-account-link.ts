import {
  type AccountLinkErrorCode,
  type AccountLinkResult,
  type AccountLinkSubmit,
  type accountLinkMachine,
  createAccountLinkClient,
  createAccountLinkMachine,
  createServerAccountLink,
  type LinkIdentity,
  safeRedirectPath,
} from '@authforte/core/account-link';
import { html, nothing, type PropertyValues } from 'lit';
import type { AuthForteConfig } from '../config/context.js';
import { AuthForteFlowElement } from '../internal/authforte-element.js';
import { ConfigController } from '../internal/config-controller.js';
import { emit } from '../internal/events.js';
import { headingLevel } from '../internal/heading.js';
import { LightDomController } from '../internal/light-dom.js';
import { LocalizeController, registerMessages } from '../internal/localize.js';
import { MachineController } from '../internal/machine-controller.js';
import { baseStyles } from '../internal/theme.js';
import { accountLinkLightStyles, accountLinkStyles } from './account-link.styles.js';
import { errorLines, renderLight } from './form.js';
import fr, { type AccountLinkMessages } from './strings.fr.js';

registerMessages('af-account-link', fr, { en: () => import('./strings.en.js') });

export interface AfLinkedDetail {
  accountId: string;
  /** Where the host wants the user to go now (a same-site path), when it said so. */
  redirectTo?: string;
}

export interface AfLinkFailedDetail {
  code: AccountLinkErrorCode;
}
/** `af-link-cancelled` has no detail (deprecated: listen to `af-cancelled`). */
export type AfLinkCancelledDetail = undefined;
export type AfLinkedEvent = CustomEvent<AfLinkedDetail>;
export type AfLinkFailedEvent = CustomEvent<AfLinkFailedDetail>;
export type AfLinkCancelledEvent = CustomEvent<AfLinkCancelledDetail>;

/** What `<af-account-link>` shows (its `screen`). */
export type AccountLinkScreen = 'editing' | 'submitting' | 'failed' | 'locked' | 'linked' | 'cancelled';

/**
 * The first connection ("Espace professionnel"): shows the identity proved with the CPS card or the e-CPS and links
 * it to the professional's existing host account, with the account's usual username and password.
 *
 * The username and password are native inputs in a real `<form>` in the element's light DOM (not its shadow
 * root), with `autocomplete="username"` / `"current-password"`, so that browsers and password managers fill
 * them. The credentials are posted to the host's link endpoint (`@authforte/server` contract) with the CSRF
 * token; the host links the identity it holds in its session, never one named by the page. With
 * `server="/authforte"` (`@authforte/server`'s kit) the element fetches the pending identity, the CSRF token and the
 * host's name itself, and goes where the kit says once linked (`preventDefault()` on `af-linked` to stay).
 *
 * @tagname af-account-link
 * @summary First connection: link the card / e-CPS identity to the existing host account.
 *
 * @fires {AfLinkedEvent} af-linked - The identity is linked. `detail: { accountId, redirectTo? }`. Cancelable.
 * @fires {AfLinkFailedEvent} af-link-failed - An attempt failed. `detail: { code }` (`invalid-credentials`, `locked`, `csrf`,
 * `no-pending-identity`, `already-linked`, `bad-request`, `network`, `server`).
 * @fires {AfCancelledEvent} af-cancelled - The user chose "Annuler" (shown with the `cancelable` attribute) or the host called `cancel()`. `detail`: `{ screen }`.
 * @fires {AfLinkCancelledEvent} af-link-cancelled - Fired after `af-cancelled`, for one more version (deprecated).
 *
 * @slot - Rendered by the element: the error summary and the sign-in form (light DOM, for password managers).
 *
 * @csspart panel - The whole block.
 * @csspart title - The "Espace professionnel" heading.
 * @csspart intro - The explanation under the heading.
 * @csspart identity - The read-only identity.
 * @csspart success - The message shown once linked.
 *
 * @cssprop --af-field-max-width - Width of the block at most (default 36rem).
 * @cssprop --af-color-success-surface - Background of the message shown once linked (default #b8fec9).
 * @cssprop --af-color-error-surface - Background of the error summary (default #ffe9e9).
 */
export class AfAccountLink extends AuthForteFlowElement<AccountLinkMessages> {
  static override styles = [baseStyles, accountLinkStyles];

  // the kit's mount point (and what it answered), or the host's own endpoint with its CSRF token; then the page's text
  static override properties = {
    server: { type: String },
    serverHostName: { state: true, attribute: false },
    serverLoading: { state: true, attribute: false },
    endpoint: { type: String },
    csrfToken: { type: String, attribute: 'csrf-token' },
    hostName: { type: String, attribute: 'host-name' },
    username: { type: String },
    cancelable: { type: Boolean },
    identity: { attribute: false },
    submit: { attribute: false },
  };

  /** The identity to show (from `af-link-required`, or the host's `GET` of the link endpoint). Display only. */
  declare identity: LinkIdentity | undefined;
  /** The host's link endpoint (or `<af-config>`'s `endpoints.accountLink`). */
  declare endpoint: string | undefined;
  /** Where `@authforte/server`'s kit is mounted (same origin), e.g. `/authforte`: no page script needed. */
  declare server: string | undefined;
  declare private serverHostName: string | undefined;
  /** With `server`: the pending identity and the host's name are on their way (nothing is shown meanwhile). @private */
  declare serverLoading: boolean;
  /** The CSRF token sent in `x-csrf-token` (or `<af-config>`'s `csrfToken`). */
  declare csrfToken: string | undefined;
  /** The host application's name in the text (or `<af-config>`'s `hostName`; default "votre application"). */
  declare hostName: string | undefined;
  /** A username to start with. */
  declare username: string | undefined;
  /** Shows an "Annuler" button that fires `af-link-cancelled`. */
  declare cancelable: boolean;
  /** Replaces the transport (tests, a host with its own client). Default: `POST` JSON to `endpoint`. */
  declare submit: AccountLinkSubmit | undefined;

  /** @internal (the element's screen modules) */
  readonly i18n = new LocalizeController<AccountLinkMessages>(this, 'af-account-link');
  private readonly config = new ConfigController(this);
  /** @internal (the element's screen modules) */
  readonly machine: MachineController<typeof accountLinkMachine>;
  /** The light-DOM part (default slot): what `renderLight` renders (its styles are adopted by the document). */
  private readonly light = new LightDomController(this, {
    slot: '',
    className: 'af-account-link-light',
    render: () => renderLight.call(this),
    styles: accountLinkLightStyles,
  });
  /** Move the focus to the error summary after the next render. @internal (the element's screen modules) */
  focusSummary = false;
  /** @internal (the element's screen modules) */
  clearedPassword = false;
  /** Locked at the last update: its end is announced ("you can try again"). */
  private wasLocked = false;
  /** The screen of the last update (the one `af-cancelled` says was left). */
  private shownScreen: AccountLinkScreen = 'editing';
  private unlocked = false;

  constructor() {
    super();
    this.cancelable = false;
    const transport: AccountLinkSubmit = (credentials, signal) => this.send(credentials, signal);
    // No persistKey: a snapshot taken while submitting would hold the request's input.
    /** @internal */
    this.machine = new MachineController(this, createAccountLinkMachine(transport));
    this.machine.on('linked', ({ accountId, redirectTo: target }) => {
      // a host's own `submit` may answer anything: only a same-site path passes, normalised
      const redirectTo = safeRedirectPath(target);
      const go = emit(this, 'af-linked', redirectTo ? { accountId, redirectTo } : { accountId }, { cancelable: true });
      if (go && redirectTo && this.server) globalThis.location.assign(redirectTo);
    });
    this.machine.on('failed', ({ code }) => {
      this.clearPassword();
      this.focusSummary = true;
      emit(this, 'af-link-failed', { code });
    });
    this.machine.on('cancelled', () => {
      emit(this, 'af-cancelled', { screen: this.shownScreen });
      emit(this, 'af-link-cancelled', undefined); // deprecated, kept for one version
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.server) void this.loadFromServer(this.server);
  }

  #serverLink: { base: string; link: ReturnType<typeof createServerAccountLink> } | undefined;

  private serverLink(server: string) {
    if (this.#serverLink?.base !== server) this.#serverLink = { base: server, link: createServerAccountLink(server) };
    return this.#serverLink.link;
  }

  /** With `server`: the identity waiting to be linked, or (none) back to the sign-in page. */
  private async loadFromServer(server: string): Promise<void> {
    const link = this.serverLink(server);
    this.serverLoading = true;
    const [pending, config] = await Promise.all([link.pending(), link.config()]);
    this.serverLoading = false;
    this.serverHostName = config.hostName;
    if (pending.ok) {
      this.identity ??= pending.identity;
      return;
    }
    const go = emit(this, 'af-link-failed', { code: pending.code }, { cancelable: true });
    const signIn = config.redirects?.signIn;
    if (go && pending.code === 'no-pending-identity' && signIn) globalThis.location.assign(signIn);
  }

  /** The screen shown, from the machine's tags: `editing`, `submitting`, `failed`, `locked`, `linked` or `cancelled`. */
  get screen(): AccountLinkScreen {
    const snap = this.machine.snapshot;
    if (snap.hasTag('busy')) return 'submitting';
    if (snap.hasTag('locked')) return 'locked';
    if (snap.hasTag('done')) return 'linked';
    if (snap.hasTag('cancelled')) return 'cancelled';
    return snap.hasTag('error') ? 'failed' : 'editing';
  }

  /** @deprecated The same as `screen`, kept for one version. */
  get state(): AccountLinkScreen {
    return this.screen;
  }

  /** The form's username input (light DOM). */
  get usernameInput(): HTMLInputElement | null {
    return this.light.query<HTMLInputElement>('input[name="username"]');
  }

  /** The form's password input (light DOM). */
  get passwordInput(): HTMLInputElement | null {
    return this.light.query<HTMLInputElement>('input[name="password"]');
  }

  override focus(options?: FocusOptions): void {
    const field = this.usernameInput;
    (field && field.value === '' ? field : (this.passwordInput ?? field))?.focus(options);
  }

  /** Leaves the form (as the "Annuler" button does): aborts a pending request, fires `af-cancelled`. */
  cancel(): void {
    this.machine.send({ type: 'CANCEL' });
  }

  /**
   * Back to an empty form, as on first display (also after `linked` or `cancelled`). Refused while the account is
   * locked: the lock and its end stay visible.
   */
  reset(): void {
    if (this.machine.snapshot.hasTag('locked')) return;
    this.machine.restart();
    this.clearedPassword = false;
    this.unlocked = false;
    for (const input of [this.usernameInput, this.passwordInput]) if (input) input.value = '';
    // the form is rendered again: the host's username to start with, as on first display
    void this.updateComplete.then(() => {
      if (this.username && this.usernameInput && !this.usernameInput.value) this.usernameInput.value = this.username;
    });
  }

  private get effectiveConfig(): AuthForteConfig {
    return this.config.shared;
  }

  private get host_(): string {
    return this.config.pick(
      this.hostName,
      (c) => c.hostName,
      this.serverHostName ?? this.i18n.messages.defaultHostName,
    );
  }

  private send(credentials: Parameters<AccountLinkSubmit>[0], signal: AbortSignal): Promise<AccountLinkResult> {
    if (this.submit) return this.submit(credentials, signal);
    const cfg = this.effectiveConfig;
    const endpoint = this.endpoint ?? cfg.endpoints?.accountLink;
    if (!endpoint && this.server) return this.serverLink(this.server).submit(credentials, signal);
    if (!endpoint) {
      console.error('[AuthForte] <af-account-link> has no endpoint: set its `endpoint` attribute or <af-config>.');
      return Promise.resolve({ ok: false, code: 'server' });
    }
    return createAccountLinkClient({ endpoint, csrfToken: () => this.csrfToken ?? cfg.csrfToken })(credentials, signal);
  }

  private clearPassword(): void {
    const p = this.passwordInput;
    if (p) p.value = '';
    this.clearedPassword = true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const snap = this.machine.snapshot;
    const locked = snap.hasTag('locked');
    if (this.wasLocked && !locked && snap.hasTag('form')) this.unlocked = true;
    else if (!snap.hasTag('form') || snap.context.error) this.unlocked = false;
    this.wasLocked = locked;
    this.shownScreen = this.screen;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('username') && this.username && this.usernameInput && !this.usernameInput.value) {
      this.usernameInput.value = this.username;
    }
    if (this.focusSummary) {
      this.focusSummary = false;
      this.light.query('.af-link-summary')?.focus();
    }
  }

  /** @internal (the element's screen modules) */
  errorText(code: AccountLinkErrorCode): string {
    const m = this.i18n.messages;
    if (code === 'already-linked') return m['error.already-linked'](this.host_);
    return m[`error.${code}`];
  }

  private get announcement(): string {
    const snap = this.machine.snapshot;
    const m = this.i18n.messages;
    if (snap.hasTag('busy')) return m.submitting;
    if (snap.hasTag('done')) return m.linked(this.host_, this.identity?.source);
    if (snap.hasTag('cancelled')) return m.cancelled;
    const { error, fieldErrors } = snap.context;
    if (error) return errorLines.call(this).join(' ');
    if (fieldErrors.length > 0) return fieldErrors.map((f) => m[`field.${f}`]).join(' ');
    return this.unlocked ? m.unlocked : '';
  }

  override render() {
    if (this.serverLoading) return nothing;
    const m = this.i18n.messages;
    const snap = this.machine.snapshot;
    const id = this.uid;
    const level = headingLevel(this.headingLevel);
    const identity = this.identity;
    const done = snap.hasTag('done');
    return html`
      <section class="panel" part="panel" aria-labelledby="${id}-title">
        <div role="heading" aria-level=${level} class="title" part="title" id="${id}-title">${m.title}</div>
        ${
          done
            ? html`<p class="success" part="success">${m.linked(this.host_, this.identity?.source)}</p>`
            : snap.hasTag('cancelled')
              ? html`<p class="cancelled">${m.cancelled}</p>`
              : html`<p class="intro" part="intro">${m.intro(this.host_)}</p>
                ${
                  identity
                    ? html`<dl class="identity" part="identity">
                      <div class="row">
                        <dt>${m.identity}</dt>
                        <dd class="identity-name">${identity.displayName}</dd>
                      </div>
                      <div class="row">
                        <dt>${m.nationalId}</dt>
                        <dd class="identity-id">
                          ${identity.nationalId}${
                            identity.source === 'card' || identity.source === 'psc'
                              ? html` <span class="source">(${this.i18n.mark(m[`source.${identity.source}`])})</span>`
                              : nothing
                          }
                        </dd>
                      </div>
                    </dl>`
                    : nothing
                }
                <slot></slot>`
        }
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </section>
    `;
  }
}
