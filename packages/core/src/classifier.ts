/** `@authforte/core/classifier`: the profession reference data, the classifier and the machine that drives its UI. */

export * from './machines/profession-classifier.machine.js';
export * from './professions/index.js';
