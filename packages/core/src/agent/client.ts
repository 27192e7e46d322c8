/**
 * Browser (and Node) client of the local card agent, protocol v1 (`docs/agent-protocol.md`).
 * Uses only `fetch` and streams, so it runs in any modern browser and in Node ≥ 20.
 */
import { AgentError, isAgentErrorCode } from './errors.js';
import {
  AGENT_PROTOCOL,
  AGENT_PROTOCOL_VERSION,
  type AgentDiscovery,
  type AgentEvent,
  type CardInfo,
  type CardProof,
  DEFAULT_AGENT_URL,
  type PairingPending,
  type PairingRequest,
  type PairingResult,
  type ReaderInfo,
} from './protocol.js';

/** Where the client keeps the pairing token (per agent URL). Default: `localStorage`, else memory. */
export interface AgentTokenStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export interface CardAgentClientOptions {
  /** Agent base URL. Default `http://127.0.0.1:24680`. */
  baseUrl?: string;
  fetch?: typeof fetch;
  tokenStore?: AgentTokenStore;
  /** Default timeout of a request, ms (10 s). `authenticate` has its own default (60 s). */
  timeoutMs?: number;
  /** Timeout of detection, ms (3 s). */
  detectTimeoutMs?: number;
  /**
   * State of the browser's local-network permission, used to tell "blocked" from "not installed".
   * Default: `navigator.permissions.query` on the names Chromium uses (`loopback-network`,
   * `local-network-access`, `local-network`).
   */
  queryLocalNetworkPermission?: () => Promise<PermissionState | undefined>;
  /** Extra headers (Node callers set `origin` here; browsers set it themselves). */
  headers?: Record<string, string>;
}

export type AgentDetection =
  | { status: 'ready'; discovery: AgentDiscovery }
  | { status: 'not-paired'; discovery: AgentDiscovery }
  | { status: 'not-installed' }
  | { status: 'blocked'; permission: 'denied' | 'prompt' }
  | { status: 'version-mismatch'; versions: number[] };

export interface AuthenticateOptions {
  nonce: string;
  pin: string;
  confirmFinalTry?: boolean;
  slot?: string;
  signal?: AbortSignal;
  /** Default 60 s (a user may have to wait for a slow card). */
  timeoutMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface SubscribeOptions {
  signal?: AbortSignal;
  /** Called once if the stream fails or ends (not after `signal` aborts). */
  onError?: (error: AgentError) => void;
}

function memoryStore(): AgentTokenStore {
  const m = new Map<string, string>();
  return { get: (k) => m.get(k) ?? null, set: (k, v) => void m.set(k, v), delete: (k) => void m.delete(k) };
}

function defaultStore(): AgentTokenStore {
  try {
    const ls = globalThis.localStorage;
    if (ls) {
      const probe = '__authforte_probe__';
      ls.setItem(probe, '1');
      ls.removeItem(probe);
      return {
        get: (k) => ls.getItem(k),
        set: (k, v) => ls.setItem(k, v),
        delete: (k) => ls.removeItem(k),
      };
    }
  } catch {
    // storage disabled: fall through
  }
  return memoryStore();
}

async function defaultPermissionQuery(): Promise<PermissionState | undefined> {
  const perms = (globalThis as { navigator?: { permissions?: Permissions } }).navigator?.permissions;
  if (!perms) return undefined;
  let result: PermissionState | undefined;
  for (const name of ['loopback-network', 'local-network-access', 'local-network']) {
    try {
      const status = await perms.query({ name } as unknown as PermissionDescriptor);
      if (status.state === 'denied') return 'denied';
      if (status.state === 'prompt') result = 'prompt';
      else result ??= status.state;
    } catch {
      // unknown permission name in this browser
    }
  }
  return result;
}

function isAbort(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: string }).name === 'AbortError';
}

/** Parses Server-Sent Events from a byte stream. */
async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: string }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let nl = buffer.search(/\r?\n/);
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(buffer[nl] === '\r' ? nl + 2 : nl + 1);
        if (line === '') {
          if (data.length) yield { event, data: data.join('\n') };
          event = 'message';
          data = [];
        } else if (!line.startsWith(':')) {
          const i = line.indexOf(':');
          const field = i < 0 ? line : line.slice(0, i);
          const val = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
          if (field === 'event') event = val;
          else if (field === 'data') data.push(val);
        }
        nl = buffer.search(/\r?\n/);
      }
    }
  } finally {
    reader.releaseLock();
  }
}

export class CardAgentClient {
  readonly baseUrl: string;
  #fetch: typeof fetch;
  #store: AgentTokenStore;
  #timeoutMs: number;
  #detectTimeoutMs: number;
  #queryPermission: () => Promise<PermissionState | undefined>;
  #headers: Record<string, string>;

