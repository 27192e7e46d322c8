// The demo's help desk; a real host configures its own (none is shown by default). On the activation page, the
// production wallet is the default; a test host would set ecps.walletUrl to https://wallet.bas.psc.esante.gouv.fr.
// A file, not an inline script: the pages' Content-Security-Policy allows scripts of the site only.
// The classifier links its next step onwards, and the stepper's last screen to the sign-in page.
document.getElementById('config').config = {
  activationUrl: '/activation.html',
  signInUrl: '/connexion',
  helpContact: { name: 'Assistance de démonstration', email: 'assistance@demo.invalid' },
};
