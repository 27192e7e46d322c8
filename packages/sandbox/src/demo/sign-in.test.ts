/**
 * The demo host's sign-in on the kit: a real card proof (a virtual card signed by the test CA, through the card
 * agent) — link page the first time with the planted session id rotated, signed in directly the next —, Pro Santé
 * Connect on a shared workstation (`prompt=login`, sandbox PSC), and the pages it serves.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningCardAgent, startCardAgent, VirtualBackend } from '@authforte/card-agent';
import { CardAgentClient } from '@authforte/core/agent';
import { createTestCa, issueCardCertificate, profile } from '@authforte/test-kit';
import { testTrustPreset } from '../cards/trust.js';
import { type RunningSandboxPsc, startSandboxPsc } from '../psc/server.js';
import { BASE, Client, startDemoApp } from '../testing/demo-client.js';
import type { DemoApp } from './app.js';

describe('demo host on the kit: Pro Santé Connect on a shared workstation', () => {
  let psc: RunningSandboxPsc;
  before(async () => {
    psc = await startSandboxPsc({ port: 0, walletPort: 0 });
  });
  after(() => psc?.close());

  /** Where `<af-login>`'s "S’identifier avec Pro Santé Connect" sends the browser: PSC's authorization endpoint. */
  async function authorizeUrl(sharedWorkstation?: boolean) {
    const app = startDemoApp({
      psc: {
        environment: psc.environment,
        clientId: psc.confidentialClient.clientId,
        clientSecret: psc.confidentialClient.clientSecret,
        ...(sharedWorkstation === undefined ? {} : { sharedWorkstation }),
      },
    });
    try {
      const res = await new Client(app).request('/authforte/psc/login?return_to=%2Fconnexion');
      assert.ok([302, 303].includes(res.status), `status ${res.status}`);
      return new URL(res.headers.get('location') ?? '');
    } finally {
      await app.close();
    }
  }

  it('asks PSC for the e-CPS or the card at every sign-in (prompt=login), unless the host says otherwise', async () => {
    const shared = await authorizeUrl();
    assert.equal(shared.origin, new URL(psc.walletUrl).origin, 'PSC’s sign-in page');
    assert.equal(shared.searchParams.get('prompt'), 'login');
    assert.equal(shared.searchParams.get('redirect_uri'), `${BASE}/authforte/psc/callback`);
    assert.equal((await authorizeUrl(false)).searchParams.get('prompt'), null);
  });
});

