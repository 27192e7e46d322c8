/** For the server's card tests: the trust preset of the test kit's IGC-Santé-shaped hierarchy. */
import { type TestCa, testTrustOptions } from '@authforte/test-kit';
import { createTrustPreset, type TrustPreset } from '../presets.js';
import type { RevocationPolicy } from '../revocation.js';

export function testTrustPreset(ca: TestCa, revocation?: RevocationPolicy): TrustPreset {
  return createTrustPreset(testTrustOptions(ca, revocation));
}
