import { defineElement } from '../internal/define.js';
import { type AfClassifiedEvent, type AfClearedEvent, AfProfessionClassifier } from './af-profession-classifier.js';

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

export * from './af-profession-classifier.js';
