import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { eachCall, shown } from '../test-support/cases.js';
import {
  compactIdentifier,
  luhnValid,
  MAX_NATIONAL_ID_LENGTH,
  NationalIdError,
  type NationalIdErrorCode,
  nationalIdType,
  normalizeLoginHint,
  type ParsedNationalId,
  parseNationalId,
} from './national-id.js';

function rejects(input: unknown, code: NationalIdErrorCode): NationalIdError {
  try {
    parseNationalId(input as string);
  } catch (error) {
    assert.ok(error instanceof NationalIdError, `${String(input)}: ${String(error)}`);
    assert.equal(error.code, code, `${JSON.stringify(input)}: ${error.message}`);
    return error;
  }
  assert.fail(`${JSON.stringify(input)} was accepted`);
}

/** Appends the Luhn key to a string of digits. */
function withLuhnKey(digits: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${digits}${d}`)) return `${digits}${d}`;
  throw new Error('unreachable');
}

/** A form and what `parseNationalId` reads in it: the fields of `ParsedNationalId`, its flags and structure last. */
type Parts = readonly [
  raw: string,
  normalized: string,
  kind: ParsedNationalId['kind'],
  idType: ParsedNationalId['idType'],
  prefix: string,
  number: string,
  rest: Partial<ParsedNationalId>,
];

describe('parseNationalId: the parts of each form', () => {
  const finessStaff = { structure: { type: 'finess', id: '750000001', personalId: 'A12' } } as const;
  const parts: ReadonlyArray<Parts> = [
    // 8 + 11 digits
    ['810001234567', '810001234567', 'rpps', 'rpps', '8', '10001234567', { checkDigitValid: false }],
    // 0 + 9 characters
    ['0123456789', '0123456789', 'adeli', 'adeli', '0', '123456789', {}],
    // 3 + FINESS / internal id
    ['3750000001/A12', '3750000001/A12', 'structure', 'finess-staff', '3', '750000001/A12', finessStaff],
    // the BAS EDIT test identities (ANS + timestamp)
    [' ans20210107161422 ', 'ANS20210107161422', 'edit-test', 'edit-test', 'ANS', '20210107161422', {}],
  ];
  for (const [raw, normalized, kind, idType, prefix, number, rest] of parts) {
    it(`${shown(raw)}: ${idType}, ${prefix} + ${number}`, () => {
      const expected = { raw, normalized, kind, prefix, number, idType, ...rest } satisfies ParsedNationalId;
      assert.deepEqual(parseNationalId(raw), expected);
    });
  }
});

describe('parseNationalId: RPPS', () => {
  it('reports the Luhn key as a flag, never a rejection', () => {
    // Test-card identifiers seen in the domain guide: their RPPS numbers are Luhn-valid.
    assert.equal(parseNationalId('899700366240').checkDigitValid, true);
    assert.equal(parseNationalId('899700273917').checkDigitValid, true);
    // One digit changed: still parsed, flagged.
    assert.equal(parseNationalId('899700366241').checkDigitValid, false);
    assert.equal(parseNationalId('899700366241').kind, 'rpps');
  });

  it('flags exactly the numbers whose Luhn key is right', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 10, maxLength: 10 }), (serial) => {
        const valid = withLuhnKey(serial);
        assert.equal(parseNationalId(`8${valid}`).checkDigitValid, true);
        const wrongKey = `${serial}${(Number(valid.at(-1)) + 1) % 10}`;
        assert.equal(parseNationalId(`8${wrongKey}`).checkDigitValid, false);
      }),
    );
  });

  it('accepts spaces as people type them, and normalises them away', () => {
    for (const typed of [
      ' 899700366240 ',
      '8 99700366240',
      '8 9970 0366 240',
      '\t899700366240\n',
      '8\u00a099700\u202f366240',
    ]) {
      const parsed = parseNationalId(typed);
      assert.equal(parsed.normalized, '899700366240', JSON.stringify(typed));
      assert.equal(parsed.raw, typed);
      assert.equal(parsed.number, '99700366240');
    }
  });
});

describe('parseNationalId: ADELI', () => {
  it('accepts the Corsican départements 2A / 2B, in any case', () => {
    assert.equal(parseNationalId('02A1234567').number, '2A1234567');
    assert.equal(parseNationalId('02b 1234567').normalized, '02B1234567');
  });

  it('reads the ANS test ADELI numbers, whose département has a letter second (00B6077602)', () => {
    const p = parseNationalId('00B6077602');
    assert.equal(p.kind, 'adeli');
    assert.equal(p.number, '0B6077602');
  });
});

describe('parseNationalId: structure-based forms (staff of a structure)', () => {
  it('parses 3 + a Corsican FINESS (2A) / internal id, in any case', () => {
    assert.equal(parseNationalId('32a0000001/x').structure?.id, '2A0000001');
  });

  it('parses 5 + SIRET / internal id, with the SIRET key flag', () => {
    const parsed = parseNationalId('5 12345678200010 / 00042');
    assert.equal(parsed.kind, 'structure');
    assert.equal(parsed.normalized, '512345678200010/00042');
    assert.deepEqual(parsed.structure, {
      type: 'siret',
      id: '12345678200010',
      personalId: '00042',
      checkDigitValid: true,
    });
    assert.equal(parseNationalId('512345678200011/1').structure?.checkDigitValid, false);
    // La Poste's establishments: digit sum multiple of 5 instead of Luhn.
    assert.equal(parseNationalId('535600000000001/1').structure?.checkDigitValid, true);
    assert.equal(parseNationalId('535600000000002/1').structure?.checkDigitValid, false);
  });

  it('parses 4 + SIREN / internal id', () => {
    const parsed = parseNationalId('4123456782/abc');
    assert.deepEqual(parsed.structure, { type: 'siren', id: '123456782', personalId: 'abc', checkDigitValid: true });
  });

  it('parses 1 + ADELI-rang / internal id (the ANS example)', () => {
    const parsed = parseNationalId('112345678901/00001');
    assert.deepEqual(parsed.structure, { type: 'adeli-rang', id: '12345678901', personalId: '00001' });
  });

  it('parses 6 + RPPS-rang / internal id, with the Luhn flag', () => {
    const rppsRang = withLuhnKey('9970036624001');
    const parsed = parseNationalId(`6${rppsRang}/PH-01`);
    assert.deepEqual(parsed.structure, { type: 'rpps-rang', id: rppsRang, personalId: 'PH-01', checkDigitValid: true });
    assert.equal(parseNationalId('699700366240010/1').structure?.checkDigitValid, false);
  });

  it('keeps the case of the internal identifier', () => {
    assert.equal(parseNationalId('3750000001/aBc.d_e-f').structure?.personalId, 'aBc.d_e-f');
  });
});

/** What `parseNationalId` refuses, by form, with the code of its typed error. */
const REFUSED: Readonly<Record<string, ReadonlyArray<readonly [input: unknown, code: NationalIdErrorCode]>>> = {
  RPPS: [
    ['8', 'wrong-length'],
    ['8123', 'wrong-length'],
    ['8997003662401', 'wrong-length'],
    ['89970036624', 'wrong-length'],
    ['8997OO366240', 'invalid-format'],
    ['8ABCDEFGHIJK', 'invalid-format'],
    ['899700366240/1', 'unexpected-separator'],
    ['8-99700366240', 'invalid-format'],
  ],
  ADELI: [
    ['0', 'wrong-length'],
    ['012345678', 'wrong-length'],
    ['01234567890', 'wrong-length'],
    ['0ABCDEFGHI', 'invalid-format'],
    ['0C21234567', 'invalid-format'],
    ['01234567A9', 'invalid-format'],
    ['0123456789/1', 'unexpected-separator'],
  ],
  'structure-based': [
    ['3750000001', 'missing-separator'],
    ['512345678200010', 'missing-separator'],
    ['3750000001/', 'invalid-personal-id'],
    [`3750000001/${'x'.repeat(51)}`, 'invalid-personal-id'],
    ['3750000001/a/b', 'unexpected-separator'],
    ['375000001/A', 'invalid-structure-id'],
    ['37500000012/A', 'invalid-structure-id'],
    ['375000000X/A', 'invalid-structure-id'],
    ['5123456782/A', 'invalid-structure-id'],
    ['41234567/A', 'invalid-structure-id'],
    ['63000000000019/abc', 'invalid-structure-id'],
    ['1123456789/1', 'invalid-structure-id'],
    ['3/1', 'invalid-structure-id'],
  ],
  'EDIT test': [
    ['ANS', 'unknown-prefix'],
    ['ANSX2021', 'unknown-prefix'],
  ],
  'empty or blank': [
    ['', 'empty'],
    ['   ', 'empty'],
    ['\n\t\u00a0', 'empty'],
  ],
  'non-string': [null, undefined, 899700366240, {}, [], true].map((value) => [value, 'invalid-type'] as const),
  'unknown prefix': ['2123456789', '7123', '9997003662', 'A123', '/123', '-1', '.8', '_8'].map(
    (value) => [value, 'unknown-prefix'] as const,
  ),
  'a character no form has': [
    '<img src=x onerror=alert(1)>',
    '8997003662é0',
    '10alice@mss.sante.fr',
    '899700366240\u0000',
    '3750000001/a+b',
    '8997003662\u200b40',
    '８９９７００３６６２４０',
  ].map((value) => [value, 'invalid-characters'] as const),
  'too long': [
    ['8'.repeat(MAX_NATIONAL_ID_LENGTH + 1), 'too-long'],
    [`3750000001/${'x'.repeat(MAX_NATIONAL_ID_LENGTH)}`, 'too-long'],
    ['x'.repeat(10_000), 'too-long'],
  ],
};

describe('parseNationalId: bad input', () => {
  for (const [form, rows] of Object.entries(REFUSED)) {
    describe(form, () => {
      for (const [input, code] of rows) {
        it(`${shown(input)} → ${code}`, () => {
          rejects(input, code);
        });
      }
    });
  }

  it('accepts a valid identifier however padded', () => {
    assert.equal(parseNationalId(`${' '.repeat(10_000)}899700366240${' '.repeat(10_000)}`).kind, 'rpps');
  });

  it('has English developer messages and the error name', () => {
    const error = rejects('8123', 'wrong-length');
    assert.equal(error.name, 'NationalIdError');
    assert.ok(error instanceof Error);
    assert.match(error.message, /RPPS.*11 digits/);
    assert.match(rejects('9123', 'unknown-prefix').message, /prefix '9'/);
    assert.match(rejects('3750000001', 'missing-separator').message, /FINESS.*'\/'/);
  });

  it('either parses or throws a NationalIdError with a code and a message, for any string', () => {
    const codes = new Set<NationalIdErrorCode>([
      'invalid-type',
      'empty',
      'too-long',
      'invalid-characters',
      'unknown-prefix',
      'wrong-length',
      'invalid-format',
      'missing-separator',
      'unexpected-separator',
      'invalid-structure-id',
      'invalid-personal-id',
    ]);
    const inputs = fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.string({ unit: fc.constantFrom(...'0123456789/ AB-'), maxLength: 30 }),
      fc.stringMatching(/^[0-9]{1,3}[0-9A-B]{6,15}(\/[0-9a-z]{0,8})?$/),
      fc.string({ minLength: 1_000, maxLength: 5_000 }),
      fc.anything(),
    );
    fc.assert(
      fc.property(inputs, (input) => {
        try {
          const parsed = parseNationalId(input as string);
          assert.equal(parsed.raw, input);
          assert.equal(parsed.normalized, parsed.prefix + parsed.number);
          assert.match(parsed.normalized, /^[0-9A-Za-z/._-]+$/);
          assert.ok(parsed.normalized.length <= MAX_NATIONAL_ID_LENGTH);
          assert.equal(parseNationalId(parsed.normalized).normalized, parsed.normalized);
        } catch (error) {
          assert.ok(error instanceof NationalIdError, String(error));
          assert.ok(codes.has(error.code), error.code);
          assert.ok(error.message.length > 10);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('luhnValid', () => {
  describe('checks Luhn keys', () => {
    eachCall(luhnValid, [
      ['79927398713', true],
      ['79927398710', false],
      ['0', true],
      ['', false],
      ['12a', false],
    ]);
  });
});

describe('BAS and staff forms, nationalIdType, normalizeLoginHint', () => {
  it('accepts BAS test FINESS numbers with a letter (3 + 0B0168811 / CPET00001)', () => {
    const p = parseNationalId('30b0168811/CPET00001');
    assert.equal(p.normalized, '30B0168811/CPET00001');
    assert.equal(p.structure?.type, 'finess');
    assert.equal(p.structure?.id, '0B0168811');
  });

  describe('names every real form', () => {
    eachCall(nationalIdType, [
      ['899700366240', 'rpps'],
      ['0751234567', 'adeli'],
      ['30B0168811/CPET00001', 'finess-staff'],
      ['500000001815646/CPAT00045', 'siret-staff'],
      ['ANS20210107161422', 'edit-test'],
      ['699700366240015/1', 'other'],
      ['7abc', 'other'],
    ]);
  });

  describe('login hints: slashes and EDIT identities pass, whitespace is removed, FINESS letters upper-cased', () => {
    eachCall(normalizeLoginHint, [
      ['500000001815646/CPAT00045', '500000001815646/CPAT00045'],
      [' 8997 0036 6240 ', '899700366240'],
      ['ANS20210107161422', 'ANS20210107161422'],
      ['30b0168811/CPET00001', '30B0168811/CPET00001'],
    ]);
  });

  describe('login hints: typed errors for empty, too long, control and non-ASCII characters', () => {
    /** The code of the error `normalizeLoginHint` throws, `accepted` when it throws none. */
    const loginHintError = (v: unknown) => {
      try {
        normalizeLoginHint(v);
        return 'accepted';
      } catch (err) {
        assert.ok(err instanceof NationalIdError);
        return err.code;
      }
    };
    eachCall(loginHintError, [
      ['  ', 'empty'],
      [42, 'invalid-type'],
      ['8'.repeat(MAX_NATIONAL_ID_LENGTH + 1), 'too-long'],
      ['8997\u0000', 'invalid-characters'],
      ['8997\u007f', 'invalid-characters'],
      ['é8997', 'invalid-characters'],
      ['\u202e8997', 'invalid-characters'],
    ]);
  });

  it('normalizeLoginHint and nationalIdType never throw anything else (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        assert.equal(typeof nationalIdType(s), 'string');
        try {
          const hint = normalizeLoginHint(s);
          return hint.length > 0 && hint.length <= MAX_NATIONAL_ID_LENGTH && /^[\x21-\x7e]+$/.test(hint);
        } catch (err) {
          return err instanceof NationalIdError;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('compactIdentifier: what an identifier the user typed means', () => {
  it('whitespace of any kind is removed, nothing else', () => {
    assert.equal(compactIdentifier(' 8 10001 23456 7\u00a0'), '810001234567');
    assert.equal(compactIdentifier('30B0168811/CPET00001\t\n'), '30B0168811/CPET00001');
    assert.equal(compactIdentifier(42), '');
  });

  it('every reader of a typed identifier takes it the same way', () => {
    const typed = ' 8 1000 1234 567 ';
    assert.equal(normalizeLoginHint(typed), parseNationalId(compactIdentifier(typed)).normalized);
    assert.equal(parseNationalId(typed).normalized, compactIdentifier(typed));
  });
});
