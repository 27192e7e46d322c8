import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AfAccountLink } from './define.js';
import * as ui from './test-support/account-link.js';
import { MARIE } from './test-support/account-link.js';

describe('<af-account-link>', () => {
  ui.freshPage();

  it('shows the guide’s "Espace professionnel" text, the identity as text, and is accessible', async () => {
    const el = await ui.linkForm();
    const text = ui.shadowText(el);
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
    expect(ui.submitButton(el).textContent!.trim()).to.equal('Se connecter');
    await expect(el).to.be.accessible();
  });

  it('puts native username and password inputs in a real form in the light DOM, for password managers', async () => {
    const el = await ui.linkForm();
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
    expect(ui.submitButton(el).form).to.equal(user.form);
    // the slot shows them inside the element's layout
    const slot = el.shadowRoot!.querySelector('slot')!;
    expect(slot.assignedElements()).to.include(user.closest('.af-account-link-light'));
  });

  it('uses the host name from its attribute or from <af-config>', async () => {
    const el = await fixture<AfAccountLink>(html`<af-account-link host-name="ViaTrajectoire"></af-account-link>`);
    expect(ui.shadowText(el)).to.contain(
      'déjà un compte ViaTrajectoire. Authentifiez-vous avec vos identifiants habituels de ViaTrajectoire.',
    );
    const wrapped = await fixture(
      html`<af-config .config=${{ hostName: 'Trajectoire Démo' }}><af-account-link></af-account-link></af-config>`,
    );
    const inner = wrapped.querySelector('af-account-link')!;
    await inner.updateComplete;
    expect(ui.shadowText(inner)).to.contain('un compte Trajectoire Démo.');
  });

  it('links with the keyboard alone: type, Tab, type, Enter; announces, fires af-linked and drops the form', async () => {
    const t = ui.scripted({ ok: true, accountId: 'acc-1', redirectTo: '/accueil' });
    // the server answers only once the submitting state has been looked at (a fixed delay raced the key press)
    let answer!: () => void;
    const answered = new Promise<void>((r) => (answer = r));
    const el = await ui.linkForm(async (c) => {
      await answered;
      return t.submit(c);
    });
    await ui.fillWithKeyboard(el, 'marie.dupont', 'Trajectoire-2026');
    const linked = oneEvent(el, 'af-linked');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.state).to.equal('submitting');
    expect(ui.status(el)).to.equal('Vérification de vos identifiants…');
    expect(ui.submitButton(el).getAttribute('aria-disabled')).to.equal('true');
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
    expect(ui.status(el)).to.contain('reliée');
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
      const el = await ui.linkForm(ui.scripted({ ok: true, accountId: 'acc-1', redirectTo: target }).submit);
      el.usernameInput!.value = 'marie.dupont';
      el.passwordInput!.value = 'x';
      const linked = oneEvent(el, 'af-linked');
      ui.submitButton(el).click();
      const { detail } = await linked;
      expect(detail.redirectTo, JSON.stringify(target)).to.equal(expected);
    }
  });

  it('styles its light DOM with an adopted stylesheet, never a <style> element (strict CSP)', async () => {
    const el = await ui.linkForm();
    expect(el.querySelector('style')).to.equal(null);
    const form = el.querySelector('form')!;
    expect(getComputedStyle(form).display).to.equal('grid');
    const adopted = document.adoptedStyleSheets.filter((sheet) =>
      [...sheet.cssRules].some((r) => r.cssText.includes('.af-account-link-light')),
    );
    expect(adopted.length).to.equal(1, 'one shared sheet, however many elements');
    await ui.linkForm();
    expect(document.adoptedStyleSheets.filter((sheet) => adopted.includes(sheet)).length).to.equal(1);
  });

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
      ui.submitButton(el).click();
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
      ui.submitButton(el).click();
      expect((await oneEvent(el, 'af-link-failed')).detail.code).to.equal('invalid-credentials');
      expect(seen!.url).to.equal('/link');
      expect((seen!.init.headers as Record<string, string>)['x-csrf-token']).to.equal('cfg-tok');
    } finally {
      window.fetch = original;
    }
  });

  it('"Annuler" (with cancelable) fires af-cancelled (and the deprecated af-link-cancelled) and leaves the form', async () => {
    const el = await ui.linkForm(ui.scripted().submit, 'cancelable');
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
    const el = await ui.linkForm(ui.scripted({ ok: false, code: 'invalid-credentials' }).submit);
    el.usernameInput!.value = 'marie';
    el.passwordInput!.value = 'x';
    ui.submitButton(el).click();
    await oneEvent(el, 'af-link-failed');
    await ui.settle(el);
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
    expect(ui.submitButton(el).textContent!.trim()).to.equal('Sign in');
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
        .submit=${ui.scripted({ ok: true, accountId: 'a' }).submit}
      ></af-account-link>`,
    );
    el.usernameInput!.value = 'marie';
    el.passwordInput!.value = 'x';
    ui.submitButton(el).click();
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
    expect(ui.submitButton(el).textContent!.trim()).to.equal('Relier mon compte');
  });
});
