/** What the identity model uses from the profession classifier and the national-identifier parser. */

export type { NationalIdType, ParsedNationalId } from '../identifiers/national-id.js';
export { nationalIdType, parseNationalId } from '../identifiers/national-id.js';
export { classifyProfession, classifyProfessionCode } from '../professions/classify.js';
export type { Classification } from '../professions/types.js';
