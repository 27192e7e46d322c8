/// <reference types="mocha" />
/**
 * The card agent client in a real Chromium: what a page sees when no agent runs, when the local
 * network permission is refused, and the default token storage.
 */
import { expect } from '@open-wc/testing';
import { CardAgentClient } from './client.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('CardAgentClient in Chromium', () => {
  it('says "not installed" when nothing listens on the agent port', async () => {
    // port 9 (discard) is closed on test machines: the browser's fetch fails like with no agent
    const client = new CardAgentClient({ baseUrl: 'http://127.0.0.1:9', detectTimeoutMs: 3000 });
    const result = await client.detect();
    expect(result.status).to.equal('not-installed');
  });

  it('says "blocked" when the local network permission is denied', async () => {
    const client = new CardAgentClient({
      baseUrl: 'http://127.0.0.1:9',
      queryLocalNetworkPermission: async () => 'denied',
    });
    expect(await client.detect()).to.deep.equal({ status: 'blocked', permission: 'denied' });
  });

  it('the default permission query does not break detection in this browser', async () => {
    const client = new CardAgentClient({ baseUrl: 'http://127.0.0.1:9' });
    const r = await client.detect();
    expect(['not-installed', 'blocked']).to.include(r.status);
  });

  it('keeps the pairing token in localStorage, per agent URL', async () => {
    const baseUrl = 'http://127.0.0.1:24999';
    localStorage.removeItem(`authforte.card-agent.token:${baseUrl}`);
    const fetchStub = (async (url: string) =>
      String(url).endsWith('/confirm')
        ? json(200, { token: 'k'.repeat(43), origin: location.origin })
        : json(200, { pairingId: 'p', codeLength: 6, expiresAt: '' })) as unknown as typeof fetch;
    const client = new CardAgentClient({ baseUrl, fetch: fetchStub });
    await client.requestPairing();
    await client.confirmPairing('p', '123456');
    expect(localStorage.getItem(`authforte.card-agent.token:${baseUrl}`)).to.equal('k'.repeat(43));
    expect(new CardAgentClient({ baseUrl }).hasToken).to.equal(true);
    client.forgetPairing();
    expect(localStorage.getItem(`authforte.card-agent.token:${baseUrl}`)).to.equal(null);
  });

  it('reads events from a streamed answer', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('event: hello\ndata: {"readers":[],"cards":[]}\n\nevent: card-removed\n'));
        c.enqueue(new TextEncoder().encode('data: {"slot":"s","serial":"1"}\n\n'));
        c.close();
      },
    });
    const fetchStub = (async () =>
      new Response(body, { headers: { 'content-type': 'text/event-stream' } })) as unknown as typeof fetch;
    const events: unknown[] = [];
    await new Promise<void>((resolve) => {
      void new CardAgentClient({ baseUrl: 'http://127.0.0.1:24999', fetch: fetchStub }).subscribe(
        (e) => events.push(e),
        {
          onError: () => resolve(),
        },
      );
    });
    expect(events).to.deep.equal([
      { type: 'hello', readers: [], cards: [] },
      { type: 'card-removed', slot: 's', serial: '1' },
    ]);
  });
});
