/** French strings of <af-psc-button> (the default language). The official wording of the Pro Santé Connect button. */
const fr = {
  prefix: 'S’identifier avec',
  name: 'PRO SANTÉ CONNECT',
  info: 'Qu’est-ce que Pro Santé Connect ?',
  newWindow: '(nouvelle fenêtre)',
};

export default fr;
export type PscButtonMessages = { [K in keyof typeof fr]: (typeof fr)[K] };
