/** French strings of <af-login> (the default language). Every value is rendered as text. */
const fr = {
  'chooser.title': 'Identifiez-vous',
  'chooser.text': 'Choisissez votre moyen d’identification.',
  'chooser.card': 'S’identifier par carte CPS',
  'chooser.cardHint': 'Carte physique et lecteur de carte',
  'chooser.cancelled': 'Connexion annulée. Vous pouvez choisir à nouveau votre moyen d’identification.',
  cancel: 'Annuler',
  retry: 'Réessayer',
  otherMeans: 'Choisir un autre moyen',
  newWindow: '(nouvelle fenêtre)',
  wait: 'Veuillez patienter…',

  'agent-detecting.title': 'Recherche du logiciel de lecture de carte',
  'agent-detecting.text': 'Nous vérifions que le logiciel de lecture de carte est démarré sur votre ordinateur.',
  'pairing-starting.title': 'Association avec le logiciel de lecture de carte',
  'pairing-starting.text': 'Demande d’un code d’association…',
  'pairing.title': 'Associez ce site au logiciel de lecture de carte',
  'pairing.text': (n: number) =>
    `Le logiciel de lecture de carte affiche un code de ${n} chiffres. Saisissez-le ici pour autoriser ce site à utiliser votre carte.`,
  'pairing.approve.text':
    'Ouvrez l’agent de carte, vérifiez qu’il affiche le même code de vérification pour ce site, puis cliquez sur « Approuver ». Cette page continue alors toute seule.',
  'pairing.approve.code': 'Code de vérification :',
  'pairing.approve.link': 'Ouvrir l’agent de carte',
  'pairing.approve.newWindow': '(nouvelle fenêtre)',
  'pairing.label': 'Code d’association',
  'pairing.submit': 'Associer',
  'pairing.newCode': 'Demander un nouveau code',
  'pairing.format': (n: number) => `Le code d’association comporte ${n} chiffres.`,
  'pairing-confirming.title': 'Association en cours',
  'pairing-confirming.text': 'Vérification du code d’association…',
  'card-searching.title': 'Recherche du lecteur et de la carte',
  'card-searching.text': 'Recherche de votre lecteur de carte…',
  'waiting-reader.title': 'Branchez votre lecteur de carte',
  'waiting-reader.text':
    'Aucun lecteur de carte n’est détecté. Branchez-le sur votre ordinateur : la suite s’affichera d’elle-même.',
  'waiting-card.title': 'Insérez votre carte CPS',
  'waiting-card.text': 'Insérez votre carte CPS dans le lecteur, puce vers le haut : la suite s’affichera d’elle-même.',
  'pin.title': 'Saisissez votre code porteur',
  'pin.holder': 'Titulaire\u00a0:',
  'pin.cardType': 'Carte\u00a0:',
  'pin.profession': 'Profession\u00a0:',
  'pin.pad': 'Votre lecteur a un clavier : le code porteur se tape sur le lecteur, pas dans cette page.',
  'pin.padSubmit': 'Taper mon code sur le lecteur',
  'pin.padTyping': 'Tapez votre code sur le lecteur, puis validez sur le lecteur.',
  'pin.label': 'Code porteur (4 chiffres)',
  'pin.triesLeft': (n: number) => (n === 1 ? 'Il vous reste 1 tentative.' : `Il vous reste ${n} tentatives.`),
  'pin.submit': 'Valider',
  'pin.format': 'Le code porteur comporte 4 chiffres.',
  /** Shown with the tries left ('pin.triesLeft'), printed once below the label. */
  'pin.incorrect': 'Code porteur incorrect.',
  'pin.finalTry': 'Attention : c’est votre dernière tentative. Un code erroné bloquera votre carte.',
  'pin.confirmFinalTry': 'Je confirme vouloir utiliser ma dernière tentative',
  'pin.finalTryUnconfirmed': 'Cochez la case pour confirmer l’utilisation de votre dernière tentative.',
  'pin-locked.title': 'Votre carte est bloquée',
  'pin-locked.text':
    'Le code porteur a été saisi trop de fois de façon erronée. Débloquez votre carte avec le code de déblocage à 8 chiffres reçu avec votre carte (courrier « codes porteur et de déblocage »), avec l’outil de gestion de la carte CPS.',
  'pin-locked.noPuk':
    'Vous n’avez plus ce code ? Contactez l’Agence du Numérique en Santé (ANS) ou le service d’assistance ci-dessous. En attendant, vous pouvez vous identifier avec votre e-CPS.',
  'card-authenticating.title': 'Vérification de votre carte',
  'card-authenticating.text': 'Vérification du code porteur et signature par la carte…',
  'psc-redirecting.title': 'Redirection vers Pro Santé Connect',
  'psc-redirecting.text': 'Vous allez être redirigé(e) vers Pro Santé Connect…',
  'psc-returning.title': 'Retour de Pro Santé Connect',
  'psc-returning.text': 'Finalisation de votre connexion…',
  'psc-popup.title': 'Connectez-vous dans la fenêtre Pro Santé Connect',
  'psc-popup.text':
    'Une fenêtre Pro Santé Connect s’est ouverte. Identifiez-vous dans cette fenêtre, puis revenez ici.',
  // headings: a non-breaking hyphen (U+2011) keeps "e‑CPS" on one line
  'ciba-identifier.title': 'Connexion avec votre e‑CPS',
  'ciba-identifier.text':
    'Saisissez votre identifiant, puis validez la demande dans l’application e-CPS de votre téléphone.',
  'ciba-identifier.label': 'Identifiant national (RPPS)',
  'ciba-identifier.hint': '8 suivi de votre numéro RPPS à 11 chiffres, par exemple 810001234567.',
  'ciba-identifier.submit': 'Envoyer la demande sur mon téléphone',
  'ciba-identifier.usePage': 'Utiliser plutôt la page Pro Santé Connect',
  'ciba-identifier.format':
    'Identifiant incorrect : saisissez 8 suivi de votre numéro RPPS à 11 chiffres (12 chiffres en tout).',
  'ciba-starting.title': 'Envoi de la demande',
  'ciba-starting.text': 'Envoi de la demande de connexion à votre téléphone…',
  'ciba-waiting.title': 'Validez la connexion sur votre téléphone',
  'ciba-waiting.binding': 'Vérifiez que le code affiché sur votre téléphone est :',
  'ciba-waiting.text': 'Ouvrez l’application e-CPS et acceptez la demande si le code est le même.',
  'ciba-waiting.expires': (minutes: number) =>
    minutes <= 1 ? 'La demande expire dans 1 minute.' : `La demande expire dans ${minutes} minutes.`,
  'verifying.title': 'Vérification de votre identité',
  'verifying.text': 'L’application vérifie votre identité…',
  'authenticated.title': 'Vous êtes connecté(e)',
  'authenticated.text': (name: string) => `Bienvenue, ${name}.`,
  'link-required.title': 'Première connexion',
  'link-required.text': (name: string) =>
    `Votre identité ${name} est vérifiée. Pour cette première connexion, associez-la à votre compte habituel.`,
  help: 'Besoin d’aide ?',
  helpEmail: 'Écrire à',
  helpPhone: 'Appeler le',
  install: 'Télécharger et installer le logiciel de lecture de carte',

  'error.agent-not-installed.title': 'Le logiciel de lecture de carte ne répond pas',
  'error.agent-not-installed':
    'Le logiciel de lecture de carte n’est pas installé ou n’est pas démarré sur cet ordinateur. Installez-le (une seule fois), démarrez-le, puis réessayez.',
  'error.agent-blocked.title': 'Votre navigateur bloque l’accès au lecteur de carte',
  'error.agent-blocked':
    'Votre navigateur empêche cette page de joindre le logiciel de lecture de carte sur votre ordinateur (autorisation « réseau local »).',
  'error.agent-blocked.howto':
    'Cliquez sur l’icône à gauche de l’adresse de la page, ouvrez les paramètres du site, autorisez « Accès au réseau local » (ou « Appareils du réseau local »), puis réessayez.',
  'error.agent-version-mismatch.title': 'Le logiciel de lecture de carte doit être mis à jour',
  'error.agent-version-mismatch':
    'La version du logiciel de lecture de carte installée ne convient pas à cette application. Installez la dernière version, puis réessayez.',
  'error.agent-not-paired.title': 'Ce site n’est pas associé au logiciel de lecture de carte',
  'error.agent-not-paired':
    'Le logiciel de lecture de carte n’autorise pas encore ce site. Réessayez pour recevoir un code d’association, ou contactez votre service informatique.',
  'error.agent-stopped.title': 'Le logiciel de lecture de carte s’est arrêté',
  'error.agent-stopped': 'Le logiciel de lecture de carte ne répond plus. Vérifiez qu’il est démarré, puis réessayez.',
  'error.agent-unavailable.title': 'Le lecteur de carte n’est pas disponible',
  'error.agent-unavailable':
    'Le logiciel de lecture de carte ne peut pas utiliser les cartes pour le moment (composant Cryptolib CPS absent ou lecteur occupé). Réessayez dans un instant.',
  'error.pairing-code-invalid.title': 'Code d’association incorrect',
  'error.pairing-code-invalid': 'Ce code ne correspond pas à celui affiché par le logiciel de lecture de carte.',
  'error.pairing-expired.title': 'Code d’association expiré',
  'error.pairing-expired': 'Le code d’association a expiré. Demandez un nouveau code.',
  'error.no-reader.title': 'Aucun lecteur de carte',
  'error.no-reader': 'Aucun lecteur de carte n’a été détecté. Branchez votre lecteur, puis réessayez.',
  'error.no-card.title': 'Aucune carte',
  'error.no-card': 'Aucune carte n’a été détectée dans le lecteur. Insérez votre carte CPS, puis réessayez.',
  'error.card-removed.title': 'La carte a été retirée',
  'error.card-removed':
    'Votre carte a été retirée du lecteur avant la fin de la connexion. Réinsérez-la, puis réessayez.',
  'error.card-unreadable.title': 'Carte illisible',
  'error.card-unreadable':
    'Cette carte ne permet pas de vous identifier (aucun certificat d’authentification). Essayez une autre carte ou l’e-CPS.',
  'error.card-expired.title': 'Carte expirée',
  'error.card-expired':
    'Le certificat de votre carte n’est plus valide. Demandez le renouvellement de votre carte ; en attendant, identifiez-vous avec votre e-CPS.',
  'error.card-revoked.title': 'Carte révoquée',
  'error.card-revoked':
    'Cette carte a été révoquée (perte, vol, remplacement ou fin d’activité) et ne permet plus de vous identifier. Utilisez votre nouvelle carte ou votre e-CPS ; pour toute question, contactez le service client de l’ANS.',
  'error.card-not-accepted.title': 'Certificat non accepté',
  'error.card-not-accepted':
    'Ce certificat n’est pas celui d’une carte CPS : seule l’authentification par carte de la famille CPS (CPS, CPF, CPE, CPA) ou par e-CPS est acceptée.',
  'error.revocation-unavailable.title': 'Vérification de la carte impossible',
  'error.revocation-unavailable':
    'L’application n’a pas pu vérifier que votre carte est toujours valide. Réessayez dans quelques minutes ou identifiez-vous avec votre e-CPS.',
  'error.pin-incorrect.title': 'Code porteur incorrect',
  'error.pin-incorrect': 'Le code porteur saisi est incorrect.',
  'error.pin-locked.title': 'Votre carte est bloquée',
  'error.pin-locked': 'Le code porteur est bloqué : débloquez votre carte avec son code de déblocage à 8 chiffres.',
  'error.pin-final-try.title': 'Dernière tentative',
  'error.pin-final-try': 'Il ne reste qu’une tentative : confirmez avant de saisir votre code porteur.',
  'error.psc-refused.title': 'Connexion refusée',
  'error.psc-refused':
    'La connexion avec Pro Santé Connect a été refusée (demande rejetée dans l’application e-CPS ou sur Pro Santé Connect).',
  'error.psc-expired.title': 'Demande expirée',
  'error.psc-expired':
    'La demande de connexion a expiré. Recommencez et validez-la plus rapidement dans l’application e-CPS.',
  'error.psc-popup-blocked.title': 'Fenêtre bloquée',
  'error.psc-popup-blocked':
    'Votre navigateur a bloqué la fenêtre Pro Santé Connect. Autorisez les fenêtres pour ce site, puis réessayez.',
  'error.psc-failed.title': 'Pro Santé Connect n’a pas pu vous identifier',
  'error.psc-failed': 'La réponse de Pro Santé Connect n’a pas pu être utilisée. Réessayez.',
  // what PSC's answer had wrong (`details.sourceCode` of psc-failed), in place of the general sentence
  'error.psc-failed.psc-acr-too-low':
    'Le niveau d’authentification obtenu est insuffisant : une authentification forte (carte CPS ou e-CPS) est exigée. Recommencez avec votre carte CPS ou votre e-CPS.',
  'error.psc-failed.psc-bad-id-token':
    'Le jeton d’identité reçu de Pro Santé Connect n’est pas valide (émetteur, destinataire, signature ou date) : la connexion a été bloquée par sécurité. Recommencez.',
  'error.psc-failed.psc-state-mismatch':
    'La réponse de Pro Santé Connect ne correspond à aucune connexion en cours. Recommencez depuis l’application.',
  'error.psc-failed.psc-nonce-mismatch':
    'La réponse de Pro Santé Connect a été rejetée (jeton rejoué ou inattendu). Recommencez.',
  'error.psc-failed.psc-bad-userinfo':
    'Les informations du professionnel reçues de Pro Santé Connect sont incomplètes ou illisibles. Recommencez ; si le problème persiste, contactez le service d’assistance.',
  'error.psc-failed.psc-config':
    'Pro Santé Connect est mal configuré dans cette application. Contactez le service d’assistance.',
  'error.psc-failed.psc-bad-discovery':
    'La configuration de Pro Santé Connect est illisible ou incohérente. Réessayez plus tard ; si le problème persiste, contactez le service d’assistance.',
  'error.agent-version-mismatch.versions': (required: string, installed: string) =>
    `Cette application demande la version ${required} du protocole du logiciel de lecture de carte ; le logiciel installé parle la version ${installed}.`,
  'error.psc-unknown-user.title': 'Aucune e‑CPS active pour cet identifiant',
  'error.psc-unknown-user':
    'Pro Santé Connect ne connaît aucune e-CPS active pour cet identifiant national : réessayer ne changera rien.',
  'error.psc-unknown-user.howto':
    'Vérifiez le numéro saisi (8 suivi de votre numéro RPPS). S’il est juste, activez d’abord votre e-CPS dans l’application e-CPS de votre téléphone, puis reconnectez-vous.',
  'error.psc-unknown-user.retry': 'Corriger l’identifiant',
  'error.psc-unknown-user.activate': 'Activer mon e-CPS',
  'error.psc-rate-limited.title': 'Trop de demandes de validation',
  'error.psc-rate-limited':
    'Trop de demandes de validation e-CPS ont été envoyées pour cet identifiant ou depuis ce poste. Patientez avant de réessayer, ou identifiez-vous avec votre carte CPS.',
  'error.retryAfter': (minutes: number) => `Vous pourrez réessayer dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
  'error.national-id-invalid.title': 'Identifiant incorrect',
  'error.national-id-invalid': 'Cet identifiant national n’est pas valide.',
  'error.timeout.title': 'Délai dépassé',
  'error.timeout': 'L’opération a pris trop de temps. Réessayez.',
  'error.cancelled.title': 'Connexion annulée',
  'error.cancelled': 'La connexion a été annulée.',
  'error.network.title': 'Problème de connexion',
  'error.network': 'L’application n’a pas pu être jointe. Vérifiez votre connexion à Internet, puis réessayez.',
  'error.verification-failed.title': 'Identification refusée',
  'error.verification-failed':
    'L’application n’a pas pu vérifier votre identité. Réessayez ; si le problème persiste, contactez le service d’assistance.',
  'error.not-configured.title': 'Connexion indisponible',
  'error.not-configured': 'Ce moyen d’identification n’est pas disponible dans cette application.',
  'error.origin-refused.title': 'Adresse de la page inattendue',
  'error.origin-refused':
    'L’adresse de cette page n’est pas celle qu’attend le service : il a refusé la demande par sécurité. Ouvrez l’application depuis son adresse habituelle (lien ou favori), puis identifiez-vous à nouveau.',
};

export default fr;
export type LoginMessages = { [K in keyof typeof fr]: (typeof fr)[K] };
