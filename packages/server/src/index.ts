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
export * from './psc/index.js';
