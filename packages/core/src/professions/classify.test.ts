import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  AMBIGUITY_MARGIN,
  classifyProfession,
  classifyProfessionById,
  getProfessionByCode,
  getProfessionById,
} from './classify.js';
import { CATEGORIES, PROFESSIONS } from './data.js';
import { normalizeText } from './normalize.js';
import { searchProfessions } from './search.js';
import type { Classification, CodeSystem } from './types.js';

const id = (input: Parameters<typeof classifyProfession>[0]) => classifyProfession(input)?.profession.id;

/** Queries as people type them (case, accents, feminine, plural, hyphens, typos, abbreviations) → expected id. */
const REAL_WORLD: ReadonlyArray<readonly [query: string, id: string]> = [
  // case and accents
  ['INFIRMIER', 'infirmier'],
  ['infirmiere', 'infirmier'],
  ['Infirmière', 'infirmier'],
  ['MÉDECIN', 'medecin'],
  ['medecin', 'medecin'],
  ['pedicure podologue', 'pedicure-podologue'],
  ['Ostéopathe', 'osteopathe'],
  ['osteopathe', 'osteopathe'],
  ['epithesiste', 'epithesiste'],
  ['dieteticien', 'dieteticien'],
  // feminine forms
  ['aide-soignante', 'aide-soignant'],
  ['éducatrice spécialisée', 'educateur-specialise'],
  ['educatrice specialisee', 'educateur-specialise'],
  ['sage-femme', 'sage-femme'],
  ['masseuse-kinésithérapeute', 'masseur-kinesitherapeute'],
  ['orthophoniste', 'orthophoniste'],
  ['psychomotricienne', 'psychomotricien'],
  ['diététicienne', 'dieteticien'],
  ['pharmacienne', 'pharmacien'],
  ['opticienne-lunetière', 'opticien-lunetier'],
  ['ambulancière', 'ambulancier'],
  ['préparatrice en pharmacie', 'preparateur-pharmacie'],
  ['conseillère en économie sociale et familiale', 'conseiller-economie-sociale-familiale'],
  ['technicienne de laboratoire', 'technicien-laboratoire-medical'],
  ['accompagnante éducative et sociale', 'accompagnant-educatif-social'],
  ['assistante sociale', 'assistant-service-social'],
  ['assistante familiale', 'assistant-familial'],
  ["directrice d'EHPAD", 'directeur-esms'],
  ['coordinatrice de parcours', 'coordinateur-parcours'],
  ['animatrice', 'animateur'],
  ['étudiante', 'etudiant'],
  ['maïeuticien', 'sage-femme'],
  ['manipulatrice radio', 'manipulateur-erm'],
  // singular / plural
  ['infirmières', 'infirmier'],
  ['sages-femmes', 'sage-femme'],
  ['aides-soignantes', 'aide-soignant'],
  ['chirurgiens-dentistes', 'chirurgien-dentiste'],
  ['éducateurs de jeunes enfants', 'educateur-jeunes-enfants'],
  ['kinés', 'masseur-kinesitherapeute'],
  ['IDEs', 'infirmier'],
  ['psychologues', 'psychologue'],
  // hyphens, apostrophes, spaces
  ['aide soignant', 'aide-soignant'],
  ['aidesoignante', 'aide-soignant'],
  ['sage femme', 'sage-femme'],
  ['sagefemme', 'sage-femme'],
  ['masseur kinesitherapeute', 'masseur-kinesitherapeute'],
  ['audio prothésiste', 'audioprothesiste'],
  ['audioprothesiste', 'audioprothesiste'],
  ['podo orthésiste', 'podo-orthesiste'],
  ['technicien de l intervention sociale et familiale', 'technicien-intervention-sociale-familiale'],
  ['directeur d’ESMS', 'directeur-esms'],
  ['aide a domicile', 'aide-domicile'],
  // small typos
  ['infirmeir', 'infirmier'],
  ['infirmiére', 'infirmier'],
  ['psycologue', 'psychologue'],
  ['kinesiterapeute', 'masseur-kinesitherapeute'],
  ['ergotérapeute', 'ergotherapeute'],
  ['ergothérapeuthe', 'ergotherapeute'],
  ['orthofoniste', 'orthophoniste'],
  ['orthphoniste', 'orthophoniste'],
  ['sagefeme', 'sage-femme'],
  ['chiropracteure', 'chiropracteur'],
  ['dieteticein', 'dieteticien'],
  ['psychomotricein', 'psychomotricien'],
  ['pharmacein', 'pharmacien'],
  ['auxilliaire de puériculture', 'auxiliaire-puericulture'],
  ['opticien lunettier', 'opticien-lunetier'],
  ['mandatiare judiciaire', 'mandataire-judiciaire-protection-majeurs'],
  // prefixes, as typed
  ['infir', 'infirmier'],
  ['kin', 'masseur-kinesitherapeute'],
  ['orthoph', 'orthophoniste'],
  ['ergo', 'ergotherapeute'],
  ['psychom', 'psychomotricien'],
  ['aide-soi', 'aide-soignant'],
  ['auxiliaire de puér', 'auxiliaire-puericulture'],
  ['secr', 'secretaire-medicale'],
  // abbreviations and field words
  ['IDE', 'infirmier'],
  ['ide', 'infirmier'],
  ["infirmière diplômée d'état", 'infirmier'],
  ['IDEL', 'infirmier'],
  ['IBODE', 'infirmier'],
  ['kiné', 'masseur-kinesitherapeute'],
  ['kine', 'masseur-kinesitherapeute'],
  ['MK', 'masseur-kinesitherapeute'],
  ['ASS', 'assistant-service-social'],
  ['AES', 'accompagnant-educatif-social'],
  ['AMP', 'aide-medico-psychologique'],
  ['EJE', 'educateur-jeunes-enfants'],
  ['CESF', 'conseiller-economie-sociale-familiale'],
  ['TISF', 'technicien-intervention-sociale-familiale'],
  ['MJPM', 'mandataire-judiciaire-protection-majeurs'],
  ['AS', 'aide-soignant'],
  ['manipulateur ERM', 'manipulateur-erm'],
  ['manip radio', 'manipulateur-erm'],
  ['manipulateur en électroradiologie médicale', 'manipulateur-erm'],
  ['psy', 'psychologue'],
  ['dentiste', 'chirurgien-dentiste'],
  ['podologue', 'pedicure-podologue'],
  ['opticien', 'opticien-lunetier'],
  ['secrétaire médical', 'secretaire-medicale'],
  ['secrétaire assistante médico-administrative', 'secretaire-medicale'],
  ["directeur d'établissement", 'directeur-esms'],
  ['coordonnateur de parcours', 'coordinateur-parcours'],
  ['AESH', 'auxiliaire-vie-scolaire'],
  ['étudiant infirmier', 'etudiant'],
  ['externe en médecine', 'etudiant'],
  ['DSI', 'direction-systemes-information'],
  ['nurse', 'infirmier'],
  ['physiotherapist', 'masseur-kinesitherapeute'],
  // noise around a known word
  ['  infirmière  ', 'infirmier'],
  ['infirmière !', 'infirmier'],
  ['infirmière de bloc', 'infirmier'],
];

