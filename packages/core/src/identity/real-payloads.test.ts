/**
 * identityFromPscUserInfo on userinfo answers shaped exactly like real Pro Santé Connect ones. The payloads are
 * built from public facts: the ANS test payloads quoted in `erickriegel/esignsante-fse-psc`
 * (`src/test/java/fr/ans/api/sign/esignsante/psc/api/utils/HelperTest.java`, `src/test/resources/PSC/*.json`:
 * key spellings such as `codeSecteurDactivite`, `otherIds`, BAS FINESS with letters, the EDIT identity
 * `ANS20210107161422`), the staff identifiers of `ansforge/psc-edc-proxy-esante` (`500000001815646/CPAT00045`)
 * and the Activity model of `prosanteconnect/proof-of-concept`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identityFromPscUserInfo } from './from-psc.js';

/** An activity with every key PSC sends (about 30), empty unless given. */
function activity(values: Record<string, string>): Record<string, string> {
  const keys = [
    'codeModeExercice',
    'codeSecteurDactivite',
    'codeSectionPharmacien',
    'codeRole',
    'codeGenreActivite',
    'numeroSiretSite',
    'numeroSirenSite',
    'numeroFinessSite',
    'numeroFinessetablissementJuridique',
    'identifiantTechniqueDeLaStructure',
    'raisonSocialeSite',
    'enseigneCommercialeSite',
    'complementDestinataire',
    'complementPointGeographique',
    'numeroVoie',
    'indiceRepetitionVoie',
    'codeTypeDeVoie',
    'libelleVoie',
    'mentionDistribution',
    'bureauCedex',
    'codePostal',
    'codeCommune',
    'codePays',
    'telephone',
    'telephone2',
    'telecopie',
    'adresseEMail',
    'codeDepartement',
    'ancienIdentifiantDeLaStructure',
    'autoriteDenregistrement',
  ];
  return { ...Object.fromEntries(keys.map((k) => [k, ''])), ...values };
}

function payload(subjectNameId: string, more: Record<string, unknown>): Record<string, unknown> {
  return {
    Secteur_Activite: 'SA07^1.2.250.1.71.4.2.4',
    sub: `f:550dc1c8-d97b-4b1e-ac8c-8eb4471cf9dd:${subjectNameId}`,
    email_verified: false,
    Mode_Acces_Raison: '',
    preferred_username: subjectNameId,
    Acces_Regulation_Medicale: 'FAUX',
    UITVersion: '1.0',
    Palier_Authentification: 'APPPRIP3^1.2.250.1.213.1.5.1.1.1',
    SubjectOrganizationID: '',
    PSI_Locale: '1.2.250.1.213.1.3.1.1',
    SubjectNameID: subjectNameId,
    ...more,
  };
}

/** ANS's own test médecin with a liberal practice and a hospital activity at a BAS FINESS `0B0172805`. */
const MEDECIN_TWO_ACTIVITIES = payload('899700366240', {
  SubjectOrganization: 'CABINET M DOC0036624',
  given_name: 'KIT',
  family_name: 'DOC0036624',
  SubjectOrganizationID: 'R95141',
  SubjectRole: ['10^1.2.250.1.213.1.1.5.5'],
  otherIds: [{ identifiant: '899700366240', origine: 'RPPS', qualite: 1 }],
  SubjectRefPro: {
    codeCivilite: 'M',
    exercices: [
      {
        codeProfession: '10',
        codeCategorieProfessionnelle: 'C',
        codeCiviliteDexercice: 'DR',
        nomDexercice: 'DOC0036624',
        prenomDexercice: 'KIT',
        codeTypeSavoirFaire: 'S',
        codeSavoirFaire: 'SM26',
        activities: [
          activity({
            codeModeExercice: 'L',
            codeSecteurDactivite: 'SA07',
            identifiantTechniqueDeLaStructure: 'R95141',
            raisonSocialeSite: 'CABINET M DOC0036624',
            codePostal: '75009',
          }),
          activity({
            codeModeExercice: 'S',
            codeSecteurDactivite: 'SA01',
            numeroFinessSite: '0B0172805',
            numeroFinessetablissementJuridique: '1B0062023',
            identifiantTechniqueDeLaStructure: 'F0B0172805',
            raisonSocialeSite: 'HOPITAL GENERIQUE  FIN VARI',
          }),
        ],
      },
    ],
  },
});

