/**
 * A tiny host application for the PSC end-to-end tests: pages that use the browser client
 * (`@authforte/core/psc` loaded as ES modules through an import map), and the backend routes of
 * `@authforte/server` for the confidential flow. Binds 127.0.0.1 on a free port.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createPscClient,
  createPscHandlers,
  type PscClientOptions,
  type PscHandlersOptions,
  toNodeHandler,
} from '@authforte/server';
import type { RunningSandboxPsc } from '../options.js';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const STATIC_PREFIXES = [
  '/node_modules/oidc-client-ts/dist/esm/',
  '/node_modules/jwt-decode/build/esm/',
  '/node_modules/jose/dist/webapi/',
  '/node_modules/xstate/',
  '/packages/core/dist/',
];

const importMap = JSON.stringify({
  imports: {
    'oidc-client-ts': '/node_modules/oidc-client-ts/dist/esm/oidc-client-ts.js',
    'jwt-decode': '/node_modules/jwt-decode/build/esm/index.js',
    jose: '/node_modules/jose/dist/webapi/index.js',
    '@authforte/core': '/packages/core/dist/index.js',
    '@authforte/core/psc': '/packages/core/dist/psc/index.js',
  },
});

function page(title: string, script: string): string {
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title>
<script type="importmap">${importMap}</script></head>
<body><h1>${title}</h1><p id="out" role="status"></p>
<script type="module">${script}</script></body></html>`;
}

export interface TestApp {
  origin: string;
  close(): Promise<void>;
}

export async function startTestApp(
  sandbox: RunningSandboxPsc,
  options: {
    tokenStorage?: 'session' | 'memory' | 'local';
    server?: Partial<PscClientOptions>;
    handlers?: Partial<PscHandlersOptions>;
  } = {},
): Promise<TestApp> {
  const csrfToken = randomBytes(18).toString('base64url');
  let listener: ReturnType<typeof toNodeHandler> | undefined;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: string | Buffer, type: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    /** A test page: `script` runs as an ES module (see `page`). */
    const sendPage = (title: string, script: string) => send(200, page(title, script), 'text/html; charset=utf-8');
    const clientConfig = JSON.stringify({
      environment: sandbox.environment,
      clientId: sandbox.publicClientId,
      redirectUri: `${origin}/browser/callback.html`,
      popupRedirectUri: `${origin}/browser/popup-callback.html`,
      postLogoutRedirectUri: `${origin}/browser/index.html`,
      tokenStorage: url.searchParams.get('storage') ?? options.tokenStorage ?? 'session',
    });
    const show = `const out=document.getElementById('out');const show=(v)=>{window.__result=v;out.textContent=JSON.stringify(v)};`;
    if (url.pathname === '/browser/index.html') {
      return sendPage(
        'Application de test (client public)',
        `import { PscBrowserClient } from '@authforte/core/psc';${show}
window.psc = new PscBrowserClient(${clientConfig});
window.pscReady = true;`,
      );
    }
    if (url.pathname === '/browser/callback.html') {
      return sendPage(
        'Retour de Pro Santé Connect',
        `import { PscBrowserClient } from '@authforte/core/psc';${show}
window.psc = new PscBrowserClient(${clientConfig});
window.psc.handleRedirectCallback().then((r) => show({ ok: true, identity: r.identity, returnTo: r.returnTo, acr: r.idTokenClaims.acr }), (e) => show({ ok: false, code: e.code, message: e.message }));`,
      );
    }
    if (url.pathname === '/browser/popup-callback.html') {
      return sendPage('Fenêtre PSC', `import { completePscPopup } from '@authforte/core/psc'; completePscPopup();`);
    }
    if (url.pathname === '/backend/index.html') {
      return sendPage(
        'Application de test (serveur)',
        `import { PscBackendClient } from '@authforte/core/psc';${show}
window.psc = new PscBackendClient({ csrfToken: ${JSON.stringify(csrfToken)} });
window.psc.handleReturn().then((s) => s && show({ ok: true, identity: s.identity }), (e) => show({ ok: false, code: e.code }));
window.pscReady = true;`,
      );
    }
    if (listener && url.pathname.startsWith('/authforte/')) return listener(req, res);
    if (STATIC_PREFIXES.some((p) => url.pathname.startsWith(p)) && !url.pathname.includes('..')) {
      try {
        const file = join(root, normalize(url.pathname));
        const body = await readFile(file);
        const type =
          extname(file) === '.js' || extname(file) === '.mjs'
            ? 'text/javascript; charset=utf-8'
            : extname(file) === '.json'
              ? 'application/json'
              : 'application/octet-stream';
        return send(200, body, type);
      } catch {
        // fall through
      }
    }
    send(404, 'not found', 'text/plain');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createPscClient({
    environment: sandbox.environment,
    clientId: sandbox.confidentialClient.clientId,
    clientSecret: sandbox.confidentialClient.clientSecret,
    redirectUri: `${origin}/authforte/psc/callback`,
    postLogoutRedirectUri: `${origin}/backend/index.html`,
    ...options.server,
  });
  const handlers = createPscHandlers({
    client,
    cookieSecret: 'test-cookie-secret-0123456789-abcdefghijkl',
    // this test host has no sessions of its own: one CSRF token for its page stands for the host session's
    getCsrfToken: () => csrfToken,
    defaultReturnTo: '/backend/index.html',
    ...options.handlers,
  });
  listener = toNodeHandler(handlers.handle);
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
