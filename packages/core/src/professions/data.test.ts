import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyProfession } from './classify.js';
import { CATEGORIES, ORDERS, PROFESSIONS } from './data.js';
import type { Category, CodeSystem } from './types.js';

/** The guide's lists, as printed (shared/domain/README.md §1), with the entry each must lead to. */
const GUIDE_MEMBERS: ReadonlyArray<readonly [text: string, category: Category, id: string]> = [
  ['Médecin', 'ordre', 'medecin'],
  ['Chirurgien-dentiste', 'ordre', 'chirurgien-dentiste'],
  ['Kiné', 'ordre', 'masseur-kinesitherapeute'],
  ['Pédicure-Podologue', 'ordre', 'pedicure-podologue'],
  ['Sage-femme', 'ordre', 'sage-femme'],
  ['Pharmacien', 'ordre', 'pharmacien'],
  ['Infirmier', 'ordre', 'infirmier'],
  ['Assistant de service social', 'ars', 'assistant-service-social'],
  ['Assistant dentaire', 'ars', 'assistant-dentaire'],
  ['Audio-prothésiste', 'ars', 'audioprothesiste'],
  ['Chiropracteur', 'ars', 'chiropracteur'],
  ['Diététicien', 'ars', 'dieteticien'],
  ['Epithesiste', 'ars', 'epithesiste'],
  ['Ergothérapeute', 'ars', 'ergotherapeute'],
  ['Manipulateur ERM', 'ars', 'manipulateur-erm'],
  ['Oculariste', 'ars', 'oculariste'],
  ['Opticien-lunetier', 'ars', 'opticien-lunetier'],
  ['Orthoptiste', 'ars', 'orthoptiste'],
  ['Orthoprothésiste', 'ars', 'orthoprothesiste'],
  ['Orthophoniste', 'ars', 'orthophoniste'],
  ['Ostéopathe', 'ars', 'osteopathe'],
  ['Podo-orthésiste', 'ars', 'podo-orthesiste'],
  ['Psychologue', 'ars', 'psychologue'],
  ['Psychothérapeute', 'ars', 'psychotherapeute'],
  ['Psychomotricien', 'ars', 'psychomotricien'],
  ['Physicien médical', 'ars', 'physicien-medical'],
  ['Technicien de laboratoire médical', 'ars', 'technicien-laboratoire-medical'],
  ['Accompagnant éducatif et social', 'role', 'accompagnant-educatif-social'],
  ['Aide médicopsychologique', 'role', 'aide-medico-psychologique'],
  ['Aide-soignant', 'role', 'aide-soignant'],
  ['Ambulancier', 'role', 'ambulancier'],
  ['Assistant familial', 'role', 'assistant-familial'],
  ['Assistant médical', 'role', 'assistant-medical'],
  ['Auxiliaire de puériculture', 'role', 'auxiliaire-puericulture'],
  ['Auxiliaire de vie scolaire', 'role', 'auxiliaire-vie-scolaire'],
  ['Conseiller en économie sociale et familiale', 'role', 'conseiller-economie-sociale-familiale'],
  ['Conseiller en génétique', 'role', 'conseiller-genetique'],
  ['Educateur de jeunes enfants', 'role', 'educateur-jeunes-enfants'],
  ['Educateur spécialisé', 'role', 'educateur-specialise'],
  ['Educateur technique spécialisé', 'role', 'educateur-technique-specialise'],
  ['Gestionnaire alerte et urgences sanitaires', 'role', 'gestionnaire-alertes-urgences-sanitaires'],
  ['Mandataire judiciaire à la protection des majeurs', 'role', 'mandataire-judiciaire-protection-majeurs'],
  ['Préparateur en pharmacie', 'role', 'preparateur-pharmacie'],
  ['Responsable de secteur', 'role', 'responsable-secteur'],
  ["Technicien de l'intervention sociale et familiale", 'role', 'technicien-intervention-sociale-familiale'],
  ['Secrétaire médicale', 'role', 'secretaire-medicale'],
  ["Directeur d'ESMS", 'autre', 'directeur-esms'],
  ["Directeur adjoint d'ESMS", 'autre', 'directeur-adjoint-esms'],
  // Also in the `autre` list of the guide; kept once, as `role` (same outcome).
  ['Responsable de secteur', 'role', 'responsable-secteur'],
  ['Coordinateur de parcours', 'autre', 'coordinateur-parcours'],
  ['Assistant de vie social', 'autre', 'assistant-vie-sociale'],
  ['Aide à domicile', 'autre', 'aide-domicile'],
  ['Aide à domicile qualifiée', 'autre', 'aide-domicile-qualifiee'],
  ['Animateur', 'autre', 'animateur'],
  ['Direction des finances', 'autre', 'direction-finances'],
  ["Direction des systèmes d'information", 'autre', 'direction-systemes-information'],
  ['Direction et qualité', 'autre', 'direction-qualite'],
  ['Professionnel intervenant dans la Logistique', 'autre', 'logistique'],
  ['Professionnel intervenant dans le social, éducatif ou psychologie', 'autre', 'social-educatif-psychologie'],
  ["Professionnel intervenant dans l'hôtellerie ou restauration", 'autre', 'hotellerie-restauration'],
  ['Etudiants', 'autre', 'etudiant'],
  ['Gestionnaire des admissions', 'autre', 'gestionnaire-admissions'],
];

