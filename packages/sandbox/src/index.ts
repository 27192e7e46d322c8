export type { DemoHostOptions } from './demo/server.js';
export { startDemoHost } from './demo/server.js';
export type { RunningService } from './services.js';
export * from './psc/index.js';
