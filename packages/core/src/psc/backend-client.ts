/**
 * Backend mode: PSC's confidential client runs on the host's server (`@authforte/server`); the browser only
 * goes to and from the host backend's routes and never sees a token or a secret.
 *
 * Routes (relative to `basePath`, default `/authforte/psc`), served by `createPscHandlers` in `@authforte/server`:
 *   GET  login?return_to=…&mode=redirect|popup   → PSC
 *   GET  callback                                  ← PSC (redirects to return_to with `psc=ok` or `psc_error=<code>`)
 *   GET  session                                   → { identity, expiresAt } or 401
 *   POST logout                                    → PSC logout
 *   POST ciba/start { nationalId }                 → { bindingMessage, expiresIn, interval }
 *   POST ciba/poll                                 → { status: 'pending' | 'authenticated', … }
 */

import { errorFromEnvelope } from '../errors/host.js';
import type { ProfessionalIdentity } from '../identity/identity.js';
import { isPscErrorCode, PscError } from './errors.js';

export const PSC_BACKEND_MESSAGE_TYPE = 'authforte:psc';

export interface PscBackendClientOptions {
  /** Where the host mounted the handlers (same origin as the page). */
  basePath?: string;
  /** Replaces `fetch` (tests). */
  fetch?: typeof fetch;
  /** Give up a popup sign-in after this long (default 5 minutes). */
  popupTimeoutMs?: number;
  /**
   * The host session's CSRF token, sent in `x-csrf-token` with every POST (the in-page e-CPS approval requires
   * it). A function is asked at each request (the token changes when the host rotates the session).
   */
  csrfToken?: string | (() => string | undefined | Promise<string | undefined>);
}

export interface PscBackendSession {
  identity: ProfessionalIdentity;
  /** Seconds since the epoch. */
  expiresAt?: number;
}

export interface PscCibaStart {
  /** The two digits to show the user: the e-CPS app shows the same. */
  bindingMessage: string;
  /** Seconds until the request expires. */
  expiresIn: number;
  /** Seconds to wait between polls. */
  interval: number;
}

export type PscCibaPoll = { status: 'pending'; interval: number } | ({ status: 'authenticated' } & PscBackendSession);

/** A host's error answer (the envelope `{ error: { code, message, details } }`, or an older `{ error: code }`). */
async function errorFrom(response: Response): Promise<PscError> {
  let body: { error?: unknown; message?: unknown; retryAfter?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON
  }
  const envelope = errorFromEnvelope(body);
  const code = envelope?.code ?? body.error;
  const message = envelope?.message ?? (typeof body.message === 'string' ? body.message : `HTTP ${response.status}`);
  const retryAfter =
    envelope?.details.retryAfter ??
    (typeof body.retryAfter === 'number' ? body.retryAfter : Number(response.headers.get('retry-after')));
  if (isPscErrorCode(code))
    return new PscError(
      code,
      message,
      Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter: Math.ceil(retryAfter) } : undefined,
    );
  // the host refused the page's address (403 origin-refused): kept as `error`, so the sign-in says so
  if (code === 'origin-refused') return Object.assign(new PscError('psc-config', message), { error: code });
  return new PscError(response.status === 401 ? 'psc-not-signed-in' : 'psc-bad-response', message);
}

export class PscBackendClient {
  readonly basePath: string;
  readonly #fetch: typeof fetch;
  readonly #popupTimeoutMs: number;
  readonly #csrfToken: PscBackendClientOptions['csrfToken'];

  constructor(options: PscBackendClientOptions = {}) {
    this.#csrfToken = options.csrfToken;
    this.basePath = (options.basePath ?? '/authforte/psc').replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#popupTimeoutMs = options.popupTimeoutMs ?? 5 * 60_000;
  }

  /** The address that starts a sign-in (for a plain link or form). */
  loginUrl(options: { returnTo?: string; mode?: 'redirect' | 'popup'; loginHint?: string } = {}): string {
    const params = new URLSearchParams();
    if (options.returnTo) params.set('return_to', options.returnTo);
    if (options.mode === 'popup') params.set('mode', 'popup');
    if (options.loginHint) params.set('login_hint', options.loginHint);
    const q = params.toString();
    return `${this.basePath}/login${q ? `?${q}` : ''}`;
  }

  /** Sends the browser through the backend to PSC; it comes back to `returnTo` (default: this page). */
  signinRedirect(options: { returnTo?: string; loginHint?: string } = {}): void {
    const here = `${location.pathname}${location.search}`;
    globalThis.location.assign(
      this.loginUrl({
        returnTo: options.returnTo ?? here,
        ...(options.loginHint ? { loginHint: options.loginHint } : {}),
      }),
    );
  }

  /**
   * On the page the backend sent the browser back to: throws the typed error PSC's answer stands for, or
   * returns the session. Returns null when the address carries no PSC answer.
   */
  async handleReturn(
    url: string = globalThis.location.href,
    options: { signal?: AbortSignal } = {},
  ): Promise<PscBackendSession | null> {
    let parsed: URL;
    try {
      parsed = new URL(url, globalThis.location?.href);
    } catch (err) {
      throw new PscError('psc-bad-callback', 'The return address is not a URL', { cause: err });
    }
    const error = parsed.searchParams.get('psc_error');
    if (error !== null)
      throw new PscError(isPscErrorCode(error) ? error : 'psc-bad-response', `The server reported ${error}`);
    if (parsed.searchParams.get('psc') !== 'ok') return null;
    return this.session(options);
  }

