import { defineElement } from '../internal/define.js';
import { type AfActivationCompleteDetail, AfEcpsActivation, type AfStepChangeDetail } from './af-ecps-activation.js';

defineElement('af-ecps-activation', AfEcpsActivation);

declare global {
  interface HTMLElementTagNameMap {
    'af-ecps-activation': AfEcpsActivation;
  }
  interface HTMLElementEventMap {
    'af-step-change': CustomEvent<AfStepChangeDetail>;
    'af-activation-complete': CustomEvent<AfActivationCompleteDetail>;
  }
}

export type { AfActivationCompleteDetail, AfStepChangeDetail };
export { AfEcpsActivation };
