/** `@authforte/server`: the host application's backend side of AuthForte. */

export {
  PSC_BAS,
  PSC_PRODUCTION,
  type PscEnvironment,
  PscError,
  type PscErrorCode,
  pscEnvironment,
} from '@authforte/core/psc';
export * from './card/index.js';
export { errorBody, errorResponse, hostErrorResponse, tableErrorResponse } from './http/errors.js';
export {
  type NodeHandlerOptions,
  type NodeListener,
  type NodeMountableHandler,
  toNodeHandler,
  writeWebResponse,
} from './http/node-adapter.js';
export * from './kit/index.js';
export * from './link/index.js';
export * from './psc/index.js';