/** Codes known from the nomenclatures (TRE_G15, TRE_R95, TRE_R94, TRE_R85), by system → the entry each leads to. */
const KNOWN_CODES_BY_SYSTEM: Readonly<Partial<Record<CodeSystem, Readonly<Record<string, string>>>>> = {
  TRE_G15: {
    10: 'medecin',
    21: 'pharmacien',
    26: 'audioprothesiste',
    28: 'opticien-lunetier',
    31: 'assistant-dentaire',
    32: 'physicien-medical',
    40: 'chirurgien-dentiste',
    50: 'sage-femme',
    60: 'infirmier',
    70: 'masseur-kinesitherapeute',
    80: 'pedicure-podologue',
    81: 'orthoprothesiste',
    82: 'podo-orthesiste',
    84: 'oculariste',
    85: 'epithesiste',
    86: 'technicien-laboratoire-medical',
    91: 'orthophoniste',
    92: 'orthoptiste',
    94: 'ergotherapeute',
    95: 'dieteticien',
    96: 'psychomotricien',
    98: 'manipulateur-erm',
  },
  TRE_R95: {
    71: 'osteopathe',
    72: 'psychotherapeute',
    73: 'chiropracteur',
    93: 'psychologue',
  },
  TRE_R94: {
    41: 'assistant-service-social',
  },
  TRE_R85: {
    313: 'aide-soignant',
    331: 'secretaire-medicale',
    359: 'directeur-esms',
  },
};

/** The same, one row a code. */
const KNOWN_CODES = Object.entries(KNOWN_CODES_BY_SYSTEM).flatMap(([system, codes]) =>
  Object.entries(codes).map(([code, id]) => [system as CodeSystem, code, id] as const),
);

/** The RPPS+ role list (JDV_J121-RolePriseCharge-ENREG): every code must be classified. */
const RPPS_PLUS_ROLE_CODES = [
  '307',
  '312',
  '313',
  '314',
  '315',
  '316',
  '317',
  '319',
  '320',
  '321',
  '322',
  '324',
  '325',
  '326',
  '327',
  '328',
  '329',
  '330',
  '331',
  '332',
  '333',
  '334',
  '335',
  '336',
  '337',
  '338',
  '339',
  '340',
  '341',
  '342',
  '343',
  '344',
  '345',
  '347',
  '348',
  '349',
  '354',
  '355',
  '356',
  '357',
  '358',
  '359',
  '360',
  '361',
  '362',
  '363',
  '364',
  '365',
  '366',
  '367',
  '368',
  '370',
  '371',
  '372',
  '374',
  '375',
  '376',
  '377',
  '378',
  '379',
];

const byId = new Map(PROFESSIONS.map((p) => [p.id, p]));

