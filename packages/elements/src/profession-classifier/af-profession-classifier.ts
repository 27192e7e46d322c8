import {
  type Classification,
  createProfessionClassifierMachine,
  ORDERS,
  type Profession,
  type professionClassifierMachine,
  REGISTRATION_PORTALS,
  searchProfessions,
} from '@authforte/core/profession-classifier';
import { safeHref } from '@authforte/core/redirect';
import { html, nothing, type PropertyValues } from 'lit';
import type { AuthForteConfig, HelpContact, PortalLinks } from '../config/context.js';
import { AnnouncerController } from '../internal/announcer.js';
import { AuthForteFlowElement } from '../internal/authforte-element.js';
import { ConfigController } from '../internal/config-controller.js';
import { emit } from '../internal/events.js';
import { french } from '../internal/french.js';
import { headingLevel } from '../internal/heading.js';
import { renderHelp } from '../internal/help.js';
import { LocalizeController, registerMessages } from '../internal/localize.js';
import { MachineController } from '../internal/machine-controller.js';
import { baseStyles } from '../internal/theme.js';
import { classifierStyles } from './profession-classifier.styles.js';
import fr, { type ClassifierMessages } from './strings.fr.js';

registerMessages('af-profession-classifier', fr, { en: () => import('./strings.en.js') });

/** Public registration portals (defaults from `@authforte/core`; a host can replace them with `portals` or `<af-config>`). */
export const DEFAULT_PORTALS: PortalLinks = {
  ...REGISTRATION_PORTALS,
  orders: Object.fromEntries(Object.entries(ORDERS).map(([id, order]) => [id, order.site])),
};

export interface AfClassifiedDetail {
  classification: Classification;
}
/** `af-cleared` has no detail. */
export type AfClearedDetail = undefined;
export type AfClassifiedEvent = CustomEvent<AfClassifiedDetail>;
export type AfClearedEvent = CustomEvent<AfClearedDetail>;

/** What `<af-profession-classifier>` shows (its `screen`) besides the field. */
export type ClassifierScreen = 'idle' | 'suggestions' | 'no-match' | 'result';

/**
 * Helps a professional find their category — and so where and how to register and which card they can have —
 * from what they type: an ARIA 1.2 combobox with ranked suggestions, then a result panel.
 *
 * @tagname af-profession-classifier
 * @summary Find your profession: category, registration portal, card (CPS and/or e-CPS), next step.
 *
 * @fires {AfClassifiedEvent} af-classified - A profession was chosen. `detail.classification` is the full `Classification`.
 * @fires {AfClearedEvent} af-cleared - The shown classification was withdrawn (the field was edited or cleared).
 *
 * @slot help - Replaces the help contact block of the result (shown only when a help contact is configured or slotted).
 *
 * @csspart field - The label, hint and input group.
 * @csspart input - The text input (role combobox).
 * @csspart listbox - The list of suggestions.
 * @csspart option - One suggestion.
 * @csspart result - The result panel.
 * @csspart result-title - The category title of the result.
 * @csspart badge - The category badge of a suggestion.
 *
 * @cssprop --af-field-max-width - Width of the field at most (default 40rem).
 * @cssprop --af-result-max-width - Width of the result panel at most (default 48rem).
 */
export class AfProfessionClassifier extends AuthForteFlowElement<ClassifierMessages> {
  static override styles = [baseStyles, classifierStyles];

  static override properties = {
    helpContact: { attribute: false },
    portals: { attribute: false },
    limit: { type: Number },
    label: { type: String },
    activationUrl: { type: String, attribute: 'activation-url' },
    signInUrl: { type: String, attribute: 'sign-in-url' },
  };

