/** The trust preset of the sandbox's test hierarchy (IGC-Santé-shaped, see `@authforte/test-kit`'s test CA). */
import { createTrustPreset, type RevocationPolicy, type TrustPreset } from '@authforte/server';
import { type TestCa, testTrustOptions } from '@authforte/test-kit';

/** Both test roots as anchors, the intermediates as chain candidates. */
export function testTrustPreset(ca: TestCa, revocation: RevocationPolicy = 'fail-closed'): TrustPreset {
  return createTrustPreset(testTrustOptions(ca, revocation));
}
