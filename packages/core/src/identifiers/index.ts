/**
 * National identifiers of professionals (RPPS, ADELI, structure-based forms).
 */

export type {
  NationalIdErrorCode,
  NationalIdKind,
  NationalIdType,
  ParsedNationalId,
  StructureIdType,
} from './national-id.js';
export {
  compactIdentifier,
  luhnValid,
  MAX_NATIONAL_ID_LENGTH,
  NationalIdError,
  nationalIdType,
  normalizeLoginHint,
  parseNationalId,
} from './national-id.js';
