/** `@authforte/server`: the host application's backend side of AuthForte. */

export * from './card/index.js';
export {
  type NodeHandlerOptions,
  type NodeListener,
  type NodeMountableHandler,
  toNodeHandler,
  writeWebResponse,
} from './http/node-adapter.js';
export * from './link/index.js';
