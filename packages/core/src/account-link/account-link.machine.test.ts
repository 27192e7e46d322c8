import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createActor, fromPromise, SimulatedClock, waitFor } from 'xstate';
import { createAccountLinkClient, isSafeRedirect, readAccountLinkResponse } from '../account-link.js';
import {
  type AccountLinkCredentials,
  type AccountLinkInput,
  type AccountLinkResult,
  type AccountLinkSubmit,
  accountLinkMachine,
  createAccountLinkMachine,
} from './account-link.machine.js';

function start({ submit, ...input }: AccountLinkInput & { submit?: AccountLinkSubmit } = {}, clock?: SimulatedClock) {
  const machine = submit ? createAccountLinkMachine(submit) : accountLinkMachine;
  const actor = createActor(machine, { input, ...(clock ? { clock } : {}) });
  const emitted: Array<{ type: string; [k: string]: unknown }> = [];
  actor.on('*', (e) => emitted.push({ ...e }));
  actor.start();
  return { actor, emitted };
}

/** A transport that answers what it is told and records what it was sent. */
function scripted(...answers: Array<AccountLinkResult | Error>) {
  const calls: AccountLinkCredentials[] = [];
  const submit = async (c: AccountLinkCredentials) => {
    calls.push(c);
    const a = answers.shift() ?? { ok: false, code: 'server' };
    if (a instanceof Error) throw a;
    return a;
  };
  return { submit, calls };
}

const settled = (actor: ReturnType<typeof start>['actor']) => waitFor(actor, (s) => !s.hasTag('busy'));

