import type { LoginMessages } from './strings.fr.js';

/** English strings of <af-login>. */
const en: LoginMessages = {
  'chooser.title': 'Sign in',
  'chooser.text': 'Choose how to identify yourself.',
  'chooser.card': 'Sign in with a CPS card',
  'chooser.cardHint': 'Physical card and card reader',
  'chooser.cancelled': 'Sign-in cancelled. You can choose how to identify yourself again.',
  cancel: 'Cancel',
  retry: 'Try again',
  otherMeans: 'Choose another way',
  newWindow: '(opens in a new window)',
  wait: 'Please wait…',

  'agent-detecting.title': 'Looking for the card reader software',
  'agent-detecting.text': 'We are checking that the card reader software is running on your computer.',
  'pairing-starting.title': 'Pairing with the card reader software',
  'pairing-starting.text': 'Requesting a pairing code…',
  'pairing.title': 'Pair this site with the card reader software',
  'pairing.text': (n: number) =>
    `The card reader software shows a ${n}-digit code. Type it here to allow this site to use your card.`,
  'pairing.approve.text':
    'Open the card agent, check that it shows the same verification code for this site, then click “Approve”. This page then goes on by itself.',
  'pairing.approve.code': 'Verification code:',
  'pairing.approve.link': 'Open the card agent',
  'pairing.approve.newWindow': '(new window)',
  'pairing.label': 'Pairing code',
  'pairing.submit': 'Pair',
  'pairing.newCode': 'Request a new code',
  'pairing.format': (n: number) => `The pairing code has ${n} digits.`,
  'pairing-confirming.title': 'Pairing',
  'pairing-confirming.text': 'Checking the pairing code…',
  'card-searching.title': 'Looking for the reader and the card',
  'card-searching.text': 'Looking for your card reader…',
  'waiting-reader.title': 'Connect your card reader',
  'waiting-reader.text': 'No card reader is detected. Connect it to your computer: the next step will show by itself.',
  'waiting-card.title': 'Insert your CPS card',
  'waiting-card.text': 'Insert your CPS card in the reader, chip up: the next step will show by itself.',
  'pin.title': 'Enter your PIN',
  'pin.holder': 'Holder:',
  'pin.cardType': 'Card:',
  'pin.profession': 'Profession:',
  'pin.pad': 'Your reader has a keypad: the PIN is typed on the reader, not in this page.',
  'pin.padSubmit': 'Type my PIN on the reader',
  'pin.padTyping': 'Type your PIN on the reader, then confirm on the reader.',
  'pin.label': 'PIN (4 digits)',
  'pin.triesLeft': (n: number) => (n === 1 ? 'You have 1 try left.' : `You have ${n} tries left.`),
  'pin.submit': 'Confirm',
  'pin.format': 'The PIN has 4 digits.',
  'pin.incorrect': 'Wrong PIN.',
  'pin.finalTry': 'Warning: this is your last try. A wrong PIN will lock your card.',
  'pin.confirmFinalTry': 'I confirm I want to use my last try',
  'pin.finalTryUnconfirmed': 'Tick the box to confirm you want to use your last try.',
  'pin-locked.title': 'Your card is locked',
  'pin-locked.text':
    'The PIN was entered wrongly too many times. Unlock your card with the 8-digit unblocking code you received with it (the "PIN and unblocking codes" letter), using the CPS card management tool.',
  'pin-locked.noPuk':
    'No longer have that code? Contact the Agence du Numérique en Santé (ANS) or the help desk below. Meanwhile, you can sign in with your e-CPS.',
  'card-authenticating.title': 'Checking your card',
  'card-authenticating.text': 'Checking the PIN and signing with the card…',
  'psc-redirecting.title': 'Going to Pro Santé Connect',
  'psc-redirecting.text': 'You are being redirected to Pro Santé Connect…',
  'psc-returning.title': 'Back from Pro Santé Connect',
  'psc-returning.text': 'Finishing your sign-in…',
  'psc-popup.title': 'Sign in in the Pro Santé Connect window',
  'psc-popup.text': 'A Pro Santé Connect window opened. Identify yourself in that window, then come back here.',
  'ciba-identifier.title': 'Sign in with your e‑CPS',
  'ciba-identifier.text': 'Type your identifier, then approve the request in the e-CPS app on your phone.',
  'ciba-identifier.label': 'National identifier (RPPS)',
  'ciba-identifier.hint': '8 followed by your 11-digit RPPS number, for example 810001234567.',
  'ciba-identifier.submit': 'Send the request to my phone',
  'ciba-identifier.usePage': 'Use the Pro Santé Connect page instead',
  'ciba-identifier.format': 'Wrong identifier: type 8 followed by your 11-digit RPPS number (12 digits in all).',
  'ciba-starting.title': 'Sending the request',
  'ciba-starting.text': 'Sending the sign-in request to your phone…',
  'ciba-waiting.title': 'Approve the sign-in on your phone',
  'ciba-waiting.binding': 'Check that the code shown on your phone is:',
  'ciba-waiting.text': 'Open the e-CPS app and accept the request if the code is the same.',
  'ciba-waiting.expires': (minutes: number) =>
    minutes <= 1 ? 'The request expires in 1 minute.' : `The request expires in ${minutes} minutes.`,
  'verifying.title': 'Checking your identity',
  'verifying.text': 'The application is checking your identity…',
  'authenticated.title': 'You are signed in',
  'authenticated.text': (name: string) => `Welcome, ${name}.`,
  'link-required.title': 'First sign-in',
  'link-required.text': (name: string) =>
    `Your identity ${name} is verified. For this first sign-in, link it to your usual account.`,
  help: 'Need help?',
  helpEmail: 'Write to',
  helpPhone: 'Call',
  install: 'Download and install the card reader software',

  'error.agent-not-installed.title': 'The card reader software does not answer',
  'error.agent-not-installed':
    'The card reader software is not installed or not running on this computer. Install it (once), start it, then try again.',
  'error.agent-blocked.title': 'Your browser blocks access to the card reader',
  'error.agent-blocked':
    'Your browser prevents this page from reaching the card reader software on your computer (the "local network" permission).',
  'error.agent-blocked.howto':
    'Click the icon left of the page address, open the site settings, allow "Local network access" (or "Local network devices"), then try again.',
  'error.agent-version-mismatch.title': 'The card reader software needs an update',
  'error.agent-version-mismatch':
    'The installed card reader software version does not fit this application. Install the latest version, then try again.',
  'error.agent-not-paired.title': 'This site is not paired with the card reader software',
  'error.agent-not-paired':
    'The card reader software does not allow this site yet. Try again to get a pairing code, or contact your IT department.',
  'error.agent-stopped.title': 'The card reader software stopped',
  'error.agent-stopped': 'The card reader software no longer answers. Check that it is running, then try again.',
  'error.agent-unavailable.title': 'The card reader is not available',
  'error.agent-unavailable':
    'The card reader software cannot use cards right now (Cryptolib CPS missing or reader busy). Try again in a moment.',
  'error.pairing-code-invalid.title': 'Wrong pairing code',
  'error.pairing-code-invalid': 'This code does not match the one the card reader software shows.',
  'error.pairing-expired.title': 'Pairing code expired',
  'error.pairing-expired': 'The pairing code expired. Request a new code.',
  'error.no-reader.title': 'No card reader',
  'error.no-reader': 'No card reader was detected. Connect your reader, then try again.',
  'error.no-card.title': 'No card',
  'error.no-card': 'No card was detected in the reader. Insert your CPS card, then try again.',
  'error.card-removed.title': 'The card was removed',
  'error.card-removed':
    'Your card was removed from the reader before the sign-in finished. Insert it again, then try again.',
  'error.card-unreadable.title': 'Unreadable card',
  'error.card-unreadable':
    'This card cannot identify you (no authentication certificate). Try another card or the e-CPS.',
  'error.card-expired.title': 'Expired card',
  'error.card-expired':
    'Your card’s certificate is no longer valid. Ask for a card renewal; meanwhile, sign in with your e-CPS.',
  'error.card-revoked.title': 'Revoked card',
  'error.card-revoked':
    'This card has been revoked (lost, stolen, replaced or no longer in use) and can no longer sign you in. Use your new card or your e-CPS; for any question, contact the ANS customer service.',
  'error.card-not-accepted.title': 'Certificate not accepted',
  'error.card-not-accepted':
    'This certificate is not a CPS card’s: only the CPS card family (CPS, CPF, CPE, CPA) or the e-CPS can sign you in.',
  'error.revocation-unavailable.title': 'Card check unavailable',
  'error.revocation-unavailable':
    'The application could not check that your card is still valid. Try again in a few minutes or sign in with your e-CPS.',
  'error.pin-incorrect.title': 'Wrong PIN',
  'error.pin-incorrect': 'The PIN you typed is wrong.',
  'error.pin-locked.title': 'Your card is locked',
  'error.pin-locked': 'The PIN is locked: unlock your card with its 8-digit unblocking code.',
  'error.pin-final-try.title': 'Last try',
  'error.pin-final-try': 'Only one try is left: confirm before typing your PIN.',
  'error.psc-refused.title': 'Sign-in refused',
  'error.psc-refused':
    'Sign-in with Pro Santé Connect was refused (request rejected in the e-CPS app or on Pro Santé Connect).',
  'error.psc-expired.title': 'Request expired',
  'error.psc-expired': 'The sign-in request expired. Start again and approve it sooner in the e-CPS app.',
  'error.psc-popup-blocked.title': 'Window blocked',
  'error.psc-popup-blocked':
    'Your browser blocked the Pro Santé Connect window. Allow pop-ups for this site, then try again.',
  'error.psc-failed.title': 'Pro Santé Connect could not identify you',
  'error.psc-failed': 'The Pro Santé Connect answer could not be used. Try again.',
  // what PSC's answer had wrong (`details.sourceCode` of psc-failed), in place of the general sentence
  'error.psc-failed.psc-acr-too-low':
    'The authentication level is too low: strong authentication (CPS card or e-CPS) is required. Start again with your CPS card or your e-CPS.',
  'error.psc-failed.psc-bad-id-token':
    'The identity token received from Pro Santé Connect is not valid (issuer, audience, signature or dates): sign-in was blocked for security. Start again.',
  'error.psc-failed.psc-state-mismatch':
    'The Pro Santé Connect answer matches no sign-in in progress. Start again from the application.',
  'error.psc-failed.psc-nonce-mismatch':
    'The Pro Santé Connect answer was rejected (replayed or unexpected token). Start again.',
  'error.psc-failed.psc-bad-userinfo':
    'The professional’s data received from Pro Santé Connect is incomplete or unreadable. Start again; if the problem persists, contact the help desk.',
  'error.psc-failed.psc-config': 'Pro Santé Connect is misconfigured in this application. Contact the help desk.',
  'error.psc-failed.psc-bad-discovery':
    'The Pro Santé Connect configuration is unreadable or inconsistent. Try again later; if the problem persists, contact the help desk.',
  'error.agent-version-mismatch.versions': (required: string, installed: string) =>
    `This application needs version ${required} of the card reader software protocol; the installed software speaks version ${installed}.`,
  'error.psc-unknown-user.title': 'No active e‑CPS for this identifier',
  'error.psc-unknown-user':
    'Pro Santé Connect knows no active e-CPS for this national identifier: trying again will not change that.',
  'error.psc-unknown-user.howto':
    'Check the number you typed (8 followed by your RPPS number). If it is right, first activate your e-CPS in the e-CPS app on your phone, then sign in again.',
  'error.psc-unknown-user.retry': 'Correct the identifier',
  'error.psc-unknown-user.activate': 'Activate my e-CPS',
  'error.psc-rate-limited.title': 'Too many approval requests',
  'error.psc-rate-limited':
    'Too many e-CPS approval requests were sent for this identifier or from this computer. Wait before trying again, or sign in with your CPS card.',
  'error.retryAfter': (minutes: number) => `You can try again in ${minutes} minute${minutes > 1 ? 's' : ''}.`,
  'error.national-id-invalid.title': 'Wrong identifier',
  'error.national-id-invalid': 'This national identifier is not valid.',
  'error.timeout.title': 'Time limit exceeded',
  'error.timeout': 'The operation took too long. Try again.',
  'error.cancelled.title': 'Sign-in cancelled',
  'error.cancelled': 'The sign-in was cancelled.',
  'error.network.title': 'Connection problem',
  'error.network': 'The application could not be reached. Check your Internet connection, then try again.',
  'error.verification-failed.title': 'Identification refused',
  'error.verification-failed':
    'The application could not verify your identity. Try again; if the problem persists, contact the help desk.',
  'error.not-configured.title': 'Sign-in unavailable',
  'error.not-configured': 'This way of signing in is not available in this application.',
  'error.origin-refused.title': 'Unexpected page address',
  'error.origin-refused':
    'This page’s address is not the one the service expects: it refused the request for security. Open the application from its usual address (link or bookmark), then identify yourself again.',
};

export default en;
