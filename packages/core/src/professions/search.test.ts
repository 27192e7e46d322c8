import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { shown } from '../test-support/cases.js';
import { anyText, NO_PROFESSION } from '../test-support/professions.js';
import { PROFESSIONS } from './data.js';
import { normalizeText, STOPWORDS } from './normalize.js';
import { DEFAULT_SEARCH_LIMIT, MAX_QUERY_LENGTH, searchProfessions } from './search.js';

const ids = (query: string, limit?: number) =>
  searchProfessions(query, limit === undefined ? undefined : { limit }).map((m) => m.profession.id);
const top = (query: string) => searchProfessions(query, { limit: 1 })[0]?.profession.id;

/** Every word of every name in the data, to build plausible random queries. */
const WORDS = [
  ...new Set(
    PROFESSIONS.flatMap((p) => [p.label, p.labelEn, p.labelFeminine ?? '', ...p.synonyms]).flatMap((s) =>
      s.split(/[\s'-]+/).filter(Boolean),
    ),
  ),
];

describe('searchProfessions: ranking', () => {
  it('puts the intended profession first while the user types it', () => {
    const sequences: Array<[string, string, number]> = [
      // [full word, expected first, from how many characters typed]
      ['infirmière', 'infirmier', 3],
      ['masseur-kinésithérapeute', 'masseur-kinesitherapeute', 4],
      ['orthophoniste', 'orthophoniste', 7],
      ['psychomotricien', 'psychomotricien', 7],
      ['aide-soignante', 'aide-soignant', 6],
      ['éducatrice spécialisée', 'educateur-specialise', 12],
      ['secrétaire médicale', 'secretaire-medicale', 3],
      ['ergothérapeute', 'ergotherapeute', 2],
      ['mandataire judiciaire', 'mandataire-judiciaire-protection-majeurs', 4],
    ];
    for (const [word, expected, from] of sequences) {
      for (let n = from; n <= word.length; n++) {
        const typed = word.slice(0, n);
        assert.equal(top(typed), expected, `"${typed}"`);
      }
    }
  });

  it('gives a word being typed after complete ones a chance, even one letter', () => {
    assert.equal(top('auxiliaire de p'), 'auxiliaire-puericulture');
    assert.equal(top('aide s'), 'aide-soignant');
    assert.equal(top('educateur t'), 'educateur-technique-specialise');
  });

  it('reads a lone stopword as the start of a word ("in" → infirmier, "de" → dentiste)', () => {
    assert.equal(top('in'), 'infirmier');
    assert.equal(top('De'), 'chirurgien-dentiste');
  });

  it('ranks an exact name above names it only partly covers', () => {
    assert.deepEqual(ids('aide à domicile', 2), ['aide-domicile', 'aide-domicile-qualifiee']);
    assert.ok(searchProfessions('infirmier')[0]!.score === 1);
    assert.ok(searchProfessions('étudiant infirmier').every((m) => m.score < 1 || m.profession.id === 'etudiant'));
  });

  it('returns several candidates for a shared word, best first', () => {
    assert.deepEqual(ids('aide', 4).toSorted(), [
      'aide-domicile',
      'aide-domicile-qualifiee',
      'aide-medico-psychologique',
      'aide-soignant',
    ]);
    assert.deepEqual(ids('technicien', 3).toSorted(), [
      'technicien-information-medicale',
      'technicien-intervention-sociale-familiale',
      'technicien-laboratoire-medical',
    ]);
    const assistants = ids('assistant', 6);
    for (const id of ['assistant-dentaire', 'assistant-familial', 'assistant-medical', 'assistant-service-social']) {
      assert.ok(assistants.includes(id), id);
    }
  });

  it('finds the English names too, below French ones', () => {
    assert.equal(top('nurse'), 'infirmier');
    assert.equal(top('midwife'), 'sage-femme');
    assert.equal(searchProfessions('nurse')[0]!.score, 0.9);
  });

  it('does not read known words or abbreviations as typos', () => {
    // "aide" is a word; it must not be taken for a typo of the abbreviation "IADE" (nurse anaesthetist).
    assert.ok(!ids('aide', 20).includes('infirmier'));
    // "infir" begins "infirmier"; it must not be taken for a typo of "infor(matique)".
    assert.deepEqual(ids('infir'), ['infirmier']);
  });

  it('suggests "Étudiant" below the best match only when the query says so', () => {
    for (const q of ['infirmier', 'infir', 'aide-soignant', 'auxiliaire de puériculture', 'kiné', 'pharmacien'])
      assert.ok(!ids(q, 20).slice(1).includes('etudiant'), q);
    for (const q of ['étudiant infirmier', 'étu', 'externe en pharmacie', 'ESI', 'stagiaire', 'student nurse'])
      assert.ok(ids(q, 20).includes('etudiant'), q);
    // as the only match it stays (a word found only in its synonyms)
    assert.equal(ids('médecine')[0], 'etudiant');
  });
});

describe('searchProfessions: results', () => {
  it('scores in (0, 1], sorted best first, without duplicates, within the limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
        fc.integer({ min: 1, max: 20 }),
        (query, limit) => {
          const results = searchProfessions(query, { limit });
          assert.ok(results.length <= limit);
          assert.equal(new Set(results.map((r) => r.profession.id)).size, results.length);
          for (let i = 0; i < results.length; i++) {
            const { score } = results[i]!;
            assert.ok(score > 0 && score <= 1, `${score}`);
            if (i > 0) assert.ok(results[i - 1]!.score >= score);
          }
        },
      ),
    );
  });

  it('finds every single word of the data', () => {
    for (const word of WORDS) {
      const normalized = normalizeText(word);
      // Stopwords and single letters say nothing on their own.
      if (STOPWORDS.has(normalized) || normalized.length < 2) continue;
      assert.ok(searchProfessions(word).length > 0, word);
    }
  });

  it('returns data objects, not copies', () => {
    const [first] = searchProfessions('infirmier');
    assert.ok(PROFESSIONS.includes(first!.profession));
  });

  it('honours the limit option', () => {
    assert.equal(searchProfessions('a', { limit: 3 }).length, 0);
    assert.equal(searchProfessions('assistant', { limit: 2 }).length, 2);
    assert.equal(searchProfessions('assistant', { limit: 0 }).length, 0);
    assert.equal(searchProfessions('assistant', { limit: -5 }).length, 0);
    assert.equal(searchProfessions('assistant', { limit: 2.9 }).length, 2);
    const many = searchProfessions('di', { limit: Number.POSITIVE_INFINITY });
    assert.ok(many.length > DEFAULT_SEARCH_LIMIT && many.length <= PROFESSIONS.length);
    assert.equal(searchProfessions('di').length, DEFAULT_SEARCH_LIMIT);
    assert.equal(searchProfessions('di', { limit: Number.NaN }).length, DEFAULT_SEARCH_LIMIT);
    assert.deepEqual(ids('professionnel intervenant').toSorted(), [
      'accueil-orientation',
      'hotellerie-restauration',
      'logistique',
      'social-educatif-psychologie',
    ]);
  });
});

describe('searchProfessions: bad input', () => {
  const bad: unknown[] = [...NO_PROFESSION, `infirmier ${' '.repeat(MAX_QUERY_LENGTH)}`];
  for (const query of bad) {
    it(`gives no result for ${shown(query)}`, () => {
      assert.deepEqual(searchProfessions(query as string), []);
    });
  }

  it('accepts a query of the maximum length', () => {
    const query = `infirmier${' '.repeat(MAX_QUERY_LENGTH - 9)}`;
    assert.equal(query.length, MAX_QUERY_LENGTH);
    assert.equal(top(query), 'infirmier');
  });

  it('never throws, for any string', () => {
    const strings = fc.oneof(
      anyText,
      fc
        .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { maxLength: 12 })
        .map((w) => w.join(' ')),
    );
    fc.assert(
      fc.property(strings, fc.option(fc.integer({ min: -3, max: 200 })), (query, limit) => {
        const results = searchProfessions(query, limit === null ? undefined : { limit });
        assert.ok(Array.isArray(results));
      }),
      { numRuns: 500 },
    );
  });
});
