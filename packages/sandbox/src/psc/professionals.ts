/**
 * Test professionals of the sandbox PSC, covering every shape real Pro Santé Connect answers with, and their
 * userinfo in PSC's JSON shape with PSC's own key spellings.
 *
 * Sources (public; facts only, no code): the ANS test payloads quoted in `erickriegel/esignsante-fse-psc`
 * (`src/test/java/fr/ans/api/sign/esignsante/psc/api/utils/HelperTest.java`, `src/test/resources/PSC/*.json`):
 * top-level keys, `codeSecteurDactivite` (lower-case "a"), the 30 activity keys, `otherIds[{identifiant, origine,
 * qualite}]`, BAS FINESS numbers with letters (`0B0172805`), the EDIT identity `ANS20210107161422`; the staff
 * identifiers of `ansforge/psc-edc-proxy-esante` (`500000001815646/CPAT00045`); the Activity model of
 * `prosanteconnect/proof-of-concept`; the `otherIDs` spelling and the top-level `codeCivilite` seen in PSC answers
 * (docs/psc.md, "Claims").
 */
export interface SandboxActivity {
  /** TRE_R23 mode: `L` libéral, `S` salarié, `B` bénévole. */
  mode: string;
  /** TRE_R02 sector (`SA07` cabinet individuel, `SA01` établissement de santé, `SA43` organisme…). */
  sector: string;
  /** TRE_R85 role (RPPS+ professionals). */
  role?: string;
  organization: string;
  finess?: string;
  finessEj?: string;
  siret?: string;
  technicalId?: string;
  postalCode: string;
  commune?: string;
}

export interface SandboxExercice {
  /** TRE_G15 profession code; `99` for RPPS+ professionals; empty for establishment staff. */
  professionCode: string;
  /** TRE_R09 professional category (`C` civil); empty for staff. */
  categoryCode: string;
  civilityCode?: string;
  skillCode?: string;
  activities: SandboxActivity[];
}

export interface SandboxProfessional {
  /** `SubjectNameID`: whatever form PSC gives (RPPS, ADELI, staff `3`+FINESS+`/`+id, EDIT `ANS…`). */
  nationalId: string;
  givenName: string;
  familyName: string;
  civility: 'M' | 'MME';
  /** What the sandbox lists them as (French). */
  label: string;
  /** `origine` of their `otherIds` entry (`RPPS`, `ADELI`, `EDIT`, `FINESS`). */
  origin: string;
  exercices: SandboxExercice[];
  /** Has a physical card (CPS, or CPE for establishment staff): the "Carte CPS" tab offers them. */
  hasCard: boolean;
  /** `expired`: their e-CPS is no longer active; PSC cannot send them an approval request. */
  eCps?: 'active' | 'expired';
  /** PSC payloads vary: `otherIDs` instead of `otherIds`, `codeCivilite` top-level instead of in SubjectRefPro. */
  spelling?: { otherIds?: 'otherIDs'; civility?: 'top-level' };
}

/** PIN of every test card in the "Carte CPS" tab. */
export const SANDBOX_CARD_PIN = '1234';

const cabinet = (organization: string, postalCode = '31000'): SandboxActivity => ({
  mode: 'L',
  sector: 'SA07',
  organization,
  postalCode,
  commune: 'TOULOUSE',
});

/**
 * The practice of an RPPS+ professional (registered on the RPPS+ portal, e-CPS only: docs/profession-classifier.md):
 * profession code `99` and their job as the TRE_R85 role of the activity (docs/psc.md, "Claims"); here salaried in
 * the sandbox's EHPAD (sector `SA17`).
 */
const rppsPlusAtEhpad = (role: string): SandboxExercice => ({
  professionCode: '99',
  categoryCode: 'C',
  activities: [{ mode: 'S', sector: 'SA17', role, organization: 'EHPAD LES TILLEULS', postalCode: '31400' }],
});

