export { identityFromPscUserInfo, RPPS_PLUS_PROFESSION_CODE } from './from-psc.js';
export {
  displayNameOf,
  IdentityError,
  type IdentityErrorCode,
  type IdentityIdType,
  type PracticeActivity,
  type ProfessionalIdentity,
  type ProfessionalPractice,
} from './identity.js';
