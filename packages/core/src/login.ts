/**
 * `@authforte/core/login`: the sign-in journey's machine, its services interface (`LoginServices`), its closed set
 * of errors and its result. The element is `<af-login>` in `@authforte/elements`.
 */
export * from './login/index.js';
export * from './login/login.actors.js';
export * from './login/login.machine.js';
