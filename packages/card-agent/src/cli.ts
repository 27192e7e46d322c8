#!/usr/bin/env node
/**
 * `authforte-card-agent`: runs the local card agent.
 *   authforte-card-agent --module /usr/local/lib/libcps3_pkcs11_lux.so --allow-origin https://app.example.fr
 *   authforte-card-agent pairings list
 *   authforte-card-agent pairings forget https://app.example.fr
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
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
import type { PairingCodeNotice } from './options.js';
import { PairingStore } from './pairings.js';
import { createPkcs11Backend } from './pkcs11-backend.js';
import { startCardAgent } from './service.js';
import { VirtualBackend } from './virtual-backend.js';

/** `pairings list` / `pairings forget ORIGIN`: edits the pairing file; a running agent sees it at once. */
function pairingsCommand(args: string[]): void {
  const [sub, ...rest] = args;
  const positional = rest.filter((a, i) => !a.startsWith('--') && !rest[i - 1]?.startsWith('--'));
  const config = parseAgentArgs(rest.filter((a) => !positional.includes(a)));
  const store = new PairingStore(config.pairingFile ?? defaultPairingFile(), (m) => console.error(m));
  if (sub === 'list' && positional.length === 0) {
    const all = store.list();
    if (all.length === 0) console.log('No paired origin.');
    for (const p of all) console.log(`${p.origin}\tpaired ${p.createdAt}`);
    return;
  }
  if (sub === 'forget' && positional.length === 1) {
    let origin: string;
    try {
      origin = new URL(positional[0]!).origin;
    } catch {
      throw new ConfigError(`Not an origin: ${positional[0]}`);
    }
    const n = store.forget(origin);
    if (n === 0) {
      console.error(`${origin} is not paired.`);
      process.exitCode = 1;
    } else console.log(`Forgot ${origin} (${n} pairing${n > 1 ? 's' : ''}).`);
    return;
  }
  throw new ConfigError('Usage: authforte-card-agent pairings list | pairings forget <origin>');
}

/**
 * A desktop notification for a pairing request where the system offers one (`notify-send` on a Linux desktop
 * session): the agent usually runs without a console, so the user learns where to approve.
 */
function desktopNotifier(): ((n: PairingCodeNotice) => void) | undefined {
  if (process.platform !== 'linux' || !process.env.DBUS_SESSION_BUS_ADDRESS) return undefined;
  const bin = (process.env.PATH ?? '')
    .split(delimiter)
    .map((d) => join(d, 'notify-send'))
    .find((p) => existsSync(p));
  if (!bin) return undefined;
  return (n) => {
    const child = spawn(
      bin,
      [
        '--app-name=AuthForte',
        'Agent de carte : demande d’association',
        `${n.origin} demande à utiliser votre carte. Code de vérification : ${n.matchCode}. Ouvrez ${n.approveUrl} pour approuver ou refuser.`,
      ],
      { stdio: 'ignore', detached: true },
    );
    child.on('error', () => {});
    child.unref();
  };
}

async function main(): Promise<void> {
  if (process.argv[2] === 'pairings') return pairingsCommand(process.argv.slice(3));
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
  const notify = desktopNotifier();
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
    onPairingCode: (n) => {
      console.log(
        `\n  Pairing request from ${n.origin}\n  Approve it on ${n.approveUrl} (verification code ${n.matchCode}),\n  or type this code in the page: ${n.code} (valid until ${n.expiresAt.toLocaleTimeString()}; ignore it if you did not ask)\n`,
      );
      notify?.(n);
    },
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
