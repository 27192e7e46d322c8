/**
 * PSC's "wallet" hosts: its authorization endpoint, and the e-CPS site where a professional with a physical card
 * activates the e-CPS (ANS, "Pro Santé Connect — documentation technique",
 * https://industriels.esante.gouv.fr/produits-et-services/pro-sante-connect; e-CPS guide, https://wallet.esw.esante.gouv.fr).
 */
export const PSC_WALLET_HOSTS = Object.freeze({
  /** Production. */
  production: 'https://wallet.esw.esante.gouv.fr',
  /** ANS test environment ("bac à sable", BAS), with test cards and the e-CPS BAS app. */
  bas: 'https://wallet.bas.psc.esante.gouv.fr',
});
