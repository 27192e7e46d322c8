/**
 * Profession classifier: reference data, search and classification (`@authforte/core/professions`).
 */

export {
  AMBIGUITY_MARGIN,
  classifyProfession,
  classifyProfessionById,
  classifyProfessionCode,
  getProfessionByCode,
  getProfessionById,
  MAX_ALTERNATIVES,
  PROFESSION_CODE_SYSTEMS,
} from './classify.js';
export { CATEGORIES, ORDERS, PROFESSIONS, REGISTRATION_PORTALS } from './data.js';
export { normalizeText } from './normalize.js';
export { DEFAULT_SEARCH_LIMIT, MAX_QUERY_LENGTH, MAX_QUERY_WORDS, searchProfessions } from './search.js';
export type {
  CardEligibility,
  Category,
  CategoryInfo,
  Classification,
  CodeSystem,
  OrderId,
  Profession,
  ProfessionCode,
  ProfessionCodeInput,
  ProfessionMatch,
  ProfessionSource,
  Registrar,
  Registration,
  RegistrationMethod,
  RegistrationPortal,
  SearchOptions,
} from './types.js';
