#!/usr/bin/env node
/**
 * `authforte-server --config authforte.json`: the kit as a small service beside a backend in any language
 * (docs/http-api.md). Put it behind the application's origin (a reverse proxy routes `/authforte/*` to it); it
 * answers `GET /authforte/health` for the load balancer.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { authForteNode } from './adapters.js';
import { createAuthForte } from './authforte.js';
import { createRedisStore } from './redis.js';
import { ConfigError, loadServerConfig } from './server-config.js';

const USAGE = `Usage: authforte-server --config <file.json>

Environment: AUTHFORTE_SECRET (≥ 32 characters, the same on every instance), PSC_CLIENT_SECRET (with "psc"),
and the variables the config names ("secretEnv", "psc.clientSecretEnv", "accounts.tokenEnv").
See docs/http-api.md.`;

export async function main(argv = process.argv.slice(2)): Promise<number> {
  let values: { config?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help || !values.config) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  let loaded: ReturnType<typeof loadServerConfig>;
  try {
    loaded = loadServerConfig(values.config);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`authforte-server: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const { config, options } = loaded;
  const store = config.redis ? await createRedisStore({ url: config.redis }) : undefined;
  const kit = createAuthForte({ ...options, ...(store ? { store } : {}) });
  const server = createServer(authForteNode(kit, { trustProxy: true }));
  const host = config.listen?.host ?? '127.0.0.1';
  const port = config.listen?.port ?? 8787;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  }).catch((err: NodeJS.ErrnoException) => {
    console.error(
      err.code === 'EADDRINUSE'
        ? `authforte-server: port ${port} is already in use (listen.port in the config)`
        : `authforte-server: ${err.message}`,
    );
    process.exit(1);
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`authforte-server listening on http://${host}:${actual}${kit.basePath} (health: ${kit.basePath}/health)`);
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void kit.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

const code = await main();
if (code >= 0) process.exit(code);
