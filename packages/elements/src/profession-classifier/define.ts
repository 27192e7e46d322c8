import { defineElement } from '../internal/define.js';
import {
  type AfClassifiedDetail,
  type AfClassifiedEvent,
  type AfClearedDetail,
  type AfClearedEvent,
  AfProfessionClassifier,
  type ClassifierScreen,
} from './af-profession-classifier.js';

defineElement('af-profession-classifier', AfProfessionClassifier);

declare global {
  interface HTMLElementTagNameMap {
    'af-profession-classifier': AfProfessionClassifier;
  }
  interface HTMLElementEventMap {
    'af-classified': AfClassifiedEvent;
    'af-cleared': AfClearedEvent;
  }
}

export type { AfClassifiedDetail, AfClassifiedEvent, AfClearedDetail, AfClearedEvent, ClassifierScreen };
export { AfProfessionClassifier };
