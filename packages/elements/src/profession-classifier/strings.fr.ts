import { referenceNames } from './reference-names.js';

/** French strings of <af-profession-classifier> (the default language). Every value is rendered as text. */
const fr = {
  label: 'Votre profession',
  hint: 'Tapez votre profession ou votre rôle, par exemple « infirmière », « kiné » ou « aide-soignant ».',
  clear: 'Effacer la recherche',
  suggestions: 'Professions suggérées',
  suggestionCount: (n: number) =>
    n === 1
      ? '1 profession trouvée. Utilisez les flèches haut et bas pour la sélectionner, puis Entrée.'
      : `${n} professions trouvées. Utilisez les flèches haut et bas pour choisir, puis Entrée.`,
  noMatch: 'Aucune profession ne correspond à votre saisie. Vérifiez l’orthographe ou essayez un autre terme.',
  resultAnnounce: (profession: string, category: string) => `${profession} : ${category}.`,
  // labels followed by their value: the colon (with its French non-breaking space) belongs to the string
  ...referenceNames('fr'),
  'short.ordre': 'Ordre',
  'short.ars': 'ARS',
  'short.role': 'Rôle',
  'short.autre': 'Autre',
  yourProfession: 'Votre profession :',
  whoRegisters: 'Qui vous enregistre',
  'registeredBy.ordre': 'Votre ordre professionnel',
  'registeredBy.ars': 'L’agence régionale de santé (ARS)',
  'registeredBy.etablissement': 'Votre établissement, sur le portail RPPS+',
  where: 'Où s’inscrire',
  'how.ordre': 'Auprès de votre ordre, directement sur son portail d’inscription.',
  'how.erpps': 'La démarche s’effectue sur le portail eRPPS.',
  'how.rpps-plus': 'Sur le portail RPPS+, de l’une de ces deux façons :',
  'portal.ordre': 'Le portail d’inscription de votre ordre',
  'portal.erpps': 'Le portail eRPPS',
  'portal.rpps-plus': 'Le portail RPPS+',
  newWindow: '(nouvelle fenêtre)',
  'method.establishment-registers':
    'Votre établissement centralise les demandes et vous enregistre sur RPPS+. Vous êtes informé(e) par e-mail et recevez un numéro RPPS.',
  'method.self-service-franceconnect':
    'Vous lancez vous-même la demande sur RPPS+ avec FranceConnect ; votre établissement valide les informations saisies. Vous êtes informé(e) par e-mail et recevez un numéro RPPS.',
  prerequisitesTitle: 'Ce que votre établissement doit avoir fait avant :',
  prerequisites:
    'Avoir contractualisé avec l’Agence du Numérique en Santé (ANS) et désigné un ou plusieurs « gestionnaire(s) RPPS+ ».',
  roleWarning:
    'L’inscription dans RPPS+ ouvre plusieurs services (ViaTrajectoire, DMP, MSS, DUI…) : votre rôle doit être choisi avec soin.',
  cards: 'Votre carte',
  'cards.both': 'Carte CPS physique ou e-CPS (la carte CPS sur votre téléphone).',
  'cards.ecps': 'e-CPS uniquement : votre catégorie n’est pas éligible à la carte CPS physique.',
  adeli: 'Les professionnels auparavant enregistrés dans ADELI sont passés au répertoire RPPS en octobre 2024.',
  nextStep: 'Prochaine étape :',
  activateLink: 'Activer mon e-CPS, étape par étape',
  signInLink: 'Me connecter',
  'next.both':
    'Une fois enregistré(e) avec votre numéro RPPS, utilisez votre carte CPS ou activez votre e-CPS, puis connectez-vous.',
  'next.ecps':
    'Une fois votre numéro RPPS reçu par e-mail, activez votre e-CPS sur votre téléphone, puis connectez-vous avec Pro Santé Connect.',
  help: 'Besoin d’aide ?',
  helpEmail: 'Écrire à',
  helpPhone: 'Appeler le',
  notYours: 'Ce n’est pas votre profession ? Autres possibilités :',
};

export default fr;
export type ClassifierMessages = { [K in keyof typeof fr]: (typeof fr)[K] };
