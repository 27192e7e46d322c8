import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { eachCall } from '../test-support/cases.js';
import * as normalize from './normalize.js';

/** Reference optimal-string-alignment distance, unbounded and naive. */
function osa(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

describe('normalizeText', () => {
  describe('folds case, accents, ligatures and separators', () => {
    eachCall(normalize.normalizeText, [
      ["Infirmière diplômée d'État", 'infirmiere diplomee d etat'],
      ['  MASSEUSE-KINÉSITHÉRAPEUTE  ', 'masseuse kinesitherapeute'],
      ['Maïeuticienne', 'maieuticienne'],
      ['Œuvre Cœur', 'oeuvre coeur'],
      ['ﬁ ＡＢＣ', 'fi abc'],
      ['aide–soignante / AS (x2)', 'aide soignante as x2'],
      ['İstanbul', 'istanbul'],
    ]);
  });

  describe('turns control characters and markup into separators', () => {
    eachCall(normalize.normalizeText, [
      ['\u0000infir\u0007mier\t', 'infir mier'],
      ['<b>kiné</b>', 'b kine b'],
    ]);
  });

  describe('gives an empty string for empty, blank or non-string input', () => {
    eachCall(
      (input: unknown) => normalize.normalizeText(input as string),
      [
        ['', ''],
        [' \t\n\u00a0', ''],
        [null, ''],
        [42, ''],
      ],
      'normalizeText',
    );
  });

  it('is idempotent and yields only a–z, 0–9 and single inner spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const n = normalize.normalizeText(s);
        assert.match(n, /^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
        assert.equal(normalize.normalizeText(n), n);
      }),
    );
  });
});

describe('significantWords', () => {
  describe('drops French and English stopwords', () => {
    eachCall(normalize.significantWords, [
      ['mandataire judiciaire a la protection des majeurs', ['mandataire', 'judiciaire', 'protection', 'majeurs']],
      ['technicien de l intervention sociale et familiale', ['technicien', 'intervention', 'sociale', 'familiale']],
      ['', []],
    ]);
  });
});

describe('stemWord', () => {
  it('maps plural and feminine forms to one form', () => {
    const same: Array<[string, string]> = [
      ['infirmieres', 'infirmier'],
      ['infirmiere', 'infirmier'],
      ['soignantes', 'soignant'],
      ['educatrice', 'educateur'],
      ['masseuse', 'masseur'],
      ['dieteticienne', 'dieteticien'],
      ['medicaux', 'medical'],
      ['medicale', 'medical'],
      ['specialisee', 'specialise'],
      ['educative', 'educatif'],
      ['adjointe', 'adjoint'],
      ['sociales', 'social'],
      ['kines', 'kine'],
      ['ides', 'ide'],
      ['orthofoniste', 'orthophoniste'],
      ['kinesiterapeute', 'kinesitherapeute'],
    ];
    for (const [a, b] of same) assert.equal(normalize.stemWord(a), normalize.stemWord(b), `${a} ~ ${b}`);
  });

  describe('keeps short abbreviations and double-s words apart', () => {
    eachCall(normalize.stemWord, [
      ['aes', 'aes'],
      ['ass', 'ass'],
      ['avs', 'avs'],
    ]);
    it('stemWord("ass") ≠ stemWord("as")', () => assert.notEqual(normalize.stemWord('ass'), normalize.stemWord('as')));
  });
});

/** Words of up to `maxLength` letters taken from `letters`. */
const words = (letters: string, maxLength: number, minLength = 0) =>
  fc.string({ unit: fc.constantFrom(...letters), minLength, maxLength });

/**
 * `distance(a, b, max)` is the `reference` distance when it is at most `max`, and `max + 1` beyond, for any `a` and
 * `b` of the arbitraries and any `max` up to `maxBound`.
 */
function agreesWithReference(
  distance: (a: string, b: string, max: number) => number,
  reference: (a: string, b: string) => number,
  [as, bs]: [fc.Arbitrary<string>, fc.Arbitrary<string>],
  maxBound: number,
): void {
  fc.assert(
    fc.property(as, bs, fc.integer({ min: 0, max: maxBound }), (a, b, max) => {
      const expected = reference(a, b);
      assert.equal(distance(a, b, max), expected <= max ? expected : max + 1);
    }),
  );
}

describe('boundedDamerauLevenshtein', () => {
  describe('counts insertions, deletions, substitutions and adjacent transpositions; max + 1 beyond the bound', () => {
    const long = 'a'.repeat(200);
    eachCall(normalize.boundedDamerauLevenshtein, [
      ['infirmier', 'infirmier', 2, 0],
      ['infirmeir', 'infirmier', 2, 1],
      ['psycologue', 'psychologue', 2, 1],
      ['sagefeme', 'sagefemme', 2, 1],
      ['ergo', 'ergot', 2, 1],
      ['', 'ab', 2, 2],
      // beyond the bound: max + 1
      ['plombier', 'pompier', 1, 2],
      ['a', 'abcdef', 2, 3],
      ['', 'abc', 1, 2],
      // words longer than its scratch buffers
      [long, `${long}b`, 2, 1],
      ['ab', 'ba', 1, 1],
    ]);
  });

  it('agrees with a reference implementation', () => {
    agreesWithReference(normalize.boundedDamerauLevenshtein, osa, [words('abcd', 9), words('abcd', 9)], 3);
  });
});

describe('boundedPrefixDistance', () => {
  it('agrees with the minimum distance to every prefix', () => {
    /** The distance from `q` to the nearest prefix of `w` (the empty one included). */
    const nearestPrefix = (q: string, w: string) =>
      Math.min(...Array.from({ length: w.length + 1 }, (_, j) => osa(q, w.slice(0, j))));
    agreesWithReference(normalize.boundedPrefixDistance, nearestPrefix, [words('abc', 7, 1), words('abc', 10)], 2);
  });

  describe('measures how far a partly typed word is from the start of a word', () => {
    eachCall(normalize.boundedPrefixDistance, [
      ['infir', 'infirmier', 1, 0],
      ['infirn', 'infirmier', 1, 1],
      ['inifr', 'infirmier', 1, 1],
      ['plomb', 'pharmacien', 1, 2],
    ]);
  });
});
