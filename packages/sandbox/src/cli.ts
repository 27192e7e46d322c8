#!/usr/bin/env node
/**
 * `authforte-sandbox start` (what `npm start` runs): everything the demo needs, all local.
 * Each service listens on loopback; ports come from the environment or defaults.
 */
import { fileURLToPath } from 'node:url';
import { startTestCardAgent } from './cards/agent.js';
import { startDemoHost } from './demo/server.js';
import { startSandboxPsc } from './psc/server.js';
import type { RunningService } from './services.js';

async function start(): Promise<void> {
  const services: RunningService[] = [];
  const stop = async () => {
    await Promise.allSettled(services.map((s) => s.close()));
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  // PSC and the card agent first: the demo host gets their coordinates (issuer and client, agent URL, test CA).
  const psc = await startSandboxPsc({
    port: Number(process.env.AF_PSC_PORT ?? 8090),
    walletPort: Number(process.env.AF_PSC_WALLET_PORT ?? 8091),
  });
  services.push(psc);
  const hostPort = Number(process.env.AF_DEMO_PORT ?? 8080);
  if (!hostPort) throw new Error('AF_DEMO_PORT must be a fixed port (the card agent allows the demo host by origin).');
  const agent = await startTestCardAgent({
    port: Number(process.env.AF_AGENT_PORT ?? 24680),
    allowedOrigins: [`http://localhost:${hostPort}`],
    ...(process.env.AF_TEST_CARDS ? { cards: process.env.AF_TEST_CARDS.split(',') } : {}),
  });
  services.push(agent);
  services.unshift(
    await startDemoHost({
      port: hostPort,
      // accounts and links survive a restart; delete the folder to start afresh
      database: process.env.AF_DEMO_DB ?? fileURLToPath(new URL('../../../.sandbox-data/demo.sqlite', import.meta.url)),
      card: { trust: agent.trust, agentUrl: agent.url },
      psc: {
        environment: psc.environment,
        clientId: psc.confidentialClient.clientId,
        clientSecret: psc.confidentialClient.clientSecret,
      },
    }),
  );

  const width = Math.max(...services.map((s) => s.name.length));
  console.log('\nAuthForte sandbox is running (Ctrl+C to stop):\n');
  for (const s of services) {
    console.log(`  ${s.name.padEnd(width)}  ${s.url}`);
    for (const n of s.notes ?? []) console.log(`  ${' '.repeat(width)}  ${n}`);
  }
  console.log(`\nOpen ${services[0]?.url} in your browser.\n`);
}

const [command = 'start'] = process.argv.slice(2);
if (command === 'start') {
  start().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
} else {
  console.error(`Unknown command "${command}". Usage: authforte-sandbox start`);
  process.exit(2);
}