export const SANDBOX_PROFESSIONALS: readonly SandboxProfessional[] = [
  {
    // RPPS médecin with two practices (médecin, and a second one), the first with two activities: a liberal
    // cabinet and a hospital at a BAS FINESS with a letter (as the ANS's test médecin DOC0036624).
    nationalId: '899700366240',
    givenName: 'Claire',
    familyName: 'DUBOIS',
    civility: 'MME',
    label: 'Médecin (généraliste), deux exercices',
    origin: 'RPPS',
    hasCard: true,
    exercices: [
      {
        professionCode: '10',
        categoryCode: 'C',
        civilityCode: 'DR',
        skillCode: 'SM54',
        activities: [
          { ...cabinet('CABINET DU DR DUBOIS'), technicalId: 'R10100000366240' },
          {
            mode: 'S',
            sector: 'SA01',
            organization: 'HOPITAL GENERIQUE DE TEST',
            finess: '0B0172805',
            finessEj: '1B0062023',
            technicalId: 'F0B0172805',
            postalCode: '31059',
            commune: 'TOULOUSE',
          },
        ],
      },
      {
        professionCode: '40',
        categoryCode: 'C',
        activities: [{ ...cabinet('CENTRE DENTAIRE DE TEST'), mode: 'S', sector: 'SA05' }],
      },
    ],
  },
  {
    nationalId: '899701000012',
    givenName: 'Sophie',
    familyName: 'MARTIN',
    civility: 'MME',
    label: 'Infirmière',
    origin: 'RPPS',
    hasCard: true,
    exercices: [
      {
        professionCode: '60',
        categoryCode: 'C',
        activities: [
          {
            mode: 'S',
            sector: 'SA01',
            organization: 'CENTRE HOSPITALIER DE TEST',
            finess: '310000015',
            postalCode: '31000',
          },
        ],
      },
    ],
  },
  {
    nationalId: '899701000020',
    givenName: 'Lucas',
    familyName: 'BERNARD',
    civility: 'M',
    label: 'Psychologue',
    origin: 'RPPS',
    hasCard: true,
    exercices: [{ professionCode: '93', categoryCode: 'C', activities: [{ ...cabinet('CMP DE TEST'), mode: 'S' }] }],
  },
  {
    nationalId: '899701000038',
    givenName: 'Nadia',
    familyName: 'PETIT',
    civility: 'MME',
    label: 'Aide-soignante (RPPS+)',
    origin: 'RPPS',
    hasCard: false,
    exercices: [rppsPlusAtEhpad('313')],
  },
  {
    nationalId: '899701000046',
    givenName: 'Paul',
    familyName: 'MOREAU',
    civility: 'M',
    label: 'Directeur d’ESMS (RPPS+)',
    origin: 'RPPS',
    hasCard: false,
    exercices: [rppsPlusAtEhpad('359')],
  },
  {
    // `0` + ADELI number: professionals still known by their ADELI number.
    nationalId: '0319876543',
    givenName: 'Julie',
    familyName: 'LAMBERT',
    civility: 'MME',
    label: 'Orthophoniste (ADELI)',
    origin: 'ADELI',
    hasCard: true,
    exercices: [{ professionCode: '91', categoryCode: 'C', activities: [cabinet('CABINET D’ORTHOPHONIE')] }],
  },
  {
    // A BAS test identity made with the ANS's EDIT tool: SubjectNameID `ANS` + timestamp, otherIds origine EDIT.
    nationalId: 'ANS20210107161422',
    givenName: 'Paul',
    familyName: 'NOM',
    civility: 'M',
    label: 'Identité de test EDIT (médecin)',
    origin: 'EDIT',
    hasCard: false,
    exercices: [
      {
        professionCode: '10',
        categoryCode: 'C',
        civilityCode: 'M',
        activities: [
          cabinet('CAB MED BIS TOUBIB0023550', '75009'),
          { ...cabinet('HOPITAL GENERIQUE'), mode: 'S', sector: 'SA01' },
        ],
      },
    ],
  },
  {
    // Establishment staff holding a CPE card, no RPPS number: `3` + BAS FINESS (with a letter) + `/` + internal
    // id, and an empty profession code; this payload uses the `otherIDs` and top-level `codeCivilite` spellings.
    nationalId: '30B0168811/CPET00001',
    givenName: 'Camille',
    familyName: 'SECRETARIAT',
    civility: 'MME',
    label: 'Personnel d’établissement (carte CPE)',
    origin: 'FINESS',
    hasCard: true,
    spelling: { otherIds: 'otherIDs', civility: 'top-level' },
    exercices: [
      {
        professionCode: '',
        categoryCode: '',
        activities: [
          {
            mode: 'S',
            sector: 'SA01',
            organization: 'CENTRE HOSPITALIER DE TEST (BAS)',
            finess: '0B0168811',
            finessEj: '1B0058982',
            technicalId: 'F0B0168811',
            postalCode: '31000',
          },
        ],
      },
    ],
  },
  {
    // An infirmier whose e-CPS has expired: PSC has no active e-CPS to send an approval request to.
    nationalId: '899701000053',
    givenName: 'Marc',
    familyName: 'ROUX',
    civility: 'M',
    label: 'Infirmier (e-CPS expirée)',
    origin: 'RPPS',
    hasCard: false,
    eCps: 'expired',
    exercices: [{ professionCode: '60', categoryCode: 'C', activities: [cabinet('CABINET INFIRMIER ROUX')] }],
  },
];

