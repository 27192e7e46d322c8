/**
 * The PSC part of `LoginServices` on top of `@authforte/core/psc`'s clients. Only types are imported here: the host
 * passes a loader, so the PSC client (and oidc-client-ts for the browser client) load only when the e-CPS is chosen:
 *
 *   pscServicesFromBackend(async () => new (await import('@authforte/core/psc')).PscBackendClient())
 */
import type { PscBackendClient } from '../psc/backend-client.js';
import type { PscBrowserClient } from '../psc/browser-client.js';
import type { PscServices } from './types.js';

type Loader<T> = () => Promise<T>;

function once<T>(load: Loader<T>): Loader<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= load().catch((err) => {
      p = undefined;
      throw err;
    });
    return p;
  };
}

type BackendLike = Pick<PscBackendClient, 'signinRedirect' | 'handleReturn' | 'signinPopup' | 'cibaStart' | 'cibaPoll'>;

/**
 * Backend mode (the host's server is PSC's confidential client): redirect and popup through its routes, in-page
 * e-CPS approval (CIBA). The proof given to `verify` is the backend session `{ identity, expiresAt? }`: the host's
 * server already holds it and checks its own session.
 */
export function pscServicesFromBackend(load: Loader<BackendLike>): PscServices {
  const get = once(load);
  return {
    async signinRedirect() {
      (await get()).signinRedirect();
    },
    async completeRedirect({ signal }) {
      return (await get()).handleReturn(undefined, { signal });
    },
    async signinPopup({ signal }) {
      return (await get()).signinPopup({ signal });
    },
    // the signal reaches the backend's fetch: a cancel, or a removed <af-login>, leaves no request pending
    async cibaStart({ nationalId, signal }) {
      const r = await (await get()).cibaStart(nationalId, { signal });
      return { bindingMessage: r.bindingMessage, expiresIn: r.expiresIn, interval: r.interval };
    },
    async cibaPoll({ signal }) {
      const r = await (await get()).cibaPoll({ signal });
      if (r.status === 'authenticated')
        return {
          status: 'approved',
          proof: { identity: r.identity, ...(r.expiresAt ? { expiresAt: r.expiresAt } : {}) },
        };
      return { status: 'pending', interval: r.interval };
    },
  };
}

type BrowserLike = Pick<PscBrowserClient, 'signinRedirect' | 'handleRedirectCallback' | 'signinPopup'>;

/**
 * Browser mode (public client in the page, oidc-client-ts): redirect and popup; no CIBA. The proof given to
 * `verify` is the `PscSignInResult` (tokens and identity) for the host's server to check.
 */
export function pscServicesFromBrowserClient(
  load: Loader<BrowserLike>,
  location: () => string = () => globalThis.location.href,
): PscServices {
  const get = once(load);
  return {
    async signinRedirect() {
      await (await get()).signinRedirect();
    },
    async completeRedirect() {
      const url = new URL(location());
      const params = new URLSearchParams(url.search || url.hash.replace(/^#/, ''));
      if (!params.has('state') || !(params.has('code') || params.has('error'))) return null;
      return (await get()).handleRedirectCallback(url.href);
    },
    async signinPopup({ signal }) {
      return (await get()).signinPopup({ signal });
    },
  };
}
