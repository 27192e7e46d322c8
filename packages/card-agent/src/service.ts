/**
 * The card agent's loopback HTTP service, protocol v1 (docs/agent-protocol.md).
 *
 * Security rules, in the order they are applied to each request:
 * 1. the socket is bound to a loopback address only (a non-loopback host is refused at start);
 * 2. the `Host` header must name the agent on loopback (`127.0.0.1:<port>`, `localhost:<port>`,
 *    `[::1]:<port>`) — defeats DNS rebinding;
 * 3. the `Origin` header must be allowlisted, paired (bearer token bound to that origin) or, for
 *    discovery and pairing only, eligible for pairing; CORS headers are sent only to those origins;
 * 4. per-origin rate limits; bodies are JSON only and small;
 * 5. the PIN goes from the body to C_Login and nowhere else: never logged, stored or echoed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AGENT_ERROR_STATUS,
  AGENT_PROTOCOL,
  type AgentCapability,
  type AgentDiscovery,
  type CardProof,
  challengeBytes,
  DEFAULT_AGENT_PORT,
  type PinStatus,
} from '@authforte/core/agent';
import { serveAgentPage } from './agent-page-routes.js';
import { BackendError, type CardBackend, type CardRecord, type SlotRecord } from './backend.js';
import { CardEvents } from './card-events.js';
import { describeCard, pickCard, readersOf } from './card-info.js';
import { authenticateRequest, signWithCard } from './card-signing.js';
import { bearerToken, drain, HttpError, hostAllowed, readJson, wantsPage, writeError, writeJson } from './http.js';
import { RateLimiter } from './limits.js';
import {
  AgentConfigError,
  type CardAgentOptions,
  consoleLogger,
  defaultPairable,
  isLoopbackHost,
  normaliseOrigin,
  type PairingCodeNotice,
  type RateLimits,
  type RunningCardAgent,
} from './options.js';
import { PairingRequests } from './pairing-requests.js';
import { PairingStore } from './pairings.js';
import { PinAccounting } from './pin-accounting.js';

export const AGENT_VERSION = '0.1.0';

/** What the card signs: `challengeBytes` of `@authforte/core/agent`, kept under this name for one version. */
export const challengeData = challengeBytes;

export class CardAgent {
  readonly #o: Required<
    Omit<
      CardAgentOptions,
      'pairingFile' | 'onPairingCode' | 'allowedOrigins' | 'rateLimits' | 'port' | 'host' | 'maxEventStreams'
    >
  > & {
    rateLimits: RateLimits;
    maxEventStreams: { perOrigin: number; total: number };
  };
  readonly #backend: CardBackend;
  readonly #allowed: Set<string>;
  readonly #store: PairingStore;
  readonly #limiter = new RateLimiter();
  readonly #requests: PairingRequests;
  readonly #events: CardEvents;
  /** PIN tries left: the token's flags, or the agent's own count for tokens that do not report them. */
  #pins!: PinAccounting;
  #queue: Promise<unknown> = Promise.resolve();
  #authenticating = false;
  #server: Server | undefined;
  #port = 0;

