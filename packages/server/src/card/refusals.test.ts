import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HOST_ERRORS, HOST_TO_LOGIN, toLoginError } from '@authforte/core/errors';
import { hostFailure } from '@authforte/core/login/server';
import { CARD_REFUSALS, type CardProofFailure, cardRefusalCode, cardRefusalResponse } from './refusals.js';

describe('card proof refusals', () => {
  it('every reason is answered with a named login code the page shows as is (never the step’s fallback)', () => {
    for (const reason of Object.keys(CARD_REFUSALS) as CardProofFailure[]) {
      const code = cardRefusalCode(reason);
      assert.ok(HOST_ERRORS[code], reason);
      assert.equal(HOST_TO_LOGIN[code], code, reason);
      assert.equal(toLoginError({ code }, 'network').code, code, reason);
    }
    assert.equal(cardRefusalCode('certificate-revoked'), 'card-revoked');
    assert.equal(cardRefusalCode('nonce-reused'), 'verification-failed');
  });

  it('the answer is the envelope, with the reason for the host’s logs, and reads back without loss', async () => {
    const res = cardRefusalResponse('certificate-revoked');
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = (await res.json()) as { error: Record<string, unknown> };
    assert.deepEqual(body, {
      error: {
        code: 'card-revoked',
        category: 'user',
        retryable: false,
        message: CARD_REFUSALS['certificate-revoked'].message,
        details: { reason: 'certificate-revoked' },
      },
    });
    const e = hostFailure(body, 400, 'verification-failed');
    assert.deepEqual([e.code, e.details.reason, e.details.status], ['card-revoked', 'certificate-revoked', 400]);
    // an older host's flat answer is read too; a generic code is the step's failure
    assert.equal(hostFailure({ error: 'card-expired', message: 'x' }, 400, 'verification-failed').code, 'card-expired');
    assert.equal(hostFailure({ error: { code: 'csrf' } }, 403, 'network').code, 'network');
    assert.equal(hostFailure('<html>', 502, 'verification-failed').code, 'verification-failed');
  });
});
