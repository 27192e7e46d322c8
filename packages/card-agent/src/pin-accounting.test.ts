import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CardRecord, TokenPinFlags } from './backend.js';
import { PinAccounting } from './pin-accounting.js';

const card = (pinFlags: Partial<TokenPinFlags> = {}): CardRecord => ({
  slot: '01',
  reader: 'Lecteur',
  label: 'CPS3v3-2900000011',
  tokenSerial: '2900000011',
  certificate: new Uint8Array([1]),
  chain: [],
  pinFlags: { countLow: false, finalTry: false, locked: false, ...pinFlags },
});

describe('PIN accounting', () => {
  test('a module that reports its tries (Cryptolib CPS): the flags are the truth, also after an unblock', () => {
    const p = new PinAccounting(3);
    assert.equal(p.status(card()).triesLeft, 3);
    p.failed(card(), false);
    assert.equal(p.status(card({ countLow: true })).triesLeft, 2);
    p.failed(card({ countLow: true }), false);
    assert.deepEqual(p.status(card({ countLow: true, finalTry: true })), {
      triesLeft: 1,
      maxTries: 3,
      finalTry: true,
      locked: false,
      source: 'token',
    });
    p.failed(card({ finalTry: true }), false);
    assert.equal(p.status(card({ countLow: true, locked: true })).locked, true);
    // unblocked with the unblocking code in another application: the token says so, the agent follows
    assert.deepEqual(p.status(card()), { triesLeft: 3, maxTries: 3, finalTry: false, locked: false, source: 'token' });
  });

  test('a module that only sets COUNT_LOW (SoftHSM2): the agent counts, and forgets when the token resets', () => {
    const p = new PinAccounting(3);
    for (let i = 0; i < 3; i++) {
      p.failed(card({ countLow: i > 0 }), false);
      p.status(card({ countLow: true }));
    }
    const locked = p.status(card({ countLow: true }));
    assert.equal(locked.locked, true);
    assert.equal(locked.source, 'agent');
    // PIN reset by the security officer (COUNT_LOW cleared)
    const again = p.status(card());
    assert.equal(again.triesLeft, 3);
    assert.equal(again.locked, false);
  });

  test('a module that reports nothing at all keeps the agent’s count', () => {
    const p = new PinAccounting(3);
    p.failed(card(), false);
    p.failed(card(), false);
    assert.equal(p.status(card()).triesLeft, 1);
    p.failed(card(), false);
    assert.equal(p.status(card()).locked, true);
    p.succeeded(card());
    assert.equal(p.status(card()).triesLeft, 3);
  });

  test('CKR_PIN_LOCKED locks at once', () => {
    const p = new PinAccounting(3);
    p.failed(card(), true);
    assert.equal(p.status(card()).locked, true);
  });
});