  /** Help desk shown in the result. Nothing is shown unless the host sets it (here or in `<af-config>`). */
  declare helpContact: HelpContact | undefined;
  /** Registration portal links, replacing the public defaults. */
  declare portals: Partial<PortalLinks> | undefined;
  /** How many suggestions the list shows (default 8). */
  declare limit: number;
  /** Replaces the field's visible label. */
  declare label: string | undefined;
  /** The host's e-CPS activation guide, linked after the next step; else `<af-config>`'s `activationUrl`. */
  declare activationUrl: string | undefined;
  /** The host's sign-in page, linked after the next step; else `<af-config>`'s `signInUrl`. */
  declare signInUrl: string | undefined;

  private readonly i18n = new LocalizeController<ClassifierMessages>(this, 'af-profession-classifier');
  private readonly config = new ConfigController(this);
  private readonly machine: MachineController<typeof professionClassifierMachine>;
  private readonly announcer = new AnnouncerController(this);

  constructor() {
    super();
    this.limit = 8;
    this.machine = new MachineController(
      this,
      createProfessionClassifierMachine({ search: (query) => searchProfessions(query, { limit: this.limit }) }),
    );
    this.machine.on('classified', ({ classification }) => {
      emit(this, 'af-classified', { classification });
    });
    this.machine.on('cleared', () => emit(this, 'af-cleared', undefined));
  }

  /** The screen shown, from the machine's tags: `idle`, `suggestions` (the list is open), `no-match` or `result`. */
  get screen(): ClassifierScreen {
    const snap = this.machine.snapshot;
    if (snap.hasTag('open')) return 'suggestions';
    if (snap.hasTag('no-match')) return 'no-match';
    return snap.hasTag('result') ? 'result' : 'idle';
  }

  /** The classification shown, or null. */
  get classification(): Classification | null {
    return this.machine.snapshot.context.classification;
  }

  /** What the field holds. */
  get value(): string {
    return this.machine.snapshot.context.query;
  }

  /** Types `text` into the field as a user would (the list opens with suggestions). */
  search(text: string): void {
    this.machine.send({ type: 'INPUT', value: text });
  }

  /** Shows the result for a profession chosen by the host (e.g. known from the user's profile). */
  choose(profession: Profession): void {
    this.machine.send({ type: 'CHOOSE', profession });
  }

  /** Empties the field and withdraws the result. */
  clear(): void {
    this.machine.send({ type: 'CLEAR' });
  }

  /** Starts a search as if the user typed `text` (the same as `search`). */
  start(text: string): void {
    this.search(text);
  }

