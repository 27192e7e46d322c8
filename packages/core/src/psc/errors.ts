/**
 * The closed set of errors the PSC clients (browser, backend mode, server) can produce.
 * Each code has a user message per locale and the error carries a developer message.
 */
export type PscErrorCode =
  | 'psc-refused'
  | 'psc-expired'
  | 'psc-unknown-user'
  | 'psc-state-mismatch'
  | 'psc-nonce-mismatch'
  | 'psc-acr-too-low'
  | 'psc-bad-id-token'
  | 'psc-bad-discovery'
  | 'psc-bad-userinfo'
  | 'psc-bad-callback'
  | 'psc-bad-response'
  | 'psc-unreachable'
  | 'psc-not-signed-in'
  | 'psc-popup-blocked'
  | 'psc-config'
  | 'rate-limited'
  | 'timeout'
  | 'cancelled';

export const PSC_ERROR_CODES: readonly PscErrorCode[] = [
  'psc-refused',
  'psc-expired',
  'psc-unknown-user',
  'psc-state-mismatch',
  'psc-nonce-mismatch',
  'psc-acr-too-low',
  'psc-bad-id-token',
  'psc-bad-discovery',
  'psc-bad-userinfo',
  'psc-bad-callback',
  'psc-bad-response',
  'psc-unreachable',
  'psc-not-signed-in',
  'psc-popup-blocked',
  'psc-config',
  'rate-limited',
  'timeout',
  'cancelled',
];

/** What a person reads for each code (French is the default; English complete). */
export const PSC_ERROR_MESSAGES: Record<PscErrorCode, { fr: string; en: string }> = {
  'psc-refused': {
    fr: 'La connexion avec Pro Santé Connect a été refusée.',
    en: 'Sign-in with Pro Santé Connect was refused.',
  },
  'psc-expired': {
    fr: "La demande de connexion a expiré. Recommencez et validez-la plus rapidement dans l'application e-CPS.",
    en: 'The sign-in request expired. Start again and approve it sooner in the e-CPS app.',
  },
  'psc-unknown-user': {
    fr: "Cet identifiant national n'a pas d'e-CPS active. Vérifiez le numéro (8 suivi du numéro RPPS) ou activez votre e-CPS.",
    en: 'This national identifier has no active e-CPS. Check the number (8 followed by the RPPS number) or activate your e-CPS.',
  },
  'psc-state-mismatch': {
    fr: "La réponse de Pro Santé Connect ne correspond à aucune connexion en cours. Recommencez depuis l'application.",
    en: 'The Pro Santé Connect response matches no sign-in in progress. Start again from the application.',
  },
  'psc-nonce-mismatch': {
    fr: 'La réponse de Pro Santé Connect a été rejetée (jeton rejoué ou inattendu). Recommencez.',
    en: 'The Pro Santé Connect response was rejected (replayed or unexpected token). Start again.',
  },
  'psc-acr-too-low': {
    fr: "Le niveau d'authentification obtenu est insuffisant : une authentification forte (carte CPS ou e-CPS) est exigée.",
    en: 'The authentication level is too low: strong authentication (CPS card or e-CPS) is required.',
  },
  'psc-bad-id-token': {
    fr: "Le jeton d'identité reçu n'est pas valide (émetteur, destinataire, signature ou date). La connexion a été bloquée.",
    en: 'The ID token received is not valid (issuer, audience, signature or dates). Sign-in was blocked.',
  },
  'psc-bad-discovery': {
    fr: 'La configuration de Pro Santé Connect est illisible ou incohérente.',
    en: 'The Pro Santé Connect configuration document is unreadable or inconsistent.',
  },
  'psc-bad-userinfo': {
    fr: 'Les informations du professionnel reçues de Pro Santé Connect sont incomplètes ou illisibles.',
    en: "The professional's data received from Pro Santé Connect is incomplete or unreadable.",
  },
  'psc-bad-callback': {
    fr: 'Le retour de Pro Santé Connect est incomplet ou mal formé.',
    en: 'The Pro Santé Connect return address is incomplete or malformed.',
  },
  'psc-bad-response': {
    fr: 'Pro Santé Connect a répondu de façon inattendue. Réessayez plus tard.',
    en: 'Pro Santé Connect answered unexpectedly. Try again later.',
  },
  'psc-unreachable': {
    fr: 'Pro Santé Connect est injoignable. Vérifiez votre connexion et réessayez.',
    en: 'Pro Santé Connect cannot be reached. Check your connection and try again.',
  },
  'psc-not-signed-in': {
    fr: "Vous n'êtes pas connecté avec Pro Santé Connect.",
    en: 'You are not signed in with Pro Santé Connect.',
  },
  'psc-popup-blocked': {
    fr: "La fenêtre de connexion n'a pas pu s'ouvrir. Autorisez les fenêtres surgissantes pour ce site.",
    en: 'The sign-in window could not open. Allow pop-ups for this site.',
  },
  'psc-config': {
    fr: 'Pro Santé Connect est mal configuré dans cette application.',
    en: 'Pro Santé Connect is misconfigured in this application.',
  },
  'rate-limited': {
    fr: 'Trop de demandes de validation e-CPS ont été envoyées. Patientez avant de réessayer, ou connectez-vous avec votre carte CPS.',
    en: 'Too many e-CPS approval requests were sent. Wait before trying again, or sign in with your CPS card.',
  },
  timeout: {
    fr: 'La connexion a pris trop de temps. Recommencez.',
    en: 'Sign-in took too long. Start again.',
  },
  cancelled: {
    fr: 'La connexion a été annulée.',
    en: 'Sign-in was cancelled.',
  },
};