describe('classifyProfession: text', () => {
  it('classifies every profession by its label, feminine label and English label, unambiguously', () => {
    for (const p of PROFESSIONS) {
      for (const text of [p.label, p.labelFeminine, p.labelEn]) {
        if (text === undefined) continue;
        const c = classifyProfession(text);
        assert.equal(c?.profession, p, text);
        assert.deepEqual(c.alternatives, [], text);
        assert.equal(c.ambiguous, false, text);
        assert.equal(c.matchedBy, 'text');
      }
      assert.equal(classifyProfession(p.label)?.score, 1, p.label);
    }
  });

  it('classifies every synonym to its own profession (as an alternative when two professions share it)', () => {
    const owners = new Map<string, number>();
    for (const p of PROFESSIONS) {
      for (const synonym of p.synonyms)
        owners.set(normalizeText(synonym), (owners.get(normalizeText(synonym)) ?? 0) + 1);
    }
    for (const p of PROFESSIONS) {
      for (const synonym of p.synonyms) {
        const c = classifyProfession(synonym);
        assert.ok(c, synonym);
        if (owners.get(normalizeText(synonym)) === 1) {
          assert.equal(c.profession, p, synonym);
          assert.deepEqual(c.alternatives, [], synonym);
        } else {
          assert.ok([c.profession, ...c.alternatives].includes(p), synonym);
        }
      }
    }
    assert.deepEqual(
      [...owners].filter(([, n]) => n > 1).map(([synonym]) => synonym),
      ['avs'],
      'the only synonym shared by two professions',
    );
  });

  for (const [query, expected] of REAL_WORLD) {
    it(`"${query}" → ${expected}`, () => {
      assert.equal(id(query), expected);
    });
  }

  it('gives the category outcome of the profession', () => {
    const expected: Array<[string, Partial<Classification>]> = [
      [
        'infirmière',
        {
          category: 'ordre',
          registration: {
            portal: 'ordre',
            registeredBy: 'ordre',
            order: 'infirmiers',
            methods: ['ordre-portal'],
            establishmentPrerequisites: false,
          },
          cards: { physicalCps: true, eCps: true },
          adeliMigration: false,
        },
      ],
      [
        'ergothérapeute',
        {
          category: 'ars',
          registration: {
            portal: 'erpps',
            registeredBy: 'ars',
            methods: ['erpps'],
            establishmentPrerequisites: false,
          },
          cards: { physicalCps: true, eCps: true },
          adeliMigration: true,
        },
      ],
      [
        'aide-soignante',
        {
          category: 'role',
          registration: {
            portal: 'rpps-plus',
            registeredBy: 'etablissement',
            methods: ['establishment-registers', 'self-service-franceconnect'],
            establishmentPrerequisites: true,
          },
          cards: { physicalCps: false, eCps: true },
          adeliMigration: false,
        },
      ],
      [
        'gestionnaire des admissions',
        {
          category: 'autre',
          registration: {
            portal: 'rpps-plus',
            registeredBy: 'etablissement',
            methods: ['establishment-registers', 'self-service-franceconnect'],
            establishmentPrerequisites: true,
          },
          cards: { physicalCps: false, eCps: true },
          adeliMigration: false,
        },
      ],
    ];
    for (const [query, fields] of expected) {
      const c = classifyProfession(query);
      assert.ok(c, query);
      for (const [key, value] of Object.entries(fields)) {
        assert.deepEqual(c[key as keyof Classification], value, `${query}: ${key}`);
      }
    }
  });

  it('names the order of each ordre profession', () => {
    const orders: Record<string, string> = {
      médecin: 'medecins',
      dentiste: 'chirurgiens-dentistes',
      'sage-femme': 'sages-femmes',
      pharmacien: 'pharmaciens',
      kiné: 'masseurs-kinesitherapeutes',
      podologue: 'pedicures-podologues',
      infirmier: 'infirmiers',
    };
    for (const [query, order] of Object.entries(orders)) {
      assert.equal(classifyProfession(query)?.registration.order, order, query);
    }
    assert.equal(classifyProfession('psychologue')?.registration.order, undefined);
    assert.ok(!('order' in classifyProfession('psychologue')!.registration));
  });

  it('gives every classification the facts of its category', () => {
    for (const p of PROFESSIONS) {
      const c = classifyProfessionById(p.id);
      assert.ok(c);
      const info = CATEGORIES[p.category];
      assert.equal(c.registration.portal, info.registration.portal);
      assert.equal(c.registration.registeredBy, info.registration.registeredBy);
      assert.deepEqual(c.registration.methods, info.registration.methods);
      assert.equal(c.registration.establishmentPrerequisites, info.registration.establishmentPrerequisites);
      assert.deepEqual(c.cards, info.cards);
      assert.equal(c.adeliMigration, p.category === 'ars');
      assert.equal(c.cards.eCps, true, 'every professional can have the e-CPS');
      assert.equal(c.cards.physicalCps, p.category === 'ordre' || p.category === 'ars');
    }
  });
});

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
    'plombier',
    'vétérinaire',
    'veterinaire',
    'véto',
    'boulanger',
    'avocat',
    'pompier',
    'astronaute',
    'pilote de ligne',
    'agent de service hospitalier',
    'xyz',
    '',
    '   ',
    '\n\t',
    'x'.repeat(10_000),
    '\u0000\u0001\u0002',
    'infirmier\u0000',
    '<img src=x onerror=alert(1)>',
    '<b>infirmier</b>',
    '"><svg/onload=alert(1)>',
    null,
    undefined,
    0,
    true,
    [],
    () => 'infirmier',
    { system: 'TRE_G15' },
    { code: '60' },
    { system: 'TRE_G15', code: 60 },
    { system: 'TRE_X99', code: '60' },
    { system: 'tre_g15', code: '60' },
  ];
  for (const input of none) {
    it(`gives null for ${typeof input === 'function' ? 'a function' : JSON.stringify(input)?.slice(0, 40)}`, () => {
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
    const inputs = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.string({ unit: 'binary-ascii', maxLength: 100 }),
      fc.string({ minLength: 1_000, maxLength: 12_000 }),
      fc.record({ system: fc.string(), code: fc.string() }),
      fc.anything(),
    );
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
