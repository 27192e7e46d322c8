import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { shown } from '../test-support/cases.js';
import { anyText, NO_PROFESSION } from '../test-support/professions.js';
import {
  AMBIGUITY_MARGIN,
  classifyProfession,
  classifyProfessionById,
  getProfessionByCode,
  getProfessionById,
} from './classify.js';
import { PROFESSIONS } from './data.js';
import { searchProfessions } from './search.js';
import type { CodeSystem } from './types.js';

const id = (input: Parameters<typeof classifyProfession>[0]) => classifyProfession(input)?.profession.id;

describe('classifyProfession: ambiguous queries', () => {
  const ambiguous: Array<[string, string[]]> = [
    ['aide', ['aide-soignant', 'aide-domicile', 'aide-medico-psychologique', 'aide-domicile-qualifiee']],
    ['directeur', ['directeur-esms', 'directeur-adjoint-esms']],
    ['assistant', ['assistant-dentaire', 'assistant-familial', 'assistant-medical', 'assistant-service-social']],
    ['educateur', ['educateur-specialise', 'educateur-jeunes-enfants', 'educateur-technique-specialise']],
    ['éducatrice', ['educateur-specialise', 'educateur-jeunes-enfants', 'educateur-technique-specialise']],
    [
      'technicien',
      [
        'technicien-laboratoire-medical',
        'technicien-information-medicale',
        'technicien-intervention-sociale-familiale',
      ],
    ],
    ['ortho', ['orthoptiste', 'orthophoniste', 'orthoprothesiste']],
    ['AVS', ['auxiliaire-vie-scolaire', 'assistant-vie-sociale']],
  ];
  for (const [query, candidates] of ambiguous) {
    it(`"${query}" returns the best candidate with the others as alternatives`, () => {
      const c = classifyProfession(query);
      assert.ok(c);
      assert.equal(c.ambiguous, true);
      const all = [c.profession, ...c.alternatives].map((p) => p.id);
      for (const candidate of candidates) assert.ok(all.includes(candidate), `${candidate} in ${all.join(', ')}`);
      assert.equal(c.profession.id, searchProfessions(query)[0]?.profession.id);
    });
  }

  it('fills alternatives with exactly the candidates within the margin, best first', () => {
    for (const query of ['aide', 'directeur', 'assistant', 'ortho', 'médecine', 'infirmier', 'in', 'psy']) {
      const c = classifyProfession(query);
      assert.ok(c, query);
      const ranked = searchProfessions(query, { limit: 6 });
      const within = ranked.slice(1).filter((m) => ranked[0]!.score - m.score < AMBIGUITY_MARGIN);
      assert.deepEqual(
        c.alternatives.map((p) => p.id),
        within.map((m) => m.profession.id),
        query,
      );
      assert.equal(c.score, ranked[0]!.score);
    }
  });

  it('leaves alternatives empty when the best candidate is clearly ahead', () => {
    for (const query of ['infirmier', 'aide à domicile', 'IDE', 'psy', 'podo', 'AS', 'kiné', 'directeur adjoint']) {
      const c = classifyProfession(query);
      assert.deepEqual(c?.alternatives, [], query);
      assert.equal(c.ambiguous, false, query);
    }
  });
});

describe('classifyProfession: unknown and bad input', () => {
  const none: unknown[] = [
    ...NO_PROFESSION,
    { system: 'TRE_G15' },
    { code: '60' },
    { system: 'TRE_G15', code: 60 },
    { system: 'TRE_X99', code: '60' },
    { system: 'tre_g15', code: '60' },
  ];
  for (const input of none) {
    it(`gives null for ${shown(input)}`, () => {
      assert.equal(classifyProfession(input as string), null);
    });
  }

  it('gives null for a hostile object', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    );
    assert.equal(classifyProfession(hostile as { system: CodeSystem; code: string }), null);
  });

  it('never throws, for any string or value', () => {
    const inputs = fc.oneof(anyText, fc.record({ system: fc.string(), code: fc.string() }), fc.anything());
    fc.assert(
      fc.property(inputs, (input) => {
        const c = classifyProfession(input as string);
        assert.ok(c === null || PROFESSIONS.includes(c.profession));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with searchProfessions: null exactly when there is no candidate', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('aide', 'ortho', 'plombier', 'in')), (q) => {
        const best = searchProfessions(q, { limit: 1 })[0];
        assert.equal(classifyProfession(q)?.profession, best?.profession);
      }),
    );
  });
});

