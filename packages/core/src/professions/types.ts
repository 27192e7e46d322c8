/**
 * Public types of the profession classifier.
 *
 * The names marked "public contract" are fixed by `shared/design/ARCHITECTURE.md`; the others are additions
 * that keep the same meanings.
 */

/** The four categories of professional of the domain guide (public contract). */
export type Category = 'ordre' | 'ars' | 'role' | 'autre';

/**
 * ANS nomenclatures (NOS) that carry profession or role codes (public contract).
 * - `TRE_G15` ProfessionSante — regulated health professions;
 * - `TRE_R95` UsagerTitre — protected titles (ostéopathe, psychologue…);
 * - `TRE_R94` ProfessionSocial — social professions (assistant de service social);
 * - `TRE_R85` RolePriseCharge — roles of professionals registered in RPPS+;
 * - `TRE_R291` AutreProfession — its only active code, 99 "Acteur participant au système de santé caractérisé par
 *   rôle", says "see the TRE_R85 role": it identifies no profession by itself.
 */
export type CodeSystem = 'TRE_G15' | 'TRE_R95' | 'TRE_R94' | 'TRE_R85' | 'TRE_R291';

/** One official code of a profession or role. */
export interface ProfessionCode {
  readonly system: CodeSystem;
  readonly code: string;
}

/** The seven professional orders (`ordre` category). */
export type OrderId =
  | 'medecins'
  | 'chirurgiens-dentistes'
  | 'sages-femmes'
  | 'pharmaciens'
  | 'masseurs-kinesitherapeutes'
  | 'pedicures-podologues'
  | 'infirmiers';

/**
 * Where an entry of the reference data comes from:
 * - `guide`: named in the domain guide;
 * - `rpps-plus`: a role selectable on the RPPS+ portal (ANS value set JDV_J121 RolePriseCharge-ENREG) that the guide
 *   does not name; classified `autre`, as the guide's "Autres professionnels" are.
 */
export type ProfessionSource = 'guide' | 'rpps-plus';

/** A profession or role of the reference data (public contract: id, label, codes, category). */
export interface Profession {
  /** Stable kebab-case ASCII id. */
  readonly id: string;
  /** French label, as users expect to read it. */
  readonly label: string;
  /** English label. */
  readonly labelEn: string;
  /** French feminine form, only where it differs from `label`. */
  readonly labelFeminine?: string;
  readonly category: Category;
  /** Official codes; empty when the nomenclatures have none. */
  readonly codes: readonly ProfessionCode[];
  /** The professional order, for the `ordre` category only. */
  readonly order?: OrderId;
  /** Other names, spellings and abbreviations used in the field (searched like the label). */
  readonly synonyms: readonly string[];
  readonly source: ProfessionSource;
}

/** Portal on which the professional is registered (public contract). */
export type RegistrationPortal = 'ordre' | 'erpps' | 'rpps-plus';

/** Who registers the professional. */
export type Registrar = 'ordre' | 'ars' | 'etablissement';

/**
 * How the registration is done:
 * - `ordre-portal`: with one's order, on its registration portal;
 * - `erpps`: on the eRPPS portal;
 * - `establishment-registers`: the establishment gathers the requests and registers the professional on RPPS+;
 * - `self-service-franceconnect`: the professional starts the request on RPPS+ with FranceConnect and the
 *   establishment validates it.
 */
export type RegistrationMethod = 'ordre-portal' | 'erpps' | 'establishment-registers' | 'self-service-franceconnect';

export interface Registration {
  readonly portal: RegistrationPortal;
  readonly registeredBy: Registrar;
  /** Set for the `ordre` category. */
  readonly order?: OrderId;
  readonly methods: readonly RegistrationMethod[];
  /**
   * The establishment must first have contracted with the ANS and designated one or more "gestionnaire(s) RPPS+"
   * (true for RPPS+ registrations).
   */
  readonly establishmentPrerequisites: boolean;
}

/** Which strong-authentication card the professional can have (public contract). */
export interface CardEligibility {
  readonly physicalCps: boolean;
  readonly eCps: boolean;
}

/** What a category implies, independent of the profession. */
export interface CategoryInfo {
  readonly id: Category;
  /** French title used by the guide, e.g. "Professionnels à ordre". */
  readonly label: string;
  readonly labelEn: string;
  readonly registration: Omit<Registration, 'order'>;
  readonly cards: CardEligibility;
  /** The guide's note "ADELI professionals moved to the RPPS directory in October 2024" applies. */
  readonly adeliMigration: boolean;
}

/** The answer of `classifyProfession` (public contract: category, profession, registration.portal, cards). */
export interface Classification {
  category: Category;
  profession: Profession;
  registration: Registration;
  cards: CardEligibility;
  /** The ADELI → RPPS (October 2024) note applies (`ars` category). */
  adeliMigration: boolean;
  /**
   * Other plausible professions when a text query was ambiguous, best first; empty when the best candidate is
   * clearly ahead, and always empty for a code input.
   */
  alternatives: Profession[];
  /** `alternatives.length > 0`. */
  ambiguous: boolean;
  /** Match score of `profession`, in (0, 1]; 1 for a code or an exact name. */
  score: number;
  /** What the input was. */
  matchedBy: 'code' | 'text' | 'id';
}

/** One ranked candidate of `searchProfessions`. */
export interface ProfessionMatch {
  profession: Profession;
  /** In (0, 1]; 1 means the query is exactly the label (or a feminine/compact form of it). */
  score: number;
}

export interface SearchOptions {
  /** Maximum number of candidates (default 10). */
  limit?: number;
}

/** A code input of `classifyProfession`. */
export interface ProfessionCodeInput {
  system: CodeSystem;
  code: string;
}