/** A BAS identity created with the ANS's EDIT tool (the ANS's userinfo example). */
const EDIT_TEST_IDENTITY = payload('ANS20210107161422', {
  SubjectOrganization: 'CAB MED BIS TOUBIB0023550',
  given_name: 'Paul',
  family_name: 'NOM',
  SubjectRole: ['10^1.2.250.1.213.1.1.5.5'],
  otherIds: [{ identifiant: 'ANS20210107161422', origine: 'EDIT', qualite: 1 }],
  SubjectRefPro: {
    codeCivilite: 'M',
    exercices: [
      {
        codeProfession: '10',
        codeCategorieProfessionnelle: 'C',
        codeCiviliteDexercice: 'M',
        nomDexercice: 'Docteur OIDC',
        prenomDexercice: 'Paul',
        codeTypeSavoirFaire: '',
        codeSavoirFaire: '',
        activities: [
          activity({ codeModeExercice: 'L', codeSecteurDactivite: 'SA07', codeGenreActivite: 'GENR01' }),
          activity({ codeModeExercice: 'S', codeSecteurDactivite: 'SA01', raisonSocialeSite: 'HOPITAL GENERIQUE' }),
        ],
      },
    ],
  },
});

/** A CPE holder of a BAS establishment: no RPPS number, empty profession code, `otherIDs`, top-level civility. */
const ESTABLISHMENT_STAFF = payload('30B0168811/CPET00001', {
  SubjectOrganization: 'CENTRE HOSPITALIER DE TEST',
  given_name: 'CAMILLE',
  family_name: 'SECRETARIAT',
  codeCivilite: 'MME',
  SubjectRole: [],
  otherIDs: [{ identifiant: '30B0168811/CPET00001', origine: 'FINESS', qualite: 1 }],
  SubjectRefPro: {
    exercices: [
      {
        codeProfession: '',
        codeCategorieProfessionnelle: '',
        codeCiviliteDexercice: '',
        nomDexercice: 'SECRETARIAT',
        prenomDexercice: 'CAMILLE',
        codeTypeSavoirFaire: '',
        codeSavoirFaire: '',
        activities: [
          activity({
            codeModeExercice: 'S',
            codeSecteurDactivite: 'SA01',
            numeroFinessSite: '0B0168811',
            numeroFinessetablissementJuridique: '1B0058982',
            raisonSocialeSite: 'CENTRE HOSPITALIER DE TEST',
          }),
        ],
      },
    ],
  },
});

