/**
 * Reference data of the profession classifier — the one reviewed module. Change it only with its sources at hand.
 *
 * Sources
 * - The domain guide "Guide Authentification forte — à destination des professionnels travaillant en structure"
 *   (shared/domain/seed-guide-authentification-forte.txt and its structured reading shared/domain/README.md):
 *   the four categories, their members, registration paths, card eligibility, the ADELI → RPPS note.
 * - ANS nomenclatures (NOS), as published in the ANS FHIR IG "Terminologies de Santé"
 *   (https://interop.esante.gouv.fr/terminologies, repository ansforge/IG-terminologie-de-sante):
 *   - TRE_G15-ProfessionSante (codes 10…98, as listed in JDV_J05-SubjectRole-CISIS, version 20260730);
 *   - TRE_R95-UsagerTitre (71, 72, 73, 93), TRE_R94-ProfessionSocial (41);
 *   - TRE_R85-RolePriseCharge (version 20250328) and its RPPS+ subset JDV_J121-RolePriseCharge-ENREG
 *     (version 20260505) — "the RPPS+ role list" below;
 *   - TRE_R291-AutreProfession (only active code: 99, "Acteur participant au système de santé caractérisé par rôle").
 *
 * Rules followed
 * - Every profession or role named in the guide is here, with the guide's category. Labels are the guide's wording,
 *   corrected to the official spelling where they differ only in spelling (accents on capitals, hyphens, plural):
 *   "Audio-prothésiste" → "Audioprothésiste", "Epithesiste" → "Épithésiste", "Aide médicopsychologique" →
 *   "Aide médico-psychologique", "Gestionnaire alerte…" → "Gestionnaire alertes…", "Etudiants" → "Étudiant";
 *   "Kiné" is labelled "Masseur-kinésithérapeute". The guide's wording is then kept as a synonym.
 * - "Responsable de secteur" stands in both the `role` and `autre` lists of the guide; it is kept once, as `role`
 *   (TRE_R85 333). Both lists lead to RPPS+ and the e-CPS only, so the outcome is the same either way.
 * - The roles of the RPPS+ role list that the guide does not name are classified `autre` (source `rpps-plus`), as the
 *   guide's "Autres professionnels" are. Professions that are neither in the guide nor in that list (vétérinaire,
 *   agent de service hospitalier, orthopédiste-orthésiste G15 83…) are not members and are absent.
 * - A code is given only where the nomenclature has one for this very profession. No code is invented:
 *   - "Auxiliaire de vie scolaire", "Directeur adjoint d'ESMS" and "Assistant de vie sociale" have no code of their
 *     own. TRE_R85 318 "Auxiliaire de vie sociale" is probably what the guide's "Assistant de vie social" means, but
 *     the titles differ and 318 is not in the RPPS+ list, so it is not attached (doubt reported).
 *   - "Direction et qualité" is read as TRE_R85 339 "Autre professionnel intervenant dans la direction de la
 *     qualité, hygiène, sécurité et environnement"; the guide's short wording is kept as the label.
 *   - "Aide médico-psychologique" keeps TRE_R85 323 although 323 is not in the RPPS+ list (the AMP diploma was
 *     merged into the AES diploma in 2016).
 *   - "Étudiant" carries every student role of TRE_R85 (346–349, 354–358); 346 is not in the RPPS+ list.
 *   - TRE_R85 350 "Aide à domicile" (deprecated 2025-03-28, replaced by 372) is not attached.
 *   - TRE_G15 69 "Infirmier psychiatrique" (a closed title, registered with the Ordre des infirmiers) is attached to
 *     Infirmier.
 *   - TRE_R291 99 is attached to nothing: PSC sends it as codeProfession for every RPPS+ role professional, and the
 *     TRE_R85 role code alongside it is what classifies them.
 */

import type { Category, CategoryInfo, OrderId, Profession, ProfessionCode, ProfessionSource } from './types.js';

/**
 * What the `role` and `autre` categories both imply (domain guide §1 and §2): registration on the RPPS+ portal, by
 * the establishment or started by the professional with FranceConnect and validated by the establishment (which must
 * first have contracted with the ANS and named its "gestionnaire(s) RPPS+"); the e-CPS only, no physical card.
 */