/** The technical `sub` PSC gives: `f:<federation uuid>:<national identifier>` (never an identity). */
export function pscSubject(nationalId: string): string {
  return `f:a6c8e4b2-3f1d-4c7a-9e0b-5d2f8a1c7e93:${nationalId}`;
}

/** An activity with the 30 keys PSC sends, empty unless known. */
function pscActivity(a: SandboxActivity): Record<string, string> {
  return {
    codeModeExercice: a.mode,
    codeSecteurDactivite: a.sector,
    codeSectionPharmacien: '',
    codeRole: a.role ?? '',
    codeGenreActivite: 'GENR01',
    numeroSiretSite: a.siret ?? '',
    numeroSirenSite: a.siret?.slice(0, 9) ?? '',
    numeroFinessSite: a.finess ?? '',
    numeroFinessetablissementJuridique: a.finessEj ?? '',
    identifiantTechniqueDeLaStructure: a.technicalId ?? '',
    raisonSocialeSite: a.organization,
    enseigneCommercialeSite: '',
    complementDestinataire: '',
    complementPointGeographique: '',
    numeroVoie: '1',
    indiceRepetitionVoie: '',
    codeTypeDeVoie: 'R',
    libelleVoie: 'DE LA REPUBLIQUE',
    mentionDistribution: '',
    bureauCedex: '',
    codePostal: a.postalCode,
    codeCommune: a.commune ? '31555' : '',
    codePays: '',
    telephone: '',
    telephone2: '',
    telecopie: '',
    adresseEMail: '',
    codeDepartement: a.postalCode.slice(0, 2),
    ancienIdentifiantDeLaStructure: '',
    autoriteDenregistrement: '',
  };
}

/** Userinfo in PSC's shape and spellings (every top-level key real PSC answers carry). */
export function pscUserInfo(p: SandboxProfessional): Record<string, unknown> {
  const first = p.exercices[0];
  const firstActivity = first?.activities[0];
  const otherIds = [{ identifiant: p.nationalId, origine: p.origin, qualite: 1 }];
  const refPro: Record<string, unknown> = {
    exercices: p.exercices.map((e) => ({
      codeProfession: e.professionCode,
      codeCategorieProfessionnelle: e.categoryCode,
      codeCiviliteDexercice: e.civilityCode ?? '',
      nomDexercice: p.familyName,
      prenomDexercice: p.givenName.toUpperCase(),
      codeTypeSavoirFaire: e.skillCode ? 'S' : '',
      codeSavoirFaire: e.skillCode ?? '',
      activities: e.activities.map(pscActivity),
    })),
  };
  const info: Record<string, unknown> = {
    Secteur_Activite: firstActivity ? `${firstActivity.sector}^1.2.250.1.71.4.2.4` : '',
    sub: pscSubject(p.nationalId),
    email_verified: false,
    SubjectOrganization: firstActivity?.organization ?? '',
    Mode_Acces_Raison: '',
    preferred_username: p.nationalId,
    given_name: p.givenName.toUpperCase(),
    Acces_Regulation_Medicale: 'FAUX',
    UITVersion: '1.0',
    Palier_Authentification: 'APPPRIP3^1.2.250.1.213.1.5.1.1.1',
    SubjectRefPro: refPro,
    SubjectOrganizationID: firstActivity?.technicalId ?? '',
    SubjectRole: p.exercices
      .filter((e) => e.professionCode !== '')
      .map((e) => `${e.professionCode}^1.2.250.1.213.1.1.5.5`),
    PSI_Locale: '1.2.250.1.213.1.3.1.1',
    [p.spelling?.otherIds ?? 'otherIds']: otherIds,
    SubjectNameID: p.nationalId,
    family_name: p.familyName,
  };
  if (p.spelling?.civility === 'top-level') info.codeCivilite = p.civility;
  else refPro.codeCivilite = p.civility;
  // keep SubjectRefPro's key order as PSC sends it: codeCivilite first
  if (refPro.codeCivilite !== undefined) info.SubjectRefPro = { codeCivilite: p.civility, exercices: refPro.exercices };
  return info;
}

/** Every claim name the sandbox can answer with (scope `scope_all`). */
export function pscClaimNames(professionals: readonly SandboxProfessional[]): string[] {
  const names = new Set<string>();
  for (const p of professionals) for (const k of Object.keys(pscUserInfo(p))) if (k !== 'sub') names.add(k);
  return [...names];
}