  constructor(options: CardAgentOptions) {
    this.#backend = options.backend;
    this.#pins = new PinAccounting(options.maxPinTries ?? 3);
    this.#allowed = new Set((options.allowedOrigins ?? []).map(normaliseOrigin));
    const logger = options.logger ?? consoleLogger;
    const onPairingCode: (n: PairingCodeNotice) => void =
      options.onPairingCode ??
      ((n) =>
        logger.info(
          `\n  ┌──────────────────────────────────────────────\n  │ Pairing request from ${n.origin}\n  │ Approve it on ${n.approveUrl} (code ${n.matchCode}) or type in the page: ${n.code}\n  │ (valid until ${n.expiresAt.toLocaleTimeString()}; ignore it if you did not ask)\n  └──────────────────────────────────────────────\n`,
        ));
    this.#o = {
      backend: options.backend,
      pairing: options.pairing ?? true,
      pairableOrigin: options.pairableOrigin ?? defaultPairable,
      logger,
      pollIntervalMs: options.pollIntervalMs ?? 500,
      maxBodyBytes: options.maxBodyBytes ?? 8192,
      maxPinTries: options.maxPinTries ?? 3,
      rateLimits: {
        authenticatePerMinute: 10,
        pairingPerMinute: 10,
        requestsPerMinute: 600,
        pairingFailuresPerHour: 10,
        pairingFailuresPerDomainPerHour: 20,
        pairingFailuresTotalPerHour: 50,
        pairingRequestsPerDomainPerHour: 30,
        ...options.rateLimits,
      },
      maxEventStreams: { perOrigin: 4, total: 32, ...options.maxEventStreams },
    };
    this.#store = new PairingStore(options.pairingFile, (m) => logger.warn(m));
    this.#requests = new PairingRequests({
      limiter: this.#limiter,
      limits: this.#o.rateLimits,
      store: this.#store,
      logger,
      onPairingCode,
      approveUrl: () => `http://127.0.0.1:${this.#port}/`,
    });
    this.#events = new CardEvents({
      scan: () => this.#scan(),
      status: () => this.#backend.status(),
      pinStatus: (r) => this.#pinStatus(r),
      busy: () => this.#authenticating,
      authorised: (origin, token) => this.#allowed.has(origin) || this.#isPaired(origin, token),
      cors: (res, origin) => this.#cors(res, origin),
      pollIntervalMs: this.#o.pollIntervalMs,
      maxEventStreams: this.#o.maxEventStreams,
    });
  }

  /** Paired origins (never their tokens). */
  pairings(): Array<{ origin: string; createdAt: string }> {
    return this.#store.list().map(({ origin, createdAt }) => ({ origin, createdAt }));
  }

  /** Forgets every pairing of `origin`, at once. Returns how many were removed. */
  forgetPairing(origin: string): number {
    const n = this.#store.forget(origin);
    if (n) this.#o.logger.info(`card agent: forgot the pairing of ${origin}`);
    this.#events.endRevoked();
    return n;
  }

  /** Starts listening. Refuses a non-loopback address. */
  async listen(port: number = DEFAULT_AGENT_PORT, host = '127.0.0.1'): Promise<RunningCardAgent> {
    if (!isLoopbackHost(host)) {
      throw new AgentConfigError(
        `Refusing to listen on "${host}": the card agent binds to loopback only (127.0.0.1, ::1, localhost).`,
      );
    }
    const bindHost = host === '[::1]' ? '::1' : host;
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((err: unknown) => {
        this.#o.logger.error(`card agent: unexpected error ${err instanceof Error ? err.name : 'unknown'}`);
        if (!res.headersSent) this.#sendError(res, new HttpError('internal-error'), undefined);
        else res.destroy();
      });
    });
    server.headersTimeout = 10_000;
    server.requestTimeout = 120_000;
    server.maxHeadersCount = 50;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, bindHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
    this.#events.startHeartbeat();
    const urlHost = bindHost === '::1' ? '[::1]' : bindHost === 'localhost' ? '127.0.0.1' : bindHost;
    return {
      url: `http://${urlHost}:${this.#port}`,
      port: this.#port,
      host: bindHost,
      close: () => this.close(),
    };
  }

  async close(): Promise<void> {
    this.#events.close();
    const server = this.#server;
    this.#server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await this.#serial(() => this.#backend.close());
  }

  /** Runs backend calls one at a time (PKCS#11 sessions and logins are not re-entrant here). */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  // ---------------------------------------------------------------- HTTP

  #isPaired(origin: string, token: string | undefined): boolean {
    return token !== undefined && this.#store.matches(origin, token);
  }

  #mayPair(origin: string): boolean {
    return this.#o.pairing && this.#o.pairableOrigin(origin);
  }

  /** Origins that get CORS headers at all. */
  #eligible(origin: string): boolean {
    return this.#allowed.has(origin) || this.#mayPair(origin) || this.#store.has(origin);
  }

  #cors(res: ServerResponse, origin: string | undefined): void {
    if (!origin || !this.#eligible(origin)) return;
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
    res.setHeader('access-control-expose-headers', 'retry-after');
  }

  #send(res: ServerResponse, status: number, body: unknown, origin: string | undefined): void {
    this.#cors(res, origin);
    writeJson(res, status, body);
  }

  #sendError(res: ServerResponse, err: HttpError, origin: string | undefined): void {
    this.#cors(res, origin);
    writeError(res, err);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const rawOrigin = req.headers.origin;
    const origin = typeof rawOrigin === 'string' && rawOrigin !== 'null' ? rawOrigin : undefined;
    let status = 0;
    let code = '';
    res.on('finish', () => {
      // one line per request: method, path, origin, status, error code. Never headers or bodies.
      this.#o.logger.info(
        `${req.method} ${path.slice(0, 100)} origin=${(origin ?? '-').slice(0, 100)} → ${status || res.statusCode}${code ? ` ${code}` : ''} ${Date.now() - started}ms`,
      );
    });
    try {
      await this.#route(req, res, path, origin, rawOrigin);
    } catch (err) {
      const e =
        err instanceof HttpError
          ? err
          : err instanceof BackendError
            ? new HttpError(err.code)
            : new HttpError('internal-error');
      if (!(err instanceof HttpError) && !(err instanceof BackendError))
        this.#o.logger.error(`card agent: internal error (${err instanceof Error ? err.name : 'unknown'})`);
      code = e.code;
      status = AGENT_ERROR_STATUS[e.code];
      // read what is left of a refused body, without keeping it, so that the client (still sending)
      // gets the answer instead of a reset connection
      await drain(req);
      // never give CORS headers to a foreign Host (DNS rebinding) or a refused origin
      const corsOrigin = e.code === 'host-not-allowed' || e.code === 'origin-not-allowed' ? undefined : origin;
      if (!res.headersSent) this.#sendError(res, e, corsOrigin);
    }
  }

  async #route(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    origin: string | undefined,
    rawOrigin: string | string[] | undefined,
  ): Promise<void> {
    if (!hostAllowed(req.headers.host, this.#port)) throw new HttpError('host-not-allowed');
    const method = req.method ?? 'GET';
    if (path.startsWith('/agent/') || (path === '/' && wantsPage(req, rawOrigin)))
      return serveAgentPage(req, res, path, method, {
        pending: () => this.#requests.list(),
        paired: () => this.pairings(),
        allowed: () => [...this.#allowed],
        decide: (id, decision) => this.#requests.decide(id, decision),
        forget: (origin) => this.forgetPairing(origin),
      });
    const isDiscovery = path === '/v1' || path === '/v1/' || path === '/';

    if (rawOrigin === undefined) {
      // Non-browser callers (no Origin) get discovery only: signing needs an origin to bind to.
      if (isDiscovery && method === 'GET')
        return this.#send(res, 200, await this.#discovery(undefined, false), undefined);
      throw new HttpError('origin-required');
    }
    if (!origin || !this.#eligible(origin)) throw new HttpError('origin-not-allowed');

    const wait = this.#limiter.take(`all|${origin}`, this.#o.rateLimits.requestsPerMinute);
    if (wait) throw new HttpError('rate-limited', undefined, { retryAfterSeconds: wait });

    if (method === 'OPTIONS') return this.#preflight(req, res, origin);

    const token = bearerToken(req);
    const authorised = this.#allowed.has(origin) || this.#isPaired(origin, token);

    if (isDiscovery) {
      if (method !== 'GET') throw new HttpError('method-not-allowed');
      // a stranger (neither allowlisted nor paired) learns only that pairing is possible
      const answer = authorised ? await this.#discovery(origin, true) : this.#strangerDiscovery(origin);
      return this.#send(res, 200, answer, origin);
    }
    if (path === '/v1/pairing' && method === 'POST') {
      await readJson(req, this.#o.maxBodyBytes);
      if (!this.#mayPair(origin)) throw new HttpError('pairing-disabled');
      return this.#send(res, 200, this.#requests.start(origin), origin);
    }
    if (path === '/v1/pairing' && method === 'DELETE') {
      if (!authorised) throw new HttpError('not-paired');
      if (token) this.#store.forget(origin, token);
      return this.#send(res, 200, { ok: true }, origin);
    }
    const confirm = /^\/v1\/pairing\/([A-Za-z0-9_-]{1,64})\/confirm$/.exec(path);
    if (confirm && method === 'POST') {
      const body = await readJson(req, this.#o.maxBodyBytes);
      return this.#send(res, 200, this.#requests.confirm(origin, confirm[1]!, body), origin);
    }
    const poll = /^\/v1\/pairing\/([A-Za-z0-9_-]{1,64})$/.exec(path);
    if (poll && method === 'GET') return this.#send(res, 200, this.#requests.status(origin, poll[1]!), origin);

    const routes: Record<string, string> = {
      '/v1/readers': 'GET',
      '/v1/card': 'GET',
      '/v1/events': 'GET',
      '/v1/authenticate': 'POST',
    };
    const expected = routes[path];
    if (!expected && !path.startsWith('/v1/pairing')) throw new HttpError('not-found');
    if (expected !== method) throw new HttpError('method-not-allowed');
    if (!authorised) throw new HttpError('not-paired');

    switch (path) {
      case '/v1/readers':
        return this.#send(res, 200, { readers: readersOf(await this.#scan()) }, origin);
      case '/v1/card': {
        const slot = new URL(req.url ?? '/', 'http://x').searchParams.get('slot') ?? undefined;
        const record = pickCard(await this.#scan(), slot);
        return this.#send(res, 200, { card: describeCard(record, this.#pinStatus(record)) }, origin);
      }
      case '/v1/events':
        return this.#events.open(res, origin, token);
      case '/v1/authenticate': {
        const body = await readJson(req, this.#o.maxBodyBytes);
        return this.#send(res, 200, { proof: await this.#authenticate(origin, body) }, origin);
      }
    }
  }

  #preflight(req: IncomingMessage, res: ServerResponse, origin: string): void {
    this.#cors(res, origin);
    res.setHeader('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS');
    res.setHeader('access-control-allow-headers', 'authorization, content-type');
    res.setHeader('access-control-max-age', '600');
    // Chrome's Private Network Access preflight
    if (req.headers['access-control-request-private-network'] === 'true')
      res.setHeader('access-control-allow-private-network', 'true');
    res.writeHead(204, { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end();
  }

  /** What an origin that is neither allowlisted nor paired may know: the protocol, and whether it may pair. */
  #strangerDiscovery(origin: string): AgentDiscovery {
    return { protocol: AGENT_PROTOCOL, versions: [1], paired: false, pairing: this.#mayPair(origin) };
  }

  async #discovery(origin: string | undefined, paired: boolean): Promise<AgentDiscovery> {
    const capabilities: AgentCapability[] = ['events', 'card-info', 'authenticate', 'final-try-guard'];
    if (this.#o.pairing) capabilities.unshift('pairing');
    return {
      protocol: AGENT_PROTOCOL,
      versions: [1],
      agent: { name: '@authforte/card-agent', version: AGENT_VERSION },
      capabilities,
      paired: origin !== undefined && paired,
      pairing: origin !== undefined && this.#mayPair(origin),
      backend: { kind: this.#backend.kind, status: this.#backend.status() },
    };
  }

  // ---------------------------------------------------------------- cards

  #scan(): Promise<SlotRecord[]> {
    return this.#serial(() => this.#backend.scan());
  }

  /** PIN status from this reading of the token (see ./pin-accounting.ts). */
  #pinStatus(r: CardRecord): PinStatus {
    return this.#pins.status(r);
  }

  /** `POST /v1/authenticate`: one sign-in at a time, rate-limited per origin (see ./card-signing.ts). */
  async #authenticate(origin: string, body: Record<string, unknown>): Promise<CardProof> {
    const request = authenticateRequest(body);
    const wait = this.#limiter.take(`auth|${origin}`, this.#o.rateLimits.authenticatePerMinute);
    if (wait) throw new HttpError('rate-limited', undefined, { retryAfterSeconds: wait });
    if (this.#authenticating) throw new HttpError('busy');
    this.#authenticating = true;
    try {
      return await this.#serial(async () => {
        const record = pickCard(await this.#backend.scan(), request.slot);
        return signWithCard(
          { backend: this.#backend, pins: this.#pins, broadcastPin: (r) => this.#events.broadcastPin(r) },
          record,
          origin,
          request,
        );
      });
    } finally {
      this.#authenticating = false;
    }
  }
}

/** Creates the agent and starts listening on loopback. */
export async function startCardAgent(options: CardAgentOptions): Promise<RunningCardAgent & { agent: CardAgent }> {
  const agent = new CardAgent(options);
  const running = await agent.listen(options.port ?? DEFAULT_AGENT_PORT, options.host ?? '127.0.0.1');
  return { ...running, agent };
}
