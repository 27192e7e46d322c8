import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AgentError } from '../agent/errors.js';
import type { AgentEvent, CardInfo } from '../agent/protocol.js';
import { cardServicesFromAgent, loginCardFromAgent } from './agent-adapter.js';
import type { CardWatchEvent } from './types.js';

const cardInfo = (slot = 's1', over: Partial<CardInfo['pin']> = {}): CardInfo => ({
  slot,
  reader: 'Reader',
  label: 'CPS3v3-2900473128',
  serial: '2900473128',
  cardType: 'CPS',
  holder: { nationalId: '810001234567', idType: 'rpps', familyName: 'DOC', givenName: 'KIT', displayName: 'KIT DOC' },
  certificate: {
    serialNumber: '01',
    subject: 'CN=x',
    issuer: 'CN=y',
    notBefore: '2020-01-01T00:00:00Z',
    notAfter: '2030-01-01T00:00:00Z',
    expired: false,
    der: 'AA==',
  },
  pin: { triesLeft: 3, maxTries: 3, finalTry: false, locked: false, source: 'token', ...over },
});

function fakeClient(detection: unknown = { status: 'ready', discovery: {} }) {
  let listener: ((e: AgentEvent) => void) | undefined;
  let onError: ((e: AgentError) => void) | undefined;
  const authCalls: unknown[] = [];
  const client = {
    detect: async () => detection as never,
    requestPairing: async () => ({ pairingId: 'p', codeLength: 6, expiresAt: 'x' }),
    confirmPairing: async () => {},
    subscribe: async (l: (e: AgentEvent) => void, o: { onError?: (e: AgentError) => void } = {}) => {
      listener = l;
      onError = o.onError;
    },
    authenticate: async (o: unknown) => {
      authCalls.push(o);
      return { signature: 'sig' } as never;
    },
  };
  return {
    client,
    push: (e: AgentEvent) => listener?.(e),
    fail: () => onError?.(new AgentError('network-error')),
    authCalls,
  };
}

describe('cardServicesFromAgent', () => {
  it('maps the detection', async () => {
    const signal = new AbortController().signal;
    for (const [d, expected] of [
      [{ status: 'ready', discovery: {} }, { status: 'ready' }],
      [
        { status: 'not-paired', discovery: { pairing: true } },
        { status: 'not-paired', pairing: true },
      ],
      [
        { status: 'blocked', permission: 'denied' },
        { status: 'blocked', permission: 'denied' },
      ],
      [
        { status: 'version-mismatch', versions: [2] },
        { status: 'version-mismatch', versions: [2] },
      ],
      [{ status: 'not-installed' }, { status: 'not-installed' }],
    ] as const) {
      assert.deepEqual(await cardServicesFromAgent(fakeClient(d).client).detect({ signal }), expected);
    }
  });

  it('turns the event stream into the watch, and signs with the card shown', async () => {
    const f = fakeClient();
    const services = cardServicesFromAgent(async () => f.client);
    const seen: CardWatchEvent[] = [];
    const controller = new AbortController();
    services.watch((e) => seen.push(e), { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 0));
    f.push({ type: 'hello', readers: [], cards: [] });
    f.push({ type: 'reader-added', reader: { slot: 's2', name: 'R', cardPresent: false } });
    f.push({ type: 'card-inserted', card: cardInfo('s2') });
    f.push({
      type: 'pin-status',
      slot: 's2',
      serial: 'x',
      pin: { triesLeft: 1, maxTries: 3, finalTry: true, locked: false, source: 'token' },
    });
    f.push({ type: 'card-removed', slot: 's2', serial: 'x' });
    f.push({ type: 'reader-removed', reader: { slot: 's2', name: 'R', cardPresent: false } });
    assert.deepEqual(
      seen.map((e) => e.type),
      ['no-reader', 'no-card', 'card', 'card', 'card-removed', 'no-reader'],
    );
    assert.equal(seen[3]?.type === 'card' && seen[3].card.pin.finalTry, true);
    f.push({ type: 'card-inserted', card: cardInfo('s3') });
    await services.authenticate({ nonce: 'n', pin: '2580', confirmFinalTry: false, signal: controller.signal });
    assert.equal((f.authCalls[0] as { slot?: string }).slot, 's3');
    f.fail();
    assert.equal(seen.at(-1)?.type, 'agent-stopped');
    controller.abort();
    f.push({ type: 'card-removed', slot: 's3', serial: 'x' });
    assert.equal(seen.at(-1)?.type, 'agent-stopped', 'nothing after abort');
  });

  it('shows what the card carries, nothing secret', () => {
    const c = loginCardFromAgent(cardInfo('s', { locked: true, triesLeft: 0 }));
    assert.deepEqual(c, {
      holderName: 'KIT DOC',
      cardType: 'CPS',
      nationalId: '810001234567',
      label: 'CPS3v3-2900473128',
      expired: false,
      pin: { triesLeft: 0, maxTries: 3, finalTry: false, locked: true },
    });
  });
});
