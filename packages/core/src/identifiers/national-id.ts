/**
 * National identifiers of professionals ("identification nationale", idNat_PS / PS_IdNat): what a CPS card carries
 * and what Pro Santé Connect returns as SubjectNameID.
 *
 * Rules (ANS, MOS "Professionnel.idNatPS", types from nomenclature TRE_G08-TypeIdentifiantPersonne): a one-character
 * type prefix followed by the identifier.
 *
 * | prefix | kind        | rest                                                             | example              |
 * |--------|-------------|------------------------------------------------------------------|----------------------|
 * | `8`    | `rpps`      | RPPS number: 11 digits (10-digit serial + Luhn key)              | `810005678901`       |
 * | `0`    | `adeli`     | ADELI number: 9 characters (département — 2A/2B in Corsica — + 7 digits) | `0123456789`  |
 * | `1`    | `structure` | ADELI-rang of a practice: 11 characters (ADELI + 2-digit rank) `/` internal id | `112345678901/00001` |
 * | `3`    | `structure` | FINESS number: 9 characters (département + 7 digits) `/` internal id | `3750000001/A12`  |
 * | `4`    | `structure` | SIREN number: 9 digits `/` internal id (no known use)            | `4123456782/1`       |
 * | `5`    | `structure` | SIRET number: 14 digits `/` internal id                          | `512345678200010/7`  |
 * | `6`    | `structure` | RPPS-rang of a practice: 14 digits (RPPS + 2-digit rank + Luhn key) `/` internal id | `699700366240015/1` |
 *
 * The structure-based forms identify the staff of a structure who have no RPPS/ADELI number of their own: the
 * structure's identifier, then `/`, then the identifier the structure gives the person (here: 1 to 50 characters
 * among letters, digits, `.`, `_`, `-`). Note that these person prefixes differ from the prefixes of a
 * *structure's* own national identifier (TRE_G07: 0 ADELI practice, 1 FINESS, 2 SIREN, 3 SIRET, 4 RPPS practice);
 * this parser reads person identifiers only. The form `10` + MSS address (secure-messaging only, never an
 * authentication identifier) is not accepted.
 *
 * Two forms met in Pro Santé Connect's test environment (BAS) are not TRE_G08 forms but are real:
 * - FINESS numbers of the ANS's test establishments carry a letter in their second character (`0B0168811`,
 *   `1B0058982`; the staff identifier `30B0168811/CPET00001`); the FINESS rule accepts a letter there.
 * - identities created with the ANS's EDIT test tool are `ANS` + a timestamp (`ANS20210107161422`, with
 *   `otherIds[{origine: "EDIT"}]`). Source: the ANS test payloads in `erickriegel/esignsante-fse-psc`
 *   (`src/test/java/.../utils/HelperTest.java`). `parseNationalId` reads them as kind `edit-test` (prefix `ANS`).
 *
 * Check digits are reported as flags, never as a rejection: the RPPS key is a Luhn key on the 11 digits (the rule
 * is not published, but fits every real number seen); SIREN, SIRET (La Poste's SIRETs excepted: digit sum multiple
 * of 5) and RPPS-rang are Luhn numbers. FINESS and ADELI keys are not checked.
 *
 * Input as people type it is accepted: surrounding and inner whitespace (spaces, tabs, no-break spaces) is
 * removed and letters of the structure/ADELI part are upper-cased; anything else malformed throws a
 * `NationalIdError` whose `code` is stable (the UI maps codes to French/English messages).
 */
import { AuthForteError } from '../errors/authforte-error.js';

export type NationalIdKind = 'rpps' | 'adeli' | 'structure' | 'edit-test';

/** The identifier that a structure-based national identifier starts with. */
export type StructureIdType = 'adeli-rang' | 'finess' | 'siren' | 'siret' | 'rpps-rang';

