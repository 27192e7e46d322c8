/**
 * The project's one redirect rule: where the application may send the browser after a sign-in or an account
 * link. Used by `@authforte/server` (the link endpoint's `redirectTo`, the PSC routes' `return_to` and every
 * `Location` they send) and by `<af-account-link>` before it navigates.
 *
 * A target is accepted only as a path of the application's own origin: it is parsed as the browser would parse it
 * (WHATWG URL), its origin compared with the application's, and what is returned is rebuilt from the parsed path,
 * query and fragment — never the string as given. Refused: anything that does not start with one `/`, control
 * characters (tab, newline… which browsers drop: `/\t/evil.example` is `//evil.example`), backslashes (which
 * browsers read as `/`), and paths whose normalised form starts with `//` (`/.//evil.example/`,
 * `/%2e%2e//evil.example/`, `/a/..//evil.example/`), which a browser would then read as another host.
 */

const BASE = 'https://authforte.invalid';
const MAX_LENGTH = 2048;

/** The normalised same-origin path (`/accueil?x=1#y`) for `target`, or null when it could lead off-site. */
export function safeRedirectPath(target: unknown): string | null {
  if (typeof target !== 'string' || target.length === 0 || target.length > MAX_LENGTH) return null;
  // C0 controls, space, DEL and C1 controls (the URL parser drops or trims some of them), and backslashes
  for (const ch of target) {
    const c = ch.charCodeAt(0);
    if (c <= 0x20 || (c >= 0x7f && c <= 0x9f) || ch === '\\') return null;
  }
  if (!target.startsWith('/') || target.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE || url.username || url.password) return null;
  const rebuilt = `${url.pathname}${url.search}${url.hash}`;
  // a normalised path that starts with `//` or `/\` is a scheme-relative URL once sent in `Location`
  if (!rebuilt.startsWith('/') || rebuilt.startsWith('//') || rebuilt.startsWith('/\\')) return null;
  // the rebuilt string must mean the same place again (idempotent), else refuse rather than guess
  try {
    const again = new URL(rebuilt, BASE);
    if (again.origin !== BASE || `${again.pathname}${again.search}${again.hash}` !== rebuilt) return null;
  } catch {
    return null;
  }
  return rebuilt;
}

/** Whether `target` is a same-site path under {@link safeRedirectPath} (navigate to the path it returns). */
export function isSafeRedirect(target: unknown): boolean {
  return safeRedirectPath(target) !== null;
}

const HREF_SCHEMES = new Set(['https:', 'http:', 'mailto:']);

/**
 * A host-configured address the elements bind into `href` (help desk, install page, portals, stores), or
 * undefined when it is not `https:`, `http:` or `mailto:` (a `javascript:` or `data:` URL in a configuration
 * would run in the page when clicked). Same-site paths are kept.
 */
export function safeHref(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return undefined;
  if (value.startsWith('/')) return safeRedirectPath(value) ?? undefined;
  try {
    return HREF_SCHEMES.has(new URL(value).protocol) ? value : undefined;
  } catch {
    return undefined;
  }
}
