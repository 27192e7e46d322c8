/**
 * Where the element remembers, across PSC's full-page redirect, that a sign-in was started here. Only a timestamp:
 * the machine's snapshot is not persisted (restoring it would re-run the redirect that was under way), and the
 * PIN is never stored anywhere.
 */
export const LOGIN_RESUME_KEY = 'authforte.login.resume';
const RESUME_TTL_MS = 15 * 60_000;

export function session(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export function takeResumeMarker(): boolean {
  const s = session();
  const raw = s?.getItem(LOGIN_RESUME_KEY);
  if (!raw) return false;
  s?.removeItem(LOGIN_RESUME_KEY);
  try {
    const at = Number((JSON.parse(raw) as { at?: unknown })?.at);
    return Number.isFinite(at) && Date.now() - at < RESUME_TTL_MS;
  } catch {
    return false;
  }
}
