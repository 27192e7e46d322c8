import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  boundedDamerauLevenshtein,
  boundedPrefixDistance,
  normalizeText,
  significantWords,
  stemWord,
} from './normalize.js';

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
  it('folds case, accents, ligatures and separators', () => {
    assert.equal(normalizeText("Infirmière diplômée d'État"), 'infirmiere diplomee d etat');
    assert.equal(normalizeText('  MASSEUSE-KINÉSITHÉRAPEUTE  '), 'masseuse kinesitherapeute');
    assert.equal(normalizeText('Maïeuticienne'), 'maieuticienne');
    assert.equal(normalizeText('Œuvre Cœur'), 'oeuvre coeur');
    assert.equal(normalizeText('ﬁ ＡＢＣ'), 'fi abc');
    assert.equal(normalizeText('aide–soignante / AS (x2)'), 'aide soignante as x2');
    assert.equal(normalizeText('İstanbul'), 'istanbul');
  });

  it('turns control characters and markup into separators', () => {
    assert.equal(normalizeText('\u0000infir\u0007mier\t'), 'infir mier');
    assert.equal(normalizeText('<b>kiné</b>'), 'b kine b');
  });

  it('gives an empty string for empty, blank or non-string input', () => {
    assert.equal(normalizeText(''), '');
    assert.equal(normalizeText(' \t\n\u00a0'), '');
    assert.equal(normalizeText(null as unknown as string), '');
    assert.equal(normalizeText(42 as unknown as string), '');
  });

  it('is idempotent and yields only a–z, 0–9 and single inner spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const n = normalizeText(s);
        assert.match(n, /^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
        assert.equal(normalizeText(n), n);
      }),
    );
  });
});

describe('significantWords', () => {
  it('drops French and English stopwords', () => {
    assert.deepEqual(significantWords('mandataire judiciaire a la protection des majeurs'), [
      'mandataire',
      'judiciaire',
      'protection',
      'majeurs',
    ]);
    assert.deepEqual(significantWords('technicien de l intervention sociale et familiale'), [
      'technicien',
      'intervention',
      'sociale',
      'familiale',
    ]);
    assert.deepEqual(significantWords(''), []);
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
    for (const [a, b] of same) assert.equal(stemWord(a), stemWord(b), `${a} ~ ${b}`);
  });

  it('keeps short abbreviations and double-s words apart', () => {
    assert.equal(stemWord('aes'), 'aes');
    assert.equal(stemWord('ass'), 'ass');
    assert.equal(stemWord('avs'), 'avs');
    assert.notEqual(stemWord('ass'), stemWord('as'));
  });
});

describe('boundedDamerauLevenshtein', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    assert.equal(boundedDamerauLevenshtein('infirmier', 'infirmier', 2), 0);
    assert.equal(boundedDamerauLevenshtein('infirmeir', 'infirmier', 2), 1);
    assert.equal(boundedDamerauLevenshtein('psycologue', 'psychologue', 2), 1);
    assert.equal(boundedDamerauLevenshtein('sagefeme', 'sagefemme', 2), 1);
    assert.equal(boundedDamerauLevenshtein('ergo', 'ergot', 2), 1);
    assert.equal(boundedDamerauLevenshtein('', 'ab', 2), 2);
  });

  it('reports max + 1 beyond the bound', () => {
    assert.equal(boundedDamerauLevenshtein('plombier', 'pompier', 1), 2);
    assert.equal(boundedDamerauLevenshtein('a', 'abcdef', 2), 3);
    assert.equal(boundedDamerauLevenshtein('', 'abc', 1), 2);
  });

  it('agrees with a reference implementation', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 }),
        fc.integer({ min: 0, max: 3 }),
        (a, b, max) => {
          const expected = osa(a, b);
          assert.equal(boundedDamerauLevenshtein(a, b, max), expected <= max ? expected : max + 1);
        },
      ),
    );
  });

  it('handles words longer than its scratch buffers', () => {
    const long = 'a'.repeat(200);
    assert.equal(boundedDamerauLevenshtein(long, `${long}b`, 2), 1);
    assert.equal(boundedDamerauLevenshtein('ab', 'ba', 1), 1);
  });
});

describe('boundedPrefixDistance', () => {
  it('measures how far a partly typed word is from the start of a word', () => {
    assert.equal(boundedPrefixDistance('infir', 'infirmier', 1), 0);
    assert.equal(boundedPrefixDistance('infirn', 'infirmier', 1), 1);
    assert.equal(boundedPrefixDistance('inifr', 'infirmier', 1), 1);
    assert.equal(boundedPrefixDistance('plomb', 'pharmacien', 1), 2);
  });

  it('agrees with the minimum distance to every prefix', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 7 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 10 }),
        fc.integer({ min: 0, max: 2 }),
        (q, w, max) => {
          let expected = Number.POSITIVE_INFINITY;
          for (let j = 0; j <= w.length; j++) expected = Math.min(expected, osa(q, w.slice(0, j)));
          assert.equal(boundedPrefixDistance(q, w, max), expected <= max ? expected : max + 1);
        },
      ),
    );
  });
});
