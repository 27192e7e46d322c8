#!/usr/bin/env node
/**
 * `authforte-card-agent`: runs the local card agent.
 *   authforte-card-agent --module /usr/local/lib/libcps3_pkcs11_lux.so --allow-origin https://app.example.fr
 */
import { existsSync } from 'node:fs';
import type { CardBackend } from './backend.js';
import {
  ConfigError,
  defaultModuleCandidates,
  defaultPairingFile,
  ensureDirFor,
  parseAgentArgs,
  readVirtualCards,
  USAGE,
} from './config.js';
import { createPkcs11Backend } from './pkcs11-backend.js';
import { startCardAgent } from './service.js';
import { VirtualBackend } from './virtual-backend.js';

async function main(): Promise<void> {
  const config = parseAgentArgs(process.argv.slice(2));
  if (config.help) {
    console.log(USAGE);
    return;
  }
  let backend: CardBackend;
  if (config.virtual) {
    backend = new VirtualBackend({ cards: readVirtualCards(config.virtual) });
    console.log(`Virtual cards from ${config.virtual}`);
  } else {
    const module =
      config.module ?? defaultModuleCandidates().find((p) => existsSync(p)) ?? defaultModuleCandidates()[0]!;
    const pkcs11 = await createPkcs11Backend({ module });
    if (pkcs11.status() === 'ready') console.log(`PKCS#11 module: ${module}`);
    else
      console.warn(
        `PKCS#11 module not available (${module}): ${pkcs11.loadError ?? ''}\nThe agent runs and reports "module-unavailable"; it retries every few seconds.`,
      );
    backend = pkcs11;
  }
  const pairingFile = config.pairingFile ?? defaultPairingFile();
  ensureDirFor(pairingFile);
  const running = await startCardAgent({
    backend,
    ...(config.port !== undefined ? { port: config.port } : {}),
    ...(config.host ? { host: config.host } : {}),
    ...(config.allowedOrigins ? { allowedOrigins: config.allowedOrigins } : {}),
    ...(config.pairing !== undefined ? { pairing: config.pairing } : {}),
    ...(config.pollIntervalMs ? { pollIntervalMs: config.pollIntervalMs } : {}),
    pairingFile,
  });
  console.log(`AuthForte card agent listening on ${running.url} (protocol v1). Ctrl+C to stop.`);
  const stop = () => {
    running.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? `${err.message}\n\n${USAGE}` : err instanceof Error ? err.message : err);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
