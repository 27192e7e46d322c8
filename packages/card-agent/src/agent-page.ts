/**
 * The agent's own page, on its own origin (`http://127.0.0.1:24680/`): pending pairing requests
 * (requesting origin, verification code, Approve / Refuse) and the paired origins (Forget). It needs
 * no console, so pairing works when the agent runs as a systemd user unit, a LaunchAgent or a hidden
 * scheduled task. Like Fortify's approval window, the user compares the code the site shows with the
 * one shown here and approves; nothing is typed.
 *
 * Served with a strict CSP (no inline script or style), `frame-ancestors 'none'` and no CORS headers:
 * no other origin can read it, frame it or post to it (actions require `Origin` = the agent's own origin).
 */

export type PageLang = 'fr' | 'en';

export interface PagePending {
  id: string;
  origin: string;
  matchCode: string;
  expiresAt: number;
  approved: boolean;
}

export interface PageModel {
  lang: PageLang;
  pending: PagePending[];
  paired: Array<{ origin: string; createdAt: string }>;
  allowed: string[];
  notice?: 'approved' | 'refused' | 'forgotten' | 'unknown' | undefined;
  version: string;
}

/**
 * Every text of the page, French then English: one row per text, so that no text can be missing in one language.
 * `forRequest` / `forSite` end the buttons' names for screen readers ("Approuver la demande de https://…").
 */
const TEXT = {
  title: ['Agent de carte AuthForte', 'AuthForte card agent'],
  intro: [
    'Ce logiciel permet aux sites que vous autorisez d’utiliser votre carte CPS. Aucun site ne peut lire cette page.',
    'This program lets the sites you approve use your CPS card. No site can read this page.',
  ],
  pendingTitle: ['Demandes d’association en attente', 'Pending pairing requests'],
  pendingNone: ['Aucune demande en attente.', 'No pending request.'],
  pendingHelp: [
    'Approuvez une demande seulement si vous venez de la faire et si le site affiche le même code de vérification.',
    'Approve a request only if you just made it and the site shows the same verification code.',
  ],
  site: ['Site', 'Site'],
  code: ['Code de vérification', 'Verification code'],
  expires: ['Expire à', 'Expires at'],
  actions: ['Actions', 'Actions'],
  approve: ['Approuver', 'Approve'],
  refuse: ['Refuser', 'Refuse'],
  approvedWaiting: ['Approuvée : le site termine l’association.', 'Approved: the site is finishing the pairing.'],
  pairedTitle: ['Sites associés', 'Paired sites'],
  pairedNone: ['Aucun site associé.', 'No paired site.'],
  since: ['Associé le', 'Paired on'],
  forget: ['Oublier', 'Forget'],
  allowedTitle: ['Sites autorisés par la configuration', 'Sites allowed by the configuration'],
  forRequest: ['la demande de', 'the request of'],
  forSite: ['le site', 'the site'],
  'notice.approved': ['Demande approuvée.', 'Request approved.'],
  'notice.refused': ['Demande refusée.', 'Request refused.'],
  'notice.forgotten': [
    'Site oublié : il devra demander une nouvelle association.',
    'Site forgotten: it will have to ask for a new pairing.',
  ],
  'notice.unknown': [
    'Cette demande n’existe plus (expirée ou déjà traitée).',
    'This request no longer exists (expired or already handled).',
  ],
} as const satisfies Record<string, readonly [fr: string, en: string]>;

type PageText = Record<keyof typeof TEXT, string>;

/** The page's texts in one language (`TEXT`'s column). */
function texts(lang: PageLang): PageText {
  const column = lang === 'fr' ? 0 : 1;
  return Object.fromEntries(Object.entries(TEXT).map(([key, row]) => [key, row[column]])) as PageText;
}

/** Each language's name, in that language (the link to the other one). */
const LANGUAGE_NAMES: Record<PageLang, string> = { fr: 'Français', en: 'English' };

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Picks the page language: `?lang=`, else the first of Accept-Language that we have, else French. */
export function pageLang(query: URLSearchParams, acceptLanguage: string | undefined): PageLang {
  const q = query.get('lang');
  if (q === 'fr' || q === 'en') return q;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('fr')) return 'fr';
    if (tag.startsWith('en')) return 'en';
  }
  return 'fr';
}

