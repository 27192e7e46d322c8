import { defineElement } from '../internal/define.js';
import type { AfCancelledEvent } from '../internal/events.js';
import {
  type AccountLinkScreen,
  AfAccountLink,
  type AfLinkCancelledDetail,
  type AfLinkCancelledEvent,
  type AfLinkedDetail,
  type AfLinkedEvent,
  type AfLinkFailedDetail,
  type AfLinkFailedEvent,
} from './af-account-link.js';

defineElement('af-account-link', AfAccountLink);

declare global {
  interface HTMLElementTagNameMap {
    'af-account-link': AfAccountLink;
  }
  interface HTMLElementEventMap {
    'af-linked': AfLinkedEvent;
    'af-link-failed': AfLinkFailedEvent;
    'af-link-cancelled': AfLinkCancelledEvent;
    'af-cancelled': AfCancelledEvent;
  }
}

export {
  type AccountLinkScreen,
  AfAccountLink,
  type AfLinkCancelledDetail,
  type AfLinkCancelledEvent,
  type AfLinkedDetail,
  type AfLinkedEvent,
  type AfLinkFailedDetail,
  type AfLinkFailedEvent,
};
