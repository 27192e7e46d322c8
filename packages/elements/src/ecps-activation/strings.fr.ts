/**
 * French strings of <af-ecps-activation> (the default language). Every value is rendered as text.
 * Labels of the e-CPS app and of the wallet site are quoted exactly, in « », so the user recognises them.
 * Step strings are keyed `<step id>.<title|do|see|trouble>`; a track-specific key (`with-card.<id>.…`) wins.
 */
const fr = {
  // headings: a non-breaking hyphen (U+2011) keeps "e‑CPS" on one line
  title: 'Activer votre e‑CPS',
  intro: 'L’e-CPS est votre carte de professionnel sur votre téléphone. Ce guide vous accompagne étape par étape.',
  questionTitle: 'Avez-vous une carte CPS physique (carte CPx) ?',
  questionHint:
    'La carte à puce de professionnel (CPS, CPF, CPE…) que l’on insère dans un lecteur. Sans elle, l’activation se fait entièrement sur le téléphone.',
  answerWithCard: 'Oui, j’ai une carte CPx',
  answerWithoutCard: 'Non, je n’ai pas de carte',
  'track.with-card': 'Activation avec une carte CPx',
  'track.without-card': 'Activation sans carte physique',
  steps: 'Étapes de l’activation',
  stepOf: (step: number, total: number) => `Étape ${step} sur ${total} :`,
  stepDone: '(terminée)',
  'place.computer': 'Sur votre ordinateur',
  'place.phone': 'Sur votre téléphone',
  'place.computer-and-phone': 'Sur votre ordinateur et votre téléphone',
  see: 'Ce que vous verrez :',
  trouble: 'Ça ne fonctionne pas ?',
  next: 'Étape suivante',
  previous: 'Étape précédente',
  finish: 'J’ai terminé',
  reset: 'Recommencer',
  completeTitle: 'Votre e‑CPS est activée',
  completeText:
    'Vous pouvez maintenant vous connecter avec « Pro Santé Connect » : choisissez l’onglet « Application e-CPS », saisissez votre identifiant national, puis validez sur votre téléphone.',
  signInLink: 'Me connecter avec Pro Santé Connect',
  announceQuestion: 'Retour à la première question.',
  announceReset: 'L’activation reprend depuis le début.',
  announceComplete: 'Activation terminée : votre e-CPS est activée.',
  newWindow: '(nouvelle fenêtre)',
  appStore: 'L’application e-CPS sur l’App Store (iPhone)',
  playStore: 'L’application e-CPS sur Google Play (Android)',
  showQr: 'Afficher un QR code à scanner avec votre téléphone',
  hideQr: 'Masquer les QR codes',
  qrHint: 'Scannez un de ces QR codes avec l’appareil photo de votre téléphone : il ouvre la page de l’application.',
  qrAlt: (store: string) => `QR code qui ouvre la page de l’application e-CPS sur ${store}`,
  qrLoading: 'Chargement du QR code…',
  qrFailed: 'Le QR code n’a pas pu être affiché : utilisez les liens ci-dessus.',
  help: 'Besoin d’aide ?',
  helpEmail: 'Écrire à',
  helpPhone: 'Appeler le',

  // Step 5 of the card-less track: the identifier check
  idLabel: 'Vérifiez votre identifiant national avant de le saisir',
  idHint: '12 chiffres : le chiffre 8 suivi des 11 chiffres de votre numéro RPPS.',
  idValid: (normalized: string) =>
    `Identifiant au bon format : ${normalized}. Saisissez-le tel quel dans l’application.`,
  'idError.empty': 'Saisissez votre identifiant national : 8 suivi de votre numéro RPPS.',
  'idError.wrong-length': (digits: number) =>
    `L’identifiant national compte 12 chiffres (8 suivi des 11 chiffres du numéro RPPS) ; vous en avez saisi ${digits}.`,
  'idError.missing-prefix': 'Il manque le 8 au début : saisissez 8 suivi de votre numéro RPPS.',
  'idError.unknown-prefix': 'L’identifiant national commence par 8, suivi de votre numéro RPPS.',
  'idError.not-rpps':
    'Pour activer l’e-CPS sans carte, saisissez 8 suivi de votre numéro RPPS (pas un numéro ADELI ni un identifiant de structure).',
  'idError.invalid-format': 'Saisissez uniquement des chiffres : 8 suivi de votre numéro RPPS.',
  'idError.other': 'Ce n’est pas un identifiant national valide : saisissez 8 suivi de votre numéro RPPS.',
  idWarning:
    'Vérifiez ce numéro : sa clé de contrôle ne semble pas correspondre à un numéro RPPS. Vous pouvez continuer si vous êtes sûr(e) de vous.',

  // Step 6 of the card-less track: where the e-mail arrived
  emailQuestion: 'Où avez-vous ouvert l’e-mail ?',
  'emailOn.phone': 'Sur mon téléphone',
  'emailOn.other-device': 'Sur un autre appareil (ordinateur, tablette)',
  'emailDo.phone':
    'Dans l’e-mail, touchez « Démarrer l’activation » : l’application e-CPS s’ouvre et poursuit l’activation.',
  'emailDo.other-device': 'Ouvrez l’application e-CPS sur votre téléphone et scannez le QR code contenu dans l’e-mail.',

  // Steps. Shared by both tracks unless a track-specific key exists.
  'install-app.title': 'Installez l’application e‑CPS sur votre téléphone',
  'install-app.do':
    'Sur votre téléphone, ouvrez l’App Store (iPhone) ou Google Play (Android), cherchez « e-CPS » et installez l’application de l’Agence du Numérique en Santé.',
  'install-app.see': 'L’icône de l’application e-CPS sur l’écran d’accueil de votre téléphone.',
  'install-app.trouble':
    'Vérifiez que votre téléphone est à jour et qu’il lui reste de la place. Depuis votre ordinateur, vous pouvez aussi afficher un QR code qui ouvre la page de l’application sur votre téléphone.',

  'open-wallet.title': 'Ouvrez le site d’activation sur votre ordinateur',
  'open-wallet.do': 'Sur l’ordinateur équipé de votre lecteur de carte, ouvrez cette adresse dans votre navigateur :',
  'open-wallet.see': 'La page d’accueil du service e-CPS.',
  'open-wallet.trouble':
    'Vérifiez l’adresse et utilisez un navigateur à jour. Si la page ne s’ouvre pas, le réseau de votre établissement la bloque peut-être : parlez-en à votre service informatique.',

  'insert-card.title': 'Insérez votre carte et choisissez le certificat',
  'insert-card.do':
    'Insérez votre carte CPx dans le lecteur. Quand le navigateur vous le demande, choisissez le certificat de votre carte, puis validez avec « OK ».',
  'insert-card.see': 'Une fenêtre du navigateur qui liste un ou plusieurs certificats.',
  'insert-card.trouble':
    'Si aucun certificat n’apparaît, vérifiez que la carte est bien insérée et que le logiciel « Cryptolib CPS » est installé, retirez puis remettez la carte et rechargez la page.',

  'prosante-connect.title': 'Connectez-vous avec « Pro Santé Connect »',
  'prosante-connect.do':
    'Cliquez sur « Pro Santé Connect », puis saisissez le code porteur de votre carte (4 chiffres).',
  'prosante-connect.see': 'Une fenêtre qui demande le code porteur et indique le nombre de tentatives restantes.',
  'prosante-connect.trouble':
    'Après 3 codes faux, la carte est bloquée. Si vous n’êtes pas sûr(e) de votre code, arrêtez-vous et demandez de l’aide.',

  'with-card.start-activation.title': 'Cliquez sur « Commencer l’activation »',
  'with-card.start-activation.do': 'Sur le site, sur votre ordinateur, cliquez sur « Commencer l’activation ».',
  'with-card.start-activation.see': 'Un QR code s’affiche sur l’écran de l’ordinateur.',
  'with-card.start-activation.trouble':
    'Si la page affiche une erreur, rechargez-la et reconnectez-vous avec « Pro Santé Connect » (étape précédente).',

  'scan-qr.title': 'Scannez le QR code avec votre téléphone',
  'scan-qr.do':
    'Sur votre téléphone, ouvrez l’application e-CPS, touchez « Commencer l’activation », puis scannez le QR code affiché sur l’ordinateur.',
  'scan-qr.see': 'L’application ouvre l’appareil photo, puis confirme la lecture du QR code.',
  'scan-qr.trouble':
    'Autorisez l’application à utiliser l’appareil photo. Rapprochez ou éloignez le téléphone de l’écran et augmentez la luminosité de l’écran.',

  'copy-code.title': 'Recopiez le code d’activation sur l’ordinateur',
  'copy-code.do':
    'Votre téléphone affiche un code d’activation : recopiez-le sur l’ordinateur, dans le champ prévu, puis validez.',
  'copy-code.see': 'Un code d’activation sur le téléphone, un champ pour le saisir sur l’ordinateur.',
  'copy-code.trouble':
    'Vérifiez chaque caractère. Si le code est refusé, revenez à l’étape précédente pour scanner un nouveau QR code.',

  'create-password.title': 'Créez votre mot de passe e‑CPS',
  'create-password.do':
    'Dans l’application, choisissez votre mot de passe e-CPS et confirmez-le. Il vous sera demandé quand vous utiliserez votre e-CPS.',
  'create-password.see': 'L’application indique que votre e-CPS est activée.',
  'create-password.trouble':
    'Respectez les règles affichées par l’application. Ne communiquez ce mot de passe à personne, pas même à l’assistance.',

  'without-card.start-activation.title': 'Ouvrez l’application et touchez « Commencer l’activation »',
  'without-card.start-activation.do':
    'Sur votre téléphone, ouvrez l’application e-CPS, puis touchez « Commencer l’activation ».',
  'without-card.start-activation.see': 'L’application vous présente l’activation de votre e-CPS.',
  'without-card.start-activation.trouble':
    'Si l’application ne s’ouvre pas ou se ferme, mettez-la à jour, puis redémarrez votre téléphone.',

  'accept-terms.title': 'Acceptez les conditions d’utilisation',
  'accept-terms.do': 'Lisez les conditions générales d’utilisation de l’e-CPS, puis acceptez-les pour continuer.',
  'accept-terms.see': 'Le texte des conditions d’utilisation et le bouton pour les accepter.',
  'accept-terms.trouble': 'Si le bouton n’est pas actif, faites défiler le texte jusqu’en bas.',

  'send-request.title': 'Touchez « Envoyer une demande d’activation »',
  'send-request.do': 'Dans l’application, touchez « Envoyer une demande d’activation ».',
  'send-request.see': 'Un champ pour saisir votre identifiant national.',
  'send-request.trouble':
    'Ce parcours est réservé aux professionnels enregistrés au RPPS (par exemple sur le portail RPPS+) : si vous n’avez pas encore reçu votre numéro RPPS par e-mail, attendez-le avant de continuer.',

  'national-id.title': 'Saisissez votre identifiant national',
  'national-id.do':
    'Dans l’application, saisissez votre identifiant national : le chiffre 8 suivi de votre numéro RPPS. Vous recevrez un e-mail contenant un QR code.',
  'national-id.see': 'L’application indique qu’un e-mail a été envoyé à l’adresse enregistrée au RPPS.',
  'national-id.trouble':
    'Votre numéro RPPS figure dans l’e-mail reçu lors de votre enregistrement. Si l’e-mail d’activation n’arrive pas, regardez dans les courriers indésirables ; si votre adresse a changé, demandez sa mise à jour à votre établissement ou à votre ordre.',

  'open-email.title': 'Ouvrez l’e-mail reçu',
  'open-email.do':
    'Vous avez reçu un e-mail avec un QR code. Ce que vous faites dépend de l’appareil sur lequel vous le lisez.',
  'open-email.see': 'L’application e-CPS poursuit l’activation.',
  'open-email.trouble':
    'Regardez dans les courriers indésirables. Si l’e-mail n’arrive toujours pas, revenez à l’étape précédente pour vérifier votre identifiant.',

  'sms-code.title': 'Saisissez le code reçu par SMS',
  'sms-code.do': 'Vous recevez un code d’activation par SMS : saisissez-le dans l’application.',
  'sms-code.see': 'Un SMS avec un code d’activation, et un champ pour le saisir dans l’application.',
  'sms-code.trouble':
    'Le SMS est envoyé au numéro de téléphone enregistré au RPPS. S’il n’arrive pas, vérifiez ce numéro auprès de votre établissement ou de votre ordre.',
};

export default fr;
export type EcpsActivationMessages = { [K in keyof typeof fr]: (typeof fr)[K] };
