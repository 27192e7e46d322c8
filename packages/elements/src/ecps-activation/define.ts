import { defineElement } from '../internal/define.js';
import { type AfActivationCompleteEvent, AfEcpsActivation, type AfStepChangeEvent } from './af-ecps-activation.js';

defineElement('af-ecps-activation', AfEcpsActivation);

declare global {
  interface HTMLElementTagNameMap {
    'af-ecps-activation': AfEcpsActivation;
  }
  interface HTMLElementEventMap {
    'af-step-change': AfStepChangeEvent;
    'af-activation-complete': AfActivationCompleteEvent;
  }
}

export * from './af-ecps-activation.js';
