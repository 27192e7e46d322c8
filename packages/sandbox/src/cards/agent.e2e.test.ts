/**
 * End to end in Debian's Chromium: a page on one origin pairs with the running agent (SoftHSM2 test
 * cards), reads the card, authenticates, and the host server verifies the proof; then the refusals —
 * another origin, the nonce used twice, a flipped bit, an expired card, an untrusted CA.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPkcs11Backend, type RunningCardAgent, startCardAgent } from '@authforte/card-agent';
import { CardChallenges, verifyCardProof } from '@authforte/server';
import {
  captureLogger,
  createTestCa,
  type HostApp,
  profile,
  SOFTHSM_MODULE,
  type SoftHsmFixture,
  softHsmFixture,
  startHostApp,
  waitFor,
} from '@authforte/test-kit';
import { launchChromium } from '@authforte/test-kit/browser';
import type { Browser, Page } from 'playwright-core';
import { testTrustPreset } from './trust.js';

const PIN = '4729';

let fx: SoftHsmFixture;
let agent: RunningCardAgent;
let host: HostApp;
let browser: Browser;
let page: Page;
const log = captureLogger();
const codes: string[] = [];

declare global {
  interface Window {
    // biome-ignore lint/suspicious/noExplicitAny: the page's test globals
    agent: any;
    // biome-ignore lint/suspicious/noExplicitAny: the page's test globals
    client: any;
    ready: boolean;
  }
}

before(async () => {
  fx = await softHsmFixture([profile('medecin', { pin: PIN }), profile('expiree', { pin: PIN })]);
  const backend = await createPkcs11Backend({ module: SOFTHSM_MODULE });
  agent = await startCardAgent({
    backend,
    port: 0,
    logger: log.logger,
    onPairingCode: (n) => codes.push(n.code),
    pollIntervalMs: 200,
  });
  const trust = testTrustPreset(fx.ca, 'off');
  const untrusted = testTrustPreset(createTestCa({ organization: 'UNTRUSTED TEST PKI', keyType: 'ec' }), 'off');
  const challenges = new CardChallenges();
  host = await startHostApp({
    agentUrl: agent.url,
    issue: (sid) => challenges.issue(sid),
    verify: ({ untrusted: other, ...r }) => verifyCardProof({ ...r, trust: other ? untrusted : trust, challenges }),
  });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`${host.origin}/`);
  await page.waitForFunction(() => window.ready === true);
});

after(async () => {
  await browser?.close();
  await host?.close();
  await agent?.close();
  fx?.cleanup();
});

/** Runs an authentication in the page with a fresh nonce from the host; returns the proof. */
function authenticateInPage(serial: string, pin = PIN) {
  return page.evaluate(
    async ({ serial, pin }) => {
      const readers = await window.client.readers();
      let slot = '';
      for (const r of readers)
        if (r.cardPresent && (await window.client.cardInfo({ slot: r.slot })).serial === serial) slot = r.slot;
      const { nonce } = await (await fetch('/api/nonce', { method: 'POST' })).json();
      try {
        return { proof: await window.client.authenticate({ nonce, pin, slot, timeoutMs: 20000 }) };
      } catch (e) {
        const err = e as { code: string; triesLeft?: number; name: string };
        return { error: { code: err.code, triesLeft: err.triesLeft, name: err.name } };
      }
    },
    { serial, pin },
  );
}

function verifyInPage(proof: unknown, as = 'self', flipBit = false) {
  return page.evaluate(
    async ({ proof, as, flipBit }) => {
      const p = { ...(proof as Record<string, string>) };
      if (flipBit) {
        const sig = p.signature!;
        const c = sig[10] === 'A' ? 'B' : 'A';
        p.signature = sig.slice(0, 10) + c + sig.slice(11);
      }
      const res = await fetch('/api/verify', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ proof: p, as }),
      });
      return res.json();
    },
    { proof, as, flipBit },
  );
}

