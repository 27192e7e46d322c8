import { referenceNames } from './reference-names.js';
import type { ClassifierMessages } from './strings.fr.js';

/** English strings of <af-profession-classifier>. French interface labels stay in French (users see them so). */
const en: ClassifierMessages = {
  label: 'Your profession',
  hint: 'Type your profession or role, for example “nurse”, “infirmière”, “kiné” or “aide-soignant”.',
  clear: 'Clear the search',
  suggestions: 'Suggested professions',
  suggestionCount: (n: number) =>
    n === 1
      ? '1 profession found. Use the up and down arrows to select it, then Enter.'
      : `${n} professions found. Use the up and down arrows to choose, then Enter.`,
  noMatch: 'No profession matches what you typed. Check the spelling or try another term.',
  resultAnnounce: (profession: string, category: string) => `${profession}: ${category}.`,
  ...referenceNames('en'),
  'short.ordre': 'Order',
  'short.ars': 'ARS',
  'short.role': 'Role',
  'short.autre': 'Other',
  yourProfession: 'Your profession:',
  whoRegisters: 'Who registers you',
  'registeredBy.ordre': 'Your professional order',
  'registeredBy.ars': 'The regional health agency (ARS)',
  'registeredBy.etablissement': 'Your establishment, on the RPPS+ portal',
  where: 'Where to register',
  'how.ordre': 'With your order, directly on its registration portal.',
  'how.erpps': 'Registration is done on the eRPPS portal.',
  'how.rpps-plus': 'On the RPPS+ portal, in one of two ways:',
  'portal.ordre': 'Your order’s registration portal',
  'portal.erpps': 'The eRPPS portal',
  'portal.rpps-plus': 'The RPPS+ portal',
  newWindow: '(new window)',
  'method.establishment-registers':
    'Your establishment gathers the requests and registers you on RPPS+. You are told by e-mail and receive an RPPS number.',
  'method.self-service-franceconnect':
    'You start the request yourself on RPPS+ with FranceConnect; your establishment validates what you entered. You are told by e-mail and receive an RPPS number.',
  prerequisitesTitle: 'What your establishment must have done first:',
  prerequisites:
    'Signed a contract with the ANS (Agence du Numérique en Santé) and designated one or more “gestionnaire(s) RPPS+”.',
  roleWarning:
    'Registration in RPPS+ opens several services (ViaTrajectoire, DMP, MSS, DUI…): your role must be chosen carefully.',
  cards: 'Your card',
  'cards.both': 'A physical CPS card or the e-CPS (the CPS card on your phone).',
  'cards.ecps': 'e-CPS only: your category is not eligible for a physical CPS card.',
  adeli: 'Professionals formerly registered in ADELI moved to the RPPS directory in October 2024.',
  nextStep: 'Next step:',
  activateLink: 'Activate my e-CPS, step by step',
  signInLink: 'Sign in',
  'next.both': 'Once registered with your RPPS number, use your CPS card or activate your e-CPS, then sign in.',
  'next.ecps':
    'Once you have received your RPPS number by e-mail, activate your e-CPS on your phone, then sign in with Pro Santé Connect.',
  help: 'Need help?',
  helpEmail: 'Write to',
  helpPhone: 'Call',
  notYours: 'Not your profession? Other possibilities:',
};

export default en;