describe('accountLinkMachine', () => {
  it('starts editing with an empty form and no error', () => {
    const { actor } = start();
    const s = actor.getSnapshot();
    assert.equal(s.value, 'editing');
    assert.ok(s.hasTag('form'));
    assert.equal(s.context.username, '');
    assert.equal(s.context.error, null);
    assert.deepEqual(s.context.fieldErrors, []);
  });

  it('links on the right credentials, emits linked with the account and the host redirect', async () => {
    const t = scripted({ ok: true, accountId: 'acc-1', redirectTo: '/accueil' });
    const { actor, emitted } = start({ submit: t.submit });
    actor.send({ type: 'SUBMIT', username: '  marie.dupont ', password: 's3cret' });
    assert.ok(actor.getSnapshot().hasTag('busy'));
    const s = await waitFor(actor, (x) => x.status === 'done');
    assert.equal(s.value, 'linked');
    assert.ok(s.hasTag('done'));
    assert.equal(s.context.accountId, 'acc-1');
    assert.deepEqual(t.calls, [{ username: 'marie.dupont', password: 's3cret' }]);
    assert.deepEqual(emitted, [{ type: 'linked', accountId: 'acc-1', redirectTo: '/accueil' }]);
  });

  it('never keeps the password in its context, nor in the persisted snapshot once settled', async () => {
    const t = scripted({ ok: false, code: 'invalid-credentials' });
    const { actor } = start({ submit: t.submit });
    actor.send({ type: 'SUBMIT', username: 'marie', password: 'TopSecret-42' });
    await settled(actor);
    assert.doesNotMatch(JSON.stringify(actor.getSnapshot().context), /TopSecret/);
    assert.doesNotMatch(JSON.stringify(actor.getPersistedSnapshot()), /TopSecret/);
  });

  it('refuses an empty username or password without calling the host, and clears a field error on edit', () => {
    const t = scripted();
    const { actor } = start({ submit: t.submit });
    actor.send({ type: 'SUBMIT', username: ' ', password: '' });
    let s = actor.getSnapshot();
    assert.equal(s.value, 'editing');
    assert.deepEqual(s.context.fieldErrors, ['missing-username', 'missing-password']);
    actor.send({ type: 'EDIT', field: 'username' });
    assert.deepEqual(actor.getSnapshot().context.fieldErrors, ['missing-password']);
    actor.send({ type: 'SUBMIT', username: 'marie', password: '' });
    s = actor.getSnapshot();
    assert.deepEqual(s.context.fieldErrors, ['missing-password']);
    assert.equal(s.context.username, 'marie');
    actor.send({ type: 'EDIT', field: 'password' });
    assert.deepEqual(actor.getSnapshot().context.fieldErrors, []);
    assert.equal(t.calls.length, 0);
  });

  it('shows the generic error on wrong credentials, keeps the username, and lets the user try again', async () => {
    const t = scripted({ ok: false, code: 'invalid-credentials' }, { ok: true, accountId: 'acc-1' });
    const { actor, emitted } = start({ submit: t.submit });
    actor.send({ type: 'SUBMIT', username: 'marie', password: 'wrong' });
    let s = await settled(actor);
    assert.equal(s.value, 'failed');
    assert.ok(s.hasTag('error') && s.hasTag('form'));
    assert.deepEqual(s.context.error, { code: 'invalid-credentials' });
    assert.equal(s.context.username, 'marie');
    assert.equal(s.context.failures, 1);
    actor.send({ type: 'SUBMIT', username: 'marie', password: 'right' });
    assert.equal(actor.getSnapshot().context.error, null, 'the error goes when a new attempt starts');
    s = await waitFor(actor, (x) => x.status === 'done');
    assert.equal(s.value, 'linked');
    assert.deepEqual(
      emitted.map((e) => e.type),
      ['failed', 'linked'],
    );
    assert.deepEqual(emitted[0], { type: 'failed', code: 'invalid-credentials' });
  });

  it('a failed attempt followed by empty fields goes back to editing with field errors', async () => {
    const t = scripted({ ok: false, code: 'invalid-credentials' });
    const { actor } = start({ submit: t.submit });
    actor.send({ type: 'SUBMIT', username: 'marie', password: 'wrong' });
    await settled(actor);
    actor.send({ type: 'SUBMIT', username: 'marie', password: '' });
    const s = actor.getSnapshot();
    assert.equal(s.value, 'editing');
    assert.deepEqual(s.context.fieldErrors, ['missing-password']);
    assert.equal(s.context.error, null);
  });

  it('locks with the host message and retry-after, then gives the form back when the delay has passed', async () => {
    const clock = new SimulatedClock();
    const t = scripted({ ok: false, code: 'locked', message: 'Compte bloqué 15 minutes.', retryAfter: 900 });
    const { actor, emitted } = start({ submit: t.submit }, clock);
    actor.send({ type: 'SUBMIT', username: 'marie', password: 'wrong' });
    let s = await settled(actor);
    assert.equal(s.value, 'locked');
    assert.ok(s.hasTag('locked'));
    assert.ok(!s.hasTag('form'));
    assert.deepEqual(s.context.error, { code: 'locked', message: 'Compte bloqué 15 minutes.', retryAfter: 900 });
    assert.ok(s.context.lockedUntil !== null && s.context.lockedUntil > Date.now());
    assert.deepEqual(emitted, [{ type: 'failed', code: 'locked' }]);
    actor.send({ type: 'SUBMIT', username: 'marie', password: 'again' });
    assert.equal(actor.getSnapshot().value, 'locked', 'no attempt while locked');
    assert.equal(t.calls.length, 1);
    clock.increment(899_000);
    assert.equal(actor.getSnapshot().value, 'locked');
    clock.increment(1_000);
    s = actor.getSnapshot();
    assert.equal(s.value, 'editing');
    assert.equal(s.context.error, null);
    assert.equal(s.context.lockedUntil, null);
    assert.equal(s.context.username, 'marie');
  });

  it('a lockout without retry-after lasts the default 15 minutes', async () => {
    const clock = new SimulatedClock();
    const t = scripted({ ok: false, code: 'locked' });
    const { actor } = start({ submit: t.submit }, clock);
    actor.send({ type: 'SUBMIT', username: 'marie', password: 'wrong' });
    await settled(actor);
    clock.increment(15 * 60 * 1000 - 1);
    assert.equal(actor.getSnapshot().value, 'locked');
    clock.increment(1);
    assert.equal(actor.getSnapshot().value, 'editing');
  });

  for (const code of ['csrf', 'no-pending-identity', 'already-linked', 'bad-request', 'server'] as const) {
    it(`fails with ${code} and stays usable`, async () => {
      const t = scripted({ ok: false, code });
      const { actor, emitted } = start({ submit: t.submit });
      actor.send({ type: 'SUBMIT', username: 'marie', password: 'x' });
      const s = await settled(actor);
      assert.equal(s.value, 'failed');
      assert.equal(s.context.error?.code, code);
      assert.deepEqual(emitted, [{ type: 'failed', code }]);
    });
  }

  it('turns a transport that throws into a network failure, and a thrown coded error into its code', async () => {
    const t = scripted(new TypeError('Failed to fetch'), Object.assign(new Error('x'), { code: 'csrf' }));
    const { actor } = start({ submit: t.submit });
    actor.send({ type: 'SUBMIT', username: 'marie', password: 'x' });
    let s = await settled(actor);
    assert.equal(s.context.error?.code, 'network');
    assert.equal(s.context.username, 'marie');
    actor.send({ type: 'SUBMIT', username: 'marie', password: 'x' });
    s = await settled(actor);
    assert.equal(s.context.error?.code, 'csrf');
  });

  it('without a transport, every attempt fails with server', async () => {
    const { actor } = start();
    actor.send({ type: 'SUBMIT', username: 'marie', password: 'x' });
    const s = await settled(actor);
    assert.equal(s.context.error?.code, 'server');
  });

  it('can be given its transport with provide()', async () => {
    const machine = accountLinkMachine.provide({
      actors: {
        submitLink: fromPromise<AccountLinkResult, AccountLinkCredentials>(async () => ({
          ok: true,
          accountId: 'provided',
        })),
      },
    });
    const actor = createActor(machine, { input: {} }).start();
    actor.send({ type: 'SUBMIT', username: 'marie', password: 'x' });
    const s = await waitFor(actor, (x) => x.status === 'done');
    assert.equal(s.context.accountId, 'provided');
  });

  it('starts with the username the host knows', () => {
    const { actor } = start({ username: 'marie.dupont' });
    assert.equal(actor.getSnapshot().context.username, 'marie.dupont');
  });

  describe('cancel and back', () => {
    it('from editing', () => {
      const { actor, emitted } = start();
      actor.send({ type: 'CANCEL' });
      const s = actor.getSnapshot();
      assert.equal(s.value, 'cancelled');
      assert.equal(s.status, 'done');
      assert.ok(s.hasTag('cancelled'));
      assert.deepEqual(emitted, [{ type: 'cancelled' }]);
    });

    it('from submitting: the request is aborted and its answer ignored', async () => {
      let aborted = false;
      let answer: (r: AccountLinkResult) => void = () => {};
      const submit = (_c: AccountLinkCredentials, signal: AbortSignal) =>
        new Promise<AccountLinkResult>((resolve) => {
          answer = resolve;
          signal.addEventListener('abort', () => {
            aborted = true;
          });
        });
      const { actor, emitted } = start({ submit });
      actor.send({ type: 'SUBMIT', username: 'marie', password: 'x' });
      actor.send({ type: 'CANCEL' });
      answer({ ok: true, accountId: 'late' });
      await new Promise((r) => setTimeout(r, 0));
      assert.equal(actor.getSnapshot().value, 'cancelled');
      assert.equal(actor.getSnapshot().context.accountId, null);
      assert.ok(aborted);
      assert.deepEqual(emitted, [{ type: 'cancelled' }]);
    });

    const refusals: Array<[state: string, reply: Parameters<typeof scripted>[0]]> = [
      ['failed', { ok: false, code: 'invalid-credentials' }],
      ['locked', { ok: false, code: 'locked', retryAfter: 60 }],
    ];
    for (const [state, reply] of refusals) {
      it(`from ${state}`, async () => {
        const t = scripted(reply);
        const { actor } = start({ submit: t.submit });
        actor.send({ type: 'SUBMIT', username: 'marie', password: 'x' });
        await settled(actor);
        assert.equal(actor.getSnapshot().value, state);
        actor.send({ type: 'CANCEL' });
        assert.equal(actor.getSnapshot().value, 'cancelled');
      });
    }

    it('not once linked (final)', async () => {
      const t = scripted({ ok: true, accountId: 'a' });
      const { actor, emitted } = start({ submit: t.submit });
      actor.send({ type: 'SUBMIT', username: 'marie', password: 'x' });
      await waitFor(actor, (x) => x.status === 'done');
      actor.send({ type: 'CANCEL' });
      assert.equal(actor.getSnapshot().value, 'linked');
      assert.deepEqual(
        emitted.map((e) => e.type),
        ['linked'],
      );
    });
  });
});