describe('identityFromPscUserInfo on real-shaped PSC payloads', () => {
  it('RPPS médecin with two activities: sector from codeSecteurDactivite, BAS FINESS with letters kept', () => {
    const id = identityFromPscUserInfo(MEDECIN_TWO_ACTIVITIES);
    assert.equal(id.nationalId, '899700366240');
    assert.equal(id.idType, 'rpps');
    assert.equal(id.displayName, 'KIT DOC0036624');
    assert.equal(id.civility, 'M');
    assert.equal(id.organization, 'CABINET M DOC0036624');
    assert.deepEqual(id.otherIds, [{ id: '899700366240', origin: 'RPPS', quality: '1' }]);
    const [p] = id.practices;
    assert.equal(p?.label, 'Médecin');
    assert.equal(p?.classifiedBy, 'profession');
    assert.equal(p?.skillCode, 'SM26');
    assert.deepEqual(
      p?.activities.map((a) => [a.sectorCode, a.modeCode, a.finess]),
      [
        ['SA07', 'L', undefined],
        ['SA01', 'S', '0B0172805'],
      ],
    );
    assert.deepEqual(p?.roleCodes, []);
  });

  it('EDIT test identity ANS…: signs in as itself, edit-test, otherIds origin EDIT', () => {
    const id = identityFromPscUserInfo(EDIT_TEST_IDENTITY);
    assert.equal(id.nationalId, 'ANS20210107161422');
    assert.equal(id.idType, 'edit-test');
    assert.equal(id.rppsNumber, undefined);
    assert.equal(id.displayName, 'Paul NOM');
    assert.equal(id.otherIds?.[0]?.origin, 'EDIT');
    assert.equal(id.practices[0]?.classification?.category, 'ordre');
    assert.equal(id.practices[0]?.activities.length, 2);
  });

  it('establishment staff 3 + FINESS (letters) / id: finess-staff, unclassified practice, otherIDs, top-level civility', () => {
    const id = identityFromPscUserInfo(ESTABLISHMENT_STAFF);
    assert.equal(id.nationalId, '30B0168811/CPET00001');
    assert.equal(id.idType, 'finess-staff');
    assert.equal(id.civility, 'MME');
    assert.equal(id.otherIds?.[0]?.id, '30B0168811/CPET00001');
    const [p] = id.practices;
    assert.equal(p?.professionCode, '');
    assert.equal(p?.classification, null);
    assert.equal(p?.classifiedBy, null);
    assert.equal(p?.activities[0]?.finess, '0B0168811');
    assert.equal(p?.activities[0]?.sectorCode, 'SA01');
  });

  it('staff with an empty profession code but a TRE_R85 role gets the role guidance', () => {
    const staff = structuredClone(ESTABLISHMENT_STAFF) as { SubjectRefPro: { exercices: { activities: object[] }[] } };
    const ex = staff.SubjectRefPro.exercices[0];
    if (ex) ex.activities = [activity({ codeRole: '313', codeSecteurDactivite: 'SA01' })];
    const p = identityFromPscUserInfo(staff).practices[0];
    assert.equal(p?.classifiedBy, 'role');
    assert.equal(p?.classification?.category, 'role');
  });

  it('SIRET-based staff (the ANS proxy test identifier) is siret-staff', () => {
    const id = identityFromPscUserInfo(
      payload('500000001815646/CPAT00045', {
        family_name: 'AGENT',
        given_name: 'CPA',
        SubjectRefPro: { exercices: [] },
      }),
    );
    assert.equal(id.nationalId, '500000001815646/CPAT00045');
    assert.equal(id.idType, 'siret-staff');
  });

  it('an identifier of a form nobody knows yet still signs in, as other', () => {
    const id = identityFromPscUserInfo(payload('X-NOUVEAU-42', { family_name: 'NOUVEAU' }));
    assert.equal(id.nationalId, 'X-NOUVEAU-42');
    assert.equal(id.idType, 'other');
  });

  it('the capitalised codeSecteurDActivite spelling is read too', () => {
    const p = structuredClone(MEDECIN_TWO_ACTIVITIES) as {
      SubjectRefPro: { exercices: { activities: Record<string, string>[] }[] };
    };
    const a = p.SubjectRefPro.exercices[0]?.activities[0];
    if (a) {
      delete a.codeSecteurDactivite;
      a.codeSecteurDActivite = 'SA05';
    }
    assert.equal(identityFromPscUserInfo(p).practices[0]?.activities[0]?.sectorCode, 'SA05');
  });
});

describe('auxiliary claims never refuse a sign-in', () => {
  it('otherIds, SubjectOrganization and a top-level codeCivilite of an odd shape are skipped', () => {
    const odd = {
      ...MEDECIN_TWO_ACTIVITIES,
      otherIds: { identifiant: 'x' },
      SubjectOrganization: { nom: 'x' },
      codeCivilite: ['M'],
    };
    const id = identityFromPscUserInfo(odd);
    assert.equal(id.nationalId, '899700366240');
    assert.equal(id.otherIds, undefined);
    assert.equal(id.organization, undefined);
    assert.equal(id.civility, 'M');
    const entries = identityFromPscUserInfo({
      ...MEDECIN_TWO_ACTIVITIES,
      otherIds: [null, 'x', { origine: 'RPPS' }, { identifiant: '899700366240', origine: 'RPPS', qualite: 1 }],
    });
    assert.deepEqual(entries.otherIds, [{ id: '899700366240', origin: 'RPPS', quality: '1' }]);
  });
});
