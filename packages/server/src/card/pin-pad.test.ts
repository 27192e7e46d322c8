/**
 * A card in a PIN-pad reader (PKCS#11 CKF_PROTECTED_AUTHENTICATION_PATH; here the virtual card, whose "reader"
 * supplies the code as if the holder typed it): the agent says so, authenticates without a PIN from the page, and
 * a code mistyped on the reader counts like a wrong PIN.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startCardAgent, VirtualBackend } from '@authforte/card-agent';
import { AgentError, CardAgentClient } from '@authforte/core/agent';
import { captureLogger, createTestCa, issueCardCertificate, profile } from '@authforte/test-kit';
import { CardChallenges, verifyCardProof } from '../index.js';
import { testTrustPreset } from './test-support/trust.js';

const ORIGIN = 'https://app.example.fr';
const ca = createTestCa();
const card = issueCardCertificate(ca, profile('medecin'));

async function agentWith(pinPadEntry: string) {
  const backend = new VirtualBackend({
    cards: [
      {
        label: card.label,
        certificate: card.certificateDer,
        privateKey: card.privateKeyPem,
        pin: '1234',
        pinPad: true,
        pinPadEntry,
      },
    ],
  });
  const agent = await startCardAgent({ backend, port: 0, allowedOrigins: [ORIGIN], logger: captureLogger().logger });
  return { agent, client: new CardAgentClient({ baseUrl: agent.url, headers: { origin: ORIGIN } }) };
}

describe('PIN-pad reader', () => {
  test('the card says pinPad; the page sends no PIN and the proof verifies', async () => {
    const { agent, client } = await agentWith('1234');
    try {
      const slot = (await client.readers())[0]!.slot;
      assert.equal((await client.cardInfo({ slot })).pinPad, true);
      const challenges = new CardChallenges();
      const { nonce } = await challenges.issue('s');
      const proof = await client.authenticate({ nonce });
      const r = await verifyCardProof({
        proof,
        expectedOrigin: ORIGIN,
        sessionId: 's',
        trust: testTrustPreset(ca, 'off'),
        challenges,
      });
      assert.ok(r.ok, r.ok ? '' : r.reason);
    } finally {
      await agent.close();
    }
  });

  test('a code mistyped on the reader is a wrong PIN; a card without PIN pad still needs one', async () => {
    const { agent, client } = await agentWith('0000');
    try {
      const e = await client.authenticate({ nonce: 'pin-pad-nonce-0001' }).catch((err: AgentError) => err);
      assert.ok(e instanceof AgentError);
      assert.equal(e.code, 'pin-incorrect');
      assert.equal(e.triesLeft, 2);
    } finally {
      await agent.close();
    }
    const backend = new VirtualBackend({
      cards: [{ label: card.label, certificate: card.certificateDer, privateKey: card.privateKeyPem, pin: '1234' }],
    });
    const plain = await startCardAgent({ backend, port: 0, allowedOrigins: [ORIGIN], logger: captureLogger().logger });
    try {
      const c = new CardAgentClient({ baseUrl: plain.url, headers: { origin: ORIGIN } });
      const e = await c.authenticate({ nonce: 'pin-pad-nonce-0002' }).catch((err: AgentError) => err);
      assert.ok(e instanceof AgentError);
      assert.equal(e.code, 'pin-format-invalid');
    } finally {
      await plain.close();
    }
  });
});
