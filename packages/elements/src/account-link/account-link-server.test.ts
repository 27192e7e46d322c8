/**
 * `<af-account-link server="/authforte">`: the element talks to the kit's routes itself (docs/http-api.md: `GET
 * config`, `GET account-link` for the pending identity and its CSRF token, `POST account-link`). The page's `fetch`
 * answers those routes as the kit does; what a user and a host notice is checked: the identity and the host's name
 * shown, the link sent with the CSRF token, where to go next.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AfAccountLink } from './define.js';
import './define.js';
import { fillWithKeyboard, MARIE, shadowText } from './test-support/account-link.js';

interface Sent {
  method: string;
  path: string;
  csrf: string | null;
  body: unknown;
}

/** A `fetch` answering the kit's account-link routes; `pending: false` is a session with no identity to link. */
function kitFetch({ pending }: { pending: boolean }) {
  const sent: Sent[] = [];
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    sent.push({
      method,
      path: url.pathname,
      csrf: headers.get('x-csrf-token'),
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    if (url.pathname === '/authforte/config')
      return json(200, { hostName: 'Trajectoire Démo', redirects: { signIn: '/connexion' } });
    if (url.pathname === '/authforte/account-link' && method === 'GET')
      return pending
        ? json(200, { identity: MARIE, csrfToken: 'jeton-csrf' })
        : json(403, {
            ok: false,
            error: { code: 'no-pending-identity', category: 'user', retryable: false, message: 'No pending identity' },
          });
    if (url.pathname === '/authforte/account-link' && method === 'POST')
      return headers.get('x-csrf-token') === 'jeton-csrf'
        ? json(200, { ok: true, accountId: 'acc-marie', redirectTo: '/accueil' })
        : json(403, { ok: false, error: { code: 'csrf', category: 'developer', retryable: false, message: 'CSRF' } });
    return json(404, { error: { code: 'not-found', category: 'developer', retryable: false, message: 'Not found' } });
  };
  return { fetch, sent };
}

describe('<af-account-link server>', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('shows the pending identity and the host’s name, links with the CSRF token, says where to go next', async () => {
    const kit = kitFetch({ pending: true });
    globalThis.fetch = kit.fetch as typeof fetch;
    const el = await fixture<AfAccountLink>(html`<af-account-link server="/authforte"></af-account-link>`);
    await waitUntil(() => shadowText(el).includes(MARIE.displayName), 'the pending identity shown');
    await waitUntil(() => shadowText(el).includes('Trajectoire Démo'), 'the host’s name shown');
    await expect(el).to.be.accessible();
    await fillWithKeyboard(el, 'marie.dupont', 'Trajectoire-2026');
    const linked = new Promise<CustomEvent>((resolve) =>
      el.addEventListener(
        'af-linked',
        (e) => {
          e.preventDefault(); // the host keeps the page (else the element goes to redirectTo)
          resolve(e as CustomEvent);
        },
        { once: true },
      ),
    );
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const event = await linked;
    expect(event.detail).to.deep.equal({ accountId: 'acc-marie', redirectTo: '/accueil' });
    const post = kit.sent.find((s) => s.method === 'POST')!;
    expect(post.path).to.equal('/authforte/account-link');
    expect(post.csrf).to.equal('jeton-csrf');
    expect(post.body).to.deep.equal({ username: 'marie.dupont', password: 'Trajectoire-2026' });
    // the browser never names the identity to link: the kit takes it from the session
    expect(JSON.stringify(post.body)).not.to.contain(MARIE.nationalId);
  });
});
