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
  link.addEventListener('af-linked', (e) => {
    // the host signed the user in; go where it says
    window.location.assign(e.detail.redirectTo || '/accueil');
  });
})();