export type NationalIdErrorCode =
  /** Not a string. */
  | 'invalid-type'
  /** Empty once whitespace is removed. */
  | 'empty'
  /** More than `MAX_NATIONAL_ID_LENGTH` characters once whitespace is removed. */
  | 'too-long'
  /** A character other than letters, digits, `/`, `.`, `_`, `-` (after whitespace removal). */
  | 'invalid-characters'
  /** The first character is not a known type prefix (0, 1, 3, 4, 5, 6, 8). */
  | 'unknown-prefix'
  /** RPPS or ADELI number of the wrong length. */
  | 'wrong-length'
  /** RPPS or ADELI number with characters not allowed at their place (letters in an RPPS number…). */
  | 'invalid-format'
  /** A structure-based form without the `/` before the internal identifier. */
  | 'missing-separator'
  /** A `/` in an RPPS or ADELI form, or more than one `/`. */
  | 'unexpected-separator'
  /** The structure identifier (before `/`) has the wrong length or characters. */
  | 'invalid-structure-id'
  /** The internal identifier (after `/`) is empty, too long or has characters not allowed. */
  | 'invalid-personal-id';

/** Thrown by `parseNationalId`; `message` is for developers, `code` is stable. */
export class NationalIdError extends AuthForteError<NationalIdErrorCode> {
  override readonly name = 'NationalIdError';

  constructor(code: NationalIdErrorCode, message: string) {
    // the user's to correct (the table: `NATIONAL_ID_ERRORS` of `@authforte/core/errors`)
    super(code, { category: 'user', retryable: true, message });
  }
}

export interface ParsedNationalId {
  /** The input as given. */
  raw: string;
  /** Without whitespace, structure/ADELI letters upper-cased: `prefix + number`. */
  normalized: string;
  kind: NationalIdKind;
  /** The type prefix: `8`, `0`, `1`, `3`, `4`, `5` or `6` (`ANS` for an EDIT test identity). */
  prefix: string;
  /** What the identity model calls this form (`nationalIdType`). */
  idType: NationalIdType;
  /** Everything after the prefix: the RPPS or ADELI number, or `structureId/personalId`. */
  number: string;
  /** RPPS only: whether the Luhn key of the 11 digits is right. A flag, never a rejection. */
  checkDigitValid?: boolean;
  /** Structure-based forms only. */
  structure?: {
    type: StructureIdType;
    /** The structure's identifier (FINESS, SIRET…). */
    id: string;
    /** The identifier the structure gives the person. */
    personalId: string;
    /** SIREN, SIRET and RPPS-rang only: whether their Luhn key is right. A flag, never a rejection. */
    checkDigitValid?: boolean;
  };
}

/** Longest accepted identifier, whitespace removed (structure id of 14 + `/` + internal id of 50, with margin). */
export const MAX_NATIONAL_ID_LENGTH = 80;
const MAX_PERSONAL_ID_LENGTH = 50;

interface StructureRule {
  readonly type: StructureIdType;
  readonly name: string;
  readonly length: number;
  readonly pattern: RegExp;
  readonly expected: string;
  readonly luhn: boolean;
}

// ADELI: département (2A/2B in Corsica) + 7 digits; the ANS's test ADELI numbers, like its BAS test FINESS, carry a
// letter second (`00B6077602` in the card certificates of the ANS's `ansforge/esignsante-ws` test resources).
const DEPARTEMENT_AND_7 = /^\d[\dA-Z]\d{7}$/;
/** An EDIT test identity of the BAS: `ANS` + a timestamp (`ANS20210107161422`), `ans` accepted as typed. */
const EDIT_TEST = /^ANS(\d{8,20})$/i;
/** FINESS: département (2A/2B in Corsica) + 7 digits; the ANS's BAS test FINESS have a letter second (`0B0168811`). */
const FINESS = /^\d[\dA-Z]\d{7}$/;

const STRUCTURE_RULES: Readonly<Record<string, StructureRule>> = {
  '1': {
    type: 'adeli-rang',
    name: 'ADELI-rang',
    length: 11,
    pattern: /^(?:\d{2}|2[AB])\d{9}$/,
    expected: '11 characters (9-character ADELI number + 2-digit rank)',
    luhn: false,
  },
  '3': {
    type: 'finess',
    name: 'FINESS',
    length: 9,
    pattern: FINESS,
    expected: '9 characters (2-character département, 2A/2B in Corsica or a BAS test letter, + 7 digits)',
    luhn: false,
  },
  '4': { type: 'siren', name: 'SIREN', length: 9, pattern: /^\d{9}$/, expected: '9 digits', luhn: true },
  '5': { type: 'siret', name: 'SIRET', length: 14, pattern: /^\d{14}$/, expected: '14 digits', luhn: true },
  '6': {
    type: 'rpps-rang',
    name: 'RPPS-rang',
    length: 14,
    pattern: /^\d{14}$/,
    expected: '14 digits (11-digit RPPS number + 2-digit rank + Luhn key)',
    luhn: true,
  },
};

