import { safeHref } from '@authforte/core/redirect';
import { html, nothing, type TemplateResult } from 'lit';
import type { HelpContact } from '../config/context.js';

/** The strings of the help block, in every element's string file. */
export interface HelpMessages {
  help: string;
  helpEmail: string;
  helpPhone: string;
  newWindow: string;
}

/** Whether the host configured a way to reach its help desk. */
export function hasHelpContact(contact: HelpContact | undefined): contact is HelpContact {
  return Boolean(contact && (contact.email || contact.phone || contact.url));
}

/**
 * The help block of every element: the `help` slot, whose default content is the host's help contact. The slot is
 * rendered even when no contact is configured, so that what a host slots in is shown.
 */
export function renderHelp(contact: HelpContact | undefined, m: HelpMessages): TemplateResult {
  if (!hasHelpContact(contact)) return html`<slot name="help"></slot>`;
  return html`<div class="help">
    <slot name="help">
      <p><strong>${m.help}</strong>${contact.name ? html` ${contact.name}` : nothing}</p>
      <ul>
        ${contact.email ? html`<li>${m.helpEmail} <a href="mailto:${contact.email}">${contact.email}</a></li>` : nothing}
        ${
          contact.phone
            ? html`<li>${m.helpPhone} <a href="tel:${contact.phone.replace(/[^+\d]/g, '')}">${contact.phone}</a></li>`
            : nothing
        }
        ${
          safeHref(contact.url)
            ? html`<li><a href=${safeHref(contact.url)} target="_blank" rel="noopener noreferrer">${contact.url}<span class="visually-hidden"> ${m.newWindow}</span></a></li>`
            : nothing
        }
      </ul>
    </slot>
  </div>`;
}
