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
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AGENT_ERROR_MESSAGES,
  AGENT_ERROR_STATUS,
  AGENT_PROTOCOL,
  type AgentCapability,
  type AgentDiscovery,
  type AgentEvent,
  type AgentServerErrorCode,
  bytesToBase64,
  bytesToBase64Url,
  CARD_PROOF_FORMAT,
  type CardInfo,
  type CardProof,
  challengeBytes,
  DEFAULT_AGENT_PORT,
  type PinStatus,
  type ReaderInfo,
} from '@authforte/core/agent';
import { cardHolderFromCertificate, formatName, parseCertificate } from '@authforte/core/certificate';
import {
  AGENT_PAGE_CSS,
  AGENT_PAGE_HEADERS,
  AGENT_PAGE_JS,
  type PageModel,
  pageLang,
  renderAgentPage,
} from './agent-page.js';
import { BackendError, type CardBackend, type CardRecord, type SlotRecord } from './backend.js';
import { RateLimiter, registrableDomain } from './limits.js';
import { PairingStore, sha256 } from './pairings.js';
import { PinAccounting } from './pin-accounting.js';

export const AGENT_VERSION = '0.1.0';

/** Failed scans in a row (other than "no module") after which the agent reports the readers gone. */
const SCAN_FAILURES_BEFORE_GONE = 3;

export interface AgentLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface PairingCodeNotice {
  origin: string;
  /** The 6-digit code to type into the page. */
  code: string;
  /** The verification code the page shows, to compare on the agent page before approving. */
  matchCode: string;
  /** The agent's own page, where the request is approved. */
  approveUrl: string;
  expiresAt: Date;
}

export interface CardAgentOptions {
  backend: CardBackend;
  /** TCP port (default 24680; 0 picks a free one). */
  port?: number;
  /** Bind address: a loopback address only (`127.0.0.1` default, `::1`, `localhost`). */
  host?: string;
  /** Origins that may use the agent without pairing, e.g. `https://app.example.fr`. */
  allowedOrigins?: string[];
  /** Accept pairing requests (default true). */
  pairing?: boolean;
  /**
   * Which origins may ask to pair. Default: any `https:` origin, and `http:` on localhost /
   * 127.0.0.1 / [::1] (development).
   */
  pairableOrigin?: (origin: string) => boolean;
  /** JSON file where paired origins are kept (hashes of their tokens only). Default: memory only. */
  pairingFile?: string;
  /** Shows the pairing code to the user. Default: a banner through the logger. */
  onPairingCode?: (notice: PairingCodeNotice) => void;
  logger?: AgentLogger;
  /** Slot polling interval while someone listens to events, ms (default 500). */
  pollIntervalMs?: number;
  /** Largest accepted request body, bytes (default 8192). */
  maxBodyBytes?: number;
  /** Tries of a fresh PIN, for the agent's own count (default 3, as on a CPS). */
  maxPinTries?: number;
  rateLimits?: Partial<RateLimits>;
  /** Event streams open at once: per origin (default 4) and in total (default 32). */
  maxEventStreams?: Partial<{ perOrigin: number; total: number }>;
}

export interface RateLimits {
  /** Authentication attempts per origin per minute (default 10). */
  authenticatePerMinute: number;
  /** Pairing requests and confirmations per origin per minute (default 10). */
  pairingPerMinute: number;
  /** All requests per origin per minute (default 600). */
  requestsPerMinute: number;
  /** Wrong pairing codes per origin per hour before pairing confirmations are refused (default 10). */
  pairingFailuresPerHour: number;
  /** Wrong pairing codes per registrable domain (all its sub-domains together) per hour (default 20). */
  pairingFailuresPerDomainPerHour: number;
  /** Wrong pairing codes of all origins together per hour (default 50). */
  pairingFailuresTotalPerHour: number;
  /** Pairing requests per registrable domain per hour (default 30). */
  pairingRequestsPerDomainPerHour: number;
}

