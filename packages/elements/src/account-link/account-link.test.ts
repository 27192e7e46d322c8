import type { AccountLinkCredentials, AccountLinkResult } from '@authforte/core/account-link';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../config/define.js';
import type { AfAccountLink } from './define.js';
import './define.js';

const MARIE = { nationalId: '899700540003', displayName: 'MARIE ASSISTDELCS170540003', source: 'card' as const };

const shadowText = (el: AfAccountLink) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const status = (el: AfAccountLink) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
const summary = (el: AfAccountLink) => el.querySelector<HTMLElement>('.af-link-summary');
const submitButton = (el: AfAccountLink) => el.querySelector<HTMLButtonElement>('button[type="submit"]')!;

/** A transport that answers what it is told, after `delay` ms, and records what it was sent. */
function scripted(...answers: Array<AccountLinkResult | Error>) {
  const calls: AccountLinkCredentials[] = [];
  let release: (() => void) | undefined;
  const submit = async (c: AccountLinkCredentials) => {
    calls.push(c);
    const a = answers.shift() ?? { ok: false as const, code: 'server' as const };
    await new Promise<void>((r) => {
      release = r;
      setTimeout(r, 20);
    });
    if (a instanceof Error) throw a;
    return a;
  };
  return { submit, calls, release: () => release?.() };
}

async function settle(el: AfAccountLink) {
  for (let i = 0; i < 50 && el.state === 'submitting'; i++) await new Promise((r) => setTimeout(r, 10));
  await el.updateComplete;
}

async function fillWithKeyboard(el: AfAccountLink, username: string, password: string) {
  el.usernameInput!.focus();
  if (username) await sendKeys({ type: username });
  await sendKeys({ press: 'Tab' });
  expect(document.activeElement).to.equal(el.passwordInput);
  if (password) await sendKeys({ type: password });
}

async function linkForm(submit?: ReturnType<typeof scripted>['submit'], attrs = '') {
  const el = await fixture<AfAccountLink>(
    html`<af-account-link .identity=${MARIE} .submit=${submit} ?cancelable=${attrs.includes('cancelable')}></af-account-link>`,
  );
  await el.updateComplete;
  return el;
}