const BY_ESTABLISHMENT = {
  registration: {
    portal: 'rpps-plus',
    registeredBy: 'etablissement',
    methods: ['establishment-registers', 'self-service-franceconnect'],
    establishmentPrerequisites: true,
  },
  cards: { physicalCps: false, eCps: true },
  adeliMigration: false,
} as const satisfies Omit<CategoryInfo, 'id' | 'label' | 'labelEn'>;

/** What each category implies (domain guide §1 and §2). */
export const CATEGORIES: Readonly<Record<Category, CategoryInfo>> = deepFreeze({
  ordre: {
    id: 'ordre',
    label: 'Professionnels à ordre',
    labelEn: 'Professionals registered with their order',
    registration: {
      portal: 'ordre',
      registeredBy: 'ordre',
      methods: ['ordre-portal'],
      establishmentPrerequisites: false,
    },
    cards: { physicalCps: true, eCps: true },
    adeliMigration: false,
  },
  ars: {
    id: 'ars',
    label: 'Professionnels à enregistrement ARS',
    labelEn: 'Professionals registered by the regional health agency (ARS)',
    registration: {
      portal: 'erpps',
      registeredBy: 'ars',
      methods: ['erpps'],
      establishmentPrerequisites: false,
    },
    cards: { physicalCps: true, eCps: true },
    adeliMigration: true,
  },
  role: {
    id: 'role',
    label: 'Professionnels à rôle',
    labelEn: 'Professionals registered by role',
    ...BY_ESTABLISHMENT,
  },
  autre: { id: 'autre', label: 'Autres professionnels', labelEn: 'Other professionals', ...BY_ESTABLISHMENT },
});

/**
 * The professional orders: their usual French name, an English one, and their site (where one registers; the
 * domain guide: "Auprès de son ordre, directement sur le portail d'inscription"). Sites: the orders' own home pages
 * (conseil-national.medecin.fr, ordre-chirurgiens-dentistes.fr, ordre-sages-femmes.fr, ordre.pharmacien.fr,
 * ordremk.fr, pedicures-podologues.fr, ordre-infirmiers.fr).
 */
export const ORDERS: Readonly<
  Record<OrderId, { readonly label: string; readonly labelEn: string; readonly site: string }>
> = deepFreeze({
  medecins: {
    label: 'Ordre des médecins',
    labelEn: 'Order of physicians',
    site: 'https://www.conseil-national.medecin.fr/',
  },
  'chirurgiens-dentistes': {
    label: 'Ordre des chirurgiens-dentistes',
    labelEn: 'Order of dental surgeons',
    site: 'https://www.ordre-chirurgiens-dentistes.fr/',
  },
  'sages-femmes': {
    label: 'Ordre des sages-femmes',
    labelEn: 'Order of midwives',
    site: 'https://www.ordre-sages-femmes.fr/',
  },
  pharmaciens: {
    label: 'Ordre des pharmaciens',
    labelEn: 'Order of pharmacists',
    site: 'https://www.ordre.pharmacien.fr/',
  },
  'masseurs-kinesitherapeutes': {
    label: 'Ordre des masseurs-kinésithérapeutes',
    labelEn: 'Order of physiotherapists',
    site: 'https://www.ordremk.fr/',
  },
  'pedicures-podologues': {
    label: 'Ordre des pédicures-podologues',
    labelEn: 'Order of podiatrists',
    site: 'https://www.pedicures-podologues.fr/',
  },
  infirmiers: {
    label: 'Ordre des infirmiers',
    labelEn: 'Order of nurses',
    site: 'https://www.ordre-infirmiers.fr/',
  },
});

/**
 * The public registration portals of the other categories: eRPPS (ARS registration, the ANS's "Mon compte PS") and
 * RPPS+ (registration by role, by the establishment; https://esante.gouv.fr/enreg is the ANS's entry page).
 */
