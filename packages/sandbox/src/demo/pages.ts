/**
 * The demo's pages, put together on the server (no page script: the pages pass a CSP without inline script): one
 * layout — head (the stylesheet and the one script, AuthForte's loader), the DSFR-like header — around the `<main>`
 * of each `public/*.html` (which starts with `<!--#page Title-->`), the first-connection page's two variants, and
 * the signed-in home.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProfessionalIdentity } from '@authforte/core';
import type { Account, IdentityLink } from './store.js';

const NAV: ReadonlyArray<readonly [href: string, label: string]> = [
  ['/', 'Trouver ma profession'],
  ['/activation.html', 'Activer mon e-CPS'],
  ['/connexion', 'Se connecter'],
];
const SIGNED_IN_NAV: typeof NAV = [['/accueil', 'Accueil'], ...NAV.slice(0, 2)];

/** The header of every page; `current` is the page's path (`aria-current="page"` on its link). */
function header(current: string, signedIn: boolean): string {
  const items = (signedIn ? SIGNED_IN_NAV : NAV).map(
    ([href, label]) => `<li><a href="${href}"${href === current ? ' aria-current="page"' : ''}>${label}</a></li>`,
  );
  return `<a class="skip" href="#contenu">Aller au contenu</a>
    <header class="header">
      <div class="header__brand">
        <p class="logo">République<br />Française</p>
        <div class="header__service">
          <a class="header__service-title" href="/">Trajectoire <span>Démo</span></a>
          <p class="header__service-tagline">Application hôte de démonstration d’AuthForte — données fictives</p>
        </div>
      </div>
      <nav aria-label="Menu principal">
        <ul>
          ${items.join('\n          ')}
        </ul>
      </nav>
    </header>`;
}

/** A whole page: `main` (already escaped markup) in the layout every page shares. */
function layout(page: { title: string; path: string; main: string; signedIn?: boolean }): string {
  return `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(page.title)}</title>
    <link rel="stylesheet" href="/demo.css" />
    <script type="module" src="/assets/authforte.js"></script>
  </head>
  <body>
    ${header(page.path, page.signedIn === true)}
    ${page.main.trim()}
  </body>
</html>
`;
}

/**
 * A page of `public/` in the layout; `variant` keeps one `<!--#name-->…` section of the page (up to the next
 * `<!--#…-->` marker) and drops the others; `{{csrf}}` becomes the session's CSRF token.
 */
export async function renderPage(
  publicDir: string,
  file: string,
  path: string,
  fill: { variant?: string; csrf?: string } = {},
): Promise<string | undefined> {
  let html: string;
  try {
    html = await readFile(join(publicDir, file), 'utf8');
  } catch {
    return undefined;
  }
  const title = /^<!--#page (.+?)-->\n/.exec(html);
  if (!title?.[1]) return undefined;
  html = html.slice(title[0].length);
  if (fill.variant)
    html = html.replace(/<!--#(\w+)-->([\s\S]*?)(?=<!--#\w+-->)/g, (_m, name: string, body: string) =>
      name === fill.variant ? body : '',
    );
  const main = html.replace('<!--#end-->', '').replaceAll('{{csrf}}', escapeHtml(fill.csrf ?? ''));
  return layout({ title: title[1], path, main });
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The practices of a PSC identity, for the signed-in page: profession (or "unclassified") and places. */
function practicesHtml(practices: ProfessionalIdentity['practices']): string {
  if (practices.length === 0) return '';
  const items = practices.map((p) => {
    const places = p.activities.map((a) => a.organizationName).filter((n): n is string => Boolean(n));
    const label = p.label || 'Exercice non classé (aucun code de profession transmis)';
    return `<li>${escapeHtml(label)}${places.length ? ` — ${places.map(escapeHtml).join(', ')}` : ''}</li>`;
  });
  return `<h2>Vos exercices (transmis par Pro Santé Connect)</h2>
      <ul data-testid="practices">${items.join('')}</ul>`;
}

/** The signed-in home: the account, its linked identity, the practices PSC gave, and the sign-out form. */
export function homePage(input: {
  hostName: string;
  account: Account;
  link: IdentityLink | undefined;
  practices: ProfessionalIdentity['practices'];
  csrfToken: string;
}): string {
  const { hostName, account, link } = input;
  const main = `<main id="contenu">
      <h1>Bonjour ${escapeHtml(account.displayName)}</h1>
      <p>Vous êtes connecté(e) à ${escapeHtml(hostName)}${account.establishment ? ` — ${escapeHtml(account.establishment)}` : ''}.</p>
      <dl class="account">
        <dt>Nom d’utilisateur</dt>
        <dd data-testid="username">${escapeHtml(account.username)}</dd>
        <dt>Identité reliée</dt>
        <dd data-testid="linked-identity">${
          link
            ? `${escapeHtml(link.displayName)} (identifiant national ${escapeHtml(link.nationalId)})`
            : 'aucune carte CPS ni e-CPS reliée'
        }</dd>
      </dl>
      ${practicesHtml(input.practices)}
      <form method="post" action="/authforte/signout">
        <input type="hidden" name="csrf" value="${escapeHtml(input.csrfToken)}" />
        <button type="submit" class="button">Se déconnecter</button>
      </form>
    </main>`;
  return layout({ title: `Accueil — ${hostName}`, path: '/accueil', main, signedIn: true });
}
