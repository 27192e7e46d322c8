#!/usr/bin/env node
/**
 * `authforte-sandbox start` (what `npm start` runs): everything the demo needs, all local.
 * Each service listens on loopback; ports come from the environment or defaults.
 */
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startTestCardAgent } from './cards/agent.js';
import { startDemoHost } from './demo/server.js';
import { startSandboxPsc } from './psc/server.js';
import type { RunningService } from './services.js';

/** A port the sandbox needs, and the environment variable that chooses it. */
interface PortNeed {
  variable: string;
  port: number;
  service: string;
}

/** Resolves when `port` can be listened on (on loopback, like the services), rejects with the listen error. */
function probe(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/**
 * Checks every port before starting anything, so a port taken (often by a sandbox already running from the same
 * folder) stops the start before a service writes anything (the card agent re-creates `.sandbox-data/cards`), and
 * the message names the variable to set.
 */
async function checkPorts(needs: PortNeed[]): Promise<void> {
  const problems: string[] = [];
  for (const { variable, port, service } of needs) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      problems.push(`${variable}=${port} is not a port number (${service}).`);
      continue;
    }
    try {
      await probe(port);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problems.push(
        code === 'EADDRINUSE'
          ? `Port ${port} (${service}) is already in use — is a sandbox already running? Stop it, or set ${variable} to a free port.`
          : `Port ${port} (${service}) cannot be used (${code ?? String(err)}): set ${variable} to another port.`,
      );
    }
  }
  if (problems.length > 0)
    throw new Error(`The sandbox did not start; nothing was changed.\n  ${problems.join('\n  ')}`);
}

async function start(): Promise<void> {
  const services: RunningService[] = [];
  const stop = async () => {
    await Promise.allSettled(services.map((s) => s.close()));
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const pscPort = Number(process.env.AF_PSC_PORT ?? 8090);
  const walletPort = Number(process.env.AF_PSC_WALLET_PORT ?? 8091);
  const agentPort = Number(process.env.AF_AGENT_PORT ?? 24680);
  const hostPort = Number(process.env.AF_DEMO_PORT ?? 8080);
  if (!hostPort) throw new Error('AF_DEMO_PORT must be a fixed port (the card agent allows the demo host by origin).');
  await checkPorts([
    { variable: 'AF_DEMO_PORT', port: hostPort, service: 'demo host' },
    { variable: 'AF_PSC_PORT', port: pscPort, service: 'sandbox Pro Santé Connect' },
    { variable: 'AF_PSC_WALLET_PORT', port: walletPort, service: 'sandbox Pro Santé Connect, sign-in page and phone' },
    { variable: 'AF_AGENT_PORT', port: agentPort, service: 'test card agent' },
  ]);

  // PSC and the card agent first: the demo host gets their coordinates (issuer and client, agent URL, test CA).
  const psc = await startSandboxPsc({ port: pscPort, walletPort });
  services.push(psc);
  const agent = await startTestCardAgent({
    port: agentPort,
    allowedOrigins: [`http://localhost:${hostPort}`],
    ...(process.env.AF_TEST_CARDS ? { cards: process.env.AF_TEST_CARDS.split(',') } : {}),
  });
  services.push(agent);
  services.unshift(
    await startDemoHost({
      port: hostPort,
      // accounts and links survive a restart; delete the folder to start afresh
      database: process.env.AF_DEMO_DB ?? fileURLToPath(new URL('../../../.sandbox-data/demo.sqlite', import.meta.url)),
      card: { trustAnchors: [agent.caCertificatePem], agentUrl: agent.url },
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