describe('account-link client', () => {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

  it('posts JSON with the CSRF header and same-origin credentials', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const submit = createAccountLinkClient({
      endpoint: '/api/account-link',
      csrfToken: () => 'tok-1',
      fetch: (async (url: string, init: RequestInit) => {
        seen = { url, init };
        return json(200, { ok: true, accountId: 'acc-9', redirectTo: '/accueil' });
      }) as unknown as typeof fetch,
    });
    const r = await submit({ username: 'marie', password: 'pw' }, new AbortController().signal);
    assert.deepEqual(r, { ok: true, accountId: 'acc-9', redirectTo: '/accueil' });
    assert.equal(seen?.url, '/api/account-link');
    assert.equal(seen?.init.method, 'POST');
    assert.equal(seen?.init.credentials, 'same-origin');
    const headers = (seen?.init.headers ?? {}) as Record<string, string>;
    assert.equal(headers['x-csrf-token'], 'tok-1');
    assert.equal(headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(String(seen?.init.body)), { username: 'marie', password: 'pw' });
  });

  it('reads every contract error, the lockout message and Retry-After', async () => {
    assert.deepEqual(await readAccountLinkResponse(json(401, { ok: false, error: { code: 'invalid-credentials' } })), {
      ok: false,
      code: 'invalid-credentials',
    });
    assert.deepEqual(
      await readAccountLinkResponse(
        json(429, { ok: false, error: { code: 'locked', message: 'Bloqué.' } }, { 'retry-after': '120' }),
      ),
      { ok: false, code: 'locked', message: 'Bloqué.', retryAfter: 120 },
    );
    assert.deepEqual(await readAccountLinkResponse(json(403, { ok: false, error: { code: 'csrf' } })), {
      ok: false,
      code: 'csrf',
    });
    // the attempts left before the lockout, only for a wrong password and only as a small whole number
    assert.deepEqual(
      await readAccountLinkResponse(json(401, { ok: false, error: { code: 'invalid-credentials', attemptsLeft: 2 } })),
      { ok: false, code: 'invalid-credentials', attemptsLeft: 2 },
    );
    for (const attemptsLeft of [0, -1, 1.5, '2', 1e9])
      assert.deepEqual(
        await readAccountLinkResponse(json(401, { ok: false, error: { code: 'invalid-credentials', attemptsLeft } })),
        { ok: false, code: 'invalid-credentials' },
      );
  });

  it('calls anything outside the contract a server failure, and a thrown fetch a network failure', async () => {
    assert.deepEqual(await readAccountLinkResponse(new Response('<html>', { status: 502 })), {
      ok: false,
      code: 'server',
    });
    assert.deepEqual(await readAccountLinkResponse(json(500, { ok: false, error: { code: 'network' } })), {
      ok: false,
      code: 'server',
    });
    assert.deepEqual(await readAccountLinkResponse(json(200, { ok: true })), { ok: false, code: 'server' });
    const submit = createAccountLinkClient({
      endpoint: '/x',
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as unknown as typeof fetch,
    });
    assert.deepEqual(await submit({ username: 'a', password: 'b' }, new AbortController().signal), {
      ok: false,
      code: 'network',
    });
  });

  it('drops a redirect that leaves the site', async () => {
    assert.equal(isSafeRedirect('/accueil'), true);
    assert.equal(isSafeRedirect('//evil.example'), false);
    assert.equal(isSafeRedirect('/\\evil.example'), false);
    assert.equal(isSafeRedirect('https://evil.example/'), false);
    assert.deepEqual(await readAccountLinkResponse(json(200, { ok: true, accountId: 'a', redirectTo: '//evil' })), {
      ok: true,
      accountId: 'a',
    });
  });
});
