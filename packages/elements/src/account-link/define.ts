import { defineElement } from '../internal/define.js';
import type { AfCancelledEvent } from '../internal/events.js';
import {
  AfAccountLink,
  type AfLinkCancelledEvent,
  type AfLinkedEvent,
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

export * from './af-account-link.js';