export const REGISTRATION_PORTALS: Readonly<{ erpps: string; rppsPlus: string }> = deepFreeze({
  erpps: 'https://moncompte-ps.esante.gouv.fr/epars/login/page_accueil/authentification_PS.html',
  rppsPlus: 'https://esante.gouv.fr/enreg',
});

const g15 = (...codes: string[]): ProfessionCode[] => codes.map((code) => ({ system: 'TRE_G15', code }));
const r95 = (...codes: string[]): ProfessionCode[] => codes.map((code) => ({ system: 'TRE_R95', code }));
const r94 = (...codes: string[]): ProfessionCode[] => codes.map((code) => ({ system: 'TRE_R94', code }));
const r85 = (...codes: string[]): ProfessionCode[] => codes.map((code) => ({ system: 'TRE_R85', code }));

interface Entry {
  id: string;
  label: string;
  labelEn: string;
  labelFeminine?: string;
  codes?: ProfessionCode[];
  order?: OrderId;
  synonyms?: string[];
}

function define(category: Category, source: ProfessionSource, entries: Entry[]): Profession[] {
  return entries.map(({ id, label, labelEn, labelFeminine, codes = [], order, synonyms = [] }) => {
    const profession: { -readonly [K in keyof Profession]: Profession[K] } = {
      id,
      label,
      labelEn,
      category,
      codes,
      synonyms,
      source,
    };
    if (labelFeminine !== undefined) profession.labelFeminine = labelFeminine;
    if (order !== undefined) profession.order = order;
    return profession;
  });
}

/** Professionnels à ordre — guide: "Auprès de son ordre, directement sur le portail d'inscription". */
const ORDRE = define('ordre', 'guide', [
  {
    id: 'medecin',
    label: 'Médecin',
    labelEn: 'Physician',
    codes: g15('10'),
    order: 'medecins',
    synonyms: ['docteur', 'médecin généraliste', 'médecin spécialiste', 'généraliste', 'praticien hospitalier'],
  },
  {
    id: 'chirurgien-dentiste',
    label: 'Chirurgien-dentiste',
    labelFeminine: 'Chirurgienne-dentiste',
    labelEn: 'Dentist',
    codes: g15('40'),
    order: 'chirurgiens-dentistes',
    synonyms: ['dentiste', 'odontologiste', 'orthodontiste'],
  },
  {
    id: 'masseur-kinesitherapeute',
    label: 'Masseur-kinésithérapeute',
    labelFeminine: 'Masseuse-kinésithérapeute',
    labelEn: 'Physiotherapist',
    codes: g15('70'),
    order: 'masseurs-kinesitherapeutes',
    synonyms: ['Kiné', 'kinésithérapeute', 'MK', 'masseur', 'physiothérapeute'],
  },
  {
    id: 'pedicure-podologue',
    label: 'Pédicure-podologue',
    labelEn: 'Podiatrist',
    codes: g15('80'),
    order: 'pedicures-podologues',
    synonyms: ['podologue', 'pédicure', 'podo'],
  },
  {
    id: 'sage-femme',
    label: 'Sage-femme',
    labelEn: 'Midwife',
    codes: g15('50'),
    order: 'sages-femmes',
    synonyms: ['maïeuticien', 'maïeuticienne'],
  },
  {
    id: 'pharmacien',
    label: 'Pharmacien',
    labelFeminine: 'Pharmacienne',
    labelEn: 'Pharmacist',
    codes: g15('21'),
    order: 'pharmaciens',
    synonyms: ['docteur en pharmacie', "pharmacien d'officine", 'pharmacien hospitalier'],
  },
  {
    id: 'infirmier',
    label: 'Infirmier',
    labelFeminine: 'Infirmière',
    labelEn: 'Nurse',
    codes: g15('60', '69'),
    order: 'infirmiers',
    synonyms: [
      'IDE',
      "infirmier diplômé d'État",
      "infirmière diplômée d'État",
      'IDEL',
      'infirmier libéral',
      'IDEC',
      'infirmier coordinateur',
      'IBODE',
      'infirmier de bloc opératoire',
      'IADE',
      'infirmier anesthésiste',
      'IPA',
      'infirmier en pratique avancée',
      'puéricultrice',
      'infirmière puéricultrice',
      'infirmier psychiatrique',
    ],
  },
]);

