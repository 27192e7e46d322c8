/**
 * The professional identity that every AuthForte sign-in produces, whatever the means: Pro Santé Connect
 * (`source: 'psc'`) or a physical CPS card (`source: 'card'`).
 */
import type { Classification, NationalIdType } from './deps.js';

/**
 * The kinds of national identifier an identity may carry (`nationalIdType`): `rpps`, `adeli`, `finess-staff`
 * (`3` + FINESS + `/` + id), `siret-staff` (`5` + SIRET + `/` + id), `edit-test` (BAS `ANS…` test identity),
 * `other`.
 */
export type IdentityIdType = NationalIdType;

/** One activity of a practice (a place, a role). */
export interface PracticeActivity {
  /** TRE_R85 role code (RPPS+ professionals, profession `99`). */
  roleCode?: string;
  /** TRE_R02 sector code (`SA07` cabinet, `SA01` établissement de santé…), PSC's `codeSecteurDactivite`. */
  sectorCode?: string;
  /** TRE_R23 mode (`L` libéral, `S` salarié…). */
  modeCode?: string;
  organizationName?: string;
  /** Technical identifier of the structure (`R10100000206573`), FINESS or SIRET when given. */
  organizationId?: string;
  finess?: string;
  siret?: string;
}

/** One practice ("exercice professionnel") with its profession classified. */
export interface ProfessionalPractice {
  /**
   * TRE_G15 profession code as the source gave it (`10` médecin… `99` RPPS+); empty when PSC gives none, as for
   * establishment staff (`"codeProfession": ""`).
   */
  professionCode: string;
  /** TRE_R09 professional category (`C` civil, `M` military, `E` student). */
  categoryCode?: string;
  /** TRE_R38/R39/… skill ("savoir-faire") code, e.g. `SM54`. */
  skillCode?: string;
  /** Role codes (TRE_R85) found in the activities. */
  roleCodes: string[];
  /**
   * How the profession is classified (for `99`, or an empty or unknown code, the classification of a TRE_R85 role
   * of the activities); null for an unclassified practice.
   */
  classification: Classification | null;
  /** What gave the classification: the profession code, a role code, or nothing (unclassified practice). */
  classifiedBy?: 'profession' | 'role' | null;
  /** The profession's label when classified, else the raw code (empty when PSC gives none). */
  label: string;
  activities: PracticeActivity[];
}

export interface ProfessionalIdentity {
  source: 'psc' | 'card';
  /** National identifier ("identifiant national", e.g. `899700366240` = `8` + RPPS). */
  nationalId: string;
  /**
   * `rpps` (`8` + RPPS), `adeli` (`0` + ADELI), `structure` (staff identified through a structure), or `other`
   * when the source gives an identifier of another form (the card path may).
   */
  idType: IdentityIdType;
  rppsNumber?: string;
  adeliNumber?: string;
  givenName?: string;
  familyName: string;
  /** "Given FAMILY", for display (read-only identity in the account-link form). */
  displayName: string;
  /** Civility code (`M`, `MME`) when known. */
  civility?: string;
  /** PSC's `SubjectOrganization` (the structure of the first activity), when given. */
  organization?: string;
  /** PSC's `otherIds` (also spelled `otherIDs`): the person's identifiers in other registries. */
  otherIds?: Array<{ id: string; origin?: string; quality?: string }>;
  practices: ProfessionalPractice[];
}

export type IdentityErrorCode = 'identity-missing-national-id' | 'identity-malformed';

/** A payload that cannot give a professional identity. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';
  readonly code: IdentityErrorCode;
  constructor(code: IdentityErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function displayNameOf(givenName: string | undefined, familyName: string): string {
  return [givenName, familyName].filter((s) => s && s.trim() !== '').join(' ');
}