describe('<af-account-link>', () => {
  afterEach(() => {
    document.documentElement.lang = 'fr';
  });

  it('shows the guide’s "Espace professionnel" text, the identity as text, and is accessible', async () => {
    const el = await linkForm();
    const text = shadowText(el);
    expect(el.shadowRoot!.querySelector('[role="heading"]')!.textContent!.trim()).to.equal('Espace professionnel');
    expect(text).to.contain(
      'Vous êtes un professionnel en établissement et vous avez déjà un compte votre application. Authentifiez-vous avec vos identifiants habituels de votre application.',
    );
    const identity = el.shadowRoot!.querySelector('[part="identity"]')!;
    expect(identity.textContent).to.contain('MARIE ASSISTDELCS170540003');
    expect(identity.textContent).to.contain('899700540003');
    // « l’identifiant … (lu sur votre carte CPS) »: the participle agrees with the identifier
    expect(identity.textContent!.replace(/\s+/g, ' ')).to.contain('899700540003 (lu sur votre carte CPS)');
    expect(identity.querySelector('input')).to.equal(null, 'the identity is text, not a field');
    expect(submitButton(el).textContent!.trim()).to.equal('Se connecter');
    await expect(el).to.be.accessible();
  });

  it('puts native username and password inputs in a real form in the light DOM, for password managers', async () => {
    const el = await linkForm();
    const user = el.usernameInput!;
    const pass = el.passwordInput!;
    expect(user.getRootNode()).to.equal(document, 'not in a shadow root');
    expect(pass.getRootNode()).to.equal(document);
    expect(user.form).to.not.equal(null);
    expect(user.form).to.equal(pass.form);
    expect(user.autocomplete).to.equal('username');
    expect(pass.autocomplete).to.equal('current-password');
    expect(pass.type).to.equal('password');
    expect(user.labels![0]!.textContent!.trim()).to.equal('Nom d’utilisateur');
    expect(pass.labels![0]!.textContent!.trim()).to.equal('Mot de passe');
    expect(submitButton(el).form).to.equal(user.form);
    // the slot shows them inside the element's layout
    const slot = el.shadowRoot!.querySelector('slot')!;
    expect(slot.assignedElements()).to.include(user.closest('.af-account-link-light'));
  });

  it('uses the host name from its attribute or from <af-config>', async () => {
    const el = await fixture<AfAccountLink>(html`<af-account-link host-name="ViaTrajectoire"></af-account-link>`);
    expect(shadowText(el)).to.contain(
      'déjà un compte ViaTrajectoire. Authentifiez-vous avec vos identifiants habituels de ViaTrajectoire.',
    );
    const wrapped = await fixture(
      html`<af-config .config=${{ hostName: 'Trajectoire Démo' }}><af-account-link></af-account-link></af-config>`,
    );
    const inner = wrapped.querySelector('af-account-link')!;
    await inner.updateComplete;
    expect(shadowText(inner)).to.contain('un compte Trajectoire Démo.');
  });

  it('links with the keyboard alone: type, Tab, type, Enter; announces, fires af-linked and drops the form', async () => {
    const t = scripted({ ok: true, accountId: 'acc-1', redirectTo: '/accueil' });
    // the server answers only once the submitting state has been looked at (a fixed delay raced the key press)
    let answer!: () => void;
    const answered = new Promise<void>((r) => (answer = r));
    const el = await linkForm(async (c) => {
      await answered;
      return t.submit(c);
    });
    await fillWithKeyboard(el, 'marie.dupont', 'Trajectoire-2026');
    const linked = oneEvent(el, 'af-linked');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.state).to.equal('submitting');
    expect(status(el)).to.equal('Vérification de vos identifiants…');
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
    expect(el.usernameInput!.readOnly).to.equal(true);
    await expect(el).to.be.accessible();
    answer();
    const event = await linked;
    expect(event.detail).to.deep.equal({ accountId: 'acc-1', redirectTo: '/accueil' });
    expect(t.calls).to.deep.equal([{ username: 'marie.dupont', password: 'Trajectoire-2026' }]);
    await el.updateComplete;
    expect(el.state).to.equal('linked');
    expect(el.querySelector('form')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="success"]')!.textContent).to.contain('reliée à votre compte');
    expect(status(el)).to.contain('reliée');
    await expect(el).to.be.accessible();
  });

  it('never reports a redirectTo that leads off-site, whatever its transport answered', async () => {
    for (const [target, expected] of [
      ['/.//evil.example/', undefined],
      ['/\t/evil.example', undefined],
      ['/\\evil.example', undefined],
      ['https://evil.example/', undefined],
      ['/a/../accueil', '/accueil'],
    ] as const) {
      const el = await linkForm(scripted({ ok: true, accountId: 'acc-1', redirectTo: target }).submit);
      el.usernameInput!.value = 'marie.dupont';
      el.passwordInput!.value = 'x';
      const linked = oneEvent(el, 'af-linked');
      submitButton(el).click();
      const { detail } = await linked;
      expect(detail.redirectTo, JSON.stringify(target)).to.equal(expected);
    }
  });

  it('styles its light DOM with an adopted stylesheet, never a <style> element (strict CSP)', async () => {
    const el = await linkForm();
    expect(el.querySelector('style')).to.equal(null);
    const form = el.querySelector('form')!;
    expect(getComputedStyle(form).display).to.equal('grid');
    const adopted = document.adoptedStyleSheets.filter((sheet) =>
      [...sheet.cssRules].some((r) => r.cssText.includes('.af-account-link-light')),
    );
    expect(adopted.length).to.equal(1, 'one shared sheet, however many elements');
    await linkForm();
    expect(document.adoptedStyleSheets.filter((sheet) => adopted.includes(sheet)).length).to.equal(1);
  });

  it('on wrong credentials: generic message, password cleared, username kept, focus on the summary', async () => {
    const t = scripted({ ok: false, code: 'invalid-credentials' });
    const el = await linkForm(t.submit);
    await fillWithKeyboard(el, 'marie.dupont', 'mauvais');
    const failed = oneEvent(el, 'af-link-failed');
    await sendKeys({ press: 'Enter' });
    expect((await failed).detail).to.deep.equal({ code: 'invalid-credentials' });
    await settle(el);
    expect(el.state).to.equal('failed');
    expect(el.passwordInput!.value).to.equal('');
    expect(el.usernameInput!.value).to.equal('marie.dupont');
    expect(document.activeElement).to.equal(summary(el));
    expect(summary(el)!.textContent).to.contain('Nom d’utilisateur ou mot de passe incorrect');
    expect(summary(el)!.textContent).to.contain('mot de passe a été effacé');
    expect(status(el)).to.contain('Nom d’utilisateur ou mot de passe incorrect');
    await expect(el).to.be.accessible();
    // try again with the keyboard: Tab to the username (kept), Tab to the password
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(el.usernameInput);
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(el.passwordInput);
  });

  it('refuses empty fields without a request, lists them in the summary, and links each to its field', async () => {
    const t = scripted();
    const el = await linkForm(t.submit);
    el.usernameInput!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(t.calls.length).to.equal(0);
    expect(document.activeElement).to.equal(summary(el));
    const links = [...summary(el)!.querySelectorAll('a')];
    expect(links.map((a) => a.textContent!.trim())).to.deep.equal([
      'Saisissez votre nom d’utilisateur.',
      'Saisissez votre mot de passe.',
    ]);
    expect(el.usernameInput!.getAttribute('aria-invalid')).to.equal('true');
    expect(el.usernameInput!.getAttribute('aria-describedby')).to.equal(el.querySelector('.af-link-field-error')!.id);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' }); // to the first link
    await sendKeys({ press: 'Tab' }); // to the second link
    await sendKeys({ press: 'Enter' });
    expect(document.activeElement).to.equal(el.passwordInput);
    await sendKeys({ type: 'x' });
    await el.updateComplete;
    expect(el.passwordInput!.getAttribute('aria-invalid')).to.equal('false');
  });

  it('when locked: "bloquée" in the title, when to retry said once; the button is unavailable', async () => {
    const t = scripted({
      ok: false,
      code: 'locked',
      message: 'Trop de tentatives. La liaison est bloquée pendant 15 minutes.',
      retryAfter: 900,
    });
    const el = await linkForm(t.submit);
    await fillWithKeyboard(el, 'marie.dupont', 'mauvais');
    const pending1 = oneEvent(el, 'af-link-failed');
    await sendKeys({ press: 'Enter' });
    await pending1;
    await settle(el);
    expect(el.screen).to.equal('locked');
    const said = summary(el)!.textContent!.replace(/\s+/g, ' ');
    expect(said).to.contain('Connexion temporairement bloquée');
    expect(said).to.contain('Trop de tentatives : par sécurité, la liaison de votre compte est bloquée.');
    expect(said).to.contain('Vous pourrez réessayer dans 15 minutes.');
    expect(said.split('15 minutes').length - 1, 'the delay is said once').to.equal(1);
    expect(document.activeElement).to.equal(summary(el));
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
    expect(el.passwordInput!.value).to.equal('');
    expect(status(el)).to.contain('la liaison de votre compte est bloquée');
    await expect(el).to.be.accessible();
    el.passwordInput!.value = 'again';
    submitButton(el).click();
    await el.updateComplete;
    expect(t.calls.length).to.equal(1, 'no attempt while locked');
    el.reset();
    await el.updateComplete;
    expect(el.screen, 'reset refused while locked').to.equal('locked');
  });

  it('announces the end of a lockout, and the form works again', async () => {
    const t = scripted(
      { ok: false, code: 'locked', message: 'Compte bloqué : trop de tentatives.', retryAfter: 0.3 },
      { ok: true, accountId: 'acc-1' },
    );
    const el = await linkForm(t.submit);
    await fillWithKeyboard(el, 'marie.dupont', 'mauvais');
    const failed = oneEvent(el, 'af-link-failed');
    await sendKeys({ press: 'Enter' });
    await failed;
    await settle(el);
    expect(el.screen).to.equal('locked');
    await waitUntil(() => el.screen === 'editing', 'lock ended', { timeout: 3000 });
    await el.updateComplete;
    expect(status(el)).to.equal('Le blocage est levé : vous pouvez de nouveau essayer de vous connecter.');
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('false');
    expect(el.usernameInput!.value).to.equal('marie.dupont');
    await expect(el).to.be.accessible();
    el.passwordInput!.value = 'bon-mot-de-passe';
    const linked = oneEvent(el, 'af-linked');
    submitButton(el).click();
    expect((await linked).detail.accountId).to.equal('acc-1');
  });

  it('from the third failure, says how many attempts are left before the lockout (when the host tells)', async () => {
    const t = scripted(
      { ok: false, code: 'invalid-credentials' },
      { ok: false, code: 'invalid-credentials', attemptsLeft: 2 },
      { ok: false, code: 'invalid-credentials', attemptsLeft: 1 },
    );
    const el = await linkForm(t.submit);
    el.usernameInput!.value = 'marie.dupont';
    for (const expected of [undefined, 'encore 2 essais erronés', 'encore 1 essai erroné']) {
      el.passwordInput!.value = 'mauvais';
      const failed = oneEvent(el, 'af-link-failed');
      submitButton(el).click();
      await failed;
      await settle(el);
      const said = summary(el)!.textContent!.replace(/\s+/g, ' ');
      expect(said).to.contain('Nom d’utilisateur ou mot de passe incorrect.');
      if (expected) expect(said).to.contain(expected);
      else expect(said).not.to.contain('essai');
    }
    expect(status(el)).to.contain('encore 1 essai erroné');
    await expect(el).to.be.accessible();
  });

  it('when locked with no delay given, shows the host’s message', async () => {
    const t = scripted({ ok: false, code: 'locked', message: 'Liaison bloquée : appelez le support.' });
    const el = await linkForm(t.submit);
    el.usernameInput!.value = 'marie.dupont';
    el.passwordInput!.value = 'mauvais';
    submitButton(el).click();
    await settle(el);
    await el.updateComplete;
    expect(summary(el)!.textContent).to.contain('Liaison bloquée : appelez le support.');
  });

  it('on a network failure: says so, keeps the username, clears the password', async () => {
    const t = scripted(new TypeError('Failed to fetch'));
    const el = await linkForm(t.submit);
    await fillWithKeyboard(el, 'marie.dupont', 'Trajectoire-2026');
    const pending2 = oneEvent(el, 'af-link-failed');
    await sendKeys({ press: 'Enter' });
    expect((await pending2).detail.code).to.equal('network');
    await settle(el);
    expect(el.usernameInput!.value).to.equal('marie.dupont');
    expect(el.passwordInput!.value).to.equal('');
    expect(summary(el)!.textContent).to.contain('Le serveur ne répond pas');
    expect(summary(el)!.textContent).to.contain('nom d’utilisateur est conservé');
    await expect(el).to.be.accessible();
  });

  for (const [code, text] of [
    ['csrf', 'Votre session a expiré'],
    ['no-pending-identity', 'Identifiez-vous à nouveau'],
    ['already-linked', 'déjà reliée à un autre compte'],
    ['server', 'erreur est survenue'],
  ] as const) {
    it(`explains ${code}`, async () => {
      const el = await linkForm(scripted({ ok: false, code }).submit);
      el.usernameInput!.value = 'marie';
      el.passwordInput!.value = 'x';
      submitButton(el).click();
      await oneEvent(el, 'af-link-failed');
      await settle(el);
      expect(summary(el)!.textContent).to.contain(text);
      await expect(el).to.be.accessible();
    });
  }

  it('posts JSON to its endpoint with the CSRF token and same-origin credentials', async () => {
    const original = window.fetch;
    let seen: { url: string; init: RequestInit } | undefined;
    window.fetch = (async (url: string, init: RequestInit) => {
      seen = { url, init };
      return new Response(JSON.stringify({ ok: true, accountId: 'acc-7' }), {
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
    try {
      const el = await fixture<AfAccountLink>(
        html`<af-account-link endpoint="/api/account-link" csrf-token="tok-123"></af-account-link>`,
      );
      el.usernameInput!.value = 'marie.dupont';
      el.passwordInput!.value = 'pw';
      const linked = oneEvent(el, 'af-linked');
      submitButton(el).click();
      expect((await linked).detail).to.deep.equal({ accountId: 'acc-7' });
      expect(seen!.url).to.equal('/api/account-link');
      expect(seen!.init.credentials).to.equal('same-origin');
      expect((seen!.init.headers as Record<string, string>)['x-csrf-token']).to.equal('tok-123');
      expect(JSON.parse(String(seen!.init.body))).to.deep.equal({ username: 'marie.dupont', password: 'pw' });
    } finally {
      window.fetch = original;
    }
  });

  it('takes its endpoint and CSRF token from <af-config>', async () => {
    const original = window.fetch;
    let seen: { url: string; init: RequestInit } | undefined;
    window.fetch = (async (url: string, init: RequestInit) => {
      seen = { url, init };
      return new Response(JSON.stringify({ ok: false, error: { code: 'invalid-credentials' } }), { status: 401 });
    }) as typeof fetch;
    try {
      const wrapped = await fixture(
        html`<af-config .config=${{ endpoints: { accountLink: '/link' }, csrfToken: 'cfg-tok' }}
          ><af-account-link></af-account-link
        ></af-config>`,
      );
      const el = wrapped.querySelector('af-account-link')!;
      await el.updateComplete;
      el.usernameInput!.value = 'marie';
      el.passwordInput!.value = 'pw';
      submitButton(el).click();
      expect((await oneEvent(el, 'af-link-failed')).detail.code).to.equal('invalid-credentials');
      expect(seen!.url).to.equal('/link');
      expect((seen!.init.headers as Record<string, string>)['x-csrf-token']).to.equal('cfg-tok');
    } finally {
      window.fetch = original;
    }
  });

  it('"Annuler" (with cancelable) fires af-cancelled (and the deprecated af-link-cancelled) and leaves the form', async () => {
    const el = await linkForm(scripted().submit, 'cancelable');
    const cancel = el.querySelector<HTMLButtonElement>('.af-link-cancel')!;
    expect(cancel.textContent!.trim()).to.equal('Ce n’est pas moi : annuler');
    cancel.focus();
    const cancelled = oneEvent(el, 'af-cancelled');
    const deprecated = oneEvent(el, 'af-link-cancelled');
    await sendKeys({ press: 'Enter' });
    expect((await cancelled).detail.screen).to.equal('editing');
    await deprecated;
    await el.updateComplete;
    expect(el.screen).to.equal('cancelled');
    expect(el.state).to.equal('cancelled');
    expect(el.querySelector('form')).to.equal(null);
    await expect(el).to.be.accessible();
    // reset(): the form again, empty, and it works
    el.reset();
    await el.updateComplete;
    expect(el.screen).to.equal('editing');
    expect(el.usernameInput!.value).to.equal('');
    const again = oneEvent(el, 'af-cancelled');
    el.cancel();
    expect((await again).detail.screen).to.equal('editing');
  });

  it('keeps what was typed and its state when moved in the page', async () => {
    const el = await linkForm(scripted({ ok: false, code: 'invalid-credentials' }).submit);
    el.usernameInput!.value = 'marie';
    el.passwordInput!.value = 'x';
    submitButton(el).click();
    await oneEvent(el, 'af-link-failed');
    await settle(el);
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el);
    await el.updateComplete;
    expect(el.state).to.equal('failed');
    expect(el.usernameInput!.value).to.equal('marie');
    expect(el.querySelectorAll('.af-account-link-light').length).to.equal(1);
    other.remove();
  });

  it('speaks English when the page does', async () => {
    document.documentElement.lang = 'en';
    const el = await fixture<AfAccountLink>(
      html`<af-account-link host-name="ViaTrajectoire" .identity=${MARIE}></af-account-link>`,
    );
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="heading"]')!.textContent!.trim()).to.equal('Professional area');
    expect(el.usernameInput!.labels![0]!.textContent!.trim()).to.equal('Username');
    expect(submitButton(el).textContent!.trim()).to.equal('Sign in');
    await expect(el).to.be.accessible();
  });

  it('starts with the username the host knows', async () => {
    const el = await fixture<AfAccountLink>(html`<af-account-link username="marie.dupont"></af-account-link>`);
    await el.updateComplete;
    expect(el.usernameInput!.value).to.equal('marie.dupont');
    el.focus();
    expect(document.activeElement).to.equal(el.passwordInput, 'focus() goes to the first empty field');
  });

  it('says "e-CPS" once an identity from Pro Santé Connect is linked', async () => {
    const el = await fixture<AfAccountLink>(
      html`<af-account-link
        .identity=${{ ...MARIE, source: 'psc' }}
        .submit=${scripted({ ok: true, accountId: 'a' }).submit}
      ></af-account-link>`,
    );
    el.usernameInput!.value = 'marie';
    el.passwordInput!.value = 'x';
    submitButton(el).click();
    await oneEvent(el, 'af-linked');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="success"]')!.textContent).to.contain(
      'Votre e-CPS est maintenant reliée',
    );
  });

  it('lets a host replace a string', async () => {
    const el = await fixture<AfAccountLink>(
      html`<af-account-link .strings=${{ submit: 'Relier mon compte' }}></af-account-link>`,
    );
    await el.updateComplete;
    expect(submitButton(el).textContent!.trim()).to.equal('Relier mon compte');
  });
});
