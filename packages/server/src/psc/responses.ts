/** What the PSC routes answer with, besides JSON: error envelopes, safe redirects, the popup page, CIBA budgets. */
import { createHash } from 'node:crypto';
import { safeRedirectPath } from '@authforte/core';
import { PSC_ERRORS, type PscError } from '@authforte/core/psc';
import { errorResponse } from '../http/errors.js';

/** A PSC error's answer: the envelope, with the status of its row of `PSC_ERRORS`. */
export function pscErrorResponse(
  e: PscError,
  headers?: ConstructorParameters<typeof Headers>[0],
  status = PSC_ERRORS[e.code].status ?? 400,
): Response {
  return errorResponse(e, status, headers);
}

/**
 * A same-site path, normalised (the project's one redirect rule, `safeRedirectPath` of `@authforte/core`), else the
 * fallback: never an open redirect.
 */
export function safeReturnTo(value: string | null | undefined, fallback: string): string {
  return safeRedirectPath(value) ?? safeRedirectPath(fallback) ?? '/';
}

/** `path` with `key=value` (and no earlier PSC result), rebuilt and checked again by the redirect rule. */
export function withParam(path: string, key: string, value: string): string {
  const u = new URL(safeReturnTo(path, '/'), 'http://x.invalid');
  u.searchParams.delete('psc');
  u.searchParams.delete('psc_error');
  u.searchParams.set(key, value);
  return safeReturnTo(`${u.pathname}${u.search}${u.hash}`, '/');
}

/** Fixed-window counters per key (CIBA budgets), bounded in size. */
export class Budget {
  readonly #hits = new Map<string, { count: number; resetAt: number }>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}
  /** Counts one request; the seconds to wait when over the budget, else 0. */
  take(key: string, now: number): number {
    let e = this.#hits.get(key);
    if (!e || e.resetAt <= now) {
      e = { count: 0, resetAt: now + this.windowMs };
      this.#hits.set(key, e);
      if (this.#hits.size > 50_000) {
        for (const [k, v] of this.#hits) if (v.resetAt <= now) this.#hits.delete(k);
        for (const k of [...this.#hits.keys()].slice(0, this.#hits.size - 50_000)) this.#hits.delete(k);
      }
    }
    if (e.count >= this.limit) return Math.max(1, Math.ceil((e.resetAt - now) / 1000));
    e.count++;
    return 0;
  }
}

export function popupPage(origin: string, message: { type: string; ok: boolean; error?: string }): Response {
  const data = JSON.stringify(message).replace(/</g, '\\u003c');
  const target = JSON.stringify(origin).replace(/</g, '\\u003c');
  const text = message.ok
    ? 'Connexion réussie. Cette fenêtre va se fermer.'
    : 'La connexion a échoué. Vous pouvez fermer cette fenêtre.';
  const script = `(function(){if(window.opener){window.opener.postMessage(${data},${target});}window.close();})();`;
  const body = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Pro Santé Connect</title></head><body><p role="status">${text}</p><script>${script}</script></body></html>`;
  // the page allows exactly its own script, whatever the host's policy for other pages
  const hash = createHash('sha256').update(script).digest('base64');
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `default-src 'none'; script-src 'sha256-${hash}'; frame-ancestors 'none'`,
      'referrer-policy': 'no-referrer',
    },
  });
}
