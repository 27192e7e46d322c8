/**
 * The demo host application: a small "ViaTrajectoire-like" site that uses every AuthForte element.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { RunningService } from '../services.js';
import { serveFile } from './static.js';

const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));
const bundleDir = fileURLToPath(new URL('../../../elements/bundle/', import.meta.url));

export interface DemoHostOptions {
  port?: number;
  host?: string;
}

export async function startDemoHost(options: DemoHostOptions = {}): Promise<RunningService> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname.startsWith('/authforte/')) {
        if (await serveFile(res, bundleDir, url.pathname.slice('/authforte/'.length))) return;
      } else {
        const path =
          url.pathname === '/' ? 'index.html' : url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname;
        if (await serveFile(res, publicDir, path)) return;
      }
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Page introuvable');
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Erreur interne');
    }
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    name: 'Demo host',
    url: `http://localhost:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
