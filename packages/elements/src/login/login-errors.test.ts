/**
 * What the user reads of an error that came from another domain (the card agent, Pro Santé Connect, the host's
 * server): the mapping into the sign-in's codes keeps the details up to the screen.
 */
import { AgentError } from '@authforte/core/agent';
import { pscServicesFromBackend } from '@authforte/core/login';
import { PscBackendClient, PscError } from '@authforte/core/psc';
import { fakeServices, never } from '@authforte/core/testing';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { AfLogin } from './define.js';
import './define.js';
import { LOGIN_RESUME_KEY } from './af-login.js';

const root = (el: AfLogin) => el.shadowRoot!;
const title = (el: AfLogin) => root(el).querySelector<HTMLElement>('[part~="title"]')!.textContent!;
const text = (el: AfLogin) => root(el).querySelector('[part="screen"]')!.textContent!.replace(/\s+/g, ' ');

async function mount(services: AfLogin['services'], attrs: Record<string, string> = {}) {
  const el = await fixture<AfLogin>(html`<af-login></af-login>`);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.services = services;
  await el.updateComplete;
  return el;
}

async function errorScreen(el: AfLogin) {
  await waitUntil(() => el.screen === 'error', `error screen (now ${el.screen})`, { timeout: 3000 });
  await el.updateComplete;
}

describe('<af-login> errors from other domains', () => {
  beforeEach(() => sessionStorage.removeItem(LOGIN_RESUME_KEY));

  it('an agent of another protocol version: the versions needed and installed are said', async () => {
    const f = fakeServices({ detect: { status: 'version-mismatch', versions: [2] } });
    const el = await mount(f.services, { methods: 'card' });
    el.start('card');
    await errorScreen(el);
    expect(title(el)).to.equal('Le logiciel de lecture de carte doit être mis à jour');
    expect(text(el)).to.contain('demande la version 1 du protocole');
    expect(text(el)).to.contain('parle la version 2');
  });

  it('a rate-limited card agent: says when to try again (its retryAfter reaches the screen)', async () => {
    const f = fakeServices({
      detect: new AgentError('rate-limited', 'Too many requests', { retryAfterSeconds: 150, status: 429 }),
    });
    const el = await mount(f.services, { methods: 'card' });
    const error = oneEvent(el, 'af-error');
    el.start('card');
    const { detail } = await error;
    expect(detail.code).to.equal('agent-unavailable');
    // the host's logs get what the screen says: when, and that trying again helps
    expect(detail.details.retryAfter).to.equal(150);
    expect(detail.retryable).to.equal(true);
    expect(detail.category).to.equal('environment');
    await errorScreen(el);
    expect(text(el)).to.contain('Vous pourrez réessayer dans 3 minutes.');
  });

  it('an e-CPS identifier without e-CPS, answered by the host in its error envelope: the right message', async () => {
    const fetch: typeof globalThis.fetch = async () =>
      new Response(
        JSON.stringify({
          error: {
            code: 'psc-unknown-user',
            category: 'user',
            retryable: true,
            message: 'invalid_request: invalid_user',
            details: {},
          },
        }),
        { status: 400, headers: { 'content-type': 'application/json' } },
      );
    const services = {
      ...fakeServices({ signinRedirect: never }).services,
      psc: pscServicesFromBackend(async () => new PscBackendClient({ basePath: '/authforte/psc', fetch })),
    };
    const el = await mount(services, { methods: 'psc', ciba: '' });
    el.start('psc');
    await waitUntil(() => el.screen === 'ciba-identifier', `ciba-identifier (now ${el.screen})`);
    await el.updateComplete;
    el.querySelector<HTMLInputElement>('input[name="username"]')!.value = '810009999999';
    const error = oneEvent(el, 'af-error');
    [...el.querySelectorAll('button'), ...root(el).querySelectorAll('button')]
      .find((b) => /Envoyer la demande/.test(b.textContent!))!
      .click();
    expect((await error).detail.code).to.equal('psc-unknown-user');
    await errorScreen(el);
    expect(title(el)).to.equal('Aucune e\u2011CPS active pour cet identifiant');
    expect(text(el)).not.to.contain('Réessayez');
  });

  it('a PSC answer that could not be used says what was wrong (the source code kept), in English too', async () => {
    const f = fakeServices({
      signinRedirect: never,
      cibaStart: new PscError('psc-config', 'invalid_client: unknown client'),
    });
    const el = await mount(f.services, { methods: 'psc', ciba: '', lang: 'en' });
    el.start('psc');
    await waitUntil(() => el.screen === 'ciba-identifier');
    await el.updateComplete;
    el.querySelector<HTMLInputElement>('input[name="username"]')!.value = '810100032512';
    [...el.querySelectorAll('button'), ...root(el).querySelectorAll('button')]
      .find((b) => /Send the request/.test(b.textContent!))!
      .click();
    await errorScreen(el);
    expect(text(el)).to.contain('Pro Santé Connect is misconfigured in this application. Contact the help desk.');
    await expect(el).to.be.accessible();
  });
});
