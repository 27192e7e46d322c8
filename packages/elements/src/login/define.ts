import { defineElement } from '../internal/define.js';
import type { AfCancelledEvent } from '../internal/events.js';
import { type AfAuthenticatedEvent, type AfErrorEvent, type AfLinkRequiredEvent, AfLogin } from './af-login.js';

defineElement('af-login', AfLogin);

declare global {
  interface HTMLElementTagNameMap {
    'af-login': AfLogin;
  }
  interface HTMLElementEventMap {
    'af-authenticated': AfAuthenticatedEvent;
    'af-link-required': AfLinkRequiredEvent;
    'af-error': AfErrorEvent;
    'af-cancelled': AfCancelledEvent;
  }
}

export * from './af-login.js';
