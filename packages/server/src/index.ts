/** `@authforte/server`: the host application's backend side of AuthForte. */
export {
  type NodeHandlerOptions,
  type NodeListener,
  type NodeMountableHandler,
  toNodeHandler,
  writeWebResponse,
} from './http/node-adapter.js';
export * from './link/index.js';
