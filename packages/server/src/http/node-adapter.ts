/**
 * Mounts a Web `Request` → `Response` handler on `node:http` — and on Express or Connect, which pass `next`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostError } from '@authforte/core/errors';
import { errorBody, JSON_HEADERS } from './errors.js';

export interface NodeHandlerOptions {
  /** Trust `X-Forwarded-Proto` / `X-Forwarded-Host` (only behind your own reverse proxy). */
  trustProxy?: boolean;
  /** Largest request body read (default 64 KiB); a larger one is answered 413. */
  bodyLimit?: number;
}

/** A Web handler; answering `undefined` means "not mine" (the next middleware, or 404). */
export type NodeMountableHandler = (request: Request) => Promise<Response | undefined> | Response | undefined;

export type NodeListener = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim() || undefined;

/** The Web `Request` for a Node request (and its body, already read). */
export function toWebRequest(req: IncomingMessage, body?: Buffer, options: NodeHandlerOptions = {}): Request {
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const proto =
    (options.trustProxy ? first(req.headers['x-forwarded-proto']) : undefined) ?? (encrypted ? 'https' : 'http');
  const host =
    (options.trustProxy ? first(req.headers['x-forwarded-host']) : undefined) ?? req.headers.host ?? 'localhost';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const init: RequestInit = { method: req.method ?? 'GET', headers };
  if (body && body.length > 0) init.body = new Uint8Array(body);
  return new Request(new URL(req.url ?? '/', `${proto}://${host}`), init);
}

/** Writes a Web `Response` (several `Set-Cookie` kept apart) to a Node response. */
export async function writeWebResponse(res: ServerResponse, response: Response, method = 'GET'): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  const body = method === 'HEAD' || !response.body ? undefined : Buffer.from(await response.arrayBuffer());
  res.end(body);
}

/** `(req, res, next?)` for `http.createServer`, Express or Connect. */
export function toNodeHandler(handler: NodeMountableHandler, options: NodeHandlerOptions = {}): NodeListener {
  const limit = options.bodyLimit ?? 64 * 1024;
  return (req, res, next) => {
    (async () => {
      const method = req.method ?? 'GET';
      const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req, limit);
      const response = await handler(toWebRequest(req, body, options));
      if (response) return writeWebResponse(res, response, method);
      if (next) return next();
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    })().catch((error: unknown) => {
      if (error instanceof BodyTooLarge) {
        if (!res.headersSent) res.writeHead(413, { ...JSON_HEADERS, connection: 'close' });
        res.end(JSON.stringify(errorBody(hostError('body-too-large'))));
        return;
      }
      if (next) return next(error);
      if (!res.headersSent) res.writeHead(500, JSON_HEADERS);
      res.end(JSON.stringify(errorBody(hostError('server'))));
    });
  };
}
