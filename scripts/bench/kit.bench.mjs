// The server kit under load: card sign-ins through two createAuthForte instances sharing one Redis (Debian's
// redis-server, started here), each sign-in as a browser makes it — session, nonce from instance A, the card
// agent's signature (virtual card, RSA 2048), verification on instance B — 8 at a time. Sign-ins per second and the
// p95 of one sign-in. Needs `npm run build` first.

import { join } from 'node:path';

const TOTAL = 300;
const CONCURRENCY = 8;

export default async function ({ root }) {
  const dist = (p) => import(join(root, 'packages', p));
  const { startCardAgent, VirtualBackend } = await dist('card-agent/dist/index.js');
  const { CardAgentClient } = await dist('core/dist/agent/index.js');
  const { createRedisStore } = await dist('server/dist/index.js');
  const { CookieClient, createTestCa, issueCardCertificate, startRedisServer, testCardProfiles } =
    await dist('test-kit/dist/index.js');
  const { testTrustPreset } = await dist('sandbox/dist/cards/trust.js');
  const { MemoryAccounts, startKitHost } = await dist('sandbox/dist/testing/kit-host.js');

  const ca = createTestCa();
  const card = issueCardCertificate(
    ca,
    testCardProfiles().find((p) => p.id === 'medecin'),
  );
  const redis = await startRedisServer();
  const stores = [await createRedisStore({ url: redis.url }), await createRedisStore({ url: redis.url })];
  const accounts = new MemoryAccounts();
  accounts.links.set(testCardProfiles().find((p) => p.id === 'medecin').nationalId, 'acc-marie');
  const secret = 'bench-secret-bench-secret-bench-secret-42';
  const a = await startKitHost({ trust: testTrustPreset(ca, 'off'), accounts, secret, store: stores[0] });
  const b = await startKitHost({
    trust: testTrustPreset(ca, 'off'),
    accounts,
    secret,
    store: stores[1],
    extra: { origin: a.origin },
  });
  // one card agent per workstation: an agent signs with one card at a time (a second request meanwhile is `busy`),
  // so the 8 concurrent sign-ins come from 8 workstations, each with its agent and its card
  const workstations = [];
  for (let i = 0; i < CONCURRENCY; i++) {
    const backend = new VirtualBackend({ readers: 1 });
    const slot = backend.insert({
      label: card.label,
      certificate: card.certificateDer,
      privateKey: card.privateKeyPem,
      pin: '4321',
    });
    const agent = await startCardAgent({
      backend,
      port: 0,
      allowedOrigins: [a.origin],
      logger: { info() {}, warn() {}, error() {} },
      rateLimits: { authenticatePerMinute: 1_000_000 },
    });
    workstations.push({
      agent,
      slot,
      client: new CardAgentClient({ baseUrl: agent.url, headers: { origin: a.origin } }),
    });
  }
  const post = async (browser, host, path, json = {}) => {
    const token = await browser.csrf();
    return browser.fetch(`${host.origin}${path}`, {
      method: 'POST',
      json,
      headers: { 'x-csrf-token': token, origin: a.origin, accept: 'application/json' },
    });
  };
  const signIn = async ({ client, slot }) => {
    const t0 = performance.now();
    const browser = new CookieClient(a.origin);
    const { nonce } = await (await post(browser, a, '/authforte/card/nonce')).json();
    const proof = await client.authenticate({ nonce, pin: '4321', slot });
    const outcome = await (await post(browser, b, '/authforte/card/verify', proof)).json();
    if (outcome.status !== 'authenticated') throw new Error(`sign-in failed: ${JSON.stringify(outcome)}`);
    return performance.now() - t0;
  };
  try {
    for (let i = 0; i < 10; i++) await signIn(workstations[0]); // warm-up
    const times = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(
      workstations.map(async (workstation) => {
        while (next < TOTAL) {
          next++;
          times.push(await signIn(workstation));
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    times.sort((x, y) => x - y);
    const r1 = (x) => Math.round(x * 10) / 10;
    return [
      {
        name: `card sign-ins through two kit instances on one Redis (${TOTAL}, ${CONCURRENCY} at a time)`,
        value: r1(TOTAL / seconds),
        unit: 'sign-ins/s',
      },
      {
        name: 'one card sign-in (session, nonce on A, card signature, verify on B), median',
        value: r1(times[Math.floor(times.length / 2)]),
        unit: 'ms',
      },
      { name: 'one card sign-in, p95', value: r1(times[Math.floor(times.length * 0.95)]), unit: 'ms' },
    ];
  } finally {
    for (const w of workstations) await w.agent.close();
    await a.close();
    await b.close();
    for (const s of stores) await s.close();
    await redis.close();
  }
}
