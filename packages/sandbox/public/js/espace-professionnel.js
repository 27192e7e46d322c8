// A file, not an inline script: the pages' Content-Security-Policy allows scripts of the site only.
// The host gives the element its endpoint, its CSRF token, its name and the identity waiting to be linked
// (GET on the link endpoint answers the last two for this session).
(async () => {
  const link = document.getElementById('link');
  const loading = document.getElementById('loading');
  let res;
  try {
    res = await fetch('/api/account-link', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    loading.textContent = 'Le serveur ne répond pas. Rechargez la page.';
    return;
  }
  loading.hidden = true;
  if (!res.ok) {
    document.getElementById('none').hidden = false;
    return;
  }
  const { identity, csrfToken } = await res.json();
  document.getElementById('config').config = {
    hostName: 'Trajectoire Démo',
    endpoints: { accountLink: '/api/account-link' },
    csrfToken,
  };
  link.identity = identity;
  link.hidden = false;
  // "Ce n’est pas moi : annuler": the pending identity is dropped with the session (a real sign-out, which also ends
  // a Pro Santé Connect session), then "Vous êtes déconnecté(e)"
  link.addEventListener('af-cancelled', () => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/deconnexion';
    const csrf = document.createElement('input');
    csrf.type = 'hidden';
    csrf.name = 'csrf';
    csrf.value = csrfToken;
    form.append(csrf);
    document.body.append(form);
    form.submit();
  });
  link.addEventListener('af-linked', (e) => {
    // the host signed the user in; go where it says
    window.location.assign(e.detail.redirectTo || '/accueil');
  });
})();