describe('classifyProfession: codes', () => {
  it('classifies every code of every profession, exactly as its label', () => {
    for (const p of PROFESSIONS) {
      const byLabel = classifyProfession(p.label);
      for (const code of p.codes) {
        const byCode = classifyProfession(code);
        assert.ok(byCode, `${code.system} ${code.code}`);
        assert.equal(byCode.profession, p);
        assert.equal(byCode.matchedBy, 'code');
        assert.equal(byCode.score, 1);
        assert.deepEqual(byCode.alternatives, []);
        assert.deepEqual({ ...byCode, matchedBy: 'text' }, byLabel, `${code.system} ${code.code}`);
      }
    }
  });

  it('tolerates spaces around the code', () => {
    assert.equal(id({ system: 'TRE_G15', code: ' 60 ' }), 'infirmier');
  });

  it('gives null for an unknown code or a code of another system', () => {
    assert.equal(classifyProfession({ system: 'TRE_G15', code: '99' }), null);
    assert.equal(classifyProfession({ system: 'TRE_G15', code: '313' }), null);
    assert.equal(classifyProfession({ system: 'TRE_R85', code: '60' }), null);
    assert.equal(classifyProfession({ system: 'TRE_R95', code: '10' }), null);
    assert.equal(classifyProfession({ system: 'TRE_R85', code: '350' }), null, 'deprecated Aide à domicile');
    assert.equal(classifyProfession({ system: 'TRE_G15', code: '' }), null);
  });

  it('gives null for TRE_R291 99 ("characterised by role"): the TRE_R85 role code classifies', () => {
    assert.equal(classifyProfession({ system: 'TRE_R291', code: '99' }), null);
    assert.equal(id({ system: 'TRE_R85', code: '313' }), 'aide-soignant');
  });

  it('maps several codes of one profession to it', () => {
    assert.equal(id({ system: 'TRE_G15', code: '69' }), 'infirmier');
    assert.equal(id({ system: 'TRE_R85', code: '316' }), 'preparateur-pharmacie');
    assert.equal(id({ system: 'TRE_R85', code: '317' }), 'preparateur-pharmacie');
    assert.equal(id({ system: 'TRE_R85', code: '354' }), 'etudiant');
    assert.equal(id({ system: 'TRE_R85', code: '376' }), 'padhue');
  });
});

describe('lookups by id and code', () => {
  it('finds professions by id and classifies them', () => {
    assert.equal(getProfessionById('sage-femme')?.label, 'Sage-femme');
    assert.equal(getProfessionById('nope'), undefined);
    assert.equal(getProfessionById(42 as unknown as string), undefined);
    const c = classifyProfessionById('responsable-secteur');
    assert.equal(c?.category, 'role');
    assert.equal(c.matchedBy, 'id');
    assert.equal(classifyProfessionById('veterinaire'), null);
  });

  it('finds professions by code', () => {
    assert.equal(getProfessionByCode('TRE_R94', '41')?.id, 'assistant-service-social');
    assert.equal(getProfessionByCode('TRE_R94', '42'), undefined);
    assert.equal(getProfessionByCode('NOPE' as CodeSystem, '41'), undefined);
  });

  it('returns fresh classification objects (mutating one does not affect the next)', () => {
    const a = classifyProfession('aide');
    assert.ok(a);
    a.alternatives.length = 0;
    (a.cards as { physicalCps: boolean }).physicalCps = true;
    const b = classifyProfession('aide');
    assert.ok(b && b.alternatives.length > 0);
    assert.equal(b.cards.physicalCps, false);
  });
});
