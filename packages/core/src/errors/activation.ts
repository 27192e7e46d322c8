/**
 * What can be wrong with a national identifier the user typed (`parseNationalId`'s `NationalIdError` codes, and the
 * e-CPS activation stepper's own `not-rpps` / `missing-prefix`), as ONE table: all are the user's to correct. The
 * stepper shows them as field messages; in the sign-in they are `national-id-invalid`.
 */
import type { NationalIdErrorCode } from '../identifiers/national-id.js';
import { codesOf, type ErrorTable, row } from './authforte-error.js';

export type NationalIdCheckErrorCode = NationalIdErrorCode | 'not-rpps' | 'missing-prefix';

export const NATIONAL_ID_ERRORS: ErrorTable<NationalIdCheckErrorCode> = {
  'invalid-type': row('user', true, 'The national identifier is not a string.'),
  empty: row('user', true, 'The national identifier is empty.'),
  'too-long': row('user', true, 'The national identifier is too long.'),
  'invalid-characters': row(
    'user',
    true,
    'The national identifier has characters other than letters, digits, /, ., _ and -.',
  ),
  'unknown-prefix': row(
    'user',
    true,
    'The first character is not a known national identifier type (0, 1, 3, 4, 5, 6, 8).',
  ),
  'wrong-length': row('user', true, 'The RPPS or ADELI number has the wrong length.'),
  'invalid-format': row('user', true, 'The RPPS or ADELI number has characters not allowed at their place.'),
  'missing-separator': row('user', true, 'A structure-based identifier lacks the / before its internal identifier.'),
  'unexpected-separator': row('user', true, 'A / in an RPPS or ADELI identifier, or more than one /.'),
  'invalid-structure-id': row('user', true, 'The structure identifier (before /) has the wrong length or characters.'),
  'invalid-personal-id': row(
    'user',
    true,
    'The internal identifier (after /) is empty, too long or has characters not allowed.',
  ),
  'not-rpps': row(
    'user',
    true,
    'A valid identifier that is not an RPPS one (ADELI, staff of a structure): the e-CPS needs 8 + RPPS.',
  ),
  'missing-prefix': row('user', true, 'Eleven digits that look like an RPPS number without the leading 8.'),
};

export const NATIONAL_ID_ERROR_CODES = codesOf(NATIONAL_ID_ERRORS);
