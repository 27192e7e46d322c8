/** Helpers of the tests of `@authforte/server`'s PSC client and handlers against the sandbox PSC. */
import assert from 'node:assert/strict';
import { PscError } from '@authforte/core/psc';
import { createPscClient, type PscClient, type PscClientOptions } from '@authforte/server';
import type { RunningSandboxPsc } from '../options.js';

export const MEDECIN = '899700366240';
export const INFIRMIERE = '899701000012';
export const PSYCHOLOGUE = '899701000020';
export const AIDE_SOIGNANTE = '899701000038';
export const DIRECTEUR = '899701000046';

/** Acts on the simulated phone like a person would (same HTML forms). Returns the binding code shown. */
export async function phone(
  sandbox: RunningSandboxPsc,
  nationalId: string,
  action: 'valider' | 'refuser',
): Promise<string | undefined> {
  const html = await (await fetch(sandbox.phoneUrl(nationalId))).text();
  const id = /\/telephone\/demandes\/([\w-]+)\/valider/.exec(html)?.[1];
  assert.ok(id, `a pending request on ${nationalId}'s phone`);
  const binding = /data-binding>(\d+)</.exec(html)?.[1];
  const r = await fetch(`${sandbox.walletUrl}/telephone/demandes/${id}/${action}`, {
    method: 'POST',
    redirect: 'manual',
  });
  assert.equal(r.status, 303);
  return binding;
}

export function clientFor(sandbox: RunningSandboxPsc, extra: Partial<PscClientOptions> = {}): PscClient {
  return createPscClient({
    environment: sandbox.environment,
    clientId: sandbox.confidentialClient.clientId,
    clientSecret: sandbox.confidentialClient.clientSecret,
    redirectUri: 'http://127.0.0.1:9/authforte/psc/callback',
    ...extra,
  });
}

export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof PscError, `a PscError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return true;
  });
}

/** A real token response for `client` (CIBA, approved on the phone). */
export async function tokenResponse(
  sandbox: RunningSandboxPsc,
  clientId: string,
  secret: string,
  nationalId: string,
): Promise<string> {
  const basic = `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
  const headers = { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' };
  const start = await fetch(`${sandbox.issuer}/protocol/openid-connect/ext/ciba/auth`, {
    method: 'POST',
    headers,
    body: new URLSearchParams({ scope: 'openid scope_all', login_hint: nationalId, binding_message: '07' }),
  });
  const { auth_req_id } = (await start.json()) as { auth_req_id: string };
  await phone(sandbox, nationalId, 'valider');
  const token = await fetch(`${sandbox.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers,
    body: new URLSearchParams({ grant_type: 'urn:openid:params:grant-type:ciba', auth_req_id }),
  });
  assert.equal(token.status, 200);
  return token.text();
}

/** A fetch that answers the token endpoint with `body` instead of PSC's answer. */
export function swapTokenResponse(body: string): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith('/protocol/openid-connect/token')) {
      await fetch(input, init); // PSC still sees the request
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    }
    return fetch(input, init);
  };
}