export interface RunningCardAgent {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

export class AgentConfigError extends Error {
  override readonly name = 'AgentConfigError';
}

/** Pending pairing requests kept at once: in total, and per registrable domain. */
const MAX_PENDING = 20;
const MAX_PENDING_PER_DOMAIN = 3;
/** How long a pairing request waits for its code or its approval. */
const PAIRING_TTL_MS = 120_000;
/** Largest refused body the agent reads (and throws away) so that the client sees the 413 answer. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

/** The only bind addresses (docs/agent-protocol.md §1): not any 127.x address, not a name. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host);
}

/** Verification codes shown on the requesting page and on the agent page: no 0/O, 1/I/L. */
const MATCH_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function matchCode(): string {
  let out = '';
  for (let i = 0; i < 4; i++) out += MATCH_ALPHABET[randomInt(0, MATCH_ALPHABET.length)];
  return out;
}

function defaultPairable(origin: string): boolean {
  try {
    const u = new URL(origin);
    if (u.origin !== origin) return false;
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

function normaliseOrigin(origin: string): string {
  const u = new URL(origin);
  if (u.origin === 'null') throw new AgentConfigError(`Not an origin: ${origin}`);
  return u.origin;
}

const consoleLogger: AgentLogger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

class HttpError extends Error {
  constructor(
    readonly code: AgentServerErrorCode,
    message: string = AGENT_ERROR_MESSAGES[code],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface PendingPairing {
  id: string;
  origin: string;
  /** Typed into the page: shown only by the agent (console banner, `onPairingCode`). */
  code: string;
  /** Shown on both the page and the agent page, to compare before approving. */
  matchCode: string;
  expiresAt: number;
  attempts: number;
  approved: boolean;
}

/** The 64 bytes the card signs: SHA-256(origin) ‖ SHA-256(nonce), both as UTF-8. */
/** What the card signs: `challengeBytes` of `@authforte/core/agent`, kept under this name for one version. */
export const challengeData = challengeBytes;

function cardSerial(label: string, tokenSerial: string): string {
  const m = /^CP[SFEA][\w.]*-(\w+)$/i.exec(label);
  return m?.[1] ?? tokenSerial;
}

/** Builds the public card description from what the backend read. Throws `card-unreadable`. */
export function describeCard(record: CardRecord, pin: PinStatus, now = new Date()): CardInfo {
  if (!record.certificate) throw new HttpError('card-unreadable');
  let parsed: ReturnType<typeof parseCertificate>;
  try {
    parsed = parseCertificate(record.certificate);
  } catch {
    throw new HttpError('card-unreadable', 'The authentication certificate cannot be read');
  }
  const { holder, cardType } = cardHolderFromCertificate(parsed);
  return {
    slot: record.slot,
    reader: record.reader,
    label: record.label,
    serial: cardSerial(record.label, record.tokenSerial),
    cardType,
    holder,
    certificate: {
      serialNumber: parsed.serialNumber,
      subject: formatName(parsed.subject),
      issuer: formatName(parsed.issuer),
      notBefore: parsed.notBefore.toISOString(),
      notAfter: parsed.notAfter.toISOString(),
      expired: now < parsed.notBefore || now > parsed.notAfter,
      der: bytesToBase64(record.certificate),
    },
    pin,
    ...(record.pinPad ? { pinPad: true } : {}),
  };
}

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
  readonly #onPairingCode: (n: PairingCodeNotice) => void;
  readonly #limiter = new RateLimiter();
  #pending = new Map<string, PendingPairing>();
  /** PIN tries left: the token's flags, or the agent's own count for tokens that do not report them. */
  #pins!: PinAccounting;
  #queue: Promise<unknown> = Promise.resolve();
  #authenticating = false;
  #subscribers = new Set<ServerResponse>();
  /** Open event streams per origin. */
  #streams = new Map<string, number>();
  /** Who opened each stream, so that a revoked pairing ends its streams too. */
  #streamAuth = new Map<ServerResponse, { origin: string; token: string | undefined }>();
  #pollTimer: ReturnType<typeof setInterval> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #lastSlots: SlotRecord[] | undefined;
  /** Cards already announced to subscribers (slot|label|serial). */
  #announced = new Set<string>();
  #lastStatus: 'ready' | 'module-unavailable' | undefined;
  #server: Server | undefined;
  #port = 0;

  constructor(options: CardAgentOptions) {
    this.#backend = options.backend;
    this.#pins = new PinAccounting(options.maxPinTries ?? 3);
    this.#allowed = new Set((options.allowedOrigins ?? []).map(normaliseOrigin));
    const logger = options.logger ?? consoleLogger;
    this.#onPairingCode =
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
  }

  /** Paired origins (never their tokens). */
  pairings(): Array<{ origin: string; createdAt: string }> {
    return this.#store.list().map(({ origin, createdAt }) => ({ origin, createdAt }));
  }

  /** Forgets every pairing of `origin`, at once. Returns how many were removed. */
  forgetPairing(origin: string): number {
    const n = this.#store.forget(origin);
    if (n) this.#o.logger.info(`card agent: forgot the pairing of ${origin}`);
    this.#endRevokedStreams();
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
    this.#heartbeat = setInterval(() => {
      for (const s of this.#subscribers) s.write(': keep-alive\n\n');
    }, 15_000);
    this.#heartbeat.unref();
    const urlHost = bindHost === '::1' ? '[::1]' : bindHost === 'localhost' ? '127.0.0.1' : bindHost;
    return {
      url: `http://${urlHost}:${this.#port}`,
      port: this.#port,
      host: bindHost,
      close: () => this.close(),
    };
  }

  async close(): Promise<void> {
    if (this.#pollTimer) clearInterval(this.#pollTimer);
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#pollTimer = undefined;
    for (const s of this.#subscribers) s.end();
    this.#subscribers.clear();
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

  #hostAllowed(hostHeader: string | undefined): boolean {
    if (!hostHeader) return false;
    const p = this.#port;
    return [`127.0.0.1:${p}`, `localhost:${p}`, `[::1]:${p}`].includes(hostHeader.toLowerCase());
  }

  #tokenFor(req: IncomingMessage): string | undefined {
    const h = req.headers.authorization;
    const m = typeof h === 'string' ? /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(h) : null;
    return m?.[1];
  }

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
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(JSON.stringify(body));
  }

  #sendError(res: ServerResponse, err: HttpError, origin: string | undefined): void {
    if (err.code === 'body-too-large') res.setHeader('connection', 'close');
    if (err.code === 'rate-limited' && typeof err.extra.retryAfterSeconds === 'number')
      res.setHeader('retry-after', String(err.extra.retryAfterSeconds));
    this.#send(
      res,
      AGENT_ERROR_STATUS[err.code],
      { error: { code: err.code, message: err.message, ...err.extra } },
      origin,
    );
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
      await this.#drain(req);
      // never give CORS headers to a foreign Host (DNS rebinding) or a refused origin
      const corsOrigin = e.code === 'host-not-allowed' || e.code === 'origin-not-allowed' ? undefined : origin;
      if (!res.headersSent) this.#sendError(res, e, corsOrigin);
    }
  }

