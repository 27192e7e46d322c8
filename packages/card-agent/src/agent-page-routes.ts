/**
 * The agent's own page (`GET /`, `/agent/*`, docs/agent-protocol.md §3): the pairing requests under way, to approve
 * or refuse after comparing the verification code, and the paired origins, to forget. No CORS headers, ever: no other
 * origin reads the page or its state, and its actions must come from the page itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AGENT_PAGE_CSS,
  AGENT_PAGE_HEADERS,
  AGENT_PAGE_JS,
  type PageModel,
  pageLang,
  renderAgentPage,
} from './agent-page.js';
import { HttpError, readForm, sameOriginAction } from './http.js';
import type { PendingView } from './pairing-requests.js';
import { sha256 } from './pairings.js';

/** What the page shows and does, given by the agent. */
export interface AgentPageContext {
  pending(): PendingView[];
  paired(): Array<{ origin: string; createdAt: string }>;
  allowed(): string[];
  decide(id: string, decision: 'approve' | 'refuse'): 'approved' | 'refused' | undefined;
  /** Forgets the pairings of an origin; returns how many there were. */
  forget(origin: string): number;
}

function pageModel(ctx: AgentPageContext, lang: PageModel['lang'], notice?: PageModel['notice']): PageModel {
  const pending = ctx.pending();
  const paired = ctx.paired();
  // the page polls /agent/state and reloads when this changes
  const version = sha256(JSON.stringify([pending, paired]))
    .toString('hex')
    .slice(0, 16);
  return { lang, pending, paired, allowed: ctx.allowed(), notice, version };
}

function sendPage(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...AGENT_PAGE_HEADERS, 'content-type': `${type}; charset=utf-8` });
  res.end(body);
}

/** Answers a request for the agent page, its assets, its state, or one of its form actions. */
export async function serveAgentPage(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  method: string,
  ctx: AgentPageContext,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://agent');
  const lang = pageLang(url.searchParams, req.headers['accept-language']);
  if (method === 'GET') {
    if (path === '/') {
      const n = url.searchParams.get('notice');
      const notice = (['approved', 'refused', 'forgotten', 'unknown'] as const).find((x) => x === n);
      return sendPage(res, 200, 'text/html', renderAgentPage(pageModel(ctx, lang, notice)));
    }
    if (path === '/agent/page.css') return sendPage(res, 200, 'text/css', AGENT_PAGE_CSS);
    if (path === '/agent/page.js') return sendPage(res, 200, 'text/javascript', AGENT_PAGE_JS);
    if (path === '/agent/state') {
      if (req.headers.origin !== undefined && !sameOriginAction(req)) throw new HttpError('origin-not-allowed');
      return sendPage(res, 200, 'application/json', JSON.stringify({ version: pageModel(ctx, lang).version }));
    }
    throw new HttpError('not-found');
  }
  if (method !== 'POST') throw new HttpError('method-not-allowed');
  if (!sameOriginAction(req)) throw new HttpError('origin-not-allowed');
  const form = await readForm(req);
  let notice: NonNullable<PageModel['notice']> = 'unknown';
  const action = /^\/agent\/pairing\/([A-Za-z0-9_-]{1,64})\/(approve|refuse)$/.exec(path);
  if (action) {
    notice = ctx.decide(action[1]!, action[2] === 'approve' ? 'approve' : 'refuse') ?? 'unknown';
  } else if (path === '/agent/paired/forget') {
    const origin = form.get('origin') ?? '';
    if (ctx.forget(origin)) notice = 'forgotten';
  } else throw new HttpError('not-found');
  res.writeHead(303, { ...AGENT_PAGE_HEADERS, location: `/?lang=${lang}&notice=${notice}` });
  res.end();
}
