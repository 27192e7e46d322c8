/**
 * A minimal host on the kit, for tests: an in-memory account store (the host's only code besides the kit's
 * configuration), `createAuthForte` with the sandbox PSC and the test CA, mounted on `node:http`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AccountLinkError,
  type AuthForte,
  type AuthForteOptions,
  type AuthForteStore,
  authForteNode,
  createAuthForte,
  type TrustPreset,
} from '@authforte/server';
import type { RunningSandboxPsc } from '../psc/options.js';

export const KIT_PASSWORD = 'Bon-Mot-de-passe-2026';

export class MemoryAccounts {
  readonly users = new Map([
    ['marie.dupont', { accountId: 'acc-marie', password: KIT_PASSWORD }],
    ['paul.martin', { accountId: 'acc-paul', password: KIT_PASSWORD }],
  ]);
  readonly links = new Map<string, string>();
  readonly callbacks: AuthForteOptions['accounts'] = {
    findByNationalId: (nationalId) => {
      const accountId = this.links.get(nationalId);
      return accountId ? { accountId } : null;
    },
    verifyCredentials: (username, password) => {
      const u = this.users.get(username.toLowerCase());
      return u && u.password === password ? { accountId: u.accountId } : null;
    },
    link: ({ identity, accountId }) => {
      const existing = this.links.get(identity.nationalId);
      if ((existing && existing !== accountId) || [...this.links.values()].includes(accountId))
        throw new AccountLinkError('already-linked');
      this.links.set(identity.nationalId, accountId);
    },
  };
}

export interface KitHost {
  kit: AuthForte;
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Listens first (the origin is needed by the kit), then mounts the kit. */
export async function startKitHost(options: {
  psc?: RunningSandboxPsc;
  /** The card CAs (the test hierarchy: `testTrustPreset(ca, 'off')`). */
  trust?: TrustPreset;
  agentUrl?: string;
  store?: AuthForteStore;
  accounts: MemoryAccounts;
  secret?: string;
  port?: number;
  extra?: Partial<AuthForteOptions>;
  /** The host's own routes, after the kit's. */
  routes?: (request: Request) => Promise<Response | undefined> | Response | undefined;
}): Promise<KitHost> {
  let listener: ReturnType<typeof authForteNode> | undefined;
  const server: Server = createServer((req, res) => {
    if (!listener) {
      res.writeHead(503).end();
      return;
    }
    listener(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const kit = createAuthForte({
    origin,
    secret: options.secret ?? 'kit-test-secret-kit-test-secret-0123456789',
    hostName: 'Cabinet Test',
    ...(options.store ? { store: options.store } : {}),
    ...(options.trust
      ? { card: { trust: options.trust, ...(options.agentUrl ? { agentUrl: options.agentUrl } : {}) } }
      : {}),
    ...(options.psc
      ? {
          psc: {
            environment: options.psc.environment,
            clientId: options.psc.confidentialClient.clientId,
            clientSecret: options.psc.confidentialClient.clientSecret,
          },
        }
      : {}),
    accounts: options.accounts.callbacks,
    redirects: { signedIn: '/accueil', linkRequired: '/premiere-connexion', signedOut: '/', signIn: '/connexion' },
    minFailureMs: 0,
    ...options.extra,
  });
  const routes = options.routes;
  listener = authForteNode({
    handle: async (request) => (await kit.handle(request)) ?? (routes ? await routes(request) : undefined),
  });
  return {
    kit,
    url: `${origin}/`,
    origin,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** On the simulated phone of the sandbox PSC: approves the pending request of `nationalId`. */
export async function approveOnPhone(psc: RunningSandboxPsc, nationalId: string, action = 'valider'): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const html = await (await fetch(psc.phoneUrl(nationalId))).text();
    const m = /\/telephone\/demandes\/([\w-]+)\/valider/.exec(html);
    if (m) {
      const res = await fetch(new URL(`/telephone/demandes/${m[1]}/${action}`, psc.walletUrl), {
        method: 'POST',
        redirect: 'manual',
      });
      if (res.status >= 400) throw new Error(`phone answer: HTTP ${res.status}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no pending request on the phone of ${nationalId}`);
}