describe('card sign-in in Chromium', () => {
  test('detection says "not paired", then the page pairs with the code the agent shows', async () => {
    assert.equal(await page.evaluate(async () => (await window.client.detect()).status), 'not-paired');
    const pairingId = await page.evaluate(async () => (await window.client.requestPairing()).pairingId);
    const code = await waitFor(() => codes.at(-1), 2000, 'pairing code');
    await page.evaluate(async ({ id, code }) => window.client.confirmPairing(id, code), { id: pairingId, code });
    assert.equal(await page.evaluate(async () => (await window.client.detect()).status), 'ready');
    // the token survives a reload (localStorage)
    await page.reload();
    await page.waitForFunction(() => window.ready === true);
    assert.equal(await page.evaluate(async () => (await window.client.detect()).status), 'ready');
  });

  test('the page receives card events and reads the card', async () => {
    await page.evaluate(async () => {
      (window as unknown as { events: unknown[] }).events = [];
      await window.client.subscribe((e: unknown) => (window as unknown as { events: unknown[] }).events.push(e));
    });
    await page.waitForFunction(() =>
      (window as unknown as { events: Array<{ type: string }> }).events.some((e) => e.type === 'hello'),
    );
    const cards = await page.evaluate(() =>
      (window as unknown as { events: Array<{ type: string; cards?: Array<{ serial: string }> }> }).events[0]?.cards
        ?.map((c) => c.serial)
        .sort(),
    );
    assert.deepEqual(cards, ['2900000011', '2900000044']);
    const info = await page.evaluate(async () => {
      for (const r of await window.client.readers()) {
        if (!r.cardPresent) continue;
        const c = await window.client.cardInfo({ slot: r.slot });
        if (c.serial === '2900000011') return c;
      }
      return null;
    });
    assert.equal(info?.holder.displayName, 'Camille MARTIN-TEST');
    assert.equal(info?.holder.profession.label, 'Médecin');
    assert.equal(info?.cardType, 'CPS');
    assert.equal(info?.pin.triesLeft, 3);
  });

  test('authenticate: the server verifies the proof and gets the identity', async () => {
    const { proof, error } = await authenticateInPage('2900000011');
    assert.ok(proof, JSON.stringify(error));
    assert.equal(proof.origin, host.origin);
    const r = await verifyInPage(proof);
    assert.equal(r.ok, true, r.reason);
    assert.equal(r.identity.nationalId, profile('medecin').nationalId);
    assert.equal(r.identity.displayName, 'Camille MARTIN-TEST');
    // the same proof a second time
    const again = await verifyInPage(proof);
    assert.deepEqual([again.ok, again.reason], [false, 'nonce-reused']);
  });

  test('the same kind of proof is refused for another origin, with a flipped bit, or under an untrusted CA', async () => {
    const p1 = (await authenticateInPage('2900000011')).proof;
    assert.equal((await verifyInPage(p1, 'other-origin')).reason, 'origin-mismatch');
    const p2 = (await authenticateInPage('2900000011')).proof;
    assert.equal((await verifyInPage(p2, 'self', true)).reason, 'signature-invalid');
    const p3 = (await authenticateInPage('2900000011')).proof;
    assert.equal((await verifyInPage(p3, 'untrusted-ca')).reason, 'certificate-untrusted');
  });

  test('an expired card is refused by the server', async () => {
    const { proof } = await authenticateInPage('2900000044');
    assert.ok(proof);
    const r = await verifyInPage(proof);
    assert.deepEqual([r.ok, r.reason], [false, 'certificate-expired']);
  });

  test('a wrong PIN in the page gives a typed error with the tries left, and a pin-status event', async () => {
    const { error } = await authenticateInPage('2900000011', '0000');
    assert.deepEqual(error, { code: 'pin-incorrect', triesLeft: 2, name: 'AgentError' });
    await page.waitForFunction(() =>
      (window as unknown as { events: Array<{ type: string; pin?: { triesLeft: number } }> }).events.some(
        (e) => e.type === 'pin-status' && e.pin?.triesLeft === 2,
      ),
    );
    // a good PIN resets the count
    assert.ok((await authenticateInPage('2900000011')).proof);
  });

  test('a page on another origin that has not paired cannot use the card', async () => {
    const other = await browser.newPage();
    try {
      await other.goto(`${host.origin.replace('localhost', '127.0.0.1')}/`);
      await other.waitForFunction(() => window.ready === true);
      assert.equal(await other.evaluate(async () => (await window.client.detect()).status), 'not-paired');
      const code = await other.evaluate(async () =>
        window.client.cardInfo().then(
          () => 'read',
          (e: { code: string }) => e.code,
        ),
      );
      assert.equal(code, 'not-paired');
    } finally {
      await other.close();
    }
  });

  test('the agent log holds no PIN', () => {
    const all = log.lines.join('\n');
    assert.ok(log.lines.length > 10);
    assert.ok(!all.includes(PIN));
  });
});