function time(ms: number, lang: PageLang): string {
  return new Date(ms).toLocaleTimeString(lang === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

function date(iso: string, lang: PageLang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB');
}

function actionForm(action: string, lang: PageLang, label: string, hidden: string, extra = ''): string {
  return `<form method="post" action="${esc(action)}?lang=${lang}">${extra}<button type="submit">${esc(label)}<span class="sr-only">${esc(hidden)}</span></button></form>`;
}

export function renderAgentPage(m: PageModel): string {
  const t = texts(m.lang);
  const other: PageLang = m.lang === 'fr' ? 'en' : 'fr';
  const pending = m.pending.length
    ? `<table><caption class="sr-only">${esc(t.pendingTitle)}</caption><thead><tr><th scope="col">${t.site}</th><th scope="col">${t.code}</th><th scope="col">${t.expires}</th><th scope="col">${t.actions}</th></tr></thead><tbody>${m.pending
        .map(
          (p) =>
            `<tr data-pairing="${esc(p.id)}"><th scope="row">${esc(p.origin)}</th><td><span class="code">${esc(p.matchCode)}</span></td><td>${time(p.expiresAt, m.lang)}</td><td class="actions">${
              p.approved
                ? `<span>${esc(t.approvedWaiting)}</span>`
                : actionForm(`/agent/pairing/${p.id}/approve`, m.lang, t.approve, ` ${t.forRequest} ${p.origin}`) +
                  actionForm(`/agent/pairing/${p.id}/refuse`, m.lang, t.refuse, ` ${t.forRequest} ${p.origin}`)
            }</td></tr>`,
        )
        .join('')}</tbody></table>`
    : `<p>${esc(t.pendingNone)}</p>`;
  const paired = m.paired.length
    ? `<ul class="paired">${m.paired
        .map(
          (p) =>
            `<li><span class="origin">${esc(p.origin)}</span> <span class="since">${esc(t.since)} ${date(p.createdAt, m.lang)}</span> ${actionForm(
              '/agent/paired/forget',
              m.lang,
              t.forget,
              ` ${t.forSite} ${p.origin}`,
              `<input type="hidden" name="origin" value="${esc(p.origin)}">`,
            )}</li>`,
        )
        .join('')}</ul>`
    : `<p>${esc(t.pairedNone)}</p>`;
  const allowed = m.allowed.length
    ? `<section aria-labelledby="allowed-title"><h2 id="allowed-title">${esc(t.allowedTitle)}</h2><ul>${m.allowed
        .map((o) => `<li>${esc(o)}</li>`)
        .join('')}</ul></section>`
    : '';
  const notice = m.notice ? esc(t[`notice.${m.notice}` as const]) : '';
  return `<!doctype html>
<html lang="${m.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.title)}</title>
<link rel="stylesheet" href="/agent/page.css">
<script src="/agent/page.js" defer></script>
</head>
<body data-version="${esc(m.version)}">
<header><p class="lang"><a href="?lang=${other}" lang="${other}" hreflang="${other}">${LANGUAGE_NAMES[other]}</a></p></header>
<main>
<h1>${esc(t.title)}</h1>
<p>${esc(t.intro)}</p>
<p role="status" class="notice">${notice}</p>
<section aria-labelledby="pending-title"><h2 id="pending-title">${esc(t.pendingTitle)}</h2><p>${esc(t.pendingHelp)}</p>${pending}</section>
<section aria-labelledby="paired-title"><h2 id="paired-title">${esc(t.pairedTitle)}</h2>${paired}</section>
${allowed}
</main>
</body>
</html>
`;
}

export const AGENT_PAGE_CSS = `:root{color-scheme:light;font-family:system-ui,sans-serif;line-height:1.5}
body{margin:0 auto;max-width:52rem;padding:1rem 1.5rem;color:#161616;background:#fff}
h1{font-size:1.75rem}h2{font-size:1.25rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #929292;vertical-align:middle}
.code{font-family:ui-monospace,monospace;font-size:1.5rem;letter-spacing:.2em;font-weight:700}
.actions form,.paired form{display:inline-block;margin:0 .5rem .25rem 0}
button{font:inherit;padding:.5rem 1rem;border:1px solid #000091;background:#000091;color:#fff;cursor:pointer;min-height:2.75rem}
button:focus-visible,a:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}
a{color:#000091}.lang{text-align:right;margin:0}
.notice:empty{display:none}.notice{padding:.5rem 1rem;border-left:4px solid #18753c;background:#f3f6f4}
.paired li{margin:.5rem 0}.since{color:#3a3a3a}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
`;

/** Reloads the page when the pending requests or pairings change (polls `/agent/state`, same origin). */
export const AGENT_PAGE_JS = `'use strict';
(function () {
  var shown = document.body.getAttribute('data-version');
  function check() {
    fetch('/agent/state', { cache: 'no-store', headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        // not while the user is on a button: the page changes under nobody's hands
        if (s && s.version !== shown && !(document.activeElement && document.activeElement.closest('form'))) location.reload();
      })
      .catch(function () {})
      .then(function () { setTimeout(check, 2000); });
  }
  setTimeout(check, 2000);
})();
`;

/** Headers of every answer of the agent page: strict CSP, no framing, no CORS. */
export const AGENT_PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // not no-referrer: with it, Chromium sends `Origin: null` on the page's own form posts
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
} as const;
