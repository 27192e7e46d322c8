import { safeHref } from '@authforte/core/redirect';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { AuthForteElement } from '../internal/authforte-element.js';
import { emit } from '../internal/events.js';
import { LocalizeController, registerMessages } from '../internal/localize.js';
import { baseStyles } from '../internal/theme.js';
import { pscButtonStyles } from './psc-button.styles.js';
import fr, { type PscButtonMessages } from './strings.fr.js';

registerMessages('af-psc-button', fr, { en: () => import('./strings.en.js') });

/** ANS's page presenting Pro Santé Connect (a host can replace it with `info-url`). */
export const PSC_INFO_URL = 'https://esante.gouv.fr/produits-services/pro-sante-connect';

/**
 * The Pro Santé Connect button with its official look ("S'identifier avec PRO SANTÉ CONNECT", white with blue
 * #000091 text, solid blue on hover) and the companion link explaining what PSC is, opening in a new window and
 * saying so. It does not start a sign-in itself: it fires `af-psc-click`, that `<af-login>` (or the host) handles.
 *
 * @tagname af-psc-button
 * @summary The Pro Santé Connect button and its "what is it" link.
 *
 * @fires af-psc-click - The button was activated (mouse, Enter or Space).
 *
 * @csspart button - The button.
 * @csspart info - The "Qu'est-ce que Pro Santé Connect ?" link.
 *
 * @cssprop --af-psc-color - The button's blue (default #000091, as PSC's guidelines ask).
 */
export class AfPscButton extends AuthForteElement {
  static override styles = [baseStyles, pscButtonStyles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    infoUrl: { type: String, attribute: 'info-url' },
    noInfo: { type: Boolean, attribute: 'no-info' },
    disabled: { type: Boolean, reflect: true },
    strings: { attribute: false },
  };

  /** The "Qu'est-ce que Pro Santé Connect ?" link. */
  declare infoUrl: string;
  /** Hides the companion link. */
  declare noInfo: boolean;
  declare disabled: boolean;
  /** Overrides for any of the element's strings, in the language in force. */
  declare strings: Partial<PscButtonMessages> | undefined;

  private readonly i18n = new LocalizeController<PscButtonMessages>(this, 'af-psc-button');

  constructor() {
    super();
    this.infoUrl = PSC_INFO_URL;
    this.noInfo = false;
    this.disabled = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('strings')) this.i18n.local = this.strings;
  }

  private onClick(): void {
    if (!this.disabled) emit(this, 'af-psc-click', undefined);
  }

  override render() {
    const m = this.i18n.messages;
    return html`<button part="button" type="button" ?disabled=${this.disabled} @click=${this.onClick}>
        <span class="prefix">${m.prefix}</span> <span class="name">${m.name}</span>
      </button>
      ${
        this.noInfo
          ? nothing
          : html`<a class="info" part="info" href=${safeHref(this.infoUrl) ?? PSC_INFO_URL} target="_blank" rel="noopener noreferrer"
              >${m.info} <span class="visually-hidden">${m.newWindow}</span></a
            >`
      }`;
  }
}
