/** Making and checking card proofs in the tests: the agent signs a fresh nonce, `verifyCardProof` judges it. */
import type { CardAgentClient, CardProof } from '@authforte/core/agent';
import type { CardChallenges } from '../nonces.js';
import { verifyCardProof } from '../verify.js';

type VerifyOptions = Parameters<typeof verifyCardProof>[0];
type VerifyBase = Omit<VerifyOptions, 'proof' | 'sessionId'> & { sessionId?: string };

/** A nonce of `challenges` for `sessionId`, signed by the agent with the card in `slot`. */
export async function proveWith(
  client: CardAgentClient,
  challenges: CardChallenges,
  pin: string,
  slot: string,
  sessionId = 'sess-A',
): Promise<CardProof> {
  const { nonce } = await challenges.issue(sessionId);
  return client.authenticate({ nonce, pin, slot });
}

/** `verifyCardProof` of a proof with these options (session `sess-A` unless given), each call's `extra` on top;
 * `base` as a function is read again at each call (e.g. a fresh revocation checker each time). */
export function proofVerifier(base: VerifyBase | (() => VerifyBase)) {
  return (proof: unknown, extra: Partial<VerifyOptions> = {}) =>
    verifyCardProof({ sessionId: 'sess-A', ...(typeof base === 'function' ? base() : base), proof, ...extra });
}
