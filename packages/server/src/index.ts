/** `@authforte/server`: the host application's backend side of AuthForte. */
export * from './psc/index.js';
export { PSC_BAS, PSC_PRODUCTION, PscError, type PscErrorCode, pscEnvironment, type PscEnvironment } from '@authforte/core/psc';