/** An error of the PSC clients: `code` is one of {@link PSC_ERROR_CODES}; `message` is for developers. */
export class PscError extends Error {
  override readonly name = 'PscError';
  readonly code: PscErrorCode;
  /** For `rate-limited`: whole seconds before a new attempt is accepted. */
  readonly retryAfter?: number;
  constructor(code: PscErrorCode, message?: string, options?: { cause?: unknown; retryAfter?: number }) {
    super(message ?? PSC_ERROR_MESSAGES[code].en, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options?.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }
  /** The message to show a person, in `locale` (French by default). */
  userMessage(locale: 'fr' | 'en' = 'fr'): string {
    return PSC_ERROR_MESSAGES[this.code][locale];
  }
}

export function isPscError(value: unknown): value is PscError {
  return (
    value instanceof PscError ||
    (value instanceof Error && value.name === 'PscError' && PSC_ERROR_CODES.includes((value as PscError).code))
  );
}

export function isPscErrorCode(value: unknown): value is PscErrorCode {
  return typeof value === 'string' && (PSC_ERROR_CODES as readonly string[]).includes(value);
}

/**
 * The error an OAuth error response (`error` parameter of a callback, or an error body of the token
 * endpoint) stands for.
 */
export function pscErrorFromOAuthError(error: string, description?: string): PscError {
  const detail = description ? `${error}: ${description}` : error;
  switch (error) {
    case 'access_denied':
      return /expir/i.test(description ?? '')
        ? new PscError('psc-expired', detail)
        : new PscError('psc-refused', detail);
    case 'expired_token':
      return new PscError('psc-expired', detail);
    case 'login_required':
    case 'interaction_required':
    case 'consent_required':
    case 'account_selection_required':
      return new PscError('psc-refused', detail);
    case 'invalid_grant':
      return new PscError('psc-state-mismatch', detail);
    case 'unknown_user_id':
      return new PscError('psc-unknown-user', detail);
    case 'unauthorized_client':
    case 'invalid_client':
    case 'invalid_binding_message':
    case 'missing_user_code':
    case 'invalid_user_code':
    case 'invalid_scope':
    case 'invalid_request':
    case 'unsupported_response_type':
      return new PscError('psc-config', detail);
    default:
      return new PscError('psc-bad-response', detail);
  }
}
