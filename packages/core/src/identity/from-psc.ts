import { classifyProfession, classifyProfessionCode, nationalIdType, parseNationalId } from './deps.js';
import {
  displayNameOf,
  IdentityError,
  type PracticeActivity,
  type ProfessionalIdentity,
  type ProfessionalPractice,
} from './identity.js';

/** The TRE_G15 code PSC gives RPPS+ professionals; their profession is the TRE_R85 role of their activities. */
export const RPPS_PLUS_PROFESSION_CODE = '99';

const MAX_PRACTICES = 200;
const MAX_ACTIVITIES = 200;
const MAX_OTHER_IDS = 50;
/** Longest `SubjectNameID` taken as an identity (real ones are under 40 characters). */
const MAX_SUBJECT_NAME_ID_LENGTH = 256;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A non-empty trimmed string, or undefined for absent/empty; anything else is malformed. */
function optString(obj: Record<string, unknown>, key: string, where: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw new IdentityError('identity-malformed', `${where}.${key} is not a string`);
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** The first of `keys` that `obj` carries (PSC's spellings vary between payloads). */
function firstString(obj: Record<string, unknown>, keys: readonly string[], where: string): string | undefined {
  for (const key of keys) {
    const v = optString(obj, key, where);
    if (v !== undefined) return v;
  }
  return undefined;
}

function activityOf(raw: unknown, where: string): PracticeActivity {
  if (!isObject(raw)) throw new IdentityError('identity-malformed', `${where} is not an object`);
  const a: PracticeActivity = {};
  const set = (field: keyof PracticeActivity, ...keys: string[]) => {
    const v = firstString(raw, keys, where);
    if (v !== undefined) a[field] = v;
  };
  set('roleCode', 'codeRole');
  // Real PSC spells it `codeSecteurDactivite` (ANS payloads in erickriegel/esignsante-fse-psc HelperTest.java);
  // the capitalised spelling is read too.
  set('sectorCode', 'codeSecteurDactivite', 'codeSecteurDActivite');
  set('modeCode', 'codeModeExercice');
  set('organizationName', 'raisonSocialeSite');
  set('organizationId', 'identifiantTechniqueDeLaStructure');
  set('finess', 'numeroFinessSite');
  set('siret', 'numeroSiretSite');
  return a;
}

function practiceOf(raw: unknown, where: string): ProfessionalPractice {
  if (!isObject(raw)) throw new IdentityError('identity-malformed', `${where} is not an object`);
  // Establishment staff (CPE holders without an RPPS number) come with `"codeProfession": ""`: an unclassified
  // practice, never a malformed payload.
  const professionCode = optString(raw, 'codeProfession', where) ?? '';
  const rawActivities = raw.activities ?? [];
  if (!Array.isArray(rawActivities)) throw new IdentityError('identity-malformed', `${where}.activities is not a list`);
  if (rawActivities.length > MAX_ACTIVITIES)
    throw new IdentityError('identity-malformed', `${where}.activities is too long`);
  const activities = rawActivities.map((a, i) => activityOf(a, `${where}.activities[${i}]`));
  const roleCodes = [...new Set(activities.map((a) => a.roleCode).filter((c): c is string => c !== undefined))];

  let classification = null;
  let classifiedBy: ProfessionalPractice['classifiedBy'] = null;
  if (professionCode !== '' && professionCode !== RPPS_PLUS_PROFESSION_CODE) {
    // PSC's codeProfession is the RPPS profession code, drawn from TRE_G15, TRE_R95 or TRE_R94 without saying which
    classification = classifyProfessionCode(professionCode);
    if (classification) classifiedBy = 'profession';
  }
  if (!classification) {
    // RPPS+ professionals (code 99), and a practice whose code is empty or unknown: the TRE_R85 role says more.
    for (const code of roleCodes) {
      classification = classifyProfession({ system: 'TRE_R85', code });
      if (classification) break;
    }
    if (classification) classifiedBy = 'role';
  }
  const practice: ProfessionalPractice = {
    professionCode,
    roleCodes,
    classification,
    classifiedBy,
    label: classification?.profession.label ?? professionCode,
    activities,
  };
  const category = optString(raw, 'codeCategorieProfessionnelle', where);
  if (category !== undefined) practice.categoryCode = category;
  const skill = optString(raw, 'codeSavoirFaire', where);
  if (skill !== undefined) practice.skillCode = skill;
  return practice;
}

/**
 * The professional identity carried by a Pro Santé Connect userinfo answer. The identity is the national
 * identifier `SubjectNameID` — never `sub`, which is technical. Each practice of `SubjectRefPro.exercices`
 * is classified with `classifyProfession`: `codeProfession` in TRE_G15, TRE_R95 or TRE_R94; for RPPS+ professionals
 * (code `99`, TRE_R291) the TRE_R85 role of their activities.
 *
 * @throws IdentityError `identity-missing-national-id` when there is no `SubjectNameID`,
 *   `identity-malformed` when the payload is not PSC's shape.
 */
export function identityFromPscUserInfo(userinfo: unknown): ProfessionalIdentity {
  if (!isObject(userinfo)) throw new IdentityError('identity-malformed', 'The userinfo payload is not a JSON object');
  const rawId = userinfo.SubjectNameID;
  if (rawId === undefined || rawId === null || (typeof rawId === 'string' && rawId.trim() === '')) {
    throw new IdentityError(
      'identity-missing-national-id',
      'The userinfo payload has no SubjectNameID (national identifier)',
    );
  }
  if (typeof rawId !== 'string') throw new IdentityError('identity-malformed', 'SubjectNameID is not a string');
  // Any non-empty SubjectNameID is the identity, whatever its form: RPPS, ADELI, establishment staff
  // (`30B0168811/CPET00001`), BAS EDIT test identities (`ANS20210107161422`), forms yet unknown.
  const trimmed = rawId.trim();
  if (trimmed.length > MAX_SUBJECT_NAME_ID_LENGTH || /\p{Cc}/u.test(trimmed)) {
    throw new IdentityError('identity-malformed', 'SubjectNameID is too long or has control characters');
  }
  let nationalId = trimmed;
  try {
    nationalId = parseNationalId(trimmed).normalized;
  } catch {
    // not a TRE_G08 form: kept as PSC gave it
  }
  const idType = nationalIdType(nationalId);

  let practices: ProfessionalPractice[] = [];
  let civility: string | undefined;
  const refPro = userinfo.SubjectRefPro;
  if (refPro !== undefined && refPro !== null) {
    if (!isObject(refPro)) throw new IdentityError('identity-malformed', 'SubjectRefPro is not an object');
    civility = optString(refPro, 'codeCivilite', 'SubjectRefPro');
    const exercices = refPro.exercices ?? [];
    if (!Array.isArray(exercices))
      throw new IdentityError('identity-malformed', 'SubjectRefPro.exercices is not a list');
    if (exercices.length > MAX_PRACTICES)
      throw new IdentityError('identity-malformed', 'SubjectRefPro.exercices is too long');
    practices = exercices.map((e, i) => practiceOf(e, `SubjectRefPro.exercices[${i}]`));
  }

  // `codeCivilite` is in SubjectRefPro, and may be top-level too (erickriegel/esignsante-fse-psc PSC200 captures).
  civility ??= auxString(userinfo, 'codeCivilite');

  const firstExercice =
    isObject(refPro) && Array.isArray(refPro.exercices) && isObject(refPro.exercices[0])
      ? refPro.exercices[0]
      : undefined;
  const familyName =
    optString(userinfo, 'family_name', 'userinfo') ??
    (firstExercice ? optString(firstExercice, 'nomDexercice', 'exercice') : undefined);
  if (familyName === undefined)
    throw new IdentityError('identity-malformed', 'The userinfo payload has no family_name');
  const givenName =
    optString(userinfo, 'given_name', 'userinfo') ??
    (firstExercice ? optString(firstExercice, 'prenomDexercice', 'exercice') : undefined);

  const identity: ProfessionalIdentity = {
    source: 'psc',
    nationalId,
    idType,
    familyName,
    displayName: displayNameOf(givenName, familyName),
    practices,
  };
  if (idType === 'rpps' || idType === 'adeli') {
    identity[idType === 'rpps' ? 'rppsNumber' : 'adeliNumber'] = nationalId.slice(1);
  }
  const organization = auxString(userinfo, 'SubjectOrganization');
  if (organization !== undefined) identity.organization = organization;
  const otherIds = otherIdsOf(userinfo.otherIds ?? userinfo.otherIDs);
  if (otherIds.length > 0) identity.otherIds = otherIds;
  if (givenName !== undefined) identity.givenName = givenName;
  if (civility !== undefined) identity.civility = civility;
  return identity;
}

/** A string (or number) value of an auxiliary claim, else undefined: such claims never refuse a sign-in. */
function auxString(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' || t.length > 500 ? undefined : t;
}

/** `otherIds` / `otherIDs`: `[{identifiant, origine, qualite}]`; entries of another shape are skipped. */
function otherIdsOf(raw: unknown): NonNullable<ProfessionalIdentity['otherIds']> {
  if (!Array.isArray(raw)) return [];
  const out: NonNullable<ProfessionalIdentity['otherIds']> = [];
  for (const entry of raw.slice(0, MAX_OTHER_IDS)) {
    if (!isObject(entry)) continue;
    const id = auxString(entry, 'identifiant');
    if (id === undefined) continue;
    const item: (typeof out)[number] = { id };
    const origin = auxString(entry, 'origine');
    if (origin !== undefined) item.origin = origin;
    const quality = auxString(entry, 'qualite');
    if (quality !== undefined) item.quality = quality;
    out.push(item);
  }
  return out;
}
