import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lazyServerServices } from './server-lazy.js';
import { createServerServices } from './server-services.js';

describe('lazyServerServices', () => {
  it('offers every card and PSC service of the transport it loads (pairing approved on the agent page included)', () => {
    const lazy = lazyServerServices('/authforte').services;
    const eager = createServerServices('/authforte').services;
    assert.deepEqual(Object.keys(lazy.card ?? {}).sort(), Object.keys(eager.card ?? {}).sort());
    assert.deepEqual(Object.keys(lazy.psc ?? {}).sort(), Object.keys(eager.psc ?? {}).sort());
    assert.equal(typeof lazy.card?.waitForPairingApproval, 'function');
  });
});