/** Professionnels à enregistrement ARS — guide: "La démarche s'effectue sur le portail eRPPS". */
const ARS = define('ars', 'guide', [
  {
    id: 'assistant-service-social',
    label: 'Assistant de service social',
    labelFeminine: 'Assistante de service social',
    labelEn: 'Social worker',
    codes: r94('41'),
    synonyms: ['ASS', 'assistante sociale', 'assistant social'],
  },
  {
    id: 'assistant-dentaire',
    label: 'Assistant dentaire',
    labelFeminine: 'Assistante dentaire',
    labelEn: 'Dental assistant',
    codes: g15('31'),
  },
  {
    id: 'audioprothesiste',
    label: 'Audioprothésiste',
    labelEn: 'Hearing aid audiologist',
    codes: g15('26'),
    synonyms: ['Audio-prothésiste'],
  },
  {
    id: 'chiropracteur',
    label: 'Chiropracteur',
    labelEn: 'Chiropractor',
    codes: r95('73'),
    synonyms: ['chiropraticien', 'chiro'],
  },
  {
    id: 'dieteticien',
    label: 'Diététicien',
    labelFeminine: 'Diététicienne',
    labelEn: 'Dietitian',
    codes: g15('95'),
    synonyms: ['diététicien-nutritionniste', 'nutritionniste'],
  },
  {
    id: 'epithesiste',
    label: 'Épithésiste',
    labelEn: 'Epithesist (facial prosthetist)',
    codes: g15('85'),
  },
  {
    id: 'ergotherapeute',
    label: 'Ergothérapeute',
    labelEn: 'Occupational therapist',
    codes: g15('94'),
    synonyms: ['ergo'],
  },
  {
    id: 'manipulateur-erm',
    label: 'Manipulateur ERM',
    labelFeminine: 'Manipulatrice ERM',
    labelEn: 'Radiographer (medical imaging technologist)',
    codes: g15('98'),
    synonyms: [
      'manipulateur en électroradiologie médicale',
      "manipulateur d'électroradiologie médicale",
      'manipulatrice en électroradiologie médicale',
      'MERM',
      'manip radio',
      'manipulateur radio',
      'manipulatrice radio',
      'manip',
    ],
  },
  {
    id: 'oculariste',
    label: 'Oculariste',
    labelEn: 'Ocularist',
    codes: g15('84'),
  },
  {
    id: 'opticien-lunetier',
    label: 'Opticien-lunetier',
    labelFeminine: 'Opticienne-lunetière',
    labelEn: 'Dispensing optician',
    codes: g15('28'),
    synonyms: ['opticien', 'lunetier'],
  },
  {
    id: 'orthoptiste',
    label: 'Orthoptiste',
    labelEn: 'Orthoptist',
    codes: g15('92'),
  },
  {
    id: 'orthoprothesiste',
    label: 'Orthoprothésiste',
    labelEn: 'Orthotist-prosthetist',
    codes: g15('81'),
  },
  {
    id: 'orthophoniste',
    label: 'Orthophoniste',
    labelEn: 'Speech and language therapist',
    codes: g15('91'),
    synonyms: ['logopède', 'logopédiste'],
  },
  {
    id: 'osteopathe',
    label: 'Ostéopathe',
    labelEn: 'Osteopath',
    codes: r95('71'),
    synonyms: ['ostéo'],
  },
  {
    id: 'podo-orthesiste',
    label: 'Podo-orthésiste',
    labelEn: 'Orthopaedic shoemaker (podo-orthotist)',
    codes: g15('82'),
    synonyms: ['podorthésiste', 'bottier orthopédiste'],
  },
  {
    id: 'psychologue',
    label: 'Psychologue',
    labelEn: 'Psychologist',
    codes: r95('93'),
    synonyms: ['psy', 'neuropsychologue', 'psychologue clinicien', 'psychologue clinicienne'],
  },
  {
    id: 'psychotherapeute',
    label: 'Psychothérapeute',
    labelEn: 'Psychotherapist',
    codes: r95('72'),
  },
  {
    id: 'psychomotricien',
    label: 'Psychomotricien',
    labelFeminine: 'Psychomotricienne',
    labelEn: 'Psychomotor therapist',
    codes: g15('96'),
    synonyms: ['psychomot'],
  },
  {
    id: 'physicien-medical',
    label: 'Physicien médical',
    labelFeminine: 'Physicienne médicale',
    labelEn: 'Medical physicist',
    codes: g15('32'),
    synonyms: ['radiophysicien', 'physicien'],
  },
  {
    id: 'technicien-laboratoire-medical',
    label: 'Technicien de laboratoire médical',
    labelFeminine: 'Technicienne de laboratoire médical',
    labelEn: 'Medical laboratory technician',
    codes: g15('86'),
    synonyms: ['technicien de laboratoire', 'technicien de labo', 'laborantin'],
  },
]);

