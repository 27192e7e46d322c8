/**
 * The card agent's HTTP plumbing: its error type, JSON answers, bounded body reading, and the request checks that do
 * not depend on the agent's state (Host header, bearer token, the agent page's navigations and same-origin actions).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AGENT_ERROR_MESSAGES, AGENT_ERROR_STATUS, type AgentServerErrorCode } from '@authforte/core/agent';

/** Largest refused body the agent reads (and throws away) so that the client sees the 413 answer. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

/** An answer of the protocol's closed error set (docs/agent-protocol.md), with its HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly code: AgentServerErrorCode,
    message: string = AGENT_ERROR_MESSAGES[code],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A JSON answer, never cached nor sniffed (CORS headers are the caller's). */
export function writeJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

/** The error answer `{ error: { code, message, …extra } }`, with `retry-after` for `rate-limited`. */
export function writeError(res: ServerResponse, err: HttpError): void {
  if (err.code === 'body-too-large') res.setHeader('connection', 'close');
  if (err.code === 'rate-limited' && typeof err.extra.retryAfterSeconds === 'number')
    res.setHeader('retry-after', String(err.extra.retryAfterSeconds));
  writeJson(res, AGENT_ERROR_STATUS[err.code], { error: { code: err.code, message: err.message, ...err.extra } });
}

/** The `Host` header names the agent on loopback (`127.0.0.1:<port>`, `localhost:<port>`, `[::1]:<port>`). */
export function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(hostHeader.toLowerCase());
}

/** The pairing token of `Authorization: Bearer …`, when well formed. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(h) : null;
  return m?.[1];
}

/**
 * `GET /` without Origin is the agent's page (a browser's navigation), unless it asks for JSON only (a program
 * wanting discovery, which lives at `/v1`). With an Origin (a page's fetch), `/` stays discovery.
 */
export function wantsPage(req: IncomingMessage, rawOrigin: string | string[] | undefined): boolean {
  if (rawOrigin !== undefined || req.method !== 'GET') return false;
  const dest = req.headers['sec-fetch-dest'];
  if (dest !== undefined) return dest === 'document';
  const accept = String(req.headers.accept ?? '');
  return !(/\bapplication\/json\b/.test(accept) && !/\btext\/html\b/.test(accept));
}

/** Actions on the page must come from the page itself: `Origin` is the agent's own origin. */
export function sameOriginAction(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  return (
    typeof origin === 'string' &&
    origin.toLowerCase() === `http://${String(req.headers.host).toLowerCase()}` &&
    (site === undefined || site === 'same-origin')
  );
}

function mediaType(req: IncomingMessage): string {
  return String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
}

/** Reads and throws away the rest of the request body (at most MAX_DRAIN_BYTES, 10 s). */
export function drain(req: IncomingMessage): Promise<void> {
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

/** A JSON object body of at most `max` bytes; the buffers are zeroed once parsed (a PIN may be in them). */
export async function readJson(req: IncomingMessage, max: number): Promise<Record<string, unknown>> {
  if (mediaType(req) !== 'application/json') throw new HttpError('unsupported-media-type');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) throw new HttpError('body-too-large');
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      // stop keeping it; the request handler reads the rest (drain), answers, then closes the connection
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

/** A small `application/x-www-form-urlencoded` body (the agent page's forms). */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  if (mediaType(req) !== 'application/x-www-form-urlencoded') throw new HttpError('unsupported-media-type');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 4096) throw new HttpError('body-too-large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