  constructor(options: CardAgentClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_AGENT_URL).replace(/\/+$/, '');
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#store = options.tokenStore ?? defaultStore();
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#detectTimeoutMs = options.detectTimeoutMs ?? 3_000;
    this.#queryPermission = options.queryLocalNetworkPermission ?? defaultPermissionQuery;
    this.#headers = options.headers ?? {};
  }

  get #tokenKey(): string {
    return `authforte.card-agent.token:${this.baseUrl}`;
  }

  /** Whether this client holds a pairing token. */
  get hasToken(): boolean {
    return this.#store.get(this.#tokenKey) !== null;
  }

  forgetPairing(): void {
    this.#store.delete(this.#tokenKey);
  }

  #signal(opts: RequestOptions, defaultTimeout: number): { signal: AbortSignal; timedOut: () => boolean } {
    const timeout = opts.timeoutMs ?? defaultTimeout;
    const timer = AbortSignal.timeout(timeout);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timer]) : timer;
    return { signal, timedOut: () => timer.aborted && !opts.signal?.aborted };
  }

  async #request<T>(
    method: string,
    path: string,
    body: unknown,
    opts: RequestOptions,
    defaultTimeout = this.#timeoutMs,
  ): Promise<T> {
    if (opts.signal?.aborted) throw new AgentError('cancelled');
    const { signal, timedOut } = this.#signal(opts, defaultTimeout);
    const headers: Record<string, string> = { accept: 'application/json', ...this.#headers };
    const token = this.#store.get(this.#tokenKey);
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.#fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal,
        cache: 'no-store',
      });
    } catch (err) {
      if (timedOut()) throw new AgentError('timeout', undefined, { cause: err });
      if (isAbort(err) || opts.signal?.aborted) throw new AgentError('cancelled', undefined, { cause: err });
      throw new AgentError('network-error', undefined, { cause: err });
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch (err) {
      if (timedOut()) throw new AgentError('timeout', undefined, { cause: err });
      if (opts.signal?.aborted) throw new AgentError('cancelled', undefined, { cause: err });
      throw new AgentError('protocol-error', `Answer of ${method} ${path} is not JSON (HTTP ${res.status})`);
    }
    if (!res.ok) throw this.#errorFrom(json, res.status);
    return json as T;
  }

  #errorFrom(json: unknown, status: number): AgentError {
    const e = (
      json as { error?: { code?: unknown; message?: unknown; triesLeft?: unknown; retryAfterSeconds?: unknown } }
    )?.error;
    if (!e || !isAgentErrorCode(e.code)) return new AgentError('protocol-error', `Unexpected HTTP ${status} answer`);
    if (e.code === 'not-paired') this.forgetPairing();
    return new AgentError(e.code, typeof e.message === 'string' ? e.message : undefined, {
      status,
      ...(typeof e.triesLeft === 'number' ? { triesLeft: e.triesLeft } : {}),
      ...(typeof e.retryAfterSeconds === 'number' ? { retryAfterSeconds: e.retryAfterSeconds } : {}),
    });
  }

  /**
   * Finds the agent and says what stands in the way: `not-installed` (nothing answers),
   * `blocked` (the browser's local network permission is denied or pending), `version-mismatch`,
   * `not-paired`, or `ready`. Never throws, except `cancelled` when `signal` aborts.
   */
  async detect(opts: RequestOptions = {}): Promise<AgentDetection> {
    let discovery: AgentDiscovery;
    try {
      discovery = await this.#request<AgentDiscovery>('GET', '/v1', undefined, opts, this.#detectTimeoutMs);
    } catch (err) {
      const code = err instanceof AgentError ? err.code : 'network-error';
      if (code === 'cancelled') throw err;
      if (code === 'network-error' || code === 'timeout') {
        const permission = await this.#queryPermission().catch(() => undefined);
        if (permission === 'denied') return { status: 'blocked', permission };
        // a pending permission prompt holds the request until the user answers
        if (permission === 'prompt' && code === 'timeout') return { status: 'blocked', permission };
      }
      return { status: 'not-installed' };
    }
    if (discovery?.protocol !== AGENT_PROTOCOL || !Array.isArray(discovery.versions))
      return { status: 'not-installed' };
    if (!discovery.versions.includes(AGENT_PROTOCOL_VERSION))
      return { status: 'version-mismatch', versions: discovery.versions };
    if (!discovery.paired) {
      if (this.hasToken) this.forgetPairing();
      return { status: 'not-paired', discovery };
    }
    return { status: 'ready', discovery };
  }

  /** Asks the agent to pair with this page's origin; the agent then shows a code to the user. */
  async requestPairing(opts: RequestOptions = {}): Promise<PairingRequest> {
    const { approveUrl: _ignored, ...p } = await this.#request<PairingRequest>('POST', '/v1/pairing', {}, opts);
    // the approval page is the agent's own origin, whatever the answer says (the page links to it)
    const matchCode = typeof p.matchCode === 'string' && /^[A-Z0-9]{4,8}$/.test(p.matchCode) ? p.matchCode : undefined;
    return matchCode ? { ...p, matchCode, approveUrl: `${this.baseUrl}/` } : { ...p, matchCode: undefined };
  }

  /** Sends the code the user copied from the agent; on success keeps the token. */
  async confirmPairing(pairingId: string, code: string, opts: RequestOptions = {}): Promise<void> {
    const result = await this.#request<PairingResult>(
      'POST',
      `/v1/pairing/${encodeURIComponent(pairingId)}/confirm`,
      { code },
      opts,
    );
    this.#keepToken(result);
  }

  #keepToken(result: PairingResult | undefined): void {
    if (typeof result?.token !== 'string') throw new AgentError('protocol-error', 'Pairing answer without token');
    this.#store.set(this.#tokenKey, result.token);
  }

  /**
   * Waits until the user approves the request on the agent's own page (polling
   * `GET /v1/pairing/{id}`), then keeps the token. Throws `pairing-unknown` when the request was refused or
   * expired, `cancelled` when `signal` aborts.
   */
  async waitForPairingApproval(
    pairingId: string,
    opts: { signal?: AbortSignal; intervalMs?: number } = {},
  ): Promise<void> {
    const path = `/v1/pairing/${encodeURIComponent(pairingId)}`;
    const interval = opts.intervalMs ?? 1000;
    for (;;) {
      const result = await this.#request<PairingPending | PairingResult>('GET', path, undefined, {
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      if (result?.status !== 'pending') return this.#keepToken(result as PairingResult);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, interval);
        opts.signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(new AgentError('cancelled'));
          },
          { once: true },
        );
      });
    }
  }

  /** Forgets this origin's pairing, on the agent and locally. */
  async unpair(opts: RequestOptions = {}): Promise<void> {
    try {
      await this.#request('DELETE', '/v1/pairing', undefined, opts);
    } finally {
      this.forgetPairing();
    }
  }

  async readers(opts: RequestOptions = {}): Promise<ReaderInfo[]> {
    return (await this.#request<{ readers: ReaderInfo[] }>('GET', '/v1/readers', undefined, opts)).readers;
  }

  /** The card in `slot`, or the only card present. Throws `no-reader`, `no-card`… */
  async cardInfo(opts: RequestOptions & { slot?: string } = {}): Promise<CardInfo> {
    const q = opts.slot ? `?slot=${encodeURIComponent(opts.slot)}` : '';
    return (await this.#request<{ card: CardInfo }>('GET', `/v1/card${q}`, undefined, opts)).card;
  }

  /**
   * Verifies the PIN and signs the origin-bound challenge. Throws `pin-incorrect` (with
   * `triesLeft`), `pin-locked`, `final-try-confirmation-required`, `card-removed`, `timeout`, `cancelled`…
   */
  async authenticate(options: AuthenticateOptions): Promise<CardProof> {
    const body: Record<string, unknown> = { nonce: options.nonce, pin: options.pin };
    if (options.confirmFinalTry) body.confirmFinalTry = true;
    if (options.slot) body.slot = options.slot;
    const opts: RequestOptions = {};
    if (options.signal) opts.signal = options.signal;
    if (options.timeoutMs !== undefined) opts.timeoutMs = options.timeoutMs;
    const result = await this.#request<{ proof: CardProof }>('POST', '/v1/authenticate', body, opts, 60_000);
    if (!result?.proof || typeof result.proof.signature !== 'string')
      throw new AgentError('protocol-error', 'Authenticate answer without proof');
    return result.proof;
  }

  /**
   * Subscribes to reader and card events (first event: `hello` with the current state).
   * Resolves once the stream is open; stops when `signal` aborts.
   */
  async subscribe(listener: (event: AgentEvent) => void, options: SubscribeOptions = {}): Promise<void> {
    const headers: Record<string, string> = { accept: 'text/event-stream', ...this.#headers };
    const token = this.#store.get(this.#tokenKey);
    if (token) headers.authorization = `Bearer ${token}`;
    const signal = options.signal;
    let res: Response;
    try {
      res = await this.#fetch(`${this.baseUrl}/v1/events`, {
        headers,
        cache: 'no-store',
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (signal?.aborted) throw new AgentError('cancelled', undefined, { cause: err });
      throw new AgentError('network-error', undefined, { cause: err });
    }
    if (!res.ok || !res.body) {
      const json = await res.json().catch(() => undefined);
      throw this.#errorFrom(json, res.status);
    }
    const body = res.body;
    void (async () => {
      try {
        for await (const { event, data } of readSse(body)) {
          let parsed: AgentEvent;
          try {
            parsed = { type: event, ...JSON.parse(data) } as AgentEvent;
          } catch {
            continue;
          }
          listener(parsed);
        }
        if (!signal?.aborted) options.onError?.(new AgentError('network-error', 'The event stream ended'));
      } catch (err) {
        if (!signal?.aborted) options.onError?.(new AgentError('network-error', undefined, { cause: err }));
      }
    })();
  }
}
