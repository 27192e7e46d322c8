import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LOGIN_ERROR_CODES, LOGIN_ERROR_MESSAGES, toLoginError } from './errors.js';
import { PinSecret, validateNationalIdInput } from './pin.js';

describe('login errors', () => {
  it('every code has a developer message', () => {
    for (const code of LOGIN_ERROR_CODES) assert.ok(LOGIN_ERROR_MESSAGES[code].length > 10, code);
  });

  it('maps the agent’s and PSC’s codes and plain failures', () => {
    const e = (code: string, extra = {}) => Object.assign(new Error('m'), { code, ...extra });
    assert.equal(toLoginError(e('not-paired')).code, 'agent-not-paired');
    assert.equal(toLoginError(e('final-try-confirmation-required')).code, 'pin-final-try');
    assert.equal(toLoginError(e('pin-incorrect', { triesLeft: 1 })).triesLeft, 1);
    assert.equal(toLoginError(e('psc-state-mismatch')).code, 'psc-failed');
    assert.equal(toLoginError(e('psc-unreachable')).code, 'network');
    // errors that retrying cannot fix keep their own code (and message in the element)
    assert.equal(toLoginError(e('psc-unknown-user')).code, 'psc-unknown-user');
    assert.equal(toLoginError(e('origin-refused')).code, 'origin-refused');
    assert.equal(
      toLoginError(Object.assign(new Error('HTTP 403'), { status: 403, error: 'origin-refused' })).code,
      'origin-refused',
    );
    assert.equal(toLoginError(e('forbidden'), 'verification-failed').code, 'verification-failed');
    assert.equal(toLoginError(Object.assign(new Error('a'), { name: 'AbortError' })).code, 'cancelled');
    assert.equal(toLoginError(Object.assign(new Error('a'), { name: 'TimeoutError' })).code, 'timeout');
    assert.equal(toLoginError('weird', 'verification-failed').code, 'verification-failed');
    assert.equal(toLoginError(null).code, 'network');
  });

  it('PinSecret gives the PIN once and never serialises it', () => {
    const s = new PinSecret('2580');
    assert.equal(JSON.stringify({ s }), '{"s":{}}');
    assert.equal(String(s), '[PIN]');
    assert.equal(s.take(), '2580');
    assert.equal(s.take(), '');
  });

  it('reads national identifiers as typed', () => {
    assert.equal(validateNationalIdInput('810001234567'), '810001234567');
    assert.equal(validateNationalIdInput(' 1000 1234 567 '), '810001234567');
    assert.equal(validateNationalIdInput('0123456789'), '0123456789');
    assert.equal(validateNationalIdInput('500000001815646/CPAT00045'), '500000001815646/CPAT00045');
    assert.equal(validateNationalIdInput('ANS20210107161422'), 'ANS20210107161422');
    assert.equal(validateNationalIdInput(''), null);
    assert.equal(validateNationalIdInput('8100012345a7'), null);
    assert.equal(validateNationalIdInput('8100012345'), null);
    assert.equal(validateNationalIdInput('2580'), null);
    assert.equal(validateNationalIdInput('ANS2021\u0007'), null);
  });

  it('national identifier input: never throws, gives null or a printable login hint; digits give RPPS or ADELI', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[8 ]?[\d ]{9,14}$/)), (typed) => {
        const r = validateNationalIdInput(typed);
        if (r === null) return true;
        if (/^[\d\s]+$/.test(typed)) return /^(?:8\d{11}|0\d{9})$/.test(r);
        return /^[\x21-\x7e]{1,80}$/.test(r);
      }),
      { numRuns: 2000 },
    );
  });
});
