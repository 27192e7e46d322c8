import { defineElement } from '../internal/define.js';
import { AfPscButton, type AfPscClickDetail, type AfPscClickEvent } from './af-psc-button.js';

defineElement('af-psc-button', AfPscButton);

declare global {
  interface HTMLElementTagNameMap {
    'af-psc-button': AfPscButton;
  }
  interface HTMLElementEventMap {
    'af-psc-click': AfPscClickEvent;
  }
}

export type { AfPscClickDetail, AfPscClickEvent };
export { AfPscButton };