/** Professionnels à rôle — guide: registered on RPPS+ (by the establishment or self-service), e-CPS only. */
const ROLE = define('role', 'guide', [
  {
    id: 'accompagnant-educatif-social',
    label: 'Accompagnant éducatif et social',
    labelFeminine: 'Accompagnante éducative et sociale',
    labelEn: 'Social care support worker',
    codes: r85('328'),
    synonyms: ['AES'],
  },
  {
    id: 'aide-medico-psychologique',
    label: 'Aide médico-psychologique',
    labelEn: 'Medical-psychological care assistant',
    codes: r85('323'),
    synonyms: ['AMP', 'aide médicopsychologique'],
  },
  {
    id: 'aide-soignant',
    label: 'Aide-soignant',
    labelFeminine: 'Aide-soignante',
    labelEn: 'Nursing assistant',
    codes: r85('313'),
    synonyms: ['AS'],
  },
  {
    id: 'ambulancier',
    label: 'Ambulancier',
    labelFeminine: 'Ambulancière',
    labelEn: 'Ambulance technician',
    codes: r85('314'),
    synonyms: ['auxiliaire ambulancier'],
  },
  {
    id: 'assistant-familial',
    label: 'Assistant familial',
    labelFeminine: 'Assistante familiale',
    labelEn: 'Foster carer',
    codes: r85('322'),
    synonyms: ["famille d'accueil"],
  },
  {
    id: 'assistant-medical',
    label: 'Assistant médical',
    labelFeminine: 'Assistante médicale',
    labelEn: 'Medical assistant',
    codes: r85('332'),
  },
  {
    id: 'auxiliaire-puericulture',
    label: 'Auxiliaire de puériculture',
    labelEn: 'Paediatric nursing assistant',
    codes: r85('315'),
    synonyms: ['auxiliaire puéricultrice'],
  },
  {
    id: 'auxiliaire-vie-scolaire',
    label: 'Auxiliaire de vie scolaire',
    labelEn: 'School support assistant',
    synonyms: ['AVS', 'AESH', "accompagnant d'élèves en situation de handicap"],
  },
  {
    id: 'conseiller-economie-sociale-familiale',
    label: 'Conseiller en économie sociale et familiale',
    labelFeminine: 'Conseillère en économie sociale et familiale',
    labelEn: 'Social and family economics adviser',
    codes: r85('320'),
    synonyms: ['CESF'],
  },
  {
    id: 'conseiller-genetique',
    label: 'Conseiller en génétique',
    labelFeminine: 'Conseillère en génétique',
    labelEn: 'Genetic counsellor',
    codes: r85('329'),
  },
  {
    id: 'educateur-jeunes-enfants',
    label: 'Éducateur de jeunes enfants',
    labelFeminine: 'Éducatrice de jeunes enfants',
    labelEn: 'Early childhood educator',
    codes: r85('325'),
    synonyms: ['EJE'],
  },
  {
    id: 'educateur-specialise',
    label: 'Éducateur spécialisé',
    labelFeminine: 'Éducatrice spécialisée',
    labelEn: 'Specialised educator',
    codes: r85('326'),
    synonyms: ['éduc spé'],
  },
  {
    id: 'educateur-technique-specialise',
    label: 'Éducateur technique spécialisé',
    labelFeminine: 'Éducatrice technique spécialisée',
    labelEn: 'Specialised technical educator',
    codes: r85('327'),
    synonyms: ['ETS'],
  },
  {
    id: 'gestionnaire-alertes-urgences-sanitaires',
    label: 'Gestionnaire alertes et urgences sanitaires',
    labelEn: 'Health alerts and emergencies manager',
    codes: r85('335'),
    synonyms: ['Gestionnaire alerte et urgences sanitaires', 'SI-VIC'],
  },
  {
    id: 'mandataire-judiciaire-protection-majeurs',
    label: 'Mandataire judiciaire à la protection des majeurs',
    labelEn: 'Court-appointed adult protection agent',
    codes: r85('307'),
    synonyms: ['MJPM', 'mandataire judiciaire', 'délégué mandataire'],
  },
  {
    id: 'preparateur-pharmacie',
    label: 'Préparateur en pharmacie',
    labelFeminine: 'Préparatrice en pharmacie',
    labelEn: 'Pharmacy technician',
    // 317 "Préparateur en pharmacie (officine)", 316 "Préparateur en pharmacie hospitalière".
    codes: r85('317', '316'),
    synonyms: ['préparateur en pharmacie hospitalière', 'PPH', 'préparateur'],
  },
  {
    // Also listed under "Autres professionnels" in the guide: kept once, see the header.
    id: 'responsable-secteur',
    label: 'Responsable de secteur',
    labelEn: 'Home-care sector manager',
    codes: r85('333'),
  },
  {
    id: 'technicien-intervention-sociale-familiale',
    label: 'Technicien de l’intervention sociale et familiale',
    labelFeminine: 'Technicienne de l’intervention sociale et familiale',
    labelEn: 'Social and family support technician',
    codes: r85('319'),
    synonyms: ['TISF'],
  },
  {
    // TRE_R85 331 is "Secrétaire assistante médico-administrative"; the guide says "Secrétaire médicale".
    id: 'secretaire-medicale',
    label: 'Secrétaire médicale',
    labelEn: 'Medical secretary',
    codes: r85('331'),
    synonyms: [
      'secrétaire médical',
      'secrétaire assistante médico-administrative',
      'secrétaire assistant médico-administratif',
      'assistante médico-administrative',
      'secrétaire hospitalière',
    ],
  },
]);

