/**
 * The transport of `<af-login server="/authforte">`: `LoginServices` on the routes of `@authforte/server`'s
 * `createAuthForte` (docs/http-api.md). The page script a host used to write — the CSRF token fetched before each
 * POST, nonce and verification calls, error codes, the PSC client loaded on demand — lives here once.
 *
 * The card agent client and the PSC backend client load with `import()` only when the user chooses that means.
 */

import { AuthForteError } from '../errors/authforte-error.js';
import { errorFromEnvelope } from '../errors/host.js';
import { cardServicesFromAgent } from './agent-adapter.js';
import { LoginError, type LoginErrorCode, toLoginError } from './errors.js';

import { pscServicesFromBackend } from './psc-adapter.js';
import type { LoginIdentity, LoginMethod, LoginServices, PscMode, VerifyOutcome } from './types.js';

/** `GET {server}/config`. */
export interface ServerLoginConfig {
  methods: LoginMethod[];
  agentUrl?: string;
  ciba: boolean;
  pscMode?: PscMode;
  hostName?: string;
  helpContact?: { name?: string; email?: string; phone?: string; url?: string };
  redirects?: { signedIn?: string; linkRequired?: string; signedOut?: string; signIn?: string };
}

/** What `POST {server}/{card|psc}/verify` answers. */
export type ServerVerifyOutcome = VerifyOutcome & {
  identity: LoginIdentity;
  /** Where to go next (a same-site path). */
  redirectTo?: string;
  /** The short-lived signed identity assertion (JWT), for a backend that is not the kit. */
  assertion?: string;
};

export interface ServerTransport {
  /** The server's configuration (fetched once; a failure is retried at the next call). */
  config(): Promise<ServerLoginConfig>;
  services: LoginServices;
  /** The last outcome of `verify` (where to go next, the assertion). */
  readonly lastOutcome: ServerVerifyOutcome | undefined;
  /** Signs out (kit session, host session hooks, PSC); resolves with where to go next. */
  signOut(): Promise<string>;
}

export interface ServerTransportOptions {
  /** Replaces `fetch` (tests). */
  fetch?: typeof fetch;
}

const safePath = (p: unknown): p is string => typeof p === 'string' && /^\/(?![/\\])/.test(p);

/**
 * The error a host's error answer stands for: its envelope `{ error: { code, category, retryable, message, details } }`
 * (an older `{ error: code, message }` is read too), mapped into the sign-in's codes; a host's generic code
 * (`csrf`, `server`…) or no code at all is the step's own `failure`.
 */
export function hostFailure(body: unknown, status: number, failure: LoginErrorCode): LoginError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as { error?: unknown; message?: unknown };
  const legacy =
    typeof b.error === 'string' ? AuthForteError.fromJSON({ code: b.error, message: b.message }) : undefined;
  const error = errorFromEnvelope(b) ?? legacy;
  if (!error) return new LoginError(failure, `HTTP ${status}`, { status });
  return toLoginError(
    new AuthForteError(error.code, {
      category: error.category,
      retryable: error.retryable,
      message: error.message,
      details: { ...error.details, status },
    }),
    failure,
  );
}

/** A transport on the kit mounted at `server` (a same-origin path such as `/authforte`). */
export function createServerServices(server: string, options: ServerTransportOptions = {}): ServerTransport {
  const base = server.replace(/\/+$/, '');
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let configPromise: Promise<ServerLoginConfig> | undefined;
  let lastOutcome: ServerVerifyOutcome | undefined;

  const getJson = async (path: string, signal?: AbortSignal): Promise<unknown> => {
    let res: Response;
    try {
      res = await doFetch(`${base}/${path}`, {
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { accept: 'application/json' },
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      // a cancelled step stays a cancellation (as for the POSTs), not a failure to show
      if ((err as { name?: string })?.name === 'AbortError') throw err;
      throw new LoginError('network', `GET ${base}/${path} failed`, { cause: err });
    }
    if (!res.ok) throw new LoginError('network', `GET ${base}/${path}: HTTP ${res.status}`);
    return res.json();
  };

  /** The session's CSRF token changes at every sign-in step (rotation): asked for before each POST. */
  const csrfToken = async (signal?: AbortSignal) =>
    ((await getJson('session', signal)) as { csrfToken?: string }).csrfToken ?? '';

  const withCsrf: typeof fetch = async (input, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    if (method === 'GET') return doFetch(input, init);
    const headers = new Headers(init.headers);
    headers.set('x-csrf-token', await csrfToken(init.signal ?? undefined));
    return doFetch(input, { ...init, headers });
  };

  const post = async (path: string, body: unknown, signal: AbortSignal, failure: 'network' | 'verification-failed') => {
    let res: Response;
    try {
      res = await withCsrf(`${base}/${path}`, {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        signal,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
    } catch (err) {
      if ((err as { name?: string })?.name === 'AbortError') throw err;
      if (err instanceof LoginError) throw err;
      throw new LoginError('network', `POST ${base}/${path} failed`, { cause: err });
    }
    const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw hostFailure(data, res.status, failure);
    return data;
  };

  const config = () => {
    configPromise ??= (getJson('config') as Promise<ServerLoginConfig>).catch((err) => {
      configPromise = undefined;
      throw err;
    });
    return configPromise;
  };

  const services: LoginServices = {
    async getNonce({ signal }) {
      const { nonce } = await post('card/nonce', {}, signal, 'network');
      if (typeof nonce !== 'string') throw new LoginError('network', 'the server gave no nonce');
      return nonce;
    },
    async verify({ method, proof, signal }) {
      const data = (await post(
        `${method}/verify`,
        method === 'card' ? proof : {},
        signal,
        'verification-failed',
      )) as unknown as ServerVerifyOutcome;
      if (data.status !== 'authenticated' && data.status !== 'link-required')
        throw new LoginError('verification-failed', 'unexpected answer of the server');
      lastOutcome = {
        status: data.status,
        identity: data.identity,
        ...(safePath(data.redirectTo) ? { redirectTo: data.redirectTo } : {}),
        ...(typeof data.assertion === 'string' ? { assertion: data.assertion } : {}),
      };
      return { status: data.status, identity: data.identity };
    },
  };

  // the card: the agent client, loaded and created when first used
  services.card = cardServicesFromAgent(async () => {
    const [{ CardAgentClient }, cfg] = await Promise.all([import('../agent/client.js'), config()]);
    return new CardAgentClient(cfg.agentUrl ? { baseUrl: cfg.agentUrl } : {});
  });
  // PSC through the kit's routes (the confidential client is on the server); the client loads when chosen
  services.psc = pscServicesFromBackend(
    async () =>
      new (await import('../psc/backend-client.js')).PscBackendClient({ basePath: `${base}/psc`, fetch: withCsrf }),
  );

  return {
    config,
    services,
    get lastOutcome() {
      return lastOutcome;
    },
    async signOut() {
      let res: Response;
      try {
        res = await withCsrf(`${base}/signout`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { accept: 'application/json' },
        });
      } catch (err) {
        throw new LoginError('network', 'sign-out failed', { cause: err });
      }
      const data = (await res.json().catch(() => ({}))) as { redirectTo?: unknown };
      if (!res.ok) throw new LoginError('network', `sign-out: HTTP ${res.status}`);
      return typeof data.redirectTo === 'string' ? data.redirectTo : '/';
    },
  };
}
