import { defineElement } from '../internal/define.js';
import { AfPscButton } from './af-psc-button.js';

defineElement('af-psc-button', AfPscButton);

declare global {
  interface HTMLElementTagNameMap {
    'af-psc-button': AfPscButton;
  }
  interface HTMLElementEventMap {
    'af-psc-click': CustomEvent<undefined>;
  }
}

export { AfPscButton };
