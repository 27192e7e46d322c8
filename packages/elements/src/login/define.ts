import { defineElement } from '../internal/define.js';
import { type AfAuthenticatedDetail, type AfErrorDetail, type AfLinkRequiredDetail, AfLogin } from './af-login.js';

defineElement('af-login', AfLogin);

declare global {
  interface HTMLElementTagNameMap {
    'af-login': AfLogin;
  }
  interface HTMLElementEventMap {
    'af-authenticated': CustomEvent<AfAuthenticatedDetail>;
    'af-link-required': CustomEvent<AfLinkRequiredDetail>;
    'af-error': CustomEvent<AfErrorDetail>;
  }
}

export type { AfAuthenticatedDetail, AfErrorDetail, AfLinkRequiredDetail };
export { AfLogin };
