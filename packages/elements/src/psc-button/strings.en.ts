import type { PscButtonMessages } from './strings.fr.js';

/** English strings of <af-psc-button>. "Pro Santé Connect" is a name and stays as is. */
const en: PscButtonMessages = {
  prefix: 'Sign in with',
  name: 'Pro Santé Connect',
  info: 'What is Pro Santé Connect?',
  newWindow: '(opens in a new window)',
};

export default en;