  /** Signs in through a popup that goes to the backend's login route and back. */
  signinPopup(options: { loginHint?: string; signal?: AbortSignal } = {}): Promise<PscBackendSession> {
    const url = this.loginUrl({ mode: 'popup', ...(options.loginHint ? { loginHint: options.loginHint } : {}) });
    const popup = globalThis.open(url, 'authforte-psc', 'popup=yes,width=520,height=720');
    if (!popup) return Promise.reject(new PscError('psc-popup-blocked', 'window.open returned null'));
    return new Promise<PscBackendSession>((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        clearInterval(closedPoll);
        globalThis.removeEventListener('message', onMessage);
        options.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onMessage = (event: MessageEvent) => {
        if (event.origin !== location.origin || event.source !== popup) return;
        const data = event.data as { type?: unknown; ok?: unknown; error?: unknown };
        if (data?.type !== PSC_BACKEND_MESSAGE_TYPE) return;
        if (data.ok === true)
          done(() => {
            this.session().then(
              (s) => (s ? resolve(s) : reject(new PscError('psc-not-signed-in', 'No session after the popup'))),
              reject,
            );
          });
        else
          done(() =>
            reject(
              new PscError(
                isPscErrorCode(data.error) ? data.error : 'psc-bad-response',
                'The popup reported a failure',
              ),
            ),
          );
      };
      const onAbort = () =>
        done(() => {
          popup.close();
          reject(new PscError('cancelled', 'The popup sign-in was cancelled'));
        });
      const timer = setTimeout(
        () =>
          done(() => {
            popup.close();
            reject(new PscError('timeout', 'The popup sign-in timed out'));
          }),
        this.#popupTimeoutMs,
      );
      const closedPoll = setInterval(() => {
        if (popup.closed) {
          // the closing message may still be queued: give it a moment
          setTimeout(() => done(() => reject(new PscError('cancelled', 'The popup was closed'))), 300);
        }
      }, 500);
      globalThis.addEventListener('message', onMessage);
      options.signal?.addEventListener('abort', onAbort);
    });
  }

  /** The current sign-in known to the backend, or null. */
  async session(options: { signal?: AbortSignal } = {}): Promise<PscBackendSession | null> {
    const response = await this.#call('GET', 'session', undefined, options.signal);
    if (response.status === 401) return null;
    if (!response.ok) throw await errorFrom(response);
    return (await response.json()) as PscBackendSession;
  }

  /**
   * Starts an in-page e-CPS approval (CIBA) for `nationalId`; show `bindingMessage` to the user. `channel: 'card'`
   * asks PSC for an approval with the physical CPS card. `signal` aborts the request.
   */
  async cibaStart(nationalId: string, options: { channel?: 'card'; signal?: AbortSignal } = {}): Promise<PscCibaStart> {
    const response = await this.#call(
      'POST',
      'ciba/start',
      { nationalId, ...(options.channel === 'card' ? { channel: 'card' } : {}) },
      options.signal,
    );
    if (!response.ok) throw await errorFrom(response);
    return (await response.json()) as PscCibaStart;
  }

  /** Asks once whether the user approved on the phone. Refusal and expiry are thrown as typed errors. */
  async cibaPoll(options: { signal?: AbortSignal } = {}): Promise<PscCibaPoll> {
    const response = await this.#call('POST', 'ciba/poll', undefined, options.signal);
    if (!response.ok) throw await errorFrom(response);
    return (await response.json()) as PscCibaPoll;
  }

  /** Polls until the user approved, refused, or the request expired. */
  async cibaWait(options: { signal?: AbortSignal; initialInterval?: number } = {}): Promise<PscBackendSession> {
    let interval = options.initialInterval ?? 2;
    for (;;) {
      await new Promise<void>((resolve, reject) => {
        if (options.signal?.aborted) return reject(new PscError('cancelled', 'CIBA wait cancelled'));
        const t = setTimeout(resolve, interval * 1000);
        options.signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(t);
            reject(new PscError('cancelled', 'CIBA wait cancelled'));
          },
          { once: true },
        );
      });
      const r = await this.cibaPoll({ ...(options.signal ? { signal: options.signal } : {}) });
      if (r.status === 'authenticated')
        return { identity: r.identity, ...(r.expiresAt ? { expiresAt: r.expiresAt } : {}) };
      interval = r.interval;
    }
  }

  /** Ends the session on the backend and at PSC (the backend redirects to PSC's logout). */
  signout(): void {
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = `${this.basePath}/logout`;
    form.hidden = true;
    document.body.append(form);
    form.submit();
  }

  async #call(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    const init: RequestInit = {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      ...(signal ? { signal } : {}),
    };
    if (method === 'POST') {
      const headers: Record<string, string> = {
        accept: 'application/json',
        'content-type': 'application/json',
        'x-authforte': '1',
      };
      try {
        const token = typeof this.#csrfToken === 'function' ? await this.#csrfToken() : this.#csrfToken;
        if (token) headers['x-csrf-token'] = token;
      } catch (err) {
        throw new PscError('psc-unreachable', 'The CSRF token could not be obtained', { cause: err });
      }
      init.headers = headers;
      init.body = JSON.stringify(body ?? {});
    }
    try {
      return await this.#fetch(`${this.basePath}/${path}`, init);
    } catch (err) {
      if (signal?.aborted) throw new PscError('cancelled', `The request to ${path} was cancelled`, { cause: err });
      throw new PscError('psc-unreachable', `The backend route ${path} could not be reached`, { cause: err });
    }
  }
}
