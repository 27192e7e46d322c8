/**
 * A minimal host application for the card e2e test and the benchmark: serves a page that loads the
 * core agent client, issues session-bound nonces and verifies card proofs with what it is given (the test passes
 * `@authforte/server`'s `CardChallenges` and `verifyCardProof`: the kit does not depend on the server package).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const coreDist = fileURLToPath(new URL('../../core/dist/', import.meta.url));

export interface HostApp {
  origin: string;
  close(): Promise<void>;
}

/** What the host's `/api/verify` asks for: the proof, the origin it expects, the session, which trust to use. */
export interface HostVerifyRequest {
  proof: unknown;
  expectedOrigin: string;
  sessionId: string;
  /** `true` for the `untrusted-ca` case: verify against a hierarchy that did not issue the card. */
  untrusted: boolean;
}

export async function startHostApp(options: {
  agentUrl: string;
  /** Issues a session-bound nonce (`CardChallenges.issue`). */
  issue(sessionId: string): Promise<unknown>;
  /** Verifies a proof (`verifyCardProof` with the challenges that issued its nonce). */
  verify(request: HostVerifyRequest): Promise<unknown>;
}): Promise<HostApp> {
  let origin = '';
  const page = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Host app</title></head><body>
<h1>Connexion par carte CPS</h1>
<script type="module">
import * as agent from '/core/agent/index.js';
window.agent = agent;
window.client = new agent.CardAgentClient({ baseUrl: ${JSON.stringify(options.agentUrl)} });
window.ready = true;
</script></body></html>`;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const sid = /(?:^|;\s*)sid=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '')?.[1];
    try {
      if (url.pathname === '/') {
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'set-cookie': `sid=${randomBytes(16).toString('base64url')}; HttpOnly; SameSite=Strict; Path=/`,
        });
        return void res.end(page);
      }
      const mod = /^\/core\/((?:agent|errors|identifiers)\/[a-z-]+\.js)$/.exec(url.pathname);
      if (mod) {
        const body = await readFile(coreDist + mod[1]);
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        return void res.end(body);
      }
      if (url.pathname === '/api/nonce' && req.method === 'POST' && sid) {
        const n = await options.issue(sid);
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify(n));
      }
      if (url.pathname === '/api/verify' && req.method === 'POST' && sid) {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const { proof, as } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { proof: unknown; as?: string };
        const result = await options.verify({
          proof,
          expectedOrigin: as === 'other-origin' ? 'https://another-app.example' : origin,
          sessionId: sid,
          untrusted: as === 'untrusted-ca',
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify(result));
      }
      res.writeHead(404).end();
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
