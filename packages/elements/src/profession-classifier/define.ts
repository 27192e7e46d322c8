import type { Classification } from '@authforte/core/classifier';
import { defineElement } from '../internal/define.js';
import { AfProfessionClassifier } from './af-profession-classifier.js';

defineElement('af-profession-classifier', AfProfessionClassifier);

declare global {
  interface HTMLElementTagNameMap {
    'af-profession-classifier': AfProfessionClassifier;
  }
  interface HTMLElementEventMap {
    'af-classified': CustomEvent<{ classification: Classification }>;
    'af-cleared': CustomEvent<undefined>;
  }
}

export { AfProfessionClassifier };