describe('reference data', () => {
  it('has unique kebab-case ASCII ids and unique labels', () => {
    const ids = PROFESSIONS.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    const labels = PROFESSIONS.map((p) => p.label.toLowerCase());
    assert.equal(new Set(labels).size, labels.length);
  });

  it('has every member named in the domain guide, in its category', () => {
    for (const [text, category, id] of GUIDE_MEMBERS) {
      const profession = byId.get(id);
      assert.ok(profession, `${text}: no entry ${id}`);
      assert.equal(profession.category, category, text);
      assert.equal(profession.source, 'guide', text);
    }
    const guideIds = new Set(GUIDE_MEMBERS.map(([, , id]) => id));
    const fromGuide = PROFESSIONS.filter((p) => p.source === 'guide').map((p) => p.id);
    assert.deepEqual(
      fromGuide.filter((id) => !guideIds.has(id)),
      [],
      'entries marked "guide" that the guide lacks',
    );
  });

  it('has the guide counts per category (Responsable de secteur counted once, as role)', () => {
    const count = (c: Category) => PROFESSIONS.filter((p) => p.source === 'guide' && p.category === c).length;
    assert.equal(count('ordre'), 7);
    assert.equal(count('ars'), 20);
    assert.equal(count('role'), 19);
    assert.equal(count('autre'), 15);
    assert.equal(PROFESSIONS.filter((p) => p.label === 'Responsable de secteur').length, 1);
  });

  it('classifies the RPPS+ roles the guide does not name as autre', () => {
    for (const p of PROFESSIONS.filter((x) => x.source === 'rpps-plus')) assert.equal(p.category, 'autre', p.id);
  });

  it('carries the known official codes on the right entries', () => {
    for (const [system, code, id] of KNOWN_CODES) {
      const profession = byId.get(id);
      assert.ok(
        profession?.codes.some((c) => c.system === system && c.code === code),
        `${system} ${code} → ${id}`,
      );
    }
  });

  it('covers every code of the RPPS+ role list', () => {
    const r85 = new Set(PROFESSIONS.flatMap((p) => p.codes.filter((c) => c.system === 'TRE_R85').map((c) => c.code)));
    assert.deepEqual(
      RPPS_PLUS_ROLE_CODES.filter((code) => !r85.has(code)),
      [],
    );
  });

  it('never gives one code to two entries, and uses only the known systems', () => {
    const seen = new Map<string, string>();
    for (const p of PROFESSIONS) {
      for (const { system, code } of p.codes) {
        assert.ok(['TRE_G15', 'TRE_R95', 'TRE_R94', 'TRE_R85'].includes(system), `${p.id}: ${system}`);
        assert.match(code, /^\d+$/);
        const key = `${system}|${code}`;
        assert.equal(seen.get(key), undefined, `${key} on ${seen.get(key)} and ${p.id}`);
        seen.set(key, p.id);
      }
    }
  });

  it('puts ordre and ARS professions in health/social nomenclatures and role professionals in TRE_R85', () => {
    for (const p of PROFESSIONS) {
      const systems = new Set(p.codes.map((c) => c.system));
      if (p.category === 'ordre' || p.category === 'ars') {
        assert.ok(p.codes.length > 0, `${p.id} has a profession code`);
        assert.ok(!systems.has('TRE_R85'), p.id);
      } else {
        assert.ok(
          [...systems].every((s) => s === 'TRE_R85'),
          p.id,
        );
      }
    }
  });

  it('names the order of every ordre profession, and only of those', () => {
    const orders = PROFESSIONS.filter((p) => p.category === 'ordre').map((p) => p.order);
    assert.deepEqual(orders.toSorted(), Object.keys(ORDERS).toSorted());
    for (const p of PROFESSIONS.filter((x) => x.category !== 'ordre')) assert.equal(p.order, undefined, p.id);
  });

  it('has French and English labels, and feminine labels only where they differ', () => {
    for (const p of PROFESSIONS) {
      assert.ok(p.label.trim() === p.label && p.label.length > 1, p.id);
      assert.ok(p.labelEn.trim() === p.labelEn && p.labelEn.length > 1, p.id);
      if (p.labelFeminine !== undefined) assert.notEqual(p.labelFeminine, p.label, p.id);
    }
    assert.equal(byId.get('infirmier')?.labelFeminine, 'Infirmière');
    assert.equal(byId.get('sage-femme')?.labelFeminine, undefined);
    assert.equal(byId.get('masseur-kinesitherapeute')?.label, 'Masseur-kinésithérapeute');
  });

  it('has the field abbreviations as synonyms', () => {
    const expected: Record<string, string> = {
      IDE: 'infirmier',
      MK: 'masseur-kinesitherapeute',
      Kiné: 'masseur-kinesitherapeute',
      ASS: 'assistant-service-social',
      AES: 'accompagnant-educatif-social',
      AMP: 'aide-medico-psychologique',
      EJE: 'educateur-jeunes-enfants',
      CESF: 'conseiller-economie-sociale-familiale',
      TISF: 'technicien-intervention-sociale-familiale',
      MJPM: 'mandataire-judiciaire-protection-majeurs',
      AS: 'aide-soignant',
      psy: 'psychologue',
      dentiste: 'chirurgien-dentiste',
      'manip radio': 'manipulateur-erm',
    };
    for (const [synonym, id] of Object.entries(expected)) assert.ok(byId.get(id)?.synonyms.includes(synonym), synonym);
  });

  it('has no non-member', () => {
    for (const p of PROFESSIONS) assert.doesNotMatch(p.label, /v[ée]t[ée]rinaire|agent de service hospitalier/i);
  });

  it('is frozen', () => {
    assert.ok(Object.isFrozen(PROFESSIONS));
    assert.ok(Object.isFrozen(PROFESSIONS[0]));
    assert.ok(Object.isFrozen(PROFESSIONS[0]?.codes));
    assert.ok(Object.isFrozen(CATEGORIES.role.cards));
  });
});

