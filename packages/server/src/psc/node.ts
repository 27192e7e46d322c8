/** Mounts Web `Request` → `Response` handlers on `node:http` (and Express/Connect, which pass `next`). */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface NodeListenerOptions {
  /** Trust `X-Forwarded-Proto` / `X-Forwarded-Host` (only behind your own reverse proxy). */
  trustProxy?: boolean;
  /** Largest request body accepted (default 64 KiB). */
  bodyLimit?: number;
}

export type WebHandler = (request: Request) => Promise<Response | undefined>;

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function toWebRequest(
  req: IncomingMessage,
  body: Buffer | undefined,
  options: NodeListenerOptions = {},
): Request {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim();
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const proto =
    (options.trustProxy ? first(req.headers['x-forwarded-proto']) : undefined) ?? (encrypted ? 'https' : 'http');
  const host =
    (options.trustProxy ? first(req.headers['x-forwarded-host']) : undefined) ?? req.headers.host ?? 'localhost';
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) headers.append(k, x);
    else headers.set(k, v);
  }
  const init: RequestInit = { method: req.method ?? 'GET', headers };
  if (body && body.length > 0) init.body = new Uint8Array(body);
  return new Request(`${proto}://${host}${req.url ?? '/'}`, init);
}

export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

/**
 * `(req, res, next?)` for `http.createServer`, Express or Connect. Requests the handler does not answer go
 * to `next()` when there is one, else get a 404.
 */
export function toNodeListener(handler: WebHandler, options: NodeListenerOptions = {}) {
  return (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void): void => {
    (async () => {
      const method = req.method ?? 'GET';
      const body =
        method === 'GET' || method === 'HEAD' ? undefined : await readBody(req, options.bodyLimit ?? 64 * 1024);
      const response = await handler(toWebRequest(req, body, options));
      if (response) return sendWebResponse(res, response);
      if (next) return next();
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    })().catch((err: unknown) => {
      if (next) return next(err);
      const status = (err as { status?: number }).status ?? 500;
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(status === 413 ? 'Payload too large' : 'Internal error');
    });
  };
}
