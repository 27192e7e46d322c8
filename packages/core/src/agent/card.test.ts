import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { isWellFormedPin as loginPinRule } from '../login/index.js';
import { CARD_TYPES, CPS_PIN_LENGTH, cardTypeFromCode, cardTypeLabel, isWellFormedPin } from './card.js';

describe('the CPx cards, one source', () => {
  test('card types: each code names its type and back, anything else is unknown', () => {
    for (const [type, info] of Object.entries(CARD_TYPES)) assert.equal(cardTypeFromCode(info.code), type);
    assert.deepEqual(
      Object.values(CARD_TYPES).map((t) => t.code),
      [0, 1, 2, 3],
    );
    for (const code of [undefined, -1, 4, 99, Number.NaN]) assert.equal(cardTypeFromCode(code), 'unknown');
  });

  test('card type labels, in French and in English', () => {
    assert.equal(cardTypeLabel('CPS', 'fr'), 'CPS — carte de professionnel de santé');
    assert.equal(cardTypeLabel('CPE', 'en'), 'CPE — establishment staff card');
    assert.equal(cardTypeLabel('unknown', 'fr'), 'Carte CPx');
    assert.equal(cardTypeLabel('unknown', 'en'), 'CPx card');
  });

  test('the PIN: exactly CPS_PIN_LENGTH digits, the same rule for the login machine and the agent', () => {
    assert.equal(CPS_PIN_LENGTH, 4);
    assert.equal(loginPinRule, isWellFormedPin);
    assert.ok(isWellFormedPin('0000'));
    for (const bad of ['123', '12345', '123456', '12a4', '１２３４', ' 1234', 1234, null, undefined])
      assert.equal(isWellFormedPin(bad), false, String(bad));
    fc.assert(
      fc.property(fc.string(), (s) => isWellFormedPin(s) === /^[0-9]{4}$/.test(s)),
      { numRuns: 500 },
    );
  });
});
