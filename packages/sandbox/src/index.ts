export * from './cards/index.js';
export type { DemoHostOptions } from './demo/server.js';
export { startDemoHost } from './demo/server.js';
export * from './psc/index.js';
export type { RunningService } from './services.js';
