import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialTransition, type SnapshotFrom, transition } from 'xstate';
import { declaredTags, reachableTags } from '../test-support/graph.js';
import {
  ACCOUNT_LINK_ERROR_CODES,
  type AccountLinkEvent,
  type AccountLinkResult,
  type AccountLinkTag,
  accountLinkMachine,
} from './account-link.machine.js';

type AccountLinkSnapshot = SnapshotFrom<typeof accountLinkMachine>;

describe('accountLinkMachine: graph (@xstate/graph)', () => {
  const answers: AccountLinkResult[] = [
    { ok: true, accountId: 'acc-1' },
    { ok: false, code: 'invalid-credentials', attemptsLeft: 2 },
    { ok: false, code: 'locked', retryAfter: 60 },
  ];
  const reached = reachableTags(accountLinkMachine, {
    events: [
      { type: 'SUBMIT', username: 'marie', password: 'pw' },
      { type: 'SUBMIT', username: '', password: '' },
      { type: 'EDIT', field: 'username' },
      { type: 'CANCEL' },
    ],
    outputs: { submitLink: answers },
    serialize: (s) => JSON.stringify([s.value, s.context.error?.code ?? null, s.context.fieldErrors]),
  });

  it('every screen tag is reachable from the empty form', () => {
    const all: AccountLinkTag[] = ['form', 'busy', 'error', 'locked', 'done', 'cancelled'];
    assert.deepEqual([...declaredTags(accountLinkMachine)].sort(), [...all].sort());
    assert.deepEqual(
      all.filter((tag) => !reached.has(tag)),
      [],
    );
    assert.deepEqual(reached.get('form'), []);
  });
});

describe('accountLinkMachine: every path', () => {
  const results: AccountLinkResult[] = [
    { ok: true, accountId: 'acc-1' },
    ...ACCOUNT_LINK_ERROR_CODES.filter((code) => code !== 'locked').map((code) => ({ ok: false as const, code })),
    { ok: false, code: 'locked', retryAfter: 60, message: 'Bloqué.' },
  ];
  // what can happen: the user's events, every answer of the host, the end of a lockout
  const events = [
    { type: 'SUBMIT', username: 'marie', password: 'pw' },
    { type: 'SUBMIT', username: '', password: '' },
    { type: 'SUBMIT', username: 'marie', password: '' },
    { type: 'EDIT', field: 'username' },
    { type: 'EDIT', field: 'password' },
    { type: 'CANCEL' },
    ...results.map((output) => ({ type: 'xstate.done.actor.submitLink', output })),
    { type: 'xstate.after.lockDelay.accountLink.locked' },
  ] as unknown as AccountLinkEvent[];

  /** Breadth-first over the machine's pure transitions: each distinct (state, error, field errors) once. */
  function explore() {
    const key = (s: AccountLinkSnapshot) =>
      JSON.stringify([s.value, s.context.error?.code ?? null, s.context.fieldErrors]);
    const [initial] = initialTransition(accountLinkMachine, {});
    const seen = new Map<string, AccountLinkSnapshot>([[key(initial), initial]]);
    const edges: Array<{ from: string; event: AccountLinkEvent; to: string }> = [];
    const queue = [initial];
    while (queue.length > 0) {
      const s = queue.shift()!;
      if (s.status === 'done') continue;
      for (const event of events) {
        const [next] = transition(accountLinkMachine, s, event);
        const k = key(next);
        edges.push({ from: key(s), event, to: k });
        if (!seen.has(k)) {
          seen.set(k, next);
          queue.push(next);
        }
      }
    }
    return { seen, edges };
  }

  it('reaches every state, and both final states', () => {
    const { seen } = explore();
    const values = new Set([...seen.values()].map((s) => String(s.value)));
    assert.deepEqual([...values].sort(), ['cancelled', 'editing', 'failed', 'linked', 'locked', 'submitting']);
  });

  it('can cancel from every state but the final ones, and cancelling ends the flow', () => {
    const { seen } = explore();
    for (const s of seen.values()) {
      if (s.status === 'done') continue;
      const [next] = transition(accountLinkMachine, s, { type: 'CANCEL' });
      assert.equal(next.value, 'cancelled', `CANCEL from ${JSON.stringify(s.value)}`);
      assert.equal(next.status, 'done');
    }
  });

  it('never gets stuck: from every reachable state, linked is still reachable or the flow is over', () => {
    const { seen, edges } = explore();
    const linked = [...seen.entries()].filter(([, s]) => s.value === 'linked').map(([k]) => k);
    const canLink = new Set(linked);
    let grew = true;
    while (grew) {
      grew = false;
      for (const e of edges) {
        if (canLink.has(e.to) && !canLink.has(e.from)) {
          canLink.add(e.from);
          grew = true;
        }
      }
    }
    for (const [k, s] of seen) {
      if (s.status === 'done') continue;
      assert.ok(canLink.has(k), `stuck in ${k}`);
    }
  });

  it('keeps the screen tags consistent: a form to fill xor busy xor locked in every live state', () => {
    const { seen } = explore();
    for (const s of seen.values()) {
      if (s.status === 'done') continue;
      const tags = (['form', 'busy', 'locked'] as const).filter((t) => s.hasTag(t));
      assert.equal(tags.length, 1, `${JSON.stringify(s.value)} has ${tags.join(', ')}`);
    }
  });
});
