import { defineElement } from '../internal/define.js';
import { AfAccountLink, type AfLinkedDetail, type AfLinkFailedDetail } from './af-account-link.js';

defineElement('af-account-link', AfAccountLink);

declare global {
  interface HTMLElementTagNameMap {
    'af-account-link': AfAccountLink;
  }
  interface HTMLElementEventMap {
    'af-linked': CustomEvent<AfLinkedDetail>;
    'af-link-failed': CustomEvent<AfLinkFailedDetail>;
    'af-link-cancelled': CustomEvent<undefined>;
  }
}

export { AfAccountLink, type AfLinkedDetail, type AfLinkFailedDetail };
