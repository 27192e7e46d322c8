/**
 * French strings of <af-psc-button> (the default language): the wording of the ANS's Pro Santé Connect button,
 * « S’identifier avec Pro Santé Connect », in sentence case as the DSFR writes its buttons.
 */
const fr = {
  prefix: 'S’identifier avec',
  name: 'Pro Santé Connect',
  info: 'Qu’est-ce que Pro Santé Connect ?',
  newWindow: '(nouvelle fenêtre)',
};

export default fr;
export type PscButtonMessages = { [K in keyof typeof fr]: (typeof fr)[K] };
