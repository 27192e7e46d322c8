/**
 * For the demo's Node tests: a browser of one on the demo's Web routes (`demoRoutes`), and a demo app on its own
 * in-memory database, with the test origin.
 */
import { DemoApp } from '../demo/app.js';
import { demoRoutes } from '../demo/routes.js';
import { KIT_SESSION_COOKIE } from './kit-session.js';

export const MARIE = { nationalId: '899700540003', displayName: 'MARIE ASSISTDELCS170540003', source: 'card' as const };
export const BASE = 'http://demo.test';

/** The error code of a refusal (`{ error: code }` or `{ error: { code } }`). */
export const codeOf = (body: { error?: string | { code?: string } }) =>
  typeof body.error === 'string' ? body.error : body.error?.code;

/** A browser of one: keeps the kit's session cookie across requests, sends the page's Origin on POSTs. */
export class Client {
  cookie = '';
  private readonly routes: (request: Request) => Promise<Response | undefined>;
  constructor(app: DemoApp) {
    this.routes = demoRoutes(app);
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', BASE);
    const res =
      (await this.routes(new Request(BASE + path, { ...init, headers }))) ?? new Response(null, { status: 404 });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      if (pair?.startsWith(`${KIT_SESSION_COOKIE}=`)) this.cookie = pair.endsWith('=') ? '' : pair;
    }
    return res;
  }

  async session() {
    return (await (await this.request('/authforte/session')).json()) as {
      signedIn: boolean;
      csrfToken: string;
      accountId?: string;
      pendingIdentity?: { nationalId: string; displayName: string };
    };
  }

  post(path: string, body: unknown, csrf: string | undefined, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...headers };
    if (csrf !== undefined) h['x-csrf-token'] = csrf;
    return this.request(path, { method: 'POST', headers: h, body: JSON.stringify(body) });
  }

  link(body: unknown, csrf: string | undefined) {
    return this.post('/authforte/account-link', body, csrf);
  }

  signOut(csrf: string) {
    return this.request('/authforte/signout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${encodeURIComponent(csrf)}`,
    });
  }
}

export function startDemoApp(options: ConstructorParameters<typeof DemoApp>[0] = {}) {
  const app = new DemoApp({ database: ':memory:', minFailureMs: 0, lockout: { maxFailures: 3 }, ...options });
  app.setOrigin(BASE);
  return app;
}
