/**
 * `@authforte/core/ecps-activation`: the e-CPS activation stepper's machine, its steps and the identifier check.
 * The element is `<af-ecps-activation>` in `@authforte/elements`. `@authforte/core/activation` is a deprecated alias
 * of this entry point, kept for one version.
 */

export * from './ecps-activation/ecps-activation.machine.js';
