/**
 * The minimal host of docs/http-api.md, for the end-to-end tests: the kit (`createAuthForte`), an account store in
 * memory, and three pages without any script of their own — `<af-login server="/authforte">`,
 * `<af-account-link server="/authforte">`, and a home page rendered by the server with a sign-out form. The pages
 * are served with a CSP that allows no inline script. `mount` chooses the framework (node:http, Express, Fastify,
 * Hono), so the adapters' tests run the same journey.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AuthForte, authForteNode, createAuthForte, toNodeHandler } from '@authforte/server';
import { freePort } from '@authforte/test-kit';
import { type RunningTestCardAgent, startTestCardAgent } from '../cards/agent.js';
import { escapeHtml } from '../demo/app.js';
import { serveFile } from '../demo/static.js';
import type { RunningSandboxPsc } from '../psc/options.js';
import { startSandboxPsc } from '../psc/server.js';
import { MemoryAccounts } from './kit-host.js';
import { stopAll } from './sign-in-stack.js';

const bundleDir = fileURLToPath(new URL('../../../elements/bundle/', import.meta.url));

export type Mount = 'node' | 'express' | 'fastify' | 'hono';

const page = (title: string, body: string) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — Cabinet Test</title><script type="module" src="/assets/authforte.js"></script></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;

export const PAGES: Record<string, string> = {
  '/connexion': page('Se connecter', '<af-login server="/authforte"></af-login>'),
  '/premiere-connexion': page('Première connexion', '<af-account-link server="/authforte"></af-account-link>'),
  '/': page('Cabinet Test', '<p><a href="/connexion">Se connecter</a></p>'),
};

export interface MinimalHost {
  kit: AuthForte;
  origin: string;
  url(path: string): string;
  psc: RunningSandboxPsc;
  agent: RunningTestCardAgent;
  accounts: MemoryAccounts;
  close(): Promise<void>;
}

/** The host's own routes: pages, the bundle, the signed-in home (reads the kit session). */
async function hostRoutes(kit: AuthForte, req: IncomingMessage, res: ServerResponse, csp: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname.startsWith('/assets/') && (await serveFile(res, bundleDir, url.pathname.slice(8)))) return;
  const html = PAGES[url.pathname];
  const headers = { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp };
  if (html) {
    res.writeHead(200, headers).end(html);
    return;
  }
  if (url.pathname === '/accueil') {
    const cookie = req.headers.cookie ? { cookie: req.headers.cookie } : undefined;
    const session = await kit.getSession(new Request('http://x/', cookie ? { headers: cookie } : {}));
    if (!session?.accountId) {
      res.writeHead(303, { location: '/connexion' }).end();
      return;
    }
    res.writeHead(200, headers).end(
      page(
        `Bonjour ${escapeHtml(session.identity?.displayName ?? '')}`,
        `<p data-testid="account">${escapeHtml(session.accountId)}</p>
<form method="post" action="/authforte/signout"><input type="hidden" name="csrf" value="${escapeHtml(session.csrfToken)}">
<button type="submit">Se déconnecter</button></form>`,
      ),
    );
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
}

async function listen(mount: Mount, kit: AuthForte, port: number, csp: string): Promise<{ close(): Promise<void> }> {
  const own = (req: IncomingMessage, res: ServerResponse) => {
    hostRoutes(kit, req, res, csp).catch(() => res.writeHead(500).end());
  };
  if (mount === 'node') {
    const kitListener = authForteNode(kit);
    const server: Server = createServer((req, res) => kitListener(req, res, () => own(req, res)));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return closer(server);
  }
  if (mount === 'express') {
    const { default: express } = await import('express');
    const app = express();
    app.use(authForteNode(kit));
    app.use(express.json()); // the host's own JSON routes after the kit
    app.use(own);
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(port, '127.0.0.1', () => resolve(s));
    });
    return closer(server);
  }
  if (mount === 'fastify') {
    const { default: Fastify } = await import('fastify');
    const { authForteFastify } = await import('@authforte/server');
    const app = Fastify();
    await app.register(authForteFastify(kit));
    app.setNotFoundHandler((request, reply) => {
      reply.hijack();
      own(request.raw, reply.raw);
    });
    await app.listen({ port, host: '127.0.0.1' });
    return { close: () => app.close() };
  }
  const { Hono } = await import('hono');
  const { authForteHono } = await import('@authforte/server');
  const app = new Hono();
  app.all('/authforte/*', authForteHono(kit));
  // Hono's own fetch on Web requests (what Bun, Deno, workers and @hono/node-server give it)
  const honoListener = toNodeHandler(async (request) => app.fetch(request));
  const server = createServer((req, res) => {
    if ((req.url ?? '').startsWith('/authforte/')) honoListener(req, res);
    else own(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return closer(server);
}

function closer(server: Server) {
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startMinimalHost(options: { mount?: Mount; cards?: string[] } = {}): Promise<MinimalHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'authforte-kit-'));
  const cardsDir = join(dataDir, 'cards');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const started: Array<{ close(): Promise<void> }> = [];
  try {
    const psc = await startSandboxPsc({ port: 0, walletPort: 0 });
    started.push(psc);
    const agent = await startTestCardAgent({
      port: 0,
      dataDir: cardsDir,
      allowedOrigins: [origin],
      pollIntervalMs: 200,
      cards: options.cards ?? ['medecin'],
      logger: { info() {}, warn() {}, error() {} },
    });
    started.unshift(agent);
    const accounts = new MemoryAccounts();
    // the host's AuthForte configuration: all of it
    const kit = createAuthForte({
      origin,
      secret: 'minimal-host-secret-minimal-host-secret-42',
      hostName: 'Cabinet Test',
      card: { trust: agent.trust, agentUrl: agent.url },
      psc: {
        environment: psc.environment,
        clientId: psc.confidentialClient.clientId,
        clientSecret: psc.confidentialClient.clientSecret,
      },
      accounts: accounts.callbacks,
      redirects: { signedIn: '/accueil', linkRequired: '/premiere-connexion', signedOut: '/', signIn: '/connexion' },
      minFailureMs: 0,
    });
    const csp = [
      "default-src 'self'",
      "script-src 'self'",
      `connect-src 'self' ${agent.url}`,
      "img-src 'self' data:",
      "style-src 'self' 'unsafe-inline'",
      "frame-ancestors 'none'",
    ].join('; ');
    const server = await listen(options.mount ?? 'node', kit, port, csp);
    started.unshift(server);
    return {
      kit,
      origin,
      url: (path) => new URL(path, origin).href,
      psc,
      agent,
      accounts,
      close: () => stopAll(started, dataDir),
    };
  } catch (err) {
    await stopAll(started, dataDir);
    throw err;
  }
}