describe('demo host on the kit: card sign-in (a virtual card through the card agent), pages', () => {
  const PIN = '4321';
  const ca = createTestCa({ keyType: 'ec' });
  let app: DemoApp;
  let agent: RunningCardAgent;
  let slot: string;

  before(async () => {
    const card = issueCardCertificate(ca, profile('medecin'));
    const backend = new VirtualBackend({ readers: 1 });
    slot = backend.insert({
      label: card.label,
      certificate: card.certificateDer,
      privateKey: card.privateKeyPem,
      pin: PIN,
    });
    agent = await startCardAgent({
      backend,
      port: 0,
      allowedOrigins: [BASE],
      logger: { info() {}, warn() {}, error() {} },
    });
    app = startDemoApp({ card: { trust: testTrustPreset(ca, 'off'), agentUrl: agent.url } });
    await app.seed();
  });
  after(async () => {
    await app?.close();
    await agent?.close();
  });

  /** `<af-login>`'s card sign-in, as the element does it: nonce, the agent signs it for this origin, verify. */
  async function cardSignIn(c: Client) {
    const nonce = (await (await c.post('/authforte/card/nonce', {}, (await c.session()).csrfToken)).json()) as {
      nonce: string;
    };
    const proof = await new CardAgentClient({ baseUrl: agent.url, headers: { origin: BASE } }).authenticate({
      nonce: nonce.nonce,
      pin: PIN,
      slot,
    });
    return c.post('/authforte/card/verify', proof, (await c.session()).csrfToken);
  }

  it('tells the sign-in page what it offers, with the demo’s help desk and pages', async () => {
    const config = (await (await new Client(app).request('/authforte/config')).json()) as Record<string, unknown>;
    assert.deepEqual(config.methods, ['card']);
    assert.equal(config.agentUrl, agent.url);
    assert.equal(config.hostName, 'Trajectoire Démo');
    assert.deepEqual(config.helpContact, { name: 'Assistance de démonstration', email: 'assistance@demo.invalid' });
    assert.deepEqual(config.redirects, {
      signedIn: '/accueil',
      linkRequired: '/espace-professionnel',
      signedOut: '/deconnecte.html',
      signIn: '/connexion',
    });
  });

  it('a card proof: the link page the first time (the planted session id rotated), signed in directly the second time', async () => {
    const attacker = new Client(app);
    const planted = await attacker.session(); // the attacker's own session id and CSRF token…
    const victim = new Client(app);
    victim.cookie = attacker.cookie; // …planted in the victim's browser (a sibling subdomain, a shared computer)
    const first = await cardSignIn(victim);
    assert.equal(first.status, 200);
    const outcome = (await first.json()) as { status: string; redirectTo: string; identity: { nationalId: string } };
    assert.deepEqual([outcome.status, outcome.redirectTo], ['link-required', '/espace-professionnel']);
    assert.notEqual(victim.cookie, attacker.cookie, 'a new session id for the proved identity');
    // the attacker cannot read the victim's identity, nor link it to their own account
    assert.equal((await attacker.request('/authforte/account-link')).status, 403);
    const attempt = await attacker.link({ username: 'paul.martin', password: 'Trajectoire-2026' }, planted.csrfToken);
    assert.equal(attempt.status, 403);
    assert.equal(app.findAccountByNationalId(outcome.identity.nationalId), undefined);
    // the victim links, then another day signs in with the card alone
    const page = await (await victim.request('/espace-professionnel')).text();
    assert.match(page, /<af-account-link[^>]*server="\/authforte"/);
    assert.doesNotMatch(page, /id="none"/);
    const linked = await victim.link(
      { username: 'marie.dupont', password: 'Trajectoire-2026' },
      (await victim.session()).csrfToken,
    );
    assert.equal(linked.status, 200);
    const nextDay = new Client(app);
    const second = (await (await cardSignIn(nextDay)).json()) as { status: string; redirectTo: string };
    assert.deepEqual([second.status, second.redirectTo], ['authenticated', '/accueil']);
    assert.match(await (await nextDay.request('/accueil')).text(), /Bonjour Marie Dupont/);
    // signed in, the sign-in page sends on to the home page
    const signIn = await nextDay.request('/connexion');
    assert.deepEqual([signIn.status, signIn.headers.get('location')], [303, '/accueil']);
  });

  it('refuses a proof that is not one, and signs no one in', async () => {
    const c = new Client(app);
    const res = await c.post('/authforte/card/verify', { nonce: 'x' }, (await c.session()).csrfToken);
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { code: string; details?: { reason?: string } } };
    assert.deepEqual([body.error.code, body.error.details?.reason], ['verification-failed', 'malformed-proof']);
    assert.equal((await c.session()).signedIn, false);
  });

  it('serves its pages with the shared header, and no page script', async () => {
    const c = new Client(app);
    for (const [path, current] of [
      ['/', '/'],
      ['/connexion', '/connexion'],
      ['/activation.html', '/activation.html'],
      ['/espace-professionnel', undefined],
      ['/deconnecte.html', undefined],
    ] as const) {
      const res = await c.request(path);
      assert.equal(res.status, 200, path);
      const html = await res.text();
      assert.match(html, /<header class="header">/, path);
      assert.doesNotMatch(html, /<!--#/, `${path}: a template marker left`);
      const currentLinks = [...html.matchAll(/<a href="([^"]+)" aria-current="page">/g)].map((m) => m[1]);
      assert.deepEqual(currentLinks, current ? [current] : [], path);
      const scripts = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]);
      assert.deepEqual(scripts, ['<script type="module" src="/assets/authforte.js">'], path);
    }
    // nothing pending: the first-connection page says so, and has no form
    const none = await (await c.request('/espace-professionnel')).text();
    assert.match(none, /id="none"/);
    assert.doesNotMatch(none, /<af-account-link|<form/);
  });

  it('/accueil without a session sends to the sign-in page', async () => {
    const res = await new Client(app).request('/accueil');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/connexion');
  });
});
