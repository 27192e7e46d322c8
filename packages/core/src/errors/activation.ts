/**
 * What can be wrong with a national identifier the user typed (`parseNationalId`'s `NationalIdError` codes, and the
 * e-CPS activation stepper's own `not-rpps` / `missing-prefix`), as ONE table: all are the user's to correct. The
 * stepper shows them as field messages; in the sign-in they are `national-id-invalid`.
 */
import type { NationalIdErrorCode } from '../identifiers/national-id.js';
import type { ErrorTable } from './authforte-error.js';

export type NationalIdCheckErrorCode = NationalIdErrorCode | 'not-rpps' | 'missing-prefix';

export const NATIONAL_ID_ERRORS: ErrorTable<NationalIdCheckErrorCode> = {
  'invalid-type': { category: 'user', retryable: true, message: 'The national identifier is not a string.' },
  empty: { category: 'user', retryable: true, message: 'The national identifier is empty.' },
  'too-long': { category: 'user', retryable: true, message: 'The national identifier is too long.' },
  'invalid-characters': {
    category: 'user',
    retryable: true,
    message: 'The national identifier has characters other than letters, digits, /, ., _ and -.',
  },
  'unknown-prefix': {
    category: 'user',
    retryable: true,
    message: 'The first character is not a known national identifier type (0, 1, 3, 4, 5, 6, 8).',
  },
  'wrong-length': { category: 'user', retryable: true, message: 'The RPPS or ADELI number has the wrong length.' },
  'invalid-format': {
    category: 'user',
    retryable: true,
    message: 'The RPPS or ADELI number has characters not allowed at their place.',
  },
  'missing-separator': {
    category: 'user',
    retryable: true,
    message: 'A structure-based identifier lacks the / before its internal identifier.',
  },
  'unexpected-separator': {
    category: 'user',
    retryable: true,
    message: 'A / in an RPPS or ADELI identifier, or more than one /.',
  },
  'invalid-structure-id': {
    category: 'user',
    retryable: true,
    message: 'The structure identifier (before /) has the wrong length or characters.',
  },
  'invalid-personal-id': {
    category: 'user',
    retryable: true,
    message: 'The internal identifier (after /) is empty, too long or has characters not allowed.',
  },
  'not-rpps': {
    category: 'user',
    retryable: true,
    message: 'A valid identifier that is not an RPPS one (ADELI, staff of a structure): the e-CPS needs 8 + RPPS.',
  },
  'missing-prefix': {
    category: 'user',
    retryable: true,
    message: 'Eleven digits that look like an RPPS number without the leading 8.',
  },
};

export const NATIONAL_ID_ERROR_CODES = Object.keys(NATIONAL_ID_ERRORS) as readonly NationalIdCheckErrorCode[];
