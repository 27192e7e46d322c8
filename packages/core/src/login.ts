/**
 * `@authforte/core/login`: the sign-in journey's machines (the router `loginMachine` and its card and PSC
 * children), the view `<af-login>` renders from, its services interface (`LoginServices`), its closed set of errors
 * and its result. The element is `<af-login>` in `@authforte/elements`.
 */
export * from './login/index.js';
export * from './login/login.actors.js';
export * from './login/login.machine.js';
export * from './login/login.view.js';
