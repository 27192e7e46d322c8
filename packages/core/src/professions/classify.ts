/**
 * From a profession (typed text, official code or id) to what the professional must do: category, registration
 * path, card eligibility.
 */

import { CATEGORIES, PROFESSIONS } from './data.js';
import { searchProfessions } from './search.js';
import type { Classification, CodeSystem, Profession, ProfessionCodeInput, Registration } from './types.js';

/**
 * Ambiguity rule for text input: the best candidate is "clearly ahead" when every other candidate scores at least
 * `AMBIGUITY_MARGIN` below it; `alternatives` is then empty. Otherwise the candidates within the margin (at most
 * `MAX_ALTERNATIVES`, best first) are the alternatives, and the best one is still returned as `profession`.
 *
 * With the scores of `searchProfessions`, a query that is exactly a label (1) is always clearly ahead of names it only
 * partly matches (at most 0.9): "aide à domicile" is not ambiguous with "aide à domicile qualifiée". A word shared by
 * several names ("aide", "directeur", "assistant", "technicien") leaves them within a few hundredths of each other:
 * ambiguous. Two professions sharing an exact synonym ("AVS") are ambiguous.
 */
export const AMBIGUITY_MARGIN = 0.08;
export const MAX_ALTERNATIVES = 5;

const CODE_SYSTEMS: ReadonlySet<string> = new Set<CodeSystem>(['TRE_G15', 'TRE_R95', 'TRE_R94', 'TRE_R85', 'TRE_R291']);

const byCode = new Map<string, Profession>();
const byId = new Map<string, Profession>();
for (const profession of PROFESSIONS) {
  byId.set(profession.id, profession);
  for (const { system, code } of profession.codes) byCode.set(`${system}|${code}`, profession);
}

/** The profession with this id, if any. */
export function getProfessionById(id: string): Profession | undefined {
  return typeof id === 'string' ? byId.get(id) : undefined;
}

/** The profession with this official code, if any (TRE_R291 99 "characterised by role" names none). */
export function getProfessionByCode(system: CodeSystem, code: string): Profession | undefined {
  if (typeof system !== 'string' || typeof code !== 'string' || !CODE_SYSTEMS.has(system)) return undefined;
  return byCode.get(`${system}|${code.trim()}`);
}

/**
 * Classifies a profession given as typed text or as an official code (public contract).
 *
 * - Text: the best candidate of `searchProfessions`, with `alternatives` when the query is ambiguous (see
 *   `AMBIGUITY_MARGIN`); `null` when nothing matches.
 * - Code `{ system, code }`: the profession carrying that code, classified exactly as its label is; `null` for an
 *   unknown code. PSC sends codeProfession TRE_R291 99 for RPPS+ professionals together with their TRE_R85 role: pass
 *   the role code (TRE_R291 99 alone gives `null`).
 *
 * Never throws: any other input gives `null`.
 */
export function classifyProfession(input: string | ProfessionCodeInput): Classification | null {
  if (typeof input === 'string') return classifyText(input);
  if (input === null || typeof input !== 'object') return null;
  let system: unknown;
  let code: unknown;
  try {
    // A hostile object (throwing getter, revoked proxy) is bad input like any other.
    ({ system, code } = input as Partial<Record<keyof ProfessionCodeInput, unknown>>);
  } catch {
    return null;
  }
  if (typeof system !== 'string' || typeof code !== 'string') return null;
  const profession = getProfessionByCode(system as CodeSystem, code);
  return profession === undefined ? null : classificationOf(profession, 'code', 1, []);
}

/**
 * The nomenclatures an RPPS profession code is drawn from, in the order they are tried: TRE_G15-ProfessionSante
 * (health professions), TRE_R95-UsagerTitre (usage titles: psychologue 93, ostéopathe 71, psychothérapeute 72,
 * chiropracteur 73) and TRE_R94-ProfessionSocial. Their codes do not overlap, so a bare code names one profession.
 */
export const PROFESSION_CODE_SYSTEMS = ['TRE_G15', 'TRE_R95', 'TRE_R94'] as const satisfies readonly CodeSystem[];

/**
 * Classifies a bare RPPS profession code, as PSC's `codeProfession` and a CPS card's profession extension
 * (`1.2.250.1.71.1.2.7`) carry it: without saying its nomenclature. A psychologist's 93 is a TRE_R95 code although
 * the card's extension is read as a TRE_G15 one. `null` for an unknown code (and for RPPS+'s 99: classify the
 * TRE_R85 role instead).
 */
export function classifyProfessionCode(code: string): Classification | null {
  for (const system of PROFESSION_CODE_SYSTEMS) {
    const classification = classifyProfession({ system, code });
    if (classification) return classification;
  }
  return null;
}

/** Classifies the profession with this id (e.g. one picked from `searchProfessions`); `null` for an unknown id. */
export function classifyProfessionById(id: string): Classification | null {
  const profession = getProfessionById(id);
  return profession === undefined ? null : classificationOf(profession, 'id', 1, []);
}

function classifyText(text: string): Classification | null {
  const candidates = searchProfessions(text, { limit: MAX_ALTERNATIVES + 1 });
  const best = candidates[0];
  if (best === undefined) return null;
  const alternatives = candidates
    .slice(1)
    .filter((candidate) => best.score - candidate.score < AMBIGUITY_MARGIN)
    .map((candidate) => candidate.profession);
  return classificationOf(best.profession, 'text', best.score, alternatives);
}

function classificationOf(
  profession: Profession,
  matchedBy: Classification['matchedBy'],
  score: number,
  alternatives: Profession[],
): Classification {
  const info = CATEGORIES[profession.category];
  const registration: Registration = {
    portal: info.registration.portal,
    registeredBy: info.registration.registeredBy,
    ...(profession.order !== undefined ? { order: profession.order } : {}),
    methods: info.registration.methods,
    establishmentPrerequisites: info.registration.establishmentPrerequisites,
  };
  return {
    category: profession.category,
    profession,
    registration,
    cards: { physicalCps: info.cards.physicalCps, eCps: info.cards.eCps },
    adeliMigration: info.adeliMigration,
    alternatives,
    ambiguous: alternatives.length > 0,
    score,
    matchedBy,
  };
}
