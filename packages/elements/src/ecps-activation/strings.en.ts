import type { EcpsActivationMessages } from './strings.fr.js';

/**
 * English strings of <af-ecps-activation>. The labels of the e-CPS app and of the wallet site stay in French, as the
 * user sees them on the phone, with a translation in parentheses.
 */
const en: EcpsActivationMessages = {
  title: 'Activate your e‑CPS',
  intro: 'The e-CPS is your professional card on your phone. This guide takes you through its activation step by step.',
  questionTitle: 'Do you have a physical CPS card (CPx card)?',
  questionHint:
    'The professional smart card (CPS, CPF, CPE…) that goes into a card reader. Without one, the activation is done entirely on the phone.',
  answerWithCard: 'Yes, I have a CPx card',
  answerWithoutCard: 'No, I have no card',
  'track.with-card': 'Activation with a CPx card',
  'track.without-card': 'Activation without a physical card',
  steps: 'Activation steps',
  stepOf: (step: number, total: number) => `Step ${step} of ${total}:`,
  stepDone: '(done)',
  'place.computer': 'On your computer',
  'place.phone': 'On your phone',
  'place.computer-and-phone': 'On your computer and your phone',
  see: 'What you will see:',
  trouble: 'Not working?',
  next: 'Next step',
  previous: 'Previous step',
  finish: 'I am done',
  reset: 'Start again',
  completeTitle: 'Your e‑CPS is activated',
  completeText:
    'You can now sign in with “Pro Santé Connect”: choose the tab “Application e-CPS” (e-CPS app), enter your national identifier, then approve on your phone.',
  signInLink: 'Sign in with Pro Santé Connect',
  announceQuestion: 'Back to the first question.',
  announceReset: 'The activation starts again from the beginning.',
  announceComplete: 'Activation finished: your e-CPS is activated.',
  newWindow: '(new window)',
  appStore: 'The e-CPS app on the App Store (iPhone)',
  playStore: 'The e-CPS app on Google Play (Android)',
  showQr: 'Show a QR code to scan with your phone',
  hideQr: 'Hide the QR codes',
  qrHint: 'Scan one of these QR codes with your phone’s camera: it opens the app’s page.',
  qrAlt: (store: string) => `QR code opening the e-CPS app’s page on ${store}`,
  qrLoading: 'Loading the QR code…',
  qrFailed: 'The QR code could not be shown: use the links above.',
  help: 'Need help?',
  helpEmail: 'Write to',
  helpPhone: 'Call',

  idLabel: 'Check your national identifier before typing it in the app',
  idHint: '12 digits: the digit 8 followed by the 11 digits of your RPPS number.',
  idValid: (normalized: string) => `Identifier well formed: ${normalized}. Type it in the app as it is.`,
  'idError.empty': 'Enter your national identifier: 8 followed by your RPPS number.',
  'idError.wrong-length': (digits: number) =>
    `The national identifier has 12 digits (8 followed by the 11 digits of the RPPS number); you typed ${digits}.`,
  'idError.missing-prefix': 'The 8 at the start is missing: type 8 followed by your RPPS number.',
  'idError.unknown-prefix': 'The national identifier starts with 8, followed by your RPPS number.',
  'idError.not-rpps':
    'To activate the e-CPS without a card, type 8 followed by your RPPS number (not an ADELI number nor a structure identifier).',
  'idError.invalid-format': 'Type digits only: 8 followed by your RPPS number.',
  'idError.other': 'This is not a valid national identifier: type 8 followed by your RPPS number.',
  idWarning:
    'Check this number: its check digit does not seem to match an RPPS number. You may go on if you are sure of it.',

  emailQuestion: 'Where did you open the e-mail?',
  'emailOn.phone': 'On my phone',
  'emailOn.other-device': 'On another device (computer, tablet)',
  'emailDo.phone':
    'In the e-mail, tap “Démarrer l’activation” (Start the activation): the e-CPS app opens and goes on with the activation.',
  'emailDo.other-device': 'Open the e-CPS app on your phone and scan the QR code in the e-mail.',

  'install-app.title': 'Install the e‑CPS app on your phone',
  'install-app.do':
    'On your phone, open the App Store (iPhone) or Google Play (Android), search for “e-CPS” and install the app of the Agence du Numérique en Santé.',
  'install-app.see': 'The e-CPS app’s icon on your phone’s home screen.',
  'install-app.trouble':
    'Check that your phone is up to date and has room left. From your computer, you can also show a QR code that opens the app’s page on your phone.',

  'open-wallet.title': 'Open the activation site on your computer',
  'open-wallet.do': 'On the computer with your card reader, open this address in your browser:',
  'open-wallet.see': 'The home page of the e-CPS service.',
  'open-wallet.trouble':
    'Check the address and use an up-to-date browser. If the page does not open, your establishment’s network may block it: ask your IT department.',

  'insert-card.title': 'Insert your card and choose the certificate',
  'insert-card.do':
    'Insert your CPx card into the reader. When the browser asks, choose your card’s certificate, then confirm with “OK”.',
  'insert-card.see': 'A browser window listing one or more certificates.',
  'insert-card.trouble':
    'If no certificate shows, check that the card is properly inserted and that the “Cryptolib CPS” software is installed, take the card out and put it back, then reload the page.',

  'prosante-connect.title': 'Sign in with “Pro Santé Connect”',
  'prosante-connect.do': 'Click “Pro Santé Connect”, then enter your card’s PIN (“code porteur”, 4 digits).',
  'prosante-connect.see': 'A window asking for the PIN and showing how many tries are left.',
  'prosante-connect.trouble':
    'After 3 wrong PINs the card is locked. If you are not sure of your PIN, stop and ask for help.',

  'with-card.start-activation.title': 'Click “Commencer l’activation” (Start the activation)',
  'with-card.start-activation.do':
    'On the site, on your computer, click “Commencer l’activation” (Start the activation).',
  'with-card.start-activation.see': 'A QR code shows on the computer’s screen.',
  'with-card.start-activation.trouble':
    'If the page shows an error, reload it and sign in again with “Pro Santé Connect” (previous step).',

  'scan-qr.title': 'Scan the QR code with your phone',
  'scan-qr.do':
    'On your phone, open the e-CPS app, tap “Commencer l’activation” (Start the activation), then scan the QR code shown on the computer.',
  'scan-qr.see': 'The app opens the camera, then confirms it read the QR code.',
  'scan-qr.trouble':
    'Allow the app to use the camera. Move the phone closer to or further from the screen and turn up the screen’s brightness.',

  'copy-code.title': 'Copy the activation code onto the computer',
  'copy-code.do': 'Your phone shows an activation code: type it on the computer, in the field for it, then confirm.',
  'copy-code.see': 'An activation code on the phone, a field to type it on the computer.',
  'copy-code.trouble': 'Check each character. If the code is refused, go back one step to scan a new QR code.',

  'create-password.title': 'Create your e‑CPS password',
  'create-password.do':
    'In the app, choose your e-CPS password and confirm it. You will be asked for it when you use your e-CPS.',
  'create-password.see': 'The app says that your e-CPS is activated.',
  'create-password.trouble':
    'Follow the rules the app shows. Never give this password to anyone, not even to the help desk.',

  'without-card.start-activation.title': 'Open the app and tap “Commencer l’activation” (Start the activation)',
  'without-card.start-activation.do':
    'On your phone, open the e-CPS app, then tap “Commencer l’activation” (Start the activation).',
  'without-card.start-activation.see': 'The app presents the activation of your e-CPS.',
  'without-card.start-activation.trouble': 'If the app does not open or closes, update it, then restart your phone.',

  'accept-terms.title': 'Accept the terms of use',
  'accept-terms.do': 'Read the e-CPS terms of use, then accept them to go on.',
  'accept-terms.see': 'The text of the terms of use and the button to accept them.',
  'accept-terms.trouble': 'If the button is not active, scroll the text to the end.',

  'send-request.title': 'Tap “Envoyer une demande d’activation” (Send an activation request)',
  'send-request.do': 'In the app, tap “Envoyer une demande d’activation” (Send an activation request).',
  'send-request.see': 'A field to enter your national identifier.',
  'send-request.trouble':
    'This track is for professionals registered in the RPPS (for example on the RPPS+ portal): if you have not yet received your RPPS number by e-mail, wait for it before going on.',

  'national-id.title': 'Enter your national identifier',
  'national-id.do':
    'In the app, enter your national identifier: the digit 8 followed by your RPPS number. You will receive an e-mail with a QR code.',
  'national-id.see': 'The app says that an e-mail was sent to the address registered in the RPPS.',
  'national-id.trouble':
    'Your RPPS number is in the e-mail you received when you were registered. If the activation e-mail does not arrive, look in your spam folder; if your address has changed, ask your establishment or your order to update it.',

  'open-email.title': 'Open the e-mail you received',
  'open-email.do': 'You received an e-mail with a QR code. What to do depends on the device you read it on.',
  'open-email.see': 'The e-CPS app goes on with the activation.',
  'open-email.trouble':
    'Look in your spam folder. If the e-mail still does not arrive, go back one step to check your identifier.',

  'sms-code.title': 'Enter the code received by SMS',
  'sms-code.do': 'You receive an activation code by SMS: type it into the app.',
  'sms-code.see': 'An SMS with an activation code, and a field to type it in the app.',
  'sms-code.trouble':
    'The SMS is sent to the phone number registered in the RPPS. If it does not arrive, check that number with your establishment or your order.',
};

export default en;
