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
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
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
  DEFAULT_AGENT_PORT,
  type PinStatus,
  type ReaderInfo,
} from '@authforte/core/agent';
import { cardHolderFromCertificate, formatName, parseCertificate } from '@authforte/core/certificate';
import { BackendError, type CardBackend, type CardRecord, type SlotRecord } from './backend.js';
import { PinAccounting } from './pin-accounting.js';

export const AGENT_VERSION = '0.1.0';

export interface AgentLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface PairingCodeNotice {
  origin: string;
  code: string;
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

/** Event streams open at once (all origins). */
const MAX_SUBSCRIBERS = 32;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
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

class RateLimiter {
  #hits = new Map<string, number[]>();
  /** Returns 0 when allowed, else seconds to wait. */
  take(key: string, perMinute: number, now = Date.now(), windowMs = 60_000): number {
    if (this.#hits.size > 10_000) {
      for (const [k, v] of this.#hits) if (v.every((t) => now - t >= 3_600_000)) this.#hits.delete(k);
    }
    const list = (this.#hits.get(key) ?? []).filter((t) => now - t < windowMs);
    if (list.length >= perMinute) {
      this.#hits.set(key, list);
      return Math.max(1, Math.ceil((windowMs - (now - list[0]!)) / 1000));
    }
    list.push(now);
    this.#hits.set(key, list);
    return 0;
  }

  /** Like `take` without counting a hit. */
  peek(key: string, limit: number, now = Date.now(), windowMs = 60_000): number {
    const list = (this.#hits.get(key) ?? []).filter((t) => now - t < windowMs);
    return list.length >= limit ? Math.max(1, Math.ceil((windowMs - (now - list[0]!)) / 1000)) : 0;
  }
}

interface PairedOrigin {
  origin: string;
  tokenHash: string;
  createdAt: string;
}

interface PendingPairing {
  id: string;
  origin: string;
  code: string;
  expiresAt: number;
  attempts: number;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest();

/** The 64 bytes the card signs: SHA-256(origin) ‖ SHA-256(nonce), both as UTF-8. */
export function challengeData(origin: string, nonce: string): Uint8Array {
  return new Uint8Array(Buffer.concat([sha256(origin), sha256(nonce)]));
}

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
    Omit<CardAgentOptions, 'pairingFile' | 'onPairingCode' | 'allowedOrigins' | 'rateLimits' | 'port' | 'host'>
  > & {
    rateLimits: RateLimits;
  };
  readonly #backend: CardBackend;
  readonly #allowed: Set<string>;
  readonly #pairingFile: string | undefined;
  readonly #onPairingCode: (n: PairingCodeNotice) => void;
  readonly #limiter = new RateLimiter();
  #paired: PairedOrigin[] = [];
  #pending = new Map<string, PendingPairing>();
  /** PIN tries left: the token's flags, or the agent's own count for tokens that do not report them. */
  #pins!: PinAccounting;
  #queue: Promise<unknown> = Promise.resolve();
  #authenticating = false;
  #subscribers = new Set<ServerResponse>();
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
    this.#pairingFile = options.pairingFile;
    const logger = options.logger ?? consoleLogger;
    this.#onPairingCode =
      options.onPairingCode ??
      ((n) =>
        logger.info(
          `\n  ┌──────────────────────────────────────────────\n  │ Pairing request from ${n.origin}\n  │ Code to type in the page: ${n.code}\n  │ (valid until ${n.expiresAt.toLocaleTimeString()}; ignore it if you did not ask)\n  └──────────────────────────────────────────────\n`,
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
        ...options.rateLimits,
      },
    };
    if (this.#pairingFile) {
      try {
        const data = JSON.parse(readFileSync(this.#pairingFile, 'utf8')) as { paired?: PairedOrigin[] };
        this.#paired = (data.paired ?? []).filter(
          (p) => typeof p.origin === 'string' && typeof p.tokenHash === 'string',
        );
      } catch {
        this.#paired = [];
      }
    }
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
    if (!token) return false;
    const hash = sha256(token);
    return this.#paired.some((p) => p.origin === origin && timingSafeEqual(Buffer.from(p.tokenHash, 'hex'), hash));
  }

  #mayPair(origin: string): boolean {
    return this.#o.pairing && this.#o.pairableOrigin(origin);
  }

  /** Origins that get CORS headers at all. */
  #eligible(origin: string): boolean {
    return this.#allowed.has(origin) || this.#mayPair(origin) || this.#paired.some((p) => p.origin === origin);
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
      // drain what is left of a refused body, without keeping it
      req.resume();
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
    if (!this.#hostAllowed(req.headers.host)) throw new HttpError('host-not-allowed');
    const method = req.method ?? 'GET';
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
      return this.#send(res, 200, await this.#discovery(origin, authorised), origin);
    }
    if (path === '/v1/pairing' && method === 'POST') {
      await this.#readJson(req);
      return this.#startPairing(res, origin);
    }
    if (path === '/v1/pairing' && method === 'DELETE') {
      if (!authorised) throw new HttpError('not-paired');
      if (token) this.#unpair(origin, token);
      return this.#send(res, 200, { ok: true }, origin);
    }
    const confirm = /^\/v1\/pairing\/([A-Za-z0-9_-]{1,64})\/confirm$/.exec(path);
    if (confirm && method === 'POST') {
      const body = await this.#readJson(req);
      return this.#confirmPairing(res, origin, confirm[1]!, body);
    }

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
        return this.#events(res, origin);
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
    res.writeHead(204, { 'cache-control': 'no-store' });
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
        // stop keeping it, answer now, and close the connection once the answer is sent
        req.off('data', onData);
        req.resume();
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

  #startPairing(res: ServerResponse, origin: string): void {
    if (!this.#mayPair(origin)) throw new HttpError('pairing-disabled');
    const wait = this.#limiter.take(`pair|${origin}`, this.#o.rateLimits.pairingPerMinute);
    if (wait) throw new HttpError('rate-limited', undefined, { retryAfterSeconds: wait });
    const now = Date.now();
    for (const [id, p] of this.#pending) if (p.expiresAt < now || p.origin === origin) this.#pending.delete(id);
    const id = bytesToBase64Url(randomBytes(16));
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = now + 120_000;
    this.#pending.set(id, { id, origin, code, expiresAt, attempts: 0 });
    this.#onPairingCode({ origin, code, expiresAt: new Date(expiresAt) });
    this.#send(res, 200, { pairingId: id, codeLength: 6, expiresAt: new Date(expiresAt).toISOString() }, origin);
  }

  #confirmPairing(res: ServerResponse, origin: string, id: string, body: Record<string, unknown>): void {
    const wait = this.#limiter.take(`pair|${origin}`, this.#o.rateLimits.pairingPerMinute);
    if (wait) throw new HttpError('rate-limited', undefined, { retryAfterSeconds: wait });
    // wrong codes are also counted per hour, so that guessing stays hopeless over a long time
    const failWait = this.#limiter.peek(
      `pairfail|${origin}`,
      this.#o.rateLimits.pairingFailuresPerHour,
      Date.now(),
      3_600_000,
    );
    if (failWait) throw new HttpError('rate-limited', 'Too many wrong pairing codes', { retryAfterSeconds: failWait });
    const p = this.#pending.get(id);
    if (!p || p.origin !== origin || p.expiresAt < Date.now()) {
      if (p && p.expiresAt < Date.now()) this.#pending.delete(id);
      throw new HttpError('pairing-unknown');
    }
    const code = typeof body.code === 'string' ? body.code.replace(/[\s-]/g, '') : '';
    if (!timingSafeEqual(sha256(code), sha256(p.code))) {
      p.attempts++;
      this.#limiter.take(`pairfail|${origin}`, Number.POSITIVE_INFINITY, Date.now(), 3_600_000);
      if (p.attempts >= 3) this.#pending.delete(id);
      throw new HttpError('pairing-code-invalid', undefined, { attemptsLeft: Math.max(0, 3 - p.attempts) });
    }
    this.#pending.delete(id);
    const token = bytesToBase64Url(randomBytes(32));
    this.#paired.push({ origin, tokenHash: sha256(token).toString('hex'), createdAt: new Date().toISOString() });
    this.#savePairings();
    this.#o.logger.info(`card agent: paired with ${origin}`);
    this.#send(res, 200, { token, origin }, origin);
  }

  #unpair(origin: string, token: string): void {
    const hash = sha256(token).toString('hex');
    this.#paired = this.#paired.filter((p) => !(p.origin === origin && p.tokenHash === hash));
    this.#savePairings();
  }

  #savePairings(): void {
    if (!this.#pairingFile) return;
    try {
      writeFileSync(this.#pairingFile, `${JSON.stringify({ paired: this.#paired }, null, 2)}\n`, { mode: 0o600 });
    } catch {
      this.#o.logger.warn('card agent: could not save the paired origins');
    }
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
            challengeData(origin, nonce),
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

  async #events(res: ServerResponse, origin: string): Promise<void> {
    if (this.#subscribers.size >= MAX_SUBSCRIBERS)
      throw new HttpError('rate-limited', 'Too many event streams open', { retryAfterSeconds: 5 });
    let slots: SlotRecord[] = [];
    try {
      slots = await this.#scan();
    } catch (err) {
      if (!(err instanceof BackendError && err.code === 'module-unavailable')) throw err;
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
    res.on('close', () => {
      this.#subscribers.delete(res);
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
  async #poll(): Promise<void> {
    if (this.#polling || this.#authenticating) return;
    this.#polling = true;
    try {
      let slots: SlotRecord[];
      try {
        slots = await this.#scan();
      } catch {
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
