import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProfessionalIdentity } from '../identity/index.js';
import { PscBackendClient } from '../psc/backend-client.js';
import { pscServicesFromBackend, pscServicesFromBrowserClient } from './psc-adapter.js';
import type { LoginIdentity } from './types.js';

const identity = {
  source: 'psc',
  nationalId: '810001234567',
  idType: 'rpps',
  familyName: 'DOC',
  displayName: 'KIT DOC',
  practices: [],
} satisfies ProfessionalIdentity;
// the identity model fits what the login journey shows
const shown: LoginIdentity = identity as ProfessionalIdentity;

describe('PSC adapters', () => {
  it('backend mode: loads the client once, maps CIBA and the return', async () => {
    let loads = 0;
    const calls: string[] = [];
    let polls = 0;
    const services = pscServicesFromBackend(async () => {
      loads++;
      return {
        signinRedirect: () => void calls.push('redirect'),
        handleReturn: async () => ({ identity }),
        signinPopup: async () => ({ identity }),
        cibaStart: async (id: string) => {
          calls.push(`start ${id}`);
          return { bindingMessage: '42', expiresIn: 120, interval: 2 };
        },
        cibaPoll: async () =>
          ++polls === 1 ? { status: 'pending' as const, interval: 3 } : { status: 'authenticated' as const, identity },
      };
    });
    const signal = new AbortController().signal;
    assert.equal(loads, 0, 'nothing loads before the e-CPS is chosen');
    await services.signinRedirect({ signal });
    assert.deepEqual(await services.completeRedirect({ signal }), { identity });
    assert.deepEqual(await services.cibaStart?.({ nationalId: '810001234567', signal }), {
      bindingMessage: '42',
      expiresIn: 120,
      interval: 2,
    });
    assert.deepEqual(await services.cibaPoll?.({ signal }), { status: 'pending', interval: 3 });
    assert.deepEqual(await services.cibaPoll?.({ signal }), { status: 'approved', proof: { identity } });
    assert.deepEqual(calls, ['redirect', 'start 810001234567']);
    assert.equal(loads, 1);
    assert.equal(shown.displayName, 'KIT DOC');
  });

  it('backend mode: the CIBA calls and the return pass their signal to the fetch (a cancel leaves none pending)', async () => {
    const seen: Array<{ path: string; signal: AbortSignal | null | undefined }> = [];
    const client = new PscBackendClient({
      csrfToken: 't',
      // answers nothing until its request is aborted
      fetch: async (url, init) => {
        seen.push({ path: String(url), signal: init?.signal });
        return new Promise<Response>((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        );
      },
    });
    const services = pscServicesFromBackend(async () => client);
    const calls = [
      (signal: AbortSignal) => services.cibaStart?.({ nationalId: '810001234567', signal }),
      (signal: AbortSignal) => services.cibaPoll?.({ signal }),
    ];
    for (const call of calls) {
      const controller = new AbortController();
      const pending = call(controller.signal);
      await new Promise((resolve) => setTimeout(resolve, 0));
      controller.abort();
      await assert.rejects(Promise.resolve(pending), (err: { code?: string }) => err.code === 'cancelled');
      assert.equal(seen.at(-1)?.signal?.aborted, true, seen.at(-1)?.path);
    }
    assert.deepEqual(
      seen.map((s) => s.path),
      ['/authforte/psc/ciba/start', '/authforte/psc/ciba/poll'],
    );
    const controller = new AbortController();
    const returning = client.handleReturn('https://host.example/?psc=ok', { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 0));
    controller.abort();
    await assert.rejects(returning, (err: { code?: string }) => err.code === 'cancelled');
    assert.equal(seen.at(-1)?.path, '/authforte/psc/session');
  });

  it('browser mode: completes only an address that carries PSC’s answer', async () => {
    let href = 'https://host.example/login';
    const services = pscServicesFromBrowserClient(
      async () => ({
        signinRedirect: async () => {},
        handleRedirectCallback: async (url?: string) => ({ url }) as never,
        signinPopup: async () => ({}) as never,
      }),
      () => href,
    );
    const signal = new AbortController().signal;
    assert.equal(await services.completeRedirect({ signal }), null);
    href = 'https://host.example/login?code=abc&state=xyz';
    assert.deepEqual(await services.completeRedirect({ signal }), { url: href });
    href = 'https://host.example/login?error=access_denied&state=xyz';
    assert.deepEqual(await services.completeRedirect({ signal }), { url: href });
    assert.equal(services.cibaStart, undefined);
  });

  it('a failed load can be retried', async () => {
    let n = 0;
    const services = pscServicesFromBackend(async () => {
      if (++n === 1) throw new TypeError('chunk failed');
      return { signinRedirect: () => {}, handleReturn: async () => null } as never;
    });
    const signal = new AbortController().signal;
    await assert.rejects(services.completeRedirect({ signal }));
    assert.equal(await services.completeRedirect({ signal }), null);
  });
});