describe('the guide and nomenclature wording', () => {
  it('classifies every member of the guide by the guide text, unambiguously, in its category', () => {
    for (const [text, category, id] of GUIDE_MEMBERS) {
      const c = classifyProfession(text);
      assert.ok(c, text);
      assert.equal(c.profession.id, id, text);
      assert.equal(c.category, category, text);
      assert.deepEqual(c.alternatives, [], text);
    }
  });

  it('classifies every known code to its profession, like its label', () => {
    for (const [system, code, id] of KNOWN_CODES) {
      const byCode = classifyProfession({ system, code });
      assert.ok(byCode, `${system} ${code}`);
      assert.equal(byCode.profession.id, id, `${system} ${code}`);
      const byLabel = classifyProfession(byCode.profession.label);
      assert.deepEqual({ ...byCode, matchedBy: 'text' }, { ...byLabel, matchedBy: 'text' }, `${system} ${code}`);
    }
  });

  it('classifies every code of the RPPS+ role list as role or autre, e-CPS only', () => {
    for (const code of RPPS_PLUS_ROLE_CODES) {
      const c = classifyProfession({ system: 'TRE_R85', code });
      assert.ok(c, code);
      assert.ok(c.category === 'role' || c.category === 'autre', code);
      assert.deepEqual(c.cards, { physicalCps: false, eCps: true }, code);
    }
  });
});

describe('CATEGORIES', () => {
  it('sends ordre professions to their order, with CPS and e-CPS', () => {
    assert.deepEqual(CATEGORIES.ordre.registration, {
      portal: 'ordre',
      registeredBy: 'ordre',
      methods: ['ordre-portal'],
      establishmentPrerequisites: false,
    });
    assert.deepEqual(CATEGORIES.ordre.cards, { physicalCps: true, eCps: true });
    assert.equal(CATEGORIES.ordre.adeliMigration, false);
  });

  it('sends ARS professions to eRPPS, with CPS and e-CPS and the ADELI note', () => {
    assert.equal(CATEGORIES.ars.registration.portal, 'erpps');
    assert.equal(CATEGORIES.ars.registration.registeredBy, 'ars');
    assert.deepEqual(CATEGORIES.ars.cards, { physicalCps: true, eCps: true });
    assert.equal(CATEGORIES.ars.adeliMigration, true);
  });

  it('sends role and autre professionals to RPPS+ (two methods, establishment prerequisites), e-CPS only', () => {
    for (const category of ['role', 'autre'] as const) {
      assert.deepEqual(CATEGORIES[category].registration, {
        portal: 'rpps-plus',
        registeredBy: 'etablissement',
        methods: ['establishment-registers', 'self-service-franceconnect'],
        establishmentPrerequisites: true,
      });
      assert.deepEqual(CATEGORIES[category].cards, { physicalCps: false, eCps: true });
      assert.equal(CATEGORIES[category].adeliMigration, false);
    }
  });

  it('uses the guide titles', () => {
    assert.equal(CATEGORIES.ordre.label, 'Professionnels à ordre');
    assert.equal(CATEGORIES.ars.label, 'Professionnels à enregistrement ARS');
    assert.equal(CATEGORIES.role.label, 'Professionnels à rôle');
    assert.equal(CATEGORIES.autre.label, 'Autres professionnels');
  });
});
