/**
 * For the sign-in end-to-end tests: what `npm start` runs (the sandbox PSC, the demo host, the card agent with test
 * cards), all on 127.0.0.1 free ports, with the card state (test CA, SoftHSM2 tokens) in `dataDir` so that each test
 * file has its own cards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LockoutSettings } from '@authforte/server';
import { freePort } from '@authforte/test-kit';
import { loadOrCreateTestCa, type RunningTestCardAgent, startTestCardAgent } from '../cards/agent.js';
import { testTrustPreset } from '../cards/trust.js';
import { type DemoHost, startDemoHost } from '../demo/server.js';
import type { RunningSandboxPsc, SandboxPscOptions } from '../psc/options.js';
import { startSandboxPsc } from '../psc/server.js';

export interface SignInStack {
  psc: RunningSandboxPsc;
  host: DemoHost;
  /** Absent when started with `agent: false` (the page then points at a port where nothing answers). */
  agent?: RunningTestCardAgent;
  /** `http://localhost:<port>` */
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

/** Stops what a stack `started` (in that order, each even if another fails) and removes its `dataDir`. */
export async function stopAll(started: Array<{ close(): Promise<void> }>, dataDir: string): Promise<void> {
  for (const s of started) await s.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}

export async function startSignInStack(
  options: {
    /** Test cards in the agent (default `['medecin']`). */
    cards?: string[];
    /** Start the card agent (default true). */
    agent?: boolean;
    /** Allowlist the demo host in the agent (default true); `false`: the page must pair first. */
    allowlistHost?: boolean;
    lockout?: LockoutSettings;
    psc?: SandboxPscOptions;
  } = {},
): Promise<SignInStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'authforte-e2e-'));
  const cardsDir = join(dataDir, 'cards');
  const started: Array<{ close(): Promise<void> }> = [];
  try {
    const psc = await startSandboxPsc({ port: 0, walletPort: 0, ...options.psc });
    started.push(psc);
    const ca = loadOrCreateTestCa(cardsDir);
    const host = await startDemoHost({
      port: 0,
      database: ':memory:',
      minFailureMs: 0,
      ...(options.lockout ? { lockout: options.lockout } : {}),
      card: { trust: testTrustPreset(ca) },
      psc: {
        environment: psc.environment,
        clientId: psc.confidentialClient.clientId,
        clientSecret: psc.confidentialClient.clientSecret,
      },
    });
    started.unshift(host);
    const origin = new URL(host.url).origin;
    let agent: RunningTestCardAgent | undefined;
    if (options.agent !== false) {
      agent = await startTestCardAgent({
        port: 0,
        dataDir: cardsDir,
        allowedOrigins: options.allowlistHost === false ? [] : [origin],
        pollIntervalMs: 200,
        cards: options.cards ?? ['medecin'],
        logger: { info() {}, warn() {}, error() {} },
      });
      started.unshift(agent);
      host.app.setCardAgentUrl(agent.url);
    } else {
      host.app.setCardAgentUrl(`http://127.0.0.1:${await freePort()}`);
    }
    return {
      psc,
      host,
      ...(agent ? { agent } : {}),
      origin,
      url: (path) => new URL(path, host.url).href,
      close: () => stopAll(started, dataDir),
    };
  } catch (err) {
    await stopAll(started, dataDir);
    throw err;
  }
}
