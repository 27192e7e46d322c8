import { defineElement } from '../internal/define.js';
import { AfConfig } from './af-config.js';

defineElement('af-config', AfConfig);

declare global {
  interface HTMLElementTagNameMap {
    'af-config': AfConfig;
  }
}

export { AfConfig };
