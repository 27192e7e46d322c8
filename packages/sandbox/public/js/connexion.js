// A file, not an inline script: the pages' Content-Security-Policy allows scripts of the site only.
// The host wires <af-login> to its backend: the card agent (the SDK's client and adapter), Pro Santé Connect
// through the host's server (the PSC client loads with import() only when the e-CPS is chosen), and the
// host's nonce and verification routes (CSRF token of the session in `x-csrf-token`).
(async () => {
  const { CardAgentClient, cardServicesFromAgent, pscServicesFromBackend } = window.AuthForte;
  const loading = document.getElementById('loading');
  const getJson = async (path) => {
    const res = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  };
  let config;
  let session;
  try {
    [config, session] = await Promise.all([getJson('/api/login/config'), getJson('/api/session')]);
  } catch {
    loading.textContent = 'Le serveur ne répond pas. Rechargez la page.';
    return;
  }
  const pscReturn = /[?&]psc(_error)?=/.test(location.search);
  if (session.signedIn && !pscReturn) {
    location.replace('/accueil');
    return;
  }
  // the session's CSRF token changes when the host signs the user in: ask for the current one each time
  const post = async (path, body, signal, failure) => {
    const { csrfToken } = await getJson('/api/session');
    const res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      signal,
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify(body ?? {}),
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok)
      throw Object.assign(new Error(data.message || `HTTP ${res.status}`), {
        // the host refusing this page's address (403 origin-refused) is its own error: retrying cannot help
        code: data.error === 'card-expired' || data.error === 'origin-refused' ? data.error : failure,
      });
    return data;
  };
  let redirectTo;
  const services = {
    getNonce: async ({ signal }) => (await post('/api/card/nonce', {}, signal, 'network')).nonce,
    verify: async ({ method, proof, signal }) => {
      const outcome = await post(
        `/api/${method}/verify`,
        method === 'card' ? proof : {},
        signal,
        'verification-failed',
      );
      redirectTo = outcome.redirectTo;
      return outcome;
    },
  };
  if (config.methods.includes('card'))
    services.card = cardServicesFromAgent(new CardAgentClient(config.agentUrl ? { baseUrl: config.agentUrl } : {}));
  if (config.methods.includes('psc'))
    services.psc = pscServicesFromBackend(
      async () =>
        new (await import('/authforte/psc-backend.js')).PscBackendClient({
          basePath: '/authforte/psc',
          // the in-page e-CPS approval needs the session's current CSRF token (it changes at each sign-in step)
          csrfToken: async () => (await getJson('/api/session')).csrfToken,
        }),
    );
  document.getElementById('config').config = {
    hostName: 'Trajectoire Démo',
    activationUrl: '/activation.html',
    helpContact: { name: 'Assistance de démonstration', email: 'assistance@demo.invalid' },
    login: { services, methods: config.methods, ciba: config.ciba },
  };
  // created once its services are there: back from Pro Santé Connect, it finishes the sign-in at once
  const login = document.createElement('af-login');
  login.services = services;
  login.addEventListener('af-authenticated', () => location.assign(redirectTo || '/accueil'));
  login.addEventListener('af-link-required', () => location.assign(redirectTo || '/espace-professionnel'));
  loading.remove();
  document.getElementById('config').append(login);
})();
