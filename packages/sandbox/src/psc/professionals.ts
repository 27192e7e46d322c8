/**
 * Test professionals of the sandbox PSC, one per category of the guide, with userinfo in PSC's JSON shape.
 * National identifiers are `8` + an 11-digit RPPS number with a valid Luhn key (the `997…` test range).
 */
export interface SandboxProfessional {
  nationalId: string;
  givenName: string;
  familyName: string;
  civility: 'M' | 'MME';
  /** TRE_G15 profession code (`99` for RPPS+ professionals). */
  professionCode: string;
  /** TRE_R09 professional category. */
  categoryCode: string;
  /** What the sandbox lists them as (French). */
  label: string;
  skillCode?: string;
  /** TRE_R85 role for RPPS+ professionals. */
  roleCode?: string;
  organization: string;
  /** Has a physical CPS card (the "Carte CPS" tab offers them). */
  hasCard: boolean;
}

/** PIN of every test card in the "Carte CPS" tab. */
export const SANDBOX_CARD_PIN = '1234';

export const SANDBOX_PROFESSIONALS: readonly SandboxProfessional[] = [
  {
    nationalId: '899700366240',
    givenName: 'Claire',
    familyName: 'DUBOIS',
    civility: 'MME',
    professionCode: '10',
    categoryCode: 'C',
    skillCode: 'SM54',
    label: 'Médecin (généraliste)',
    organization: 'CABINET DU DR DUBOIS',
    hasCard: true,
  },
  {
    nationalId: '899701000012',
    givenName: 'Sophie',
    familyName: 'MARTIN',
    civility: 'MME',
    professionCode: '60',
    categoryCode: 'C',
    label: 'Infirmière',
    organization: 'CENTRE HOSPITALIER DE TEST',
    hasCard: true,
  },
  {
    nationalId: '899701000020',
    givenName: 'Lucas',
    familyName: 'BERNARD',
    civility: 'M',
    professionCode: '93',
    categoryCode: 'C',
    label: 'Psychologue',
    organization: 'CMP DE TEST',
    hasCard: true,
  },
  {
    nationalId: '899701000038',
    givenName: 'Nadia',
    familyName: 'PETIT',
    civility: 'MME',
    professionCode: '99',
    categoryCode: 'C',
    roleCode: '313',
    label: 'Aide-soignante (RPPS+)',
    organization: 'EHPAD LES TILLEULS',
    hasCard: false,
  },
  {
    nationalId: '899701000046',
    givenName: 'Paul',
    familyName: 'MOREAU',
    civility: 'M',
    professionCode: '99',
    categoryCode: 'C',
    roleCode: '359',
    label: "Directeur d'ESMS (RPPS+)",
    organization: 'EHPAD LES TILLEULS',
    hasCard: false,
  },
];

/** The technical `sub` PSC gives: `f:<federation uuid>:<national identifier>` (never an identity). */
export function pscSubject(nationalId: string): string {
  return `f:a6c8e4b2-3f1d-4c7a-9e0b-5d2f8a1c7e93:${nationalId}`;
}

/** Userinfo in PSC's shape (the fields AuthForte and ANS integrations read, plus a few PSC carries). */
export function pscUserInfo(p: SandboxProfessional): Record<string, unknown> {
  return {
    sub: pscSubject(p.nationalId),
    SubjectNameID: p.nationalId,
    preferred_username: p.nationalId,
    given_name: p.givenName.toUpperCase(),
    family_name: p.familyName,
    email_verified: false,
    UITVersion: '1.0',
    SubjectOrganization: p.organization,
    SubjectRole: [`${p.professionCode}^1.2.250.1.213.1.1.5.5`],
    Palier_Authentification: 'APPPRIP3^1.2.250.1.213.1.5.1.1.1',
    otherIds: [{ identifiant: p.nationalId, origine: 'RPPS', qualite: 1 }],
    SubjectRefPro: {
      codeCivilite: p.civility,
      exercices: [
        {
          codeProfession: p.professionCode,
          codeCategorieProfessionnelle: p.categoryCode,
          codeCiviliteDexercice: p.professionCode === '10' ? 'DR' : '',
          nomDexercice: p.familyName,
          prenomDexercice: p.givenName.toUpperCase(),
          codeTypeSavoirFaire: p.skillCode ? 'S' : '',
          codeSavoirFaire: p.skillCode ?? '',
          activities: [
            {
              codeModeExercice: p.professionCode === '10' ? 'L' : 'S',
              codeSecteurDActivite: p.professionCode === '10' ? 'SA07' : 'SA01',
              codeSectionPharmacien: '',
              codeRole: p.roleCode ?? '',
              numeroSiretSite: '',
              numeroSirenSite: '',
              numeroFinessSite: '',
              numeroFinessetablissementJuridique: '',
              identifiantTechniqueDeLaStructure: `R1010000${p.nationalId.slice(-7)}`,
              raisonSocialeSite: p.organization,
              enseigneCommercialeSite: '',
              codePostal: '31000',
              commune: 'TOULOUSE',
            },
          ],
        },
      ],
    },
  };
}
