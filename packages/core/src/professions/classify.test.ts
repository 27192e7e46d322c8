import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyProfession, classifyProfessionById, classifyProfessionCode } from './classify.js';
import { CATEGORIES, PROFESSIONS } from './data.js';
import { normalizeText } from './normalize.js';

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

  describe('gives the category outcome of the profession', () => {
    const viaRppsPlus = ['establishment-registers', 'self-service-franceconnect'];
    // query, category, portal, registered by, order, methods, establishment prerequisites, physical CPS, ADELI note
    const outcomes = [
      ['infirmière', 'ordre', 'ordre', 'ordre', 'infirmiers', ['ordre-portal'], false, true, false],
      ['ergothérapeute', 'ars', 'erpps', 'ars', undefined, ['erpps'], false, true, true],
      // role and other professionals: the establishment registers them in RPPS+, e-CPS only
      ['aide-soignante', 'role', 'rpps-plus', 'etablissement', undefined, viaRppsPlus, true, false, false],
      [
        'gestionnaire des admissions',
        'autre',
        'rpps-plus',
        'etablissement',
        undefined,
        viaRppsPlus,
        true,
        false,
        false,
      ],
    ] as const;
    for (const [query, category, portal, registeredBy, order, methods, prerequisites, physicalCps, adeli] of outcomes) {
      it(`${query}: ${category}, ${portal}${physicalCps ? ', CPS card' : ''}, e-CPS`, () => {
        const c = classifyProfession(query);
        assert.ok(c, query);
        assert.equal(c.category, category);
        assert.deepEqual(c.registration, {
          portal,
          registeredBy,
          ...(order === undefined ? {} : { order }),
          methods,
          establishmentPrerequisites: prerequisites,
        });
        assert.deepEqual(c.cards, { physicalCps, eCps: true });
        assert.equal(c.adeliMigration, adeli);
      });
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

describe('classifyProfessionCode: a bare RPPS profession code (PSC codeProfession, the card extension)', () => {
  const cases: [code: string, id: string | null][] = [
    ['10', 'medecin'], // TRE_G15
    ['60', 'infirmier'], // TRE_G15
    ['93', 'psychologue'], // TRE_R95, not a TRE_G15 code
    ['71', 'osteopathe'], // TRE_R95
    ['41', 'assistant-service-social'], // TRE_R94
    ['99', null], // RPPS+: the TRE_R85 role says the profession
    ['', null],
    ['9 3', null],
  ];
  for (const [code, id] of cases)
    it(`${JSON.stringify(code)} → ${id ?? 'null'}`, () => {
      const c = classifyProfessionCode(code);
      assert.equal(c?.profession.id ?? null, id);
      if (id) {
        assert.equal(c?.matchedBy, 'code');
        assert.equal(c?.category, classifyProfessionById(id)?.category);
      }
    });
});