/**
 * What a person typed as an identifier, as every reader of it takes it: without any whitespace (the spaces of a
 * grouped number, a pasted tab or line break, a non-breaking space). `''` for anything but a string.
 */
export function compactIdentifier(typed: unknown): string {
  return typeof typed === 'string' ? typed.replace(/\s+/gu, '') : '';
}

/**
 * Parses a national identifier (public contract). Returns its parts; throws `NationalIdError` on anything that is
 * not one of the forms above.
 */
export function parseNationalId(idNat: string): ParsedNationalId {
  const compact = checkedCompact(idNat, /[^0-9A-Za-z/._-]/u, "allowed: digits, letters, '/', '.', '_', '-'");
  const edit = EDIT_TEST.exec(compact);
  if (edit !== null) {
    const number = edit[1] ?? '';
    return { raw: idNat, normalized: `ANS${number}`, kind: 'edit-test', prefix: 'ANS', number, idType: 'edit-test' };
  }
  const prefix = compact.charAt(0);
  const rest = compact.slice(1);

  if (prefix === '8') {
    noSeparator(rest, 'An RPPS');
    if (!/^\d*$/.test(rest)) {
      throw new NationalIdError('invalid-format', 'An RPPS national identifier has digits only after its prefix 8.');
    }
    if (rest.length !== 11) {
      throw new NationalIdError(
        'wrong-length',
        `An RPPS national identifier is 8 followed by 11 digits; got ${rest.length} digit(s) after the prefix.`,
      );
    }
    return {
      raw: idNat,
      normalized: compact,
      kind: 'rpps',
      prefix,
      number: rest,
      idType: 'rpps',
      checkDigitValid: luhnValid(rest),
    };
  }

  if (prefix === '0') {
    noSeparator(rest, 'An ADELI');
    const number = rest.toUpperCase();
    if (number.length !== 9) {
      throw new NationalIdError(
        'wrong-length',
        `An ADELI national identifier is 0 followed by a 9-character ADELI number; got ${number.length} character(s) after the prefix.`,
      );
    }
    if (!DEPARTEMENT_AND_7.test(number)) {
      throw new NationalIdError(
        'invalid-format',
        'An ADELI number is a 2-character département (digits, 2A/2B in Corsica, or a letter second in ANS test numbers) followed by 7 digits.',
      );
    }
    return { raw: idNat, normalized: prefix + number, kind: 'adeli', prefix, number, idType: 'adeli' };
  }

  const rule = STRUCTURE_RULES[prefix];
  if (rule === undefined) {
    throw new NationalIdError(
      'unknown-prefix',
      `Unknown national identifier prefix '${prefix}': expected 8 (RPPS), 0 (ADELI), or 1, 3, 4, 5, 6 (staff of a structure).`,
    );
  }
  const slash = rest.indexOf('/');
  if (slash === -1) {
    throw new NationalIdError(
      'missing-separator',
      `A ${rule.name}-based national identifier is ${prefix} + ${rule.name} number + '/' + internal identifier; '/' is missing.`,
    );
  }
  if (rest.indexOf('/', slash + 1) !== -1) {
    throw new NationalIdError('unexpected-separator', "A national identifier has at most one '/'.");
  }
  const id = rest.slice(0, slash).toUpperCase();
  const personalId = rest.slice(slash + 1);
  if (!rule.pattern.test(id)) {
    throw new NationalIdError(
      'invalid-structure-id',
      `The ${rule.name} number before '/' must be ${rule.expected}; got ` +
        (id.length === rule.length ? 'characters not allowed there.' : `${id.length} character(s).`),
    );
  }
  if (personalId.length === 0 || personalId.length > MAX_PERSONAL_ID_LENGTH) {
    throw new NationalIdError(
      'invalid-personal-id',
      `The internal identifier after '/' must be 1 to ${MAX_PERSONAL_ID_LENGTH} characters; got ${personalId.length}.`,
    );
  }
  const structure: NonNullable<ParsedNationalId['structure']> = { type: rule.type, id, personalId };
  if (rule.luhn) structure.checkDigitValid = rule.type === 'siret' ? siretKeyValid(id) : luhnValid(id);
  return {
    raw: idNat,
    normalized: `${prefix}${id}/${personalId}`,
    kind: 'structure',
    prefix,
    number: `${id}/${personalId}`,
    idType: rule.type === 'finess' ? 'finess-staff' : rule.type === 'siret' ? 'siret-staff' : 'other',
    structure,
  };
}

