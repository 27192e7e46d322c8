/**
 * A fake `location` for the PSC redirect tests (transport-psc.test.ts): the transport reads and assigns it as a page
 * would; what it assigned is in `assigned`. Its `afterEach` hook (in the test file that imports it) removes it.
 */
import { afterEach } from 'node:test';
import { ORIGIN } from './transport.js';

export const assigned: string[] = [];
export function setLocation(path: string) {
  const url = new URL(path, ORIGIN);
  Object.defineProperty(globalThis, 'location', {
    configurable: true,
    value: {
      href: url.href,
      origin: url.origin,
      pathname: url.pathname,
      search: url.search,
      assign: (u: string) => assigned.push(u),
    },
  });
}
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'location');
  assigned.length = 0;
});
