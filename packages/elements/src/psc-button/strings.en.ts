import type { PscButtonMessages } from './strings.fr.js';

/** English strings of <af-psc-button>. "PRO SANTÉ CONNECT" is a name and stays as is. */
const en: PscButtonMessages = {
  prefix: 'Sign in with',
  name: 'PRO SANTÉ CONNECT',
  info: 'What is Pro Santé Connect?',
  newWindow: '(opens in a new window)',
};

export default en;
