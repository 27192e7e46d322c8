/** French strings of <af-account-link> (the default language). Every value is rendered as text. */
const fr = {
  title: 'Espace professionnel',
  intro: (host: string) =>
    `Vous êtes un professionnel en établissement et vous avez déjà un compte ${host}. Authentifiez-vous avec vos identifiants habituels de ${host}.`,
  defaultHostName: 'votre application',
  identity: 'Identité',
  nationalId: 'Identifiant national',
  // agrees with « l’identifiant » (national identifier), which it follows
  'source.card': 'lu sur votre carte CPS',
  'source.psc': 'transmis par Pro Santé Connect',
  username: 'Nom d’utilisateur',
  password: 'Mot de passe',
  submit: 'Se connecter',
  /** The way out when the identity shown is someone else’s (shown with the `cancelable` attribute). */
  cancel: 'Ce n’est pas moi : annuler',
  submitting: 'Vérification de vos identifiants…',
  errorTitle: 'La connexion n’a pas abouti',
  lockedTitle: 'Connexion temporairement bloquée',
  fieldErrorTitle: 'Le formulaire contient des erreurs',
  'field.missing-username': 'Saisissez votre nom d’utilisateur.',
  'field.missing-password': 'Saisissez votre mot de passe.',
  'error.invalid-credentials': 'Nom d’utilisateur ou mot de passe incorrect. Vérifiez vos identifiants et réessayez.',
  'error.locked': 'Trop de tentatives : par sécurité, la liaison de votre compte est bloquée.',
  'error.csrf': 'Votre session a expiré. Rechargez la page, puis réessayez.',
  'error.no-pending-identity':
    'Votre identification par carte CPS ou e-CPS a expiré ou n’a pas eu lieu. Identifiez-vous à nouveau, puis reliez votre compte.',
  'error.already-linked': (host: string) =>
    `Cette identité est déjà reliée à un autre compte ${host}. Contactez l’assistance de votre établissement.`,
  'error.bad-request': 'La demande n’a pas pu être traitée. Vérifiez les champs, puis réessayez.',
  'error.network':
    'Le serveur ne répond pas. Vérifiez votre connexion à Internet, puis réessayez : votre nom d’utilisateur est conservé, saisissez à nouveau votre mot de passe.',
  'error.server': 'Une erreur est survenue sur le serveur. Réessayez dans quelques instants.',
  attemptsLeft: (n: number) =>
    n <= 1
      ? 'Attention : encore 1 essai erroné et la liaison sera bloquée temporairement.'
      : `Attention : encore ${n} essais erronés et la liaison sera bloquée temporairement.`,
  passwordCleared: 'Par sécurité, le mot de passe a été effacé.',
  unlocked: 'Le blocage est levé : vous pouvez de nouveau essayer de vous connecter.',
  retryAt: (time: string) => `Vous pourrez réessayer à ${time}.`,
  retryIn: (minutes: number) =>
    minutes <= 1 ? 'Vous pourrez réessayer dans une minute.' : `Vous pourrez réessayer dans ${minutes} minutes.`,
  linked: (host: string, source?: 'card' | 'psc') =>
    `${source === 'psc' ? 'Votre e-CPS est maintenant reliée' : 'Votre carte est maintenant reliée'} à votre compte ${host}. La prochaine fois, votre carte CPS ou votre e-CPS suffira pour vous connecter.`,
  cancelled: 'La liaison de votre compte a été annulée.',
};

export type AccountLinkMessages = typeof fr;
export default fr;
