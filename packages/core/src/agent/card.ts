/**
 * Facts about the CPx cards themselves, defined once for the card agent, the login machine and the elements.
 *
 * - Card types: the ANS terminology TRE_G02 "Type de carte" (https://mos.esante.gouv.fr/NOS/TRE_G02-TypeCarte/),
 *   numbered 0 to 3 in the card-type extension of IGC-Santé certificates (1.2.250.1.71.1.2.2).
 * - The PIN ("code porteur"): 4 digits, 3 tries (the CPS card's user guide, ANS "Carte CPS : mode d'emploi",
 *   https://esante.gouv.fr/produits-services/cartes-cps; the Cryptolib's PIN dialog asks for 4 digits).
 */
import type { CardType } from './protocol.js';

/** A card type's number in the certificate extension and its name (lower case, after the acronym). */
export interface CardTypeInfo {
  readonly code: number;
  readonly name: { readonly fr: string; readonly en: string };
}

/** The CPx card family (TRE_G02), by acronym. */
export const CARD_TYPES: Readonly<Record<Exclude<CardType, 'unknown'>, CardTypeInfo>> = Object.freeze({
  CPS: { code: 0, name: { fr: 'carte de professionnel de santé', en: 'health professional card' } },
  CPF: { code: 1, name: { fr: 'carte de professionnel en formation', en: 'card of a professional in training' } },
  CPE: { code: 2, name: { fr: 'carte de personnel d’établissement', en: 'establishment staff card' } },
  CPA: { code: 3, name: { fr: 'carte de personnel autorisé', en: 'authorised staff card' } },
});

/** The card type numbered `code` in the card-type extension, or `unknown`. */
export function cardTypeFromCode(code: number | undefined): CardType {
  const found = Object.entries(CARD_TYPES).find(([, info]) => info.code === code);
  return found ? (found[0] as CardType) : 'unknown';
}

/** How a card type is named to its holder: `CPS — carte de professionnel de santé`; `Carte CPx` when unknown. */
export function cardTypeLabel(type: CardType, lang: 'fr' | 'en'): string {
  if (type === 'unknown' || !Object.hasOwn(CARD_TYPES, type)) return lang === 'en' ? 'CPx card' : 'Carte CPx';
  return `${type} — ${CARD_TYPES[type].name[lang]}`;
}

/** Digits of a CPS PIN ("code porteur"). */
export const CPS_PIN_LENGTH = 4;

/** A CPS PIN: exactly {@link CPS_PIN_LENGTH} digits (ASCII). */
export function isWellFormedPin(pin: unknown): pin is string {
  return typeof pin === 'string' && pin.length === CPS_PIN_LENGTH && /^[0-9]+$/.test(pin);
}
