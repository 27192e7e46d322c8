/**
 * The card agent against real SoftHSM2 tokens: card info, PIN tries down to locked, the final-try
 * guard, removal and insertion events, a card vanishing mid-operation, a missing module.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type CardBackend,
  createPkcs11Backend,
  type Pkcs11Backend,
  type RunningCardAgent,
  startCardAgent,
} from '@authforte/card-agent';
import { AgentError, type AgentEvent, CardAgentClient, type CardInfo } from '@authforte/core/agent';
import {
  captureLogger,
  deleteSoftHsmCard,
  profile,
  provisionSoftHsmCard,
  raw,
  SOFTHSM_MODULE,
  type SoftHsmFixture,
  softHsmFixture,
  waitFor,
} from '@authforte/test-kit';
import { CardChallenges, verifyCardProof } from '../index.js';
import { testTrustPreset } from './test-support/trust.js';

const ORIGIN = 'http://localhost:41000';
const PIN = '7391'; // a CPS PIN: 4 digits (CPS_PIN_LENGTH)
const WRONG = '2648';

let fx: SoftHsmFixture;
let backend: Pkcs11Backend;
let agent: RunningCardAgent;
let client: CardAgentClient;
const log = captureLogger();

async function cardBySerial(serial: string): Promise<CardInfo> {
  const readers = await client.readers();
  for (const r of readers.filter((x) => x.cardPresent)) {
    const c = await client.cardInfo({ slot: r.slot });
    if (c.serial === serial) return c;
  }
  throw new Error(`card ${serial} not found`);
}

async function rejects(p: Promise<unknown>, code: string): Promise<AgentError> {
  const err = await p.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  );
  assert.ok(err instanceof AgentError, String(err));
  assert.equal(err.code, code, err.message);
  return err;
}

before(async () => {
  fx = await softHsmFixture([profile('medecin', { pin: PIN }), profile('infirmiere', { pin: PIN })]);
  backend = await createPkcs11Backend({ module: SOFTHSM_MODULE });
  agent = await startCardAgent({ backend, port: 0, allowedOrigins: [ORIGIN], logger: log.logger, pollIntervalMs: 100 });
  client = new CardAgentClient({ baseUrl: agent.url, headers: { origin: ORIGIN }, tokenStore: undefined });
});

after(async () => {
  await agent?.close();
  fx?.cleanup();
});

describe('card agent with SoftHSM2', () => {
  test('discovery reports a ready PKCS#11 backend and the allowlisted origin as paired', async () => {
    const d = await client.detect();
    assert.equal(d.status, 'ready');
    assert.ok(
      d.status === 'ready' && d.discovery.backend?.kind === 'pkcs11' && d.discovery.backend?.status === 'ready',
    );
  });

  test('card info comes from the authentication certificate', async () => {
    const readers = await client.readers();
    assert.ok(readers.filter((r) => r.cardPresent).length >= 2);
    const card = await cardBySerial('2900000011');
    assert.equal(card.label, 'CPS3v3-2900000011');
    assert.equal(card.cardType, 'CPS');
    assert.equal(card.holder.nationalId, profile('medecin').nationalId);
    assert.equal(card.holder.idType, 'rpps');
    assert.equal(card.holder.rppsNumber, profile('medecin').nationalId.slice(1));
    assert.equal(card.holder.familyName, 'MARTIN-TEST');
    assert.equal(card.holder.givenName, 'Camille');
    assert.deepEqual(card.holder.profession, { system: 'TRE_G15', code: '10', label: 'Médecin' });
    assert.match(card.certificate.issuer, /CN=TEST AC IGC-SANTE FORT PERSONNES$/);
    assert.match(
      card.certificate.subject,
      /^C=FR, O=CABINET TEST MARTIN, title=Médecin, GN=Camille\+CN=\d+\+SN=MARTIN-TEST$/,
    );
    assert.equal(card.certificate.expired, false);
    assert.ok(new Date(card.certificate.notAfter) > new Date());
    assert.deepEqual(card.pin, { triesLeft: 3, maxTries: 3, finalTry: false, locked: false, source: 'token' });
  });

  test('right PIN: the proof verifies on the server; a wrong PIN counts down and a success resets it', async () => {
    const card = await cardBySerial('2900000011');
    const challenges = new CardChallenges();
    const e = await rejects(
      client.authenticate({ nonce: 'n'.repeat(32), pin: WRONG, slot: card.slot }),
      'pin-incorrect',
    );
    assert.equal(e.triesLeft, 2);
    assert.equal((await cardBySerial('2900000011')).pin.triesLeft, 2);
    const { nonce } = await challenges.issue('session-1');
    const proof = await client.authenticate({ nonce, pin: PIN, slot: card.slot });
    assert.equal(proof.origin, ORIGIN);
    assert.equal(proof.algorithm, 'RS256');
    assert.equal(proof.chain.length, 0, 'like a real CPS, the card carries no CA certificate');
    assert.equal((await cardBySerial('2900000011')).pin.triesLeft, 3);
    const r = await verifyCardProof({
      proof,
      expectedOrigin: ORIGIN,
      sessionId: 'session-1',
      trust: testTrustPreset(fx.ca, 'off'),
      challenges,
    });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.identity.nationalId, profile('medecin').nationalId);
    assert.equal(r.identity.source, 'card');
  });

  test('wrong PINs count down to locked, with the final-try guard', async () => {
    const card = await cardBySerial('2900000022');
    const auth = (pin: string, confirmFinalTry?: boolean) =>
      client.authenticate({
        nonce: 'x'.repeat(24),
        pin,
        slot: card.slot,
        ...(confirmFinalTry ? { confirmFinalTry } : {}),
      });
    assert.equal((await rejects(auth(WRONG), 'pin-incorrect')).triesLeft, 2);
    assert.equal((await rejects(auth(WRONG), 'pin-incorrect')).triesLeft, 1);
    const info = await cardBySerial('2900000022');
    assert.equal(info.pin.finalTry, true);
    assert.equal(info.pin.triesLeft, 1);
    // at the final try, even the right PIN is refused unless confirmed — and no try is spent
    await rejects(auth(PIN), 'final-try-confirmation-required');
    await rejects(auth(WRONG), 'final-try-confirmation-required');
    assert.equal((await cardBySerial('2900000022')).pin.triesLeft, 1);
    await rejects(auth(WRONG, true), 'pin-locked');
    const locked = await cardBySerial('2900000022');
    assert.equal(locked.pin.locked, true);
    assert.equal(locked.pin.triesLeft, 0);
    // SoftHSM2 never locks: the agent's own count does
    assert.equal(locked.pin.source, 'agent');
    await rejects(auth(PIN, true), 'pin-locked');
  });

  test('insertion and removal events as tokens are created and deleted', async () => {
    const events: AgentEvent[] = [];
    const ac = new AbortController();
    await client.subscribe((e) => events.push(e), { signal: ac.signal });
    try {
      const hello = await waitFor(() => events.find((e) => e.type === 'hello'), 5000, 'hello');
      assert.ok(hello.type === 'hello' && hello.cards.length >= 2);
      await provisionSoftHsmCard(fx.env, fx.ca, profile('psychologue', { pin: PIN }));
      const inserted = await waitFor(
        () => events.find((e) => e.type === 'card-inserted' && e.card.serial === '2900000033'),
        8000,
        'card-inserted',
      );
      assert.ok(inserted.type === 'card-inserted');
      assert.equal(
        inserted.card.holder.profession && 'code' in inserted.card.holder.profession
          ? inserted.card.holder.profession.code
          : '',
        '93',
      );
      await deleteSoftHsmCard(fx.env, 'CPS3v3-2900000033');
      const removed = await waitFor(
        () => events.find((e) => e.type === 'card-removed' && e.serial === '2900000033'),
        8000,
        'card-removed',
      );
      assert.equal(removed.type, 'card-removed');
      assert.ok(
        events.some((e) => e.type === 'reader-removed'),
        'SoftHSM2 slots go with their token',
      );
    } finally {
      ac.abort();
    }
  });

  test('a card pulled out mid-operation answers card-removed, and the agent keeps serving', async () => {
    await provisionSoftHsmCard(fx.env, fx.ca, profile('expiree', { pin: PIN }));
    const pulling: CardBackend = {
      kind: 'pkcs11',
      status: () => backend.status(),
      scan: () => backend.scan(),
      close: async () => {},
      sign: async (slot, serial, pin, data) => {
        await deleteSoftHsmCard(fx.env, 'CPS3v3-2900000044');
        return backend.sign(slot, serial, pin, data);
      },
    };
    const a2 = await startCardAgent({ backend: pulling, port: 0, allowedOrigins: [ORIGIN], logger: log.logger });
    try {
      const c2 = new CardAgentClient({ baseUrl: a2.url, headers: { origin: ORIGIN } });
      const readers = await c2.readers();
      let slot = '';
      for (const r of readers.filter((x) => x.cardPresent))
        if ((await c2.cardInfo({ slot: r.slot })).serial === '2900000044') slot = r.slot;
      assert.ok(slot);
      await rejects(c2.authenticate({ nonce: 'z'.repeat(20), pin: PIN, slot }), 'card-removed');
      assert.equal((await c2.detect()).status, 'ready');
      await rejects(c2.cardInfo({ slot }), 'no-reader');
    } finally {
      await a2.close();
    }
  });

  test('a missing module: the agent runs and answers module-unavailable', async () => {
    const missing = await createPkcs11Backend({ module: '/nonexistent/libcps3_pkcs11_lux.so', retryLoadMs: 60_000 });
    assert.equal(missing.status(), 'module-unavailable');
    const a3 = await startCardAgent({ backend: missing, port: 0, allowedOrigins: [ORIGIN], logger: log.logger });
    try {
      const c3 = new CardAgentClient({ baseUrl: a3.url, headers: { origin: ORIGIN } });
      const d = await c3.detect();
      assert.ok(d.status === 'ready' && d.discovery.backend?.status === 'module-unavailable');
      await rejects(c3.cardInfo(), 'module-unavailable');
      await rejects(c3.readers(), 'module-unavailable');
      await rejects(c3.authenticate({ nonce: 'm'.repeat(20), pin: PIN }), 'module-unavailable');
      const res = await raw(`${a3.url}/v1/card`, { headers: { origin: ORIGIN, host: new URL(a3.url).host } });
      assert.equal(res.status, 503);
    } finally {
      await a3.close();
    }
  });

  test('no reader at all: no-reader; reader without card: no-card', async () => {
    const { VirtualBackend } = await import('@authforte/card-agent');
    const empty = new VirtualBackend({ readers: 1 });
    const none: CardBackend = {
      kind: 'virtual',
      status: () => 'ready',
      scan: async () => [],
      sign: empty.sign.bind(empty),
      close: async () => {},
    };
    for (const [b, code] of [
      [none, 'no-reader'],
      [empty, 'no-card'],
    ] as const) {
      const a = await startCardAgent({ backend: b, port: 0, allowedOrigins: [ORIGIN], logger: log.logger });
      try {
        const c = new CardAgentClient({ baseUrl: a.url, headers: { origin: ORIGIN } });
        await rejects(c.cardInfo(), code);
        await rejects(c.authenticate({ nonce: 'q'.repeat(20), pin: PIN }), code);
      } finally {
        await a.close();
      }
    }
  });

  test('the PIN never shows in the logs', () => {
    assert.ok(log.lines.length > 10);
    const all = log.lines.join('\n');
    assert.ok(!all.includes(PIN), 'right PIN in the log');
    assert.ok(!all.includes(WRONG), 'wrong PIN in the log');
  });
});
