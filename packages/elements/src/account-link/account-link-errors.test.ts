import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as ui from './test-support/account-link.js';

describe('<af-account-link> when linking fails', () => {
  ui.freshPage();

  it('on wrong credentials: generic message, password cleared, username kept, focus on the summary', async () => {
    const t = ui.scripted({ ok: false, code: 'invalid-credentials' });
    const el = await ui.linkForm(t.submit);
    await ui.fillWithKeyboard(el, 'marie.dupont', 'mauvais');
    const failed = oneEvent(el, 'af-link-failed');
    await sendKeys({ press: 'Enter' });
    expect((await failed).detail).to.deep.equal({ code: 'invalid-credentials' });
    await ui.settle(el);
    expect(el.state).to.equal('failed');
    expect(el.passwordInput!.value).to.equal('');
    expect(el.usernameInput!.value).to.equal('marie.dupont');
    expect(document.activeElement).to.equal(ui.summary(el));
    expect(ui.summary(el)!.textContent).to.contain('Nom d’utilisateur ou mot de passe incorrect');
    expect(ui.summary(el)!.textContent).to.contain('mot de passe a été effacé');
    expect(ui.status(el)).to.contain('Nom d’utilisateur ou mot de passe incorrect');
    await expect(el).to.be.accessible();
    // try again with the keyboard: Tab to the username (kept), Tab to the password
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(el.usernameInput);
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(el.passwordInput);
  });

  it('refuses empty fields without a request, lists them in the summary, and links each to its field', async () => {
    const t = ui.scripted();
    const el = await ui.linkForm(t.submit);
    el.usernameInput!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(t.calls.length).to.equal(0);
    expect(document.activeElement).to.equal(ui.summary(el));
    const links = [...ui.summary(el)!.querySelectorAll('a')];
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
    const t = ui.scripted({
      ok: false,
      code: 'locked',
      message: 'Trop de tentatives. La liaison est bloquée pendant 15 minutes.',
      retryAfter: 900,
    });
    const el = await ui.linkForm(t.submit);
    await ui.failWithKeyboard(el, 'marie.dupont', 'mauvais');
    expect(el.screen).to.equal('locked');
    const said = ui.summary(el)!.textContent!.replace(/\s+/g, ' ');
    expect(said).to.contain('Connexion temporairement bloquée');
    expect(said).to.contain('Trop de tentatives : par sécurité, la liaison de votre compte est bloquée.');
    expect(said).to.contain('Vous pourrez réessayer dans 15 minutes.');
    expect(said.split('15 minutes').length - 1, 'the delay is said once').to.equal(1);
    expect(document.activeElement).to.equal(ui.summary(el));
    expect(ui.submitButton(el).getAttribute('aria-disabled')).to.equal('true');
    expect(el.passwordInput!.value).to.equal('');
    expect(ui.status(el)).to.contain('la liaison de votre compte est bloquée');
    await expect(el).to.be.accessible();
    el.passwordInput!.value = 'again';
    ui.submitButton(el).click();
    await el.updateComplete;
    expect(t.calls.length).to.equal(1, 'no attempt while locked');
    el.reset();
    await el.updateComplete;
    expect(el.screen, 'reset refused while locked').to.equal('locked');
  });

  it('announces the end of a lockout, and the form works again', async () => {
    const t = ui.scripted(
      { ok: false, code: 'locked', message: 'Compte bloqué : trop de tentatives.', retryAfter: 0.3 },
      { ok: true, accountId: 'acc-1' },
    );
    const el = await ui.linkForm(t.submit);
    await ui.failWithKeyboard(el, 'marie.dupont', 'mauvais');
    expect(el.screen).to.equal('locked');
    await waitUntil(() => el.screen === 'editing', 'lock ended', { timeout: 3000 });
    await el.updateComplete;
    expect(ui.status(el)).to.equal('Le blocage est levé : vous pouvez de nouveau essayer de vous connecter.');
    expect(ui.submitButton(el).getAttribute('aria-disabled')).to.equal('false');
    expect(el.usernameInput!.value).to.equal('marie.dupont');
    await expect(el).to.be.accessible();
    el.passwordInput!.value = 'bon-mot-de-passe';
    const linked = oneEvent(el, 'af-linked');
    ui.submitButton(el).click();
    expect((await linked).detail.accountId).to.equal('acc-1');
  });

  it('from the third failure, says how many attempts are left before the lockout (when the host tells)', async () => {
    const t = ui.scripted(
      { ok: false, code: 'invalid-credentials' },
      { ok: false, code: 'invalid-credentials', attemptsLeft: 2 },
      { ok: false, code: 'invalid-credentials', attemptsLeft: 1 },
    );
    const el = await ui.linkForm(t.submit);
    el.usernameInput!.value = 'marie.dupont';
    for (const expected of [undefined, 'encore 2 essais erronés', 'encore 1 essai erroné']) {
      el.passwordInput!.value = 'mauvais';
      const failed = oneEvent(el, 'af-link-failed');
      ui.submitButton(el).click();
      await failed;
      await ui.settle(el);
      const said = ui.summary(el)!.textContent!.replace(/\s+/g, ' ');
      expect(said).to.contain('Nom d’utilisateur ou mot de passe incorrect.');
      if (expected) expect(said).to.contain(expected);
      else expect(said).not.to.contain('essai');
    }
    expect(ui.status(el)).to.contain('encore 1 essai erroné');
    await expect(el).to.be.accessible();
  });

  it('when locked with no delay given, shows the host’s message', async () => {
    const t = ui.scripted({ ok: false, code: 'locked', message: 'Liaison bloquée : appelez le support.' });
    const el = await ui.linkForm(t.submit);
    el.usernameInput!.value = 'marie.dupont';
    el.passwordInput!.value = 'mauvais';
    ui.submitButton(el).click();
    await ui.settle(el);
    await el.updateComplete;
    expect(ui.summary(el)!.textContent).to.contain('Liaison bloquée : appelez le support.');
  });

  it('on a network failure: says so, keeps the username, clears the password', async () => {
    const t = ui.scripted(new TypeError('Failed to fetch'));
    const el = await ui.linkForm(t.submit);
    await ui.fillWithKeyboard(el, 'marie.dupont', 'Trajectoire-2026');
    const pending2 = oneEvent(el, 'af-link-failed');
    await sendKeys({ press: 'Enter' });
    expect((await pending2).detail.code).to.equal('network');
    await ui.settle(el);
    expect(el.usernameInput!.value).to.equal('marie.dupont');
    expect(el.passwordInput!.value).to.equal('');
    expect(ui.summary(el)!.textContent).to.contain('Le serveur ne répond pas');
    expect(ui.summary(el)!.textContent).to.contain('nom d’utilisateur est conservé');
    await expect(el).to.be.accessible();
  });

  for (const [code, text] of [
    ['csrf', 'Votre session a expiré'],
    ['no-pending-identity', 'Identifiez-vous à nouveau'],
    ['already-linked', 'déjà reliée à un autre compte'],
    ['server', 'erreur est survenue'],
  ] as const) {
    it(`explains ${code}`, async () => {
      const el = await ui.linkForm(ui.scripted({ ok: false, code }).submit);
      el.usernameInput!.value = 'marie';
      el.passwordInput!.value = 'x';
      ui.submitButton(el).click();
      await oneEvent(el, 'af-link-failed');
      await ui.settle(el);
      expect(ui.summary(el)!.textContent).to.contain(text);
      await expect(el).to.be.accessible();
    });
  }
});