/** Autres professionnels — guide: same path as the role professionals (RPPS+, e-CPS only). */
const AUTRE = define('autre', 'guide', [
  {
    // TRE_R85 359 is "Directeur d'établissement".
    id: 'directeur-esms',
    label: 'Directeur d’ESMS',
    labelFeminine: 'Directrice d’ESMS',
    labelEn: 'Director of a social or medico-social establishment',
    codes: r85('359'),
    synonyms: ["directeur d'établissement", "directeur d'EHPAD", 'directeur ESSMS'],
  },
  {
    id: 'directeur-adjoint-esms',
    label: 'Directeur adjoint d’ESMS',
    labelFeminine: 'Directrice adjointe d’ESMS',
    labelEn: 'Deputy director of a social or medico-social establishment',
    synonyms: ['directeur adjoint', "directeur adjoint d'établissement"],
  },
  {
    // TRE_R85 330 is "Coordonnateur de parcours".
    id: 'coordinateur-parcours',
    label: 'Coordinateur de parcours',
    labelFeminine: 'Coordinatrice de parcours',
    labelEn: 'Care pathway coordinator',
    codes: r85('330'),
    synonyms: ['coordonnateur de parcours', 'coordonnatrice de parcours'],
  },
  {
    // The guide says "Assistant de vie social"; no code attached, see the header.
    id: 'assistant-vie-sociale',
    label: 'Assistant de vie sociale',
    labelFeminine: 'Assistante de vie sociale',
    labelEn: 'Home life assistant',
    synonyms: ['Assistant de vie social', 'auxiliaire de vie sociale', 'AVS', 'auxiliaire de vie', 'ADVF'],
  },
  {
    id: 'aide-domicile',
    label: 'Aide à domicile',
    labelEn: 'Home help',
    codes: r85('372'),
    synonyms: ['aide ménagère'],
  },
  {
    // TRE_R85 371 is "Aide à domicile qualifié(e)"; the guide's label is the feminine form.
    id: 'aide-domicile-qualifiee',
    label: 'Aide à domicile qualifiée',
    labelEn: 'Qualified home help',
    codes: r85('371'),
    synonyms: ['aide à domicile qualifié'],
  },
  {
    id: 'animateur',
    label: 'Animateur',
    labelFeminine: 'Animatrice',
    labelEn: 'Activities coordinator',
    codes: r85('368'),
  },
  {
    id: 'direction-finances',
    label: 'Direction des finances',
    labelEn: 'Finance department',
    codes: r85('341'),
    synonyms: ['finances et comptabilité', 'comptabilité', 'comptable', 'directeur financier', 'DAF'],
  },
  {
    id: 'direction-systemes-information',
    label: 'Direction des systèmes d’information',
    labelEn: 'Information systems department',
    codes: r85('340'),
    synonyms: ['DSI', "systèmes d'information", 'informatique', 'informaticien'],
  },
  {
    // Read as TRE_R85 339, see the header.
    id: 'direction-qualite',
    label: 'Direction et qualité',
    labelEn: 'Quality department',
    codes: r85('339'),
    synonyms: ['direction de la qualité', 'qualité', 'hygiène sécurité environnement', 'QHSE', 'qualiticien'],
  },
  {
    id: 'logistique',
    label: 'Professionnel intervenant dans la logistique',
    labelEn: 'Logistics staff',
    codes: r85('337'),
    synonyms: ['logistique', 'logisticien', 'agent logistique'],
  },
  {
    id: 'social-educatif-psychologie',
    label: 'Professionnel intervenant dans le social, éducatif ou psychologie',
    labelEn: 'Social, educational or psychology staff',
    codes: r85('345'),
    synonyms: ['social, éducatif, psychologie et culturel'],
  },
  {
    id: 'hotellerie-restauration',
    label: 'Professionnel intervenant dans l’hôtellerie ou restauration',
    labelEn: 'Hospitality and catering staff',
    codes: r85('338'),
    synonyms: ['hôtellerie', 'restauration', 'cuisinier', 'agent hôtelier'],
  },
  {
    // 346 infirmier, 347 aide-soignant, 348 auxiliaire de puériculture, 349 masseur-kinésithérapeute,
    // 354–357 externes en médecine, odontologie, maïeutique, pharmacie, 358 autre étudiant.
    id: 'etudiant',
    label: 'Étudiant',
    labelFeminine: 'Étudiante',
    labelEn: 'Student',
    codes: r85('346', '347', '348', '349', '354', '355', '356', '357', '358'),
    synonyms: [
      'étudiant infirmier',
      'ESI',
      'étudiant aide-soignant',
      'étudiant auxiliaire de puériculture',
      'étudiant masseur-kinésithérapeute',
      'externe',
      'externe en médecine',
      'externe en odontologie',
      'externe en maïeutique',
      'externe en pharmacie',
      'stagiaire',
    ],
  },
  {
    // TRE_R85 365 is "Gestionnaire admissions / frais de séjour / traitement externe".
    id: 'gestionnaire-admissions',
    label: 'Gestionnaire des admissions',
    labelEn: 'Admissions officer',
    codes: r85('365'),
    synonyms: ['admissions', 'bureau des entrées', 'frais de séjour', 'gestionnaire administratif'],
  },
]);