  /** Back to the empty field (the same as `clear`). */
  reset(): void {
    this.clear();
  }

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLInputElement>('input')?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.announcer.announce(this.computeAnnouncement());
  }

  private get effectiveConfig(): AuthForteConfig {
    const shared = this.config.shared;
    return {
      helpContact: this.config.pick(this.helpContact, (c) => c.helpContact),
      portals: { ...shared.portals, ...this.portals },
      ...((this.activationUrl ?? shared.activationUrl)
        ? { activationUrl: this.activationUrl ?? shared.activationUrl }
        : {}),
      ...((this.signInUrl ?? shared.signInUrl) ? { signInUrl: this.signInUrl ?? shared.signInUrl } : {}),
    };
  }

  private computeAnnouncement(): string {
    const m = this.i18n.messages;
    const snap = this.machine.snapshot;
    if (snap.hasTag('open')) return m.suggestionCount(snap.context.suggestions.length);
    if (snap.hasTag('no-match')) return m.noMatch;
    const c = snap.context.classification;
    if (c) return m.resultAnnounce(this.professionLabel(c.profession), m[`category.${c.category}`]);
    return '';
  }

  private professionLabel(p: Profession): string {
    return this.i18n.lang === 'en' ? `${p.label} (${p.labelEn})` : p.label;
  }

  /** The profession's name as shown: in English, its official French label (marked so) then the translation. */
  private professionText(p: Profession) {
    return this.i18n.lang === 'en' ? html`${french(p.label, 'en')} (${p.labelEn})` : p.label;
  }

  private onInput(e: InputEvent): void {
    this.machine.send({ type: 'INPUT', value: (e.target as HTMLInputElement).value });
  }

  private onKeydown(e: KeyboardEvent): void {
    const snap = this.machine.snapshot;
    const open = snap.hasTag('open');
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        this.machine.send(e.altKey && !open ? { type: 'OPEN' } : { type: 'NEXT' });
        break;
      case 'ArrowUp':
        e.preventDefault();
        this.machine.send({ type: 'PREVIOUS' });
        break;
      case 'Home':
      case 'End':
        if (open) {
          e.preventDefault();
          this.machine.send({ type: e.key === 'Home' ? 'FIRST' : 'LAST' });
        }
        break;
      case 'Enter':
        if (open) {
          e.preventDefault();
          const index = Math.max(snap.context.activeIndex, 0);
          this.machine.send({ type: 'SELECT', index });
        }
        break;
      case 'Escape':
        if (open || snap.hasTag('no-match')) {
          e.preventDefault();
          this.machine.send({ type: 'CLOSE' });
        } else if (snap.context.query) {
          e.preventDefault();
          this.machine.send({ type: 'CLEAR' });
        }
        break;
      case 'Tab':
        if (open) this.machine.send({ type: 'CLOSE' });
        break;
    }
  }

  private onBlur(): void {
    // a click on an option keeps the focus (mousedown is prevented), so a blur means the user left the field
    if (this.machine.snapshot.hasTag('open')) this.machine.send({ type: 'CLOSE' });
  }

  private onClear(): void {
    this.machine.send({ type: 'CLEAR' });
    this.focus();
  }

  protected override updated(): void {
    const active = this.renderRoot.querySelector('[role="option"][aria-selected="true"]');
    active?.scrollIntoView?.({ block: 'nearest' });
  }

  override render() {
    const m = this.i18n.messages;
    const snap = this.machine.snapshot;
    const { query, suggestions, activeIndex, classification } = snap.context;
    const open = snap.hasTag('open');
    const id = this.uid;
    return html`
      <div class="field" part="field">
        <label class="label" for="${id}-input">${this.label ?? m.label}</label>
        <p class="hint" id="${id}-hint">${this.i18n.mark(m.hint)}</p>
        <div class="control">
          <input
            id="${id}-input"
            part="input"
            type="text"
            role="combobox"
            autocomplete="off"
            autocapitalize="off"
            spellcheck="false"
            maxlength="200"
            aria-autocomplete="list"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls="${id}-listbox"
            aria-describedby="${id}-hint"
            aria-activedescendant=${open && activeIndex >= 0 ? `${id}-option-${activeIndex}` : nothing}
            .value=${query}
            @input=${this.onInput}
            @keydown=${this.onKeydown}
            @blur=${this.onBlur}
          />
          ${
            query
              ? html`<button class="clear" type="button" @click=${this.onClear}>
                <span aria-hidden="true">×</span><span class="visually-hidden">${m.clear}</span>
              </button>`
              : nothing
          }
        </div>
        <ul id="${id}-listbox" part="listbox" role="listbox" aria-label=${m.suggestions} ?hidden=${!open}>
          ${
            open
              ? suggestions.map(
                  (s, i) => html`<li
                  id="${id}-option-${i}"
                  part="option"
                  role="option"
                  aria-selected=${i === activeIndex ? 'true' : 'false'}
                  @mousedown=${(e: Event) => e.preventDefault()}
                  @mousemove=${() => i !== activeIndex && this.machine.send({ type: 'HIGHLIGHT', index: i })}
                  @click=${() => this.machine.send({ type: 'SELECT', index: i })}
                >
                  <span class="option-label">${this.professionText(s.profession)}</span>
                  <span class="badge badge-${s.profession.category}" part="badge">${m[`short.${s.profession.category}`]}</span>
                </li>`,
                )
              : nothing
          }
        </ul>
      </div>
      ${this.announcer.region()}
      ${snap.hasTag('no-match') ? html`<p class="no-match">${m.noMatch}</p>` : nothing}
      ${classification ? this.renderResult(classification) : nothing}
    `;
  }

  /** Links onwards from the next step: the host's e-CPS activation guide and sign-in page, when it has them. */
  private renderOnwards() {
    const m = this.i18n.messages;
    const activationUrl = safeHref(this.effectiveConfig.activationUrl);
    const signInUrl = safeHref(this.effectiveConfig.signInUrl);
    if (!activationUrl && !signInUrl) return nothing;
    return html`<ul class="onwards" part="onwards">
      ${activationUrl ? html`<li><a href=${activationUrl}>${m.activateLink}</a></li>` : nothing}
      ${signInUrl ? html`<li><a href=${signInUrl}>${m.signInLink}</a></li>` : nothing}
    </ul>`;
  }

  private renderResult(c: Classification) {
    const m = this.i18n.messages;
    const cfg = this.effectiveConfig;
    const portals: PortalLinks = {
      ...DEFAULT_PORTALS,
      ...cfg.portals,
      orders: { ...DEFAULT_PORTALS.orders, ...cfg.portals?.orders },
    };
    const reg = c.registration;
    const portalUrl =
      reg.portal === 'erpps'
        ? portals.erpps
        : reg.portal === 'rpps-plus'
          ? portals.rppsPlus
          : reg.order
            ? portals.orders[reg.order]
            : undefined;
    const orderName = reg.order ? m[`order.${reg.order}`] : undefined;
    const level = headingLevel(this.headingLevel);
    const both = c.cards.physicalCps && c.cards.eCps;
    const help = cfg.helpContact;
    const id = this.uid;
    return html`
      <section class="result result-${c.category}" part="result" aria-labelledby="${id}-result-title">
        <div role="heading" aria-level=${level} class="result-title" part="result-title" id="${id}-result-title">
          ${m[`category.${c.category}`]}
        </div>
        <p class="profession">${m.yourProfession} <strong>${this.professionText(c.profession)}</strong></p>
        <dl>
          <dt>${m.whoRegisters}</dt>
          <dd>
            ${m[`registeredBy.${reg.registeredBy}`]}${typeof orderName === 'string' ? html` (${this.i18n.mark(orderName)})` : nothing}
          </dd>
          <dt>${m.where}</dt>
          <dd>
            <p>${m[`how.${reg.portal}`]}</p>
            ${
              reg.portal === 'rpps-plus'
                ? html`<ol class="methods">
                  ${reg.methods.map((k) => html`<li>${m[`method.${k}` as keyof ClassifierMessages] as string}</li>`)}
                </ol>`
                : nothing
            }
            ${
              safeHref(portalUrl)
                ? html`<p>
                  <a href=${safeHref(portalUrl)} target="_blank" rel="noopener noreferrer"
                    >${m[`portal.${reg.portal}`]} <span class="visually-hidden">${m.newWindow}</span></a
                  >
                </p>`
                : nothing
            }
          </dd>
          <dt>${m.cards}</dt>
          <dd>${both ? m['cards.both'] : m['cards.ecps']}</dd>
        </dl>
        ${
          reg.establishmentPrerequisites
            ? html`<div class="notice">
              <p><strong>${m.prerequisitesTitle}</strong> ${this.i18n.mark(m.prerequisites)}</p>
              <p>${m.roleWarning}</p>
            </div>`
            : nothing
        }
        ${c.adeliMigration ? html`<p class="notice">${m.adeli}</p>` : nothing}
        <p><strong>${m.nextStep}</strong> ${this.i18n.mark(both ? m['next.both'] : m['next.ecps'])}</p>
        ${this.renderOnwards()}
        ${renderHelp(help, m)}
        ${
          c.alternatives.length > 0
            ? html`<div class="alternatives">
              <p>${m.notYours}</p>
              <ul>
                ${c.alternatives.map(
                  (p) =>
                    html`<li>
                      <button type="button" class="link" @click=${() => this.machine.send({ type: 'CHOOSE', profession: p })}>
                        ${this.professionText(p)}
                      </button>
                    </li>`,
                )}
              </ul>
            </div>`
            : nothing
        }
      </section>
    `;
  }
}
