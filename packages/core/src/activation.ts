/** `@authforte/core/activation`: the e-CPS activation stepper's machine, its steps and the identifier check. */

export * from './machines/ecps-activation.machine.js';
