export * from './cards/index.js';
export type { DemoAppOptions } from './demo/app.js';
export { DEMO_ACCOUNTS, DemoApp } from './demo/app.js';
export type { DemoHost, DemoHostOptions } from './demo/server.js';
export { startDemoHost } from './demo/server.js';
export type { Account, IdentityLink } from './demo/store.js';
export { DemoStore, hashPassword, verifyPassword } from './demo/store.js';
export * from './psc/index.js';
export type { RunningService } from './services.js';
