/**
 * A browser stand-in for HTTP-level tests of the kit: a cookie jar, the page's `Origin` on POSTs, redirects not
 * followed (the test looks at them).
 */
export class CookieClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly origin: string) {}

  /** `fetch` with the jar's cookies; `Set-Cookie` answers update the jar (`Max-Age=0` deletes). */
  async fetch(url: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const method = (init.method ?? 'GET').toUpperCase();
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (method !== 'GET' && !headers.has('origin')) headers.set('origin', this.origin);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    const { json: _j, ...rest } = init;
    const res = await fetch(new URL(url, this.origin), {
      ...rest,
      method,
      headers,
      body: body ?? null,
      redirect: 'manual',
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** The kit's CSRF token for this browser's session (`GET {base}/session`). */
  async csrf(base = '/authforte'): Promise<string> {
    const res = await this.fetch(`${base}/session`);
    return ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  /** A POST of the page: JSON body, the session's CSRF token. */
  async post(path: string, json: unknown = {}, base = '/authforte'): Promise<Response> {
    const token = await this.csrf(base);
    return this.fetch(path, { method: 'POST', json, headers: { 'x-csrf-token': token, accept: 'application/json' } });
  }
}
