export * from './card/index.js';
