import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
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

describe('parseNationalId: RPPS', () => {
  it('parses 8 + 11 digits', () => {
    assert.deepEqual(parseNationalId('810001234567'), {
      raw: '810001234567',
      normalized: '810001234567',
      kind: 'rpps',
      prefix: '8',
      number: '10001234567',
      idType: 'rpps',
      checkDigitValid: false,
    } satisfies ParsedNationalId);
  });

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

  it('rejects malformed RPPS forms with a typed error', () => {
    rejects('8', 'wrong-length');
    rejects('8123', 'wrong-length');
    rejects('8997003662401', 'wrong-length');
    rejects('89970036624', 'wrong-length');
    rejects('8997OO366240', 'invalid-format');
    rejects('8ABCDEFGHIJK', 'invalid-format');
    rejects('899700366240/1', 'unexpected-separator');
    rejects('8-99700366240', 'invalid-format');
  });
});

describe('parseNationalId: ADELI', () => {
  it('parses 0 + 9 characters', () => {
    assert.deepEqual(parseNationalId('0123456789'), {
      raw: '0123456789',
      normalized: '0123456789',
      kind: 'adeli',
      prefix: '0',
      number: '123456789',
      idType: 'adeli',
    });
  });

  it('accepts the Corsican départements 2A / 2B, in any case', () => {
    assert.equal(parseNationalId('02A1234567').number, '2A1234567');
    assert.equal(parseNationalId('02b 1234567').normalized, '02B1234567');
  });

  it('reads the ANS test ADELI numbers, whose département has a letter second (00B6077602)', () => {
    const p = parseNationalId('00B6077602');
    assert.equal(p.kind, 'adeli');
    assert.equal(p.number, '0B6077602');
  });

  it('rejects malformed ADELI forms', () => {
    rejects('0', 'wrong-length');
    rejects('012345678', 'wrong-length');
    rejects('01234567890', 'wrong-length');
    rejects('0ABCDEFGHI', 'invalid-format');
    rejects('0C21234567', 'invalid-format');
    rejects('01234567A9', 'invalid-format');
    rejects('0123456789/1', 'unexpected-separator');
  });
});

