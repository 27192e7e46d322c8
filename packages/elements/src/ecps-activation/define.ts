import { defineElement } from '../internal/define.js';
import {
  type AfActivationCompleteDetail,
  type AfActivationCompleteEvent,
  AfEcpsActivation,
  type AfStepChangeDetail,
  type AfStepChangeEvent,
  type EcpsActivationScreen,
} from './af-ecps-activation.js';

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

export type {
  AfActivationCompleteDetail,
  AfActivationCompleteEvent,
  AfStepChangeDetail,
  AfStepChangeEvent,
  EcpsActivationScreen,
};
export { AfEcpsActivation };