function noSeparator(rest: string, what: string): void {
  if (rest.includes('/')) {
    throw new NationalIdError('unexpected-separator', `${what} national identifier has no '/' part.`);
  }
}

/**
 * What a person typed, compacted (`compactIdentifier`), once the checks shared by `parseNationalId` and
 * `normalizeLoginHint` pass, in this order: a string (`invalid-type`), not empty (`empty`), at most
 * `MAX_NATIONAL_ID_LENGTH` characters without whitespace (`too-long`), no character matching `notAllowed`
 * (`invalid-characters`, naming the position of the first one and `why` it is refused).
 */
function checkedCompact(input: unknown, notAllowed: RegExp, why: string): string {
  if (typeof input !== 'string') {
    throw new NationalIdError('invalid-type', `National identifier must be a string, got ${describeType(input)}.`);
  }
  const compact = compactIdentifier(input);
  if (compact === '') throw new NationalIdError('empty', 'National identifier is empty.');
  if (compact.length > MAX_NATIONAL_ID_LENGTH) {
    throw new NationalIdError(
      'too-long',
      `National identifier is too long: ${compact.length} characters without whitespace, at most ${MAX_NATIONAL_ID_LENGTH}.`,
    );
  }
  const bad = notAllowed.exec(compact);
  if (bad !== null) {
    throw new NationalIdError(
      'invalid-characters',
      `National identifier has a character that is not allowed at position ${bad.index + 1} (${why}).`,
    );
  }
  return compact;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** Luhn check of a string of digits (the last digit is the key). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** SIRET key: Luhn, except La Poste's establishments (SIREN 356000000), whose digit sum is a multiple of 5. */
function siretKeyValid(siret: string): boolean {
  if (luhnValid(siret)) return true;
  if (!siret.startsWith('356000000')) return false;
  let sum = 0;
  for (let i = 0; i < siret.length; i++) sum += siret.charCodeAt(i) - 48;
  return sum % 5 === 0;
}

/**
 * What kind of identifier a `SubjectNameID` (or a card's national identifier) is, as the identity model names it.
 * `finess-staff` and `siret-staff` are establishment staff without an RPPS number (`3` + FINESS + `/` + id, e.g. a
 * CPE holder; `5` + SIRET + `/` + id); `edit-test` a BAS identity made with the ANS's EDIT tool; `other` anything
 * else (the other structure-based forms, forms yet unknown).
 */
export type NationalIdType = 'rpps' | 'adeli' | 'finess-staff' | 'siret-staff' | 'edit-test' | 'other';

/** Classifies an identifier without ever throwing: an unknown form is `other`, never a refusal. */
export function nationalIdType(idNat: string): NationalIdType {
  if (typeof idNat !== 'string') return 'other';
  try {
    return parseNationalId(idNat).idType;
  } catch {
    return 'other';
  }
}

/**
 * The one rule for an identifier sent to Pro Santé Connect as `login_hint` (CIBA, authorization request) and for
 * what a person types in the e-CPS identifier field: PSC looks the user up by `SubjectNameID` (Keycloak's username),
 * whatever its form — `899700366240`, `500000001815646/CPAT00045` (the hint in the tests of the ANS's
 * `ansforge/psc-edc-proxy-esante`), `ANS20210107161422`. Whitespace is removed (as people type it), then 1 to
 * `MAX_NATIONAL_ID_LENGTH` printable ASCII characters must remain (no control character, no space); a form that
 * `parseNationalId` reads comes back normalised (upper-case FINESS letters).
 *
 * @throws NationalIdError `invalid-type`, `empty`, `too-long` or `invalid-characters`.
 */
export function normalizeLoginHint(input: unknown): string {
  const compact = checkedCompact(input, /[^\x21-\x7e]/u, 'control or non-ASCII character');
  try {
    return parseNationalId(compact).normalized;
  } catch {
    return compact;
  }
}
