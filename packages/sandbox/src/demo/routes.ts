/**
 * The demo host's routes on Web `Request` / `Response`: the kit under `/authforte`, then the host's own pages —
 * `/` find your profession · `/connexion` sign in (`<af-login server="/authforte">`; signed in: on to `/accueil`) ·
 * `/espace-professionnel` first connection (`<af-account-link server="/authforte">` when an identity is pending) ·
 * `/accueil` signed-in home · the other pages of `public/`. Undefined for anything else (static files).
 */
import { fileURLToPath } from 'node:url';
import type { DemoApp } from './app.js';
import { homePage, renderPage } from './pages.js';

export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

/** Pages served from `public/` under a clean path. */
const PAGES: Record<string, string> = {
  '/': 'index.html',
  '/espace-professionnel': 'espace-professionnel.html',
  '/connexion': 'connexion.html',
};

const html = (body: string, headers: Record<string, string>) =>
  new Response(body, {
    headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
const seeOther = (location: string) => new Response(null, { status: 303, headers: { location } });

export function demoRoutes(app: DemoApp, publicDir = PUBLIC_DIR): (request: Request) => Promise<Response | undefined> {
  return async (request) => {
    const fromKit = await app.kit.handle(request);
    if (fromKit) return fromKit;
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const url = new URL(request.url);
    const file = PAGES[url.pathname] ?? (/^\/[\w-]+\.html$/.test(url.pathname) ? url.pathname.slice(1) : undefined);
    if (!file && url.pathname !== '/accueil') return undefined;
    const session = await app.kit.getSession(request);
    const account = session?.accountId ? app.store.getAccount(session.accountId) : undefined;
    if (url.pathname === '/accueil') {
      if (!session || !account) return seeOther('/connexion');
      const link = app.store.findLinkByAccount(account.id);
      // signed in with the e-CPS: the practices PSC gave for this identity (escaped: claims are data, never markup)
      const psc = await app.kit.psc?.readSession(request);
      const practices = psc && link && psc.identity.nationalId === link.nationalId ? psc.identity.practices : [];
      return html(
        homePage({ hostName: app.hostName, account, link, practices, csrfToken: session.csrfToken }),
        app.securityHeaders(),
      );
    }
    // already signed in: no sign-in page (back from PSC, `<af-login>` finishes the sign-in and goes on itself)
    if (url.pathname === '/connexion' && account && !/[?&]psc(_error)?=/.test(url.search)) return seeOther('/accueil');
    const page = await renderPage(publicDir, file ?? '', url.pathname, {
      variant: session?.pending ? 'pending' : 'none',
      ...(session ? { csrf: session.csrfToken } : {}),
    });
    return page === undefined ? undefined : html(page, app.securityHeaders());
  };
}
