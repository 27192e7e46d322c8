/**
 * Mounting the kit: `node:http` and Express take `toNodeHandler(kit.handle)` (it reads the raw body itself, so
 * mount it before any body parser); Fastify takes `authForteFastify(kit)` (an encapsulated plugin that keeps the
 * raw body of the kit's routes only); Hono takes `authForteHono(kit)` on `app.all('/authforte/*', …)`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type NodeHandlerOptions, type NodeListener, toNodeHandler, toWebRequest } from '../http/node-adapter.js';
import type { AuthForte } from './types.js';

/** `(req, res, next?)` for `http.createServer` and Express (`app.use(authForteNode(kit))`). */
export function authForteNode(kit: Pick<AuthForte, 'handle'>, options: NodeHandlerOptions = {}): NodeListener {
  return toNodeHandler((request) => kit.handle(request), options);
}

/** The parts of Fastify's API the plugin uses (Fastify 4 and 5). */
interface FastifyLike {
  addContentTypeParser(
    type: string,
    opts: { parseAs: 'buffer'; bodyLimit?: number },
    parser: (req: unknown, body: Buffer, done: (err: Error | null, body?: Buffer) => void) => void,
  ): void;
  removeAllContentTypeParsers(): void;
  route(options: {
    method: string[];
    url: string;
    handler: (req: { raw: IncomingMessage; body?: unknown }, reply: FastifyReplyLike) => Promise<unknown>;
  }): void;
}
interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  header(name: string, value: string | string[]): FastifyReplyLike;
  send(body?: Buffer | string): FastifyReplyLike;
  raw: ServerResponse;
}

/**
 * A Fastify plugin: `await app.register(authForteFastify(kit))`. Registered without `fastify-plugin`, its raw-body
 * parser stays inside the plugin: the application's own routes keep Fastify's JSON parsing.
 */
export function authForteFastify(kit: Pick<AuthForte, 'handle' | 'basePath'>, options: NodeHandlerOptions = {}) {
  return async function authforte(fastify: FastifyLike): Promise<void> {
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimit ?? 64 * 1024 }, (_r, b, done) =>
      done(null, b),
    );
    const handler = async (req: { raw: IncomingMessage; body?: unknown }, reply: FastifyReplyLike) => {
      const body = Buffer.isBuffer(req.body) ? req.body : undefined;
      const response = (await kit.handle(toWebRequest(req.raw, body, options))) ?? undefined;
      if (!response) return reply.code(404).send('Not found');
      reply.code(response.status);
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie') reply.header(name, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      return reply.send(Buffer.from(await response.arrayBuffer()));
    };
    const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
    fastify.route({ method: methods, url: kit.basePath, handler });
    fastify.route({ method: methods, url: `${kit.basePath}/*`, handler });
  };
}

/** A Hono handler: `app.all('/authforte/*', authForteHono(kit))` (Hono gives the Web `Request` as it is). */
export function authForteHono(kit: Pick<AuthForte, 'handler'>) {
  return (c: { req: { raw: Request } }): Promise<Response> => kit.handler(c.req.raw);
}
