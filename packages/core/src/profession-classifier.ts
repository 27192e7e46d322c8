/**
 * `@authforte/core/profession-classifier`: the profession reference data, the classifier and the machine that drives
 * its UI. The element is `<af-profession-classifier>` in `@authforte/elements`. `@authforte/core/classifier` is a
 * deprecated alias of this entry point, kept for one version.
 */

export * from './professions/index.js';
export * from './professions/profession-classifier.machine.js';