describe('parseNationalId: structure-based forms (staff of a structure)', () => {
  it('parses 3 + FINESS / internal id', () => {
    assert.deepEqual(parseNationalId('3750000001/A12'), {
      raw: '3750000001/A12',
      normalized: '3750000001/A12',
      kind: 'structure',
      prefix: '3',
      number: '750000001/A12',
      idType: 'finess-staff',
      structure: { type: 'finess', id: '750000001', personalId: 'A12' },
    });
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

  it('rejects malformed structure-based forms', () => {
    rejects('3750000001', 'missing-separator');
    rejects('512345678200010', 'missing-separator');
    rejects('3750000001/', 'invalid-personal-id');
    rejects(`3750000001/${'x'.repeat(51)}`, 'invalid-personal-id');
    rejects('3750000001/a/b', 'unexpected-separator');
    rejects('375000001/A', 'invalid-structure-id');
    rejects('37500000012/A', 'invalid-structure-id');
    rejects('375000000X/A', 'invalid-structure-id');
    rejects('5123456782/A', 'invalid-structure-id');
    rejects('41234567/A', 'invalid-structure-id');
    rejects('63000000000019/abc', 'invalid-structure-id');
    rejects('1123456789/1', 'invalid-structure-id');
    rejects('3/1', 'invalid-structure-id');
  });
});

describe('parseNationalId: bad input', () => {
  it('rejects empty and blank input', () => {
    rejects('', 'empty');
    rejects('   ', 'empty');
    rejects('\n\t\u00a0', 'empty');
  });

  it('rejects non-strings', () => {
    for (const value of [null, undefined, 899700366240, {}, [], true]) rejects(value, 'invalid-type');
  });

  it('rejects unknown prefixes', () => {
    for (const value of ['2123456789', '7123', '9997003662', 'A123', '/123', '-1', '.8', '_8']) {
      rejects(value, 'unknown-prefix');
    }
  });

  it('rejects characters that no form has', () => {
    for (const value of [
      '<img src=x onerror=alert(1)>',
      '8997003662é0',
      '10alice@mss.sante.fr',
      '899700366240\u0000',
      '3750000001/a+b',
      '8997003662\u200b40',
      '８９９７００３６６２４０',
    ]) {
      rejects(value, 'invalid-characters');
    }
  });

  it('rejects input too long, however padded', () => {
    rejects('8'.repeat(MAX_NATIONAL_ID_LENGTH + 1), 'too-long');
    rejects(`3750000001/${'x'.repeat(MAX_NATIONAL_ID_LENGTH)}`, 'too-long');
    rejects('x'.repeat(10_000), 'too-long');
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
  it('checks Luhn keys', () => {
    assert.equal(luhnValid('79927398713'), true);
    assert.equal(luhnValid('79927398710'), false);
    assert.equal(luhnValid('0'), true);
    assert.equal(luhnValid(''), false);
    assert.equal(luhnValid('12a'), false);
  });
});

describe('BAS and staff forms, nationalIdType, normalizeLoginHint', () => {
  it('accepts BAS test FINESS numbers with a letter (3 + 0B0168811 / CPET00001)', () => {
    const p = parseNationalId('30b0168811/CPET00001');
    assert.equal(p.normalized, '30B0168811/CPET00001');
    assert.equal(p.structure?.type, 'finess');
    assert.equal(p.structure?.id, '0B0168811');
  });

  it('parses the BAS EDIT test identities (ANS + timestamp) as edit-test', () => {
    assert.deepEqual(parseNationalId(' ans20210107161422 '), {
      raw: ' ans20210107161422 ',
      normalized: 'ANS20210107161422',
      kind: 'edit-test',
      prefix: 'ANS',
      number: '20210107161422',
      idType: 'edit-test',
    });
    rejects('ANS', 'unknown-prefix');
    rejects('ANSX2021', 'unknown-prefix');
  });

  it('names every real form', () => {
    assert.equal(nationalIdType('899700366240'), 'rpps');
    assert.equal(nationalIdType('0751234567'), 'adeli');
    assert.equal(nationalIdType('30B0168811/CPET00001'), 'finess-staff');
    assert.equal(nationalIdType('500000001815646/CPAT00045'), 'siret-staff');
    assert.equal(nationalIdType('ANS20210107161422'), 'edit-test');
    assert.equal(nationalIdType('699700366240015/1'), 'other');
    assert.equal(nationalIdType('7abc'), 'other');
  });

  it('login hints: slashes and EDIT identities pass, whitespace is removed, FINESS letters upper-cased', () => {
    assert.equal(normalizeLoginHint('500000001815646/CPAT00045'), '500000001815646/CPAT00045');
    assert.equal(normalizeLoginHint(' 8997 0036 6240 '), '899700366240');
    assert.equal(normalizeLoginHint('ANS20210107161422'), 'ANS20210107161422');
    assert.equal(normalizeLoginHint('30b0168811/CPET00001'), '30B0168811/CPET00001');
  });

  it('login hints: typed errors for empty, too long, control and non-ASCII characters', () => {
    const code = (v: unknown) => {
      try {
        normalizeLoginHint(v);
        return 'accepted';
      } catch (err) {
        assert.ok(err instanceof NationalIdError);
        return err.code;
      }
    };
    assert.equal(code('  '), 'empty');
    assert.equal(code(42), 'invalid-type');
    assert.equal(code('8'.repeat(MAX_NATIONAL_ID_LENGTH + 1)), 'too-long');
    assert.equal(code('8997\u0000'), 'invalid-characters');
    assert.equal(code('8997\u007f'), 'invalid-characters');
    assert.equal(code('é8997'), 'invalid-characters');
    assert.equal(code('\u202e8997'), 'invalid-characters');
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
