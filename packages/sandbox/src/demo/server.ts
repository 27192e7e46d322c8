/**
 * The demo host application: a small "ViaTrajectoire-like" site that uses every AuthForte element, on the server
 * kit. Routes: see `routes.ts` (the kit under `/authforte`, the host's pages); `/assets/*` the element bundles;
 * anything else from `public/`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { toNodeHandler } from '@authforte/server';
import type { RunningService } from '../services.js';
import { DEMO_ACCOUNTS, DemoApp, type DemoAppOptions } from './app.js';
import { demoRoutes, PUBLIC_DIR } from './routes.js';
import { serveFile } from './static.js';

const bundleDir = fileURLToPath(new URL('../../../elements/bundle/', import.meta.url));

export interface DemoHostOptions extends DemoAppOptions {
  port?: number;
  host?: string;
}

/** The running demo host, with its application (sessions, database) for the sign-in integration and tests. */
export interface DemoHost extends RunningService {
  app: DemoApp;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where to send a GET (or HEAD) that reached the demo under another loopback name than its origin's, same port;
 * undefined otherwise (other requests get the host's own refusal, `origin-refused`).
 */
function canonicalLocation(req: IncomingMessage, origin: string | undefined): string | undefined {
  if (!origin || (req.method !== 'GET' && req.method !== 'HEAD')) return undefined;
  const expected = new URL(origin);
  let given: URL;
  try {
    given = new URL(`http://${req.headers.host ?? ''}`);
  } catch {
    return undefined;
  }
  if (given.host === expected.host || given.port !== expected.port) return undefined;
  if (!LOOPBACK_NAMES.has(given.hostname) || !LOOPBACK_NAMES.has(expected.hostname)) return undefined;
  return new URL(req.url ?? '/', expected).href;
}

export async function startDemoHost(options: DemoHostOptions = {}): Promise<DemoHost> {
  const app = new DemoApp(options);
  if (options.seed !== false) await app.seed();
  const dynamic = toNodeHandler(demoRoutes(app));

  const serveStatic = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // the element bundles (`authforte.js` and the chunks it loads on first use), beside the kit's `/authforte`
    if (url.pathname.startsWith('/assets/')) {
      if (await serveFile(res, bundleDir, url.pathname.slice('/assets/'.length))) return;
    } else if (!url.pathname.endsWith('.html') && (await serveFile(res, PUBLIC_DIR, url.pathname))) return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Page introuvable');
  };

  const server = createServer((req, res) => {
    // every answer, pages and API alike (an answer's own policy, e.g. PSC's popup page, takes precedence)
    for (const [name, value] of Object.entries(app.securityHeaders())) res.setHeader(name, value);
    // opened at another loopback name than the one it serves (127.0.0.1, [::1] for localhost): send the browser
    // to its address, since card proofs, PSC's return address and the POSTs' Origin check all use it
    const canonical = canonicalLocation(req, app.origin);
    if (canonical) {
      res.writeHead(308, { location: canonical, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    dynamic(req, res, (error?: unknown) => {
      if (error) {
        // never echo the error (it could hold request data); the status is enough for the demo
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Erreur interne');
        return;
      }
      serveStatic(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Erreur interne');
      });
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}/`;
  app.setOrigin(url);
  return {
    name: 'Demo host',
    url,
    notes:
      options.seed === false
        ? []
        : [
            `Se connecter : ${url}connexion (carte CPS de test ou e-CPS)`,
            'Comptes de démonstration (données fictives) :',
            ...DEMO_ACCOUNTS.map((a) => `  ${a.username} / ${a.password} (${a.displayName})`),
          ],
    app,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => {
          app.close().then(resolve, resolve);
        });
      }),
  };
}
