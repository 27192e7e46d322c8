/**
 * A SoftHSM2 test card locked by three wrong PINs at the agent, then unblocked elsewhere (the security
 * officer resets the PIN, as the unblocking code does on a real CPS): the same running agent signs again.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { AgentError, CardAgentClient } from '@authforte/core/agent';
import {
  profile,
  SOFTHSM_MODULE,
  type SoftHsmFixture,
  softHsmFixture,
  TEST_SO_PIN,
  testAgentOptions,
} from '@authforte/test-kit';
import { createPkcs11Backend, type RunningCardAgent, startCardAgent } from './index.js';

const run = promisify(execFile);
const ORIGIN = 'https://app.example.fr';
const PIN = '5791';

describe('an unblocked card works again without restarting the agent (SoftHSM2)', () => {
  let fx: SoftHsmFixture;
  let agent: RunningCardAgent;
  let client: CardAgentClient;

  before(async () => {
    fx = await softHsmFixture([profile('medecin', { pin: PIN })]);
    const backend = await createPkcs11Backend({ module: SOFTHSM_MODULE });
    agent = await startCardAgent(testAgentOptions(backend, [ORIGIN]));
    client = new CardAgentClient({ baseUrl: agent.url, headers: { origin: ORIGIN } });
  });
  after(async () => {
    await agent?.close();
    fx?.cleanup();
  });

  const attempt = (pin: string, n: number, confirmFinalTry = false) =>
    client.authenticate({ nonce: `unblock-nonce-${String(n).padStart(6, '0')}`, pin, confirmFinalTry }).then(
      () => 'ok',
      (e: AgentError) =>
        e instanceof AgentError ? `${e.code}${e.triesLeft === undefined ? '' : `:${e.triesLeft}`}` : String(e),
    );

  test('locked after three wrong PINs, then usable once the PIN is reset on the token', async () => {
    assert.equal(await attempt('0000', 1), 'pin-incorrect:2');
    assert.equal(await attempt('0000', 2), 'pin-incorrect:1');
    assert.equal(await attempt('0000', 3, true), 'pin-locked');
    assert.equal(await attempt(PIN, 4, true), 'pin-locked', 'the agent keeps the lock');
    const cardInfo = async () => {
      const reader = (await client.readers()).find((r) => r.cardPresent);
      return client.cardInfo({ slot: reader!.slot });
    };
    const card = await cardInfo();
    assert.equal(card?.pin.locked, true);
    // unblocked elsewhere: C_InitPIN by the security officer
    await run(
      'pkcs11-tool',
      [
        '--module',
        SOFTHSM_MODULE,
        '--token-label',
        fx.cards[0]!.label,
        '--init-pin',
        '--login',
        '--login-type',
        'so',
        '--so-pin',
        TEST_SO_PIN,
        '--new-pin',
        PIN,
      ],
      { env: { ...process.env, SOFTHSM2_CONF: fx.env.conf } },
    );
    const again = await cardInfo();
    assert.equal(again?.pin.locked, false);
    assert.equal(again?.pin.triesLeft, 3);
    assert.equal(await attempt(PIN, 5), 'ok');
  });
});
