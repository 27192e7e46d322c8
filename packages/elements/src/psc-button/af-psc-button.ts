import { safeHref } from '@authforte/core/redirect';
import { html, LitElement, nothing, svg } from 'lit';
import { AuthForteElement } from '../internal/authforte-element.js';
import { emit } from '../internal/events.js';
import { LocalizeController, registerMessages } from '../internal/localize.js';
import { baseStyles } from '../internal/theme.js';
import { pscButtonStyles } from './psc-button.styles.js';
import fr, { type PscButtonMessages } from './strings.fr.js';

registerMessages('af-psc-button', fr, { en: () => import('./strings.en.js') });

/** ANS's page presenting Pro Santé Connect (a host can replace it with `info-url`). */
export const PSC_INFO_URL = 'https://esante.gouv.fr/produits-services/pro-sante-connect';

/** `af-psc-click` has no detail. */
export type AfPscClickDetail = undefined;
export type AfPscClickEvent = CustomEvent<AfPscClickDetail>;

/**
 * A plain mark standing for Pro Santé Connect's logo at the left of the button: the ANS's artwork itself is in its
 * button kit (`ProSanteConnect_sidentifier_COULEURS.svg`); a host that has it slots it in (`slot="logo"`).
 */
const pscMark = svg`<svg class="mark" viewBox="0 0 32 32" width="32" height="32" focusable="false" aria-hidden="true">
  <rect x="1" y="1" width="30" height="30" fill="none" stroke="currentColor" stroke-width="2"/>
  <path d="M13 7h6v6h6v6h-6v6h-6v-6H7v-6h6z" fill="currentColor"/>
</svg>`;

/**
 * The Pro Santé Connect button following the ANS's button kit: "S’identifier avec Pro Santé Connect" in sentence
 * case, the logo at the left, white with blue #000091 text and border, square corners, solid blue on hover; and the
 * companion link explaining what PSC is, opening in a new window and saying so (as the DSFR's FranceConnect and
 * ProConnect buttons do). It does not start a sign-in itself: it fires `af-psc-click`, that `<af-login>` (or the
 * host) handles.
 *
 * @tagname af-psc-button
 * @summary The Pro Santé Connect button and its "what is it" link.
 *
 * @fires {AfPscClickEvent} af-psc-click - The button was activated (mouse, Enter or Space).
 *
 * @slot logo - The Pro Santé Connect logo of the ANS's kit (default: a plain mark).
 *
 * @csspart button - The button.
 * @csspart info - The "Qu'est-ce que Pro Santé Connect ?" link.
 *
 * @cssprop --af-psc-color - The button's blue (default #000091, as PSC's guidelines ask).
 * @cssprop --af-method-button-width - The button's width (default 20rem, as wide as `<af-login>`'s card button).
 * @cssprop --af-color-primary - Colour of the "Qu'est-ce que Pro Santé Connect ?" link (default #000091).
 * @cssprop --af-color-text - Text colour around the button (default #161616).
 * @cssprop --af-focus-color - Focus ring colour (default #0a76f6).
 * @cssprop --af-font-family - Font family (default: the system's).
 * @cssprop --af-font-size - Base font size (default 1rem).
 */
export class AfPscButton extends AuthForteElement<PscButtonMessages> {
  static override styles = [baseStyles, pscButtonStyles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    infoUrl: { type: String, attribute: 'info-url' },
    noInfo: { type: Boolean, attribute: 'no-info' },
    disabled: { type: Boolean, reflect: true },
  };

  /** The "Qu'est-ce que Pro Santé Connect ?" link. */
  declare infoUrl: string;
  /** Hides the companion link. */
  declare noInfo: boolean;
  declare disabled: boolean;

  private readonly i18n = new LocalizeController<PscButtonMessages>(this, 'af-psc-button');

  constructor() {
    super();
    this.infoUrl = PSC_INFO_URL;
    this.noInfo = false;
    this.disabled = false;
  }

  private onClick(): void {
    if (!this.disabled) emit(this, 'af-psc-click', undefined);
  }

  override render() {
    const m = this.i18n.messages;
    return html`<button part="button" type="button" ?disabled=${this.disabled} @click=${this.onClick}>
        <span class="logo"><slot name="logo">${pscMark}</slot></span>
        <span class="label"><span class="prefix">${m.prefix}</span> <span class="name">${this.i18n.mark(m.name)}</span></span>
      </button>
      ${
        this.noInfo
          ? nothing
          : html`<a class="info" part="info" href=${safeHref(this.infoUrl) ?? PSC_INFO_URL} target="_blank" rel="noopener noreferrer"
              >${this.i18n.mark(m.info)} <span class="visually-hidden">${m.newWindow}</span></a
            >`
      }`;
  }
}