  /** Reads and throws away the rest of the request body (at most MAX_DRAIN_BYTES, 10 s). */
  #drain(req: IncomingMessage): Promise<void> {
    if (req.complete || req.readableEnded) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let size = 0;
      const done = () => {
        clearTimeout(timer);
        req.off('data', onData);
        resolve();
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_DRAIN_BYTES) done();
      };
      const timer = setTimeout(done, 10_000);
      req.on('data', onData);
      req.once('end', done);
      req.once('close', done);
      req.once('error', done);
      req.resume();
    });
  }

  async #route(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    origin: string | undefined,
    rawOrigin: string | string[] | undefined,
  ): Promise<void> {
    if (!this.#hostAllowed(req.headers.host)) throw new HttpError('host-not-allowed');
    const method = req.method ?? 'GET';
    if (path.startsWith('/agent/') || (path === '/' && this.#wantsPage(req, rawOrigin)))
      return this.#agentPage(req, res, path, method);
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

    const token = this.#tokenFor(req);
    const authorised = this.#allowed.has(origin) || this.#isPaired(origin, token);

    if (isDiscovery) {
      if (method !== 'GET') throw new HttpError('method-not-allowed');
      // a stranger (neither allowlisted nor paired) learns only that pairing is possible
      const answer = authorised ? await this.#discovery(origin, true) : this.#strangerDiscovery(origin);
      return this.#send(res, 200, answer, origin);
    }
    if (path === '/v1/pairing' && method === 'POST') {
      await this.#readJson(req);
      return this.#startPairing(res, origin);
    }
    if (path === '/v1/pairing' && method === 'DELETE') {
      if (!authorised) throw new HttpError('not-paired');
      if (token) this.#store.forget(origin, token);
      return this.#send(res, 200, { ok: true }, origin);
    }
    const confirm = /^\/v1\/pairing\/([A-Za-z0-9_-]{1,64})\/confirm$/.exec(path);
    if (confirm && method === 'POST') {
      const body = await this.#readJson(req);
      return this.#confirmPairing(res, origin, confirm[1]!, body);
    }
    const poll = /^\/v1\/pairing\/([A-Za-z0-9_-]{1,64})$/.exec(path);
    if (poll && method === 'GET') return this.#pairingStatus(res, origin, poll[1]!);

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
        return this.#send(res, 200, { readers: this.#readers(await this.#scan()) }, origin);
      case '/v1/card': {
        const slot = new URL(req.url ?? '/', 'http://x').searchParams.get('slot') ?? undefined;
        const record = this.#pickCard(await this.#scan(), slot);
        return this.#send(res, 200, { card: describeCard(record, this.#pinStatus(record)) }, origin);
      }
      case '/v1/events':
        return this.#events(res, origin, token);
      case '/v1/authenticate': {
        const body = await this.#readJson(req);
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

  async #readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (type !== 'application/json') throw new HttpError('unsupported-media-type');
    const max = this.#o.maxBodyBytes;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) throw new HttpError('body-too-large');
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size <= max) return void chunks.push(chunk);
        // stop keeping it; #handle reads the rest, answers, then closes the connection
        req.off('data', onData);
        reject(new HttpError('body-too-large'));
      };
      req.on('data', onData);
      req.once('end', resolve);
      req.once('error', reject);
    });
    let value: unknown;
    try {
      value = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      throw new HttpError('bad-request', 'The body is not valid JSON');
    } finally {
      for (const c of chunks) c.fill(0);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new HttpError('bad-request', 'The body must be a JSON object');
    return value as Record<string, unknown>;
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

  // ---------------------------------------------------------------- pairing

  #tooMany(key: string, limit: number, windowMs: number, message?: string): void {
    const wait = this.#limiter.take(key, limit, Date.now(), windowMs);
    if (wait) throw new HttpError('rate-limited', message, { retryAfterSeconds: wait });
  }

  #dropExpired(now = Date.now()): void {
    for (const [id, p] of this.#pending) if (p.expiresAt < now) this.#pending.delete(id);
  }

  #startPairing(res: ServerResponse, origin: string): void {
    if (!this.#mayPair(origin)) throw new HttpError('pairing-disabled');
    const domain = registrableDomain(origin);
    this.#tooMany(`pair|${origin}`, this.#o.rateLimits.pairingPerMinute, 60_000);
    this.#tooMany(`pairdom|${domain}`, this.#o.rateLimits.pairingRequestsPerDomainPerHour, 3_600_000);
    const now = Date.now();
    this.#dropExpired(now);
    for (const [id, p] of this.#pending) if (p.origin === origin) this.#pending.delete(id);
    const pending = [...this.#pending.values()];
    // many origins of one domain, or many domains, cannot fill the agent page with requests
    if (
      pending.length >= MAX_PENDING ||
      pending.filter((p) => registrableDomain(p.origin) === domain).length >= MAX_PENDING_PER_DOMAIN
    )
      throw new HttpError('rate-limited', 'Too many pending pairing requests', {
        retryAfterSeconds: Math.max(1, Math.ceil((Math.min(...pending.map((p) => p.expiresAt)) - now) / 1000)),
      });
    const id = bytesToBase64Url(randomBytes(16));
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = now + PAIRING_TTL_MS;
    const match = matchCode();
    this.#pending.set(id, { id, origin, code, matchCode: match, expiresAt, attempts: 0, approved: false });
    const approveUrl = `http://127.0.0.1:${this.#port}/`;
    this.#onPairingCode({ origin, code, matchCode: match, approveUrl, expiresAt: new Date(expiresAt) });
    this.#send(
      res,
      200,
      {
        pairingId: id,
        codeLength: 6,
        expiresAt: new Date(expiresAt).toISOString(),
        matchCode: match,
        approveUrl,
      },
      origin,
    );
  }

  /** The pending request `id` of `origin`, or `pairing-unknown`. */
  #pendingOf(origin: string, id: string): PendingPairing {
    this.#dropExpired();
    const p = this.#pending.get(id);
    if (!p || p.origin !== origin) throw new HttpError('pairing-unknown');
    return p;
  }

  /** Ends a pending request with a new token for its origin. */
  #completePairing(res: ServerResponse, p: PendingPairing): void {
    this.#pending.delete(p.id);
    const token = bytesToBase64Url(randomBytes(32));
    this.#store.add(p.origin, token);
    this.#o.logger.info(`card agent: paired with ${p.origin}`);
    this.#send(res, 200, { status: 'approved', token, origin: p.origin }, p.origin);
  }

  #confirmPairing(res: ServerResponse, origin: string, id: string, body: Record<string, unknown>): void {
    this.#tooMany(`pair|${origin}`, this.#o.rateLimits.pairingPerMinute, 60_000);
    // wrong codes are also counted per hour, per origin, per registrable domain and in total, so that
    // guessing stays hopeless over a long time and across many origins
    const domain = registrableDomain(origin);
    const failKeys: Array<[string, number]> = [
      [`pairfail|${origin}`, this.#o.rateLimits.pairingFailuresPerHour],
      [`pairfaildom|${domain}`, this.#o.rateLimits.pairingFailuresPerDomainPerHour],
      ['pairfailall', this.#o.rateLimits.pairingFailuresTotalPerHour],
    ];
    for (const [key, limit] of failKeys) {
      const wait = this.#limiter.peek(key, limit, Date.now(), 3_600_000);
      if (wait) throw new HttpError('rate-limited', 'Too many wrong pairing codes', { retryAfterSeconds: wait });
    }
    const p = this.#pendingOf(origin, id);
    const code = typeof body.code === 'string' ? body.code.replace(/[\s-]/g, '') : '';
    if (!timingSafeEqual(sha256(code), sha256(p.code))) {
      p.attempts++;
      for (const [key] of failKeys) this.#limiter.take(key, Number.POSITIVE_INFINITY, Date.now(), 3_600_000);
      if (p.attempts >= 3) this.#pending.delete(id);
      throw new HttpError('pairing-code-invalid', undefined, { attemptsLeft: Math.max(0, 3 - p.attempts) });
    }
    this.#completePairing(res, p);
  }

  /** `GET /v1/pairing/{id}`: `pending` until the user approves on the agent page, then the token (once). */
  #pairingStatus(res: ServerResponse, origin: string, id: string): void {
    const p = this.#pendingOf(origin, id);
    if (p.approved) this.#completePairing(res, p);
    else this.#send(res, 200, { status: 'pending', expiresAt: new Date(p.expiresAt).toISOString() }, origin);
  }

  // ---------------------------------------------------------------- the agent's own page

  /**
   * `GET /` without Origin is the agent's page (a browser's navigation), unless it asks for JSON only (a program
   * wanting discovery, which lives at `/v1`). With an Origin (a page's fetch), `/` stays discovery.
   */
  #wantsPage(req: IncomingMessage, rawOrigin: string | string[] | undefined): boolean {
    if (rawOrigin !== undefined || req.method !== 'GET') return false;
    const dest = req.headers['sec-fetch-dest'];
    if (dest !== undefined) return dest === 'document';
    const accept = String(req.headers.accept ?? '');
    return !(/\bapplication\/json\b/.test(accept) && !/\btext\/html\b/.test(accept));
  }

  /** Actions on the page must come from the page itself: `Origin` is the agent's own origin. */
  #sameOriginAction(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    return (
      typeof origin === 'string' &&
      origin.toLowerCase() === `http://${String(req.headers.host).toLowerCase()}` &&
      (site === undefined || site === 'same-origin')
    );
  }

  #pageModel(lang: PageModel['lang'], notice?: PageModel['notice']): PageModel {
    this.#dropExpired();
    const pending = [...this.#pending.values()].map(({ id, origin, matchCode, expiresAt, approved }) => ({
      id,
      origin,
      matchCode,
      expiresAt,
      approved,
    }));
    const paired = this.pairings();
    const version = sha256(JSON.stringify([pending, paired]))
      .toString('hex')
      .slice(0, 16);
    return { lang, pending, paired, allowed: [...this.#allowed], notice, version };
  }

  #sendPage(res: ServerResponse, status: number, type: string, body: string): void {
    res.writeHead(status, { ...AGENT_PAGE_HEADERS, 'content-type': `${type}; charset=utf-8` });
    res.end(body);
  }

  async #agentPage(req: IncomingMessage, res: ServerResponse, path: string, method: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://agent');
    const lang = pageLang(url.searchParams, req.headers['accept-language']);
    if (method === 'GET') {
      // no CORS headers, ever: no other origin reads the page or its state
      if (path === '/') {
        const n = url.searchParams.get('notice');
        const notice = (['approved', 'refused', 'forgotten', 'unknown'] as const).find((x) => x === n);
        return this.#sendPage(res, 200, 'text/html', renderAgentPage(this.#pageModel(lang, notice)));
      }
      if (path === '/agent/page.css') return this.#sendPage(res, 200, 'text/css', AGENT_PAGE_CSS);
      if (path === '/agent/page.js') return this.#sendPage(res, 200, 'text/javascript', AGENT_PAGE_JS);
      if (path === '/agent/state') {
        if (req.headers.origin !== undefined && !this.#sameOriginAction(req)) throw new HttpError('origin-not-allowed');
        return this.#sendPage(res, 200, 'application/json', JSON.stringify({ version: this.#pageModel(lang).version }));
      }
      throw new HttpError('not-found');
    }
    if (method !== 'POST') throw new HttpError('method-not-allowed');
    if (!this.#sameOriginAction(req)) throw new HttpError('origin-not-allowed');
    const form = await this.#readForm(req);
    let notice: NonNullable<PageModel['notice']> = 'unknown';
    const action = /^\/agent\/pairing\/([A-Za-z0-9_-]{1,64})\/(approve|refuse)$/.exec(path);
    if (action) {
      this.#dropExpired();
      const p = this.#pending.get(action[1]!);
      if (p && !p.approved) {
        if (action[2] === 'approve') {
          p.approved = true;
          // the requesting page collects its token within the request's remaining time
          notice = 'approved';
          this.#o.logger.info(`card agent: pairing of ${p.origin} approved on the agent page`);
        } else {
          this.#pending.delete(p.id);
          notice = 'refused';
          this.#o.logger.info(`card agent: pairing of ${p.origin} refused on the agent page`);
        }
      }
    } else if (path === '/agent/paired/forget') {
      const origin = form.get('origin') ?? '';
      if (this.forgetPairing(origin)) notice = 'forgotten';
    } else throw new HttpError('not-found');
    res.writeHead(303, { ...AGENT_PAGE_HEADERS, location: `/?lang=${lang}&notice=${notice}` });
    res.end();
  }

  /** A small `application/x-www-form-urlencoded` body (the agent page's forms). */
  async #readForm(req: IncomingMessage): Promise<URLSearchParams> {
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') throw new HttpError('unsupported-media-type');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > 4096) throw new HttpError('body-too-large');
      chunks.push(chunk);
    }
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  }

  // ---------------------------------------------------------------- cards

  #scan(): Promise<SlotRecord[]> {
    return this.#serial(() => this.#backend.scan());
  }

  #readers(slots: SlotRecord[]): ReaderInfo[] {
    return slots.map((s) => ({ slot: s.slot, name: s.name, cardPresent: s.card !== undefined }));
  }

  #pickCard(slots: SlotRecord[], slot: string | undefined): CardRecord {
    if (slots.length === 0) throw new HttpError('no-reader');
    if (slot !== undefined) {
      const s = slots.find((x) => x.slot === slot);
      if (!s) throw new HttpError('no-reader', 'No such reader');
      if (!s.card) throw new HttpError('no-card');
      return s.card;
    }
    const cards = slots.flatMap((s) => (s.card ? [s.card] : []));
    if (cards.length === 0) throw new HttpError('no-card');
    return cards[0]!;
  }

  #cardKey(r: CardRecord): string {
    return `${r.label}|${r.tokenSerial}`;
  }

  /** PIN status from this reading of the token (see ./pin-accounting.ts). */
  #pinStatus(r: CardRecord): PinStatus {
    return this.#pins.status(r);
  }

  /** The card read again after a PIN attempt (the token's counter changed), or `r` when it is gone. */
  async #reread(r: CardRecord): Promise<CardRecord> {
    try {
      const again = (await this.#backend.scan()).find((s) => s.slot === r.slot)?.card;
      return again && this.#cardKey(again) === this.#cardKey(r) ? again : r;
    } catch {
      return r;
    }
  }

  async #authenticate(origin: string, body: Record<string, unknown>): Promise<CardProof> {
    const { nonce, pin, confirmFinalTry, slot } = body;
    if (typeof nonce !== 'string' || !/^[A-Za-z0-9_-]{16,256}$/.test(nonce))
      throw new HttpError('bad-request', 'nonce must be 16 to 256 base64url characters');
    if (confirmFinalTry !== undefined && typeof confirmFinalTry !== 'boolean')
      throw new HttpError('bad-request', 'confirmFinalTry must be a boolean');
    if (slot !== undefined && (typeof slot !== 'string' || slot.length > 128))
      throw new HttpError('bad-request', 'slot must be a string');
    if (pin !== undefined && (typeof pin !== 'string' || !/^\d{4,8}$/.test(pin)))
      throw new HttpError('pin-format-invalid');
    const wait = this.#limiter.take(`auth|${origin}`, this.#o.rateLimits.authenticatePerMinute);
    if (wait) throw new HttpError('rate-limited', undefined, { retryAfterSeconds: wait });
    if (this.#authenticating) throw new HttpError('busy');
    this.#authenticating = true;
    try {
      return await this.#serial(async () => {
        const record = this.#pickCard(await this.#backend.scan(), slot);
        if (!record.certificate) throw new HttpError('card-unreadable');
        // no PIN only for a PIN-pad reader, where the holder types it on the reader
        if (pin === undefined && !record.pinPad) throw new HttpError('pin-format-invalid');
        const before = this.#pinStatus(record);
        if (before.locked) throw new HttpError('pin-locked');
        if (before.finalTry && confirmFinalTry !== true) throw new HttpError('final-try-confirmation-required');
        try {
          const { signature, algorithm } = await this.#backend.sign(
            record.slot,
            record.tokenSerial,
            typeof pin === 'string' ? pin : '',
            await challengeBytes(origin, nonce),
          );
          this.#pins.succeeded(record);
          this.#broadcastPin(await this.#reread(record));
          return {
            format: CARD_PROOF_FORMAT,
            version: 1,
            algorithm,
            origin,
            nonce,
            certificate: bytesToBase64(record.certificate),
            chain: record.chain.map(bytesToBase64),
            signature: bytesToBase64Url(signature),
            signedAt: new Date().toISOString(),
          } satisfies CardProof;
        } catch (err) {
          if (err instanceof BackendError && (err.code === 'pin-incorrect' || err.code === 'pin-locked')) {
            this.#pins.failed(record, err.code === 'pin-locked');
            const fresh = await this.#reread(record);
            const after = this.#pinStatus(fresh);
            this.#broadcastPin(fresh);
            if (after.locked) throw new HttpError('pin-locked');
            throw new HttpError('pin-incorrect', `Wrong PIN: ${after.triesLeft} tries left`, {
              triesLeft: after.triesLeft,
            });
          }
          throw err;
        }
      });
    } finally {
      this.#authenticating = false;
    }
  }

  #broadcastPin(record: CardRecord): void {
    if (this.#subscribers.size === 0) return;
    this.#broadcast({
      type: 'pin-status',
      slot: record.slot,
      serial: cardSerial(record.label, record.tokenSerial),
      pin: this.#pinStatus(record),
    });
  }

  // ---------------------------------------------------------------- events

  #cardInfos(slots: SlotRecord[]): CardInfo[] {
    const out: CardInfo[] = [];
    for (const s of slots) {
      if (!s.card) continue;
      try {
        out.push(describeCard(s.card, this.#pinStatus(s.card)));
      } catch {
        // unreadable card: reported by /v1/card
      }
    }
    return out;
  }

  /** Ends the event streams of origins that are no longer allowlisted or paired. */
  #endRevokedStreams(): void {
    for (const [res, { origin, token }] of this.#streamAuth)
      if (!this.#allowed.has(origin) && !this.#isPaired(origin, token)) res.end();
  }

  async #events(res: ServerResponse, origin: string, token: string | undefined): Promise<void> {
    // bounded per origin as well as in total, so that one page cannot take every stream
    const { perOrigin, total } = this.#o.maxEventStreams;
    if ((this.#streams.get(origin) ?? 0) >= perOrigin)
      throw new HttpError('rate-limited', 'Too many event streams open for this origin', { retryAfterSeconds: 5 });
    if (this.#subscribers.size >= total)
      throw new HttpError('rate-limited', 'Too many event streams open', { retryAfterSeconds: 5 });
    this.#streams.set(origin, (this.#streams.get(origin) ?? 0) + 1);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      const n = (this.#streams.get(origin) ?? 1) - 1;
      if (n > 0) this.#streams.set(origin, n);
      else this.#streams.delete(origin);
    };
    res.once('close', release);
    let slots: SlotRecord[] = [];
    try {
      slots = await this.#scan();
    } catch (err) {
      if (!(err instanceof BackendError && err.code === 'module-unavailable')) {
        release();
        throw err;
      }
    }
    this.#cors(res, origin);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    this.#subscribers.add(res);
    this.#streamAuth.set(res, { origin, token });
    res.on('close', () => {
      this.#subscribers.delete(res);
      this.#streamAuth.delete(res);
      if (this.#subscribers.size === 0 && this.#pollTimer) {
        clearInterval(this.#pollTimer);
        this.#pollTimer = undefined;
        // the next subscriber starts from its own `hello`
        this.#lastSlots = undefined;
        this.#lastStatus = undefined;
        this.#announced.clear();
      }
    });
    this.#write(res, { type: 'hello', readers: this.#readers(slots), cards: this.#cardInfos(slots) });
    if (!this.#lastSlots) {
      this.#lastSlots = slots;
      // what `hello` showed counts as announced
      for (const s of slots) if (s.card) this.#announceIfReadable(s.card, false);
    }
    this.#lastStatus ??= this.#backend.status();
    if (!this.#pollTimer) {
      this.#pollTimer = setInterval(() => void this.#poll(), this.#o.pollIntervalMs);
      this.#pollTimer.unref();
    }
  }

  #write(res: ServerResponse, event: AgentEvent): void {
    const { type, ...data } = event;
    res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  #broadcast(event: AgentEvent): void {
    for (const s of this.#subscribers) this.#write(s, event);
  }

  /** Announces a card once it is readable (a card is read while it settles in the reader). */
  #announceIfReadable(card: CardRecord, broadcast = true): void {
    const key = `${card.slot}|${this.#cardKey(card)}`;
    if (this.#announced.has(key)) return;
    let info: CardInfo;
    try {
      info = describeCard(card, this.#pinStatus(card));
    } catch {
      return; // not readable (yet): /v1/card answers card-unreadable
    }
    this.#announced.add(key);
    if (broadcast) this.#broadcast({ type: 'card-inserted', card: info });
  }

  #polling = false;
  /** Scans in a row that failed (other than "no module"); reset by a scan that works. */
  #scanFailures = 0;
  async #poll(): Promise<void> {
    // a pairing forgotten from the CLI (the file changed) ends its streams within one poll
    this.#endRevokedStreams();
    if (this.#polling || this.#authenticating) return;
    this.#polling = true;
    try {
      let slots: SlotRecord[];
      try {
        slots = await this.#scan();
        this.#scanFailures = 0;
      } catch (err) {
        // No module: no readers, at once. Any other failure of one scan (a reader busy with another application,
        // a PC/SC hiccup) says nothing about the card: announcing it removed would cancel a sign-in under way
        // (the page leaves the PIN or proof step for "insert your card"). Only failures that persist mean the
        // readers are gone.
        const noModule = err instanceof BackendError && err.code === 'module-unavailable';
        if (!noModule && ++this.#scanFailures < SCAN_FAILURES_BEFORE_GONE) return;
        slots = [];
      }
      const status = this.#backend.status();
      if (status !== this.#lastStatus) this.#broadcast({ type: 'backend-status', status });
      this.#lastStatus = status;
      const prev = this.#lastSlots ?? [];
      this.#lastSlots = slots;
      for (const old of prev) {
        const now = slots.find((s) => s.slot === old.slot);
        if (old.card && (!now?.card || this.#cardKey(now.card) !== this.#cardKey(old.card))) {
          if (this.#announced.delete(`${old.slot}|${this.#cardKey(old.card)}`))
            this.#broadcast({
              type: 'card-removed',
              slot: old.slot,
              serial: cardSerial(old.card.label, old.card.tokenSerial),
            });
        }
        if (!now)
          this.#broadcast({ type: 'reader-removed', reader: { slot: old.slot, name: old.name, cardPresent: false } });
      }
      for (const s of slots) {
        const old = prev.find((p) => p.slot === s.slot);
        if (!old)
          this.#broadcast({ type: 'reader-added', reader: { slot: s.slot, name: s.name, cardPresent: !!s.card } });
        if (s.card) this.#announceIfReadable(s.card);
      }
    } finally {
      this.#polling = false;
    }
  }
}

/** Creates the agent and starts listening on loopback. */
export async function startCardAgent(options: CardAgentOptions): Promise<RunningCardAgent & { agent: CardAgent }> {
  const agent = new CardAgent(options);
  const running = await agent.listen(options.port ?? DEFAULT_AGENT_PORT, options.host ?? '127.0.0.1');
  return { ...running, agent };
}