/** Roles of the RPPS+ list (JDV_J121) that the guide does not name: `autre`. */
const RPPS_PLUS_ONLY = define('autre', 'rpps-plus', [
  {
    id: 'autre-professionnel',
    label: 'Autre professionnel',
    labelEn: 'Other professional',
    codes: r85('312'),
  },
  {
    id: 'mediateur-familial',
    label: 'Médiateur familial',
    labelFeminine: 'Médiatrice familiale',
    labelEn: 'Family mediator',
    codes: r85('321'),
  },
  {
    id: 'moniteur-educateur',
    label: 'Moniteur éducateur',
    labelFeminine: 'Monitrice éducatrice',
    labelEn: 'Assistant specialised educator',
    codes: r85('324'),
  },
  {
    id: 'biologiste-medical',
    label: 'Biologiste médical (ni médecin ni pharmacien)',
    labelEn: 'Medical biologist (neither physician nor pharmacist)',
    codes: r85('334'),
  },
  {
    id: 'accueil-orientation',
    label: 'Professionnel intervenant dans l’accueil et l’orientation des personnes',
    labelEn: 'Reception and orientation staff',
    codes: r85('336'),
    synonyms: ["agent d'accueil", 'accueil'],
  },
  {
    id: 'direction-communication',
    label: 'Direction de la communication',
    labelEn: 'Communication department',
    codes: r85('342'),
  },
  {
    id: 'direction-ressources-humaines',
    label: 'Direction des ressources humaines',
    labelEn: 'Human resources department',
    codes: r85('343'),
    synonyms: ['ressources humaines', 'RH', 'DRH'],
  },
  {
    id: 'direction-affaires-medicales',
    label: 'Direction des affaires médicales',
    labelEn: 'Medical affairs department',
    codes: r85('344'),
  },
  {
    id: 'brancardier',
    label: 'Brancardier',
    labelFeminine: 'Brancardière',
    labelEn: 'Hospital porter',
    codes: r85('360'),
  },
  {
    id: 'educateur-activite-physique-adaptee',
    label: 'Éducateur en activité physique adaptée',
    labelFeminine: 'Éducatrice en activité physique adaptée',
    labelEn: 'Adapted physical activity instructor',
    codes: r85('361'),
    synonyms: ['enseignant en APA'],
  },
  {
    id: 'technicien-information-medicale',
    label: 'Technicien d’information médicale',
    labelFeminine: 'Technicienne d’information médicale',
    labelEn: 'Medical information technician',
    codes: r85('362'),
    synonyms: ['TIM', "technicien d'informations médicales"],
  },
  {
    id: 'attache-recherche-clinique',
    label: 'Attaché de recherche clinique',
    labelFeminine: 'Attachée de recherche clinique',
    labelEn: 'Clinical research associate',
    codes: r85('363'),
    synonyms: ['ARC'],
  },
  {
    // 364 PADHUE, 376 PADHUE - Médecin, 377 - Pharmacien, 378 - Sage-femme, 379 - Chirurgien-dentiste.
    id: 'padhue',
    label: 'Praticien à diplôme hors Union européenne (PADHUE)',
    labelFeminine: 'Praticienne à diplôme hors Union européenne (PADHUE)',
    labelEn: 'Practitioner with a non-EU degree (PADHUE)',
    codes: r85('364', '376', '377', '378', '379'),
    synonyms: ['PADHUE'],
  },
  {
    id: 'archiviste',
    label: 'Archiviste',
    labelEn: 'Archivist',
    codes: r85('366'),
  },
  {
    id: 'surveillant-nuit',
    label: 'Surveillant de nuit',
    labelFeminine: 'Surveillante de nuit',
    labelEn: 'Night supervisor',
    codes: r85('367'),
  },
  {
    id: 'operateur-soins-non-programmes',
    label: 'Opérateur de soins non programmés',
    labelFeminine: 'Opératrice de soins non programmés',
    labelEn: 'Unscheduled care operator',
    codes: r85('370'),
    synonyms: ['OSNP'],
  },
  {
    id: 'agent-autorite-enregistrement',
    label: 'Agent d’autorité d’enregistrement',
    labelEn: 'Registration authority agent',
    codes: r85('374'),
  },
  {
    id: 'conseiller-conjugal-familial',
    label: 'Conseiller conjugal et familial',
    labelFeminine: 'Conseillère conjugale et familiale',
    labelEn: 'Marriage and family counsellor',
    codes: r85('375'),
  },
]);

/** Every profession and role of the reference data, guide categories first. */
export const PROFESSIONS: readonly Profession[] = deepFreeze([...ORDRE, ...ARS, ...ROLE, ...AUTRE, ...RPPS_PLUS_ONLY]);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
