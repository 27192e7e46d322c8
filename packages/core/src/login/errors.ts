/**
 * The errors of the sign-in journey (`<af-login>` and its machine): the closed set and `LoginError`
 * (`../errors/login.ts`), and the lossless mapping of every other domain's codes into it (`../errors/login-codes.ts`).
 * Services (adapters of the card agent client, of the PSC client, of the host backend) may throw anything: the
 * machine turns it into a `LoginError` with `toLoginError`.
 */
export {
  isLoginErrorCode,
  LOGIN_ERROR_CODES,
  LOGIN_ERROR_MESSAGES,
  LOGIN_ERRORS,
  LoginError,
  type LoginErrorCode,
} from '../errors/login.js';
export {
  AGENT_TO_LOGIN,
  agentProblemInfo,
  errorInfo,
  HOST_TO_LOGIN,
  type LoginErrorInfo,
  type LoginErrorSummary,
  loginErrorSummary,
  ORIGIN_REFUSED,
  PSC_TO_LOGIN,
  toLoginError,
} from '../errors/login-codes.js';
