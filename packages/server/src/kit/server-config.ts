/**
 * The `authforte-server` command's configuration: a JSON file that becomes `createAuthForte` options. Secrets come
 * from the environment (`…Env` keys), never from the file. The host's accounts are reached over HTTP (a small
 * contract of three POSTs, docs/http-api.md), so a Java, .NET or PHP backend answers them.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PSC_BAS, PSC_PRODUCTION, type PscEnvironment, pscEnvironment } from '@authforte/core/psc';
import { AccountLinkError } from '../link/errors.js';
import type { AuthForteAccounts, AuthForteOptions, KitIdentity } from './types.js';

export interface AuthForteServerConfig {
  listen?: { host?: string; port?: number };
  origin: string;
  /** Name of the environment variable holding the secret (default `AUTHFORTE_SECRET`). */
  secretEnv?: string;
  basePath?: string;
  /** `redis://…` for several instances (default: memory). */
  redis?: string;
  hostName?: string;
  helpContact?: AuthForteOptions['helpContact'];
  redirects?: AuthForteOptions['redirects'];
  /** PEM files of the trusted CAs, relative to the config file. */
  card?: { trustAnchors: string[]; agentUrl?: string };
  psc?: {
    /** `production`, `bas`, or an issuer URL. */
    environment: string;
    clientId: string;
    /** Environment variable of the client secret (default `PSC_CLIENT_SECRET`). */
    clientSecretEnv?: string;
    ciba?: boolean;
    mode?: 'redirect' | 'popup';
  };
  /** The host's account endpoints: `POST {url}/find`, `{url}/verify-credentials`, `{url}/link`. */
  accounts: { url: string; tokenEnv?: string };
  lockout?: AuthForteOptions['lockout'];
  assertion?: AuthForteOptions['assertion'];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function environmentOf(value: string): PscEnvironment {
  if (value === 'production') return PSC_PRODUCTION;
  if (value === 'bas') return PSC_BAS;
  try {
    const u = new URL(value);
    const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
    if (u.protocol !== 'https:' && !loopback) throw new ConfigError('psc.environment: an issuer must be https');
    return pscEnvironment(value, loopback ? { allowInsecureHttp: true } : {});
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError('psc.environment must be "production", "bas" or an issuer URL');
  }
}

/** The account callbacks on the host's HTTP endpoints (JSON, bearer token). */
export function httpAccounts(url: string, token: string | undefined, doFetch: typeof fetch = fetch): AuthForteAccounts {
  const base = url.replace(/\/+$/, '');
  const call = async (path: string, body: unknown) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await doFetch(`${base}/${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const data = (await res.json().catch(() => ({}))) as { accountId?: unknown };
    return { status: res.status, accountId: typeof data.accountId === 'string' ? data.accountId : undefined };
  };
  const account = (r: { status: number; accountId?: string | undefined }, none: number[]) => {
    if (r.status === 200 && r.accountId) return { accountId: r.accountId };
    if (none.includes(r.status)) return null;
    throw new Error(`host accounts endpoint answered HTTP ${r.status}`);
  };
  return {
    async findByNationalId(nationalId: string, identity: KitIdentity) {
      return account(await call('find', { nationalId, identity }), [404]);
    },
    async verifyCredentials(username: string, password: string) {
      return account(await call('verify-credentials', { username, password }), [401, 404]);
    },
    async link({ identity, accountId }) {
      const r = await call('link', { nationalId: identity.nationalId, identity, accountId });
      if (r.status === 409) throw new AccountLinkError('already-linked');
      if (r.status !== 200 && r.status !== 204) throw new Error(`host link endpoint answered HTTP ${r.status}`);
    },
  };
}

/** Reads the file and the environment into kit options (without `store`, which the command creates). */
export function loadServerConfig(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): { config: AuthForteServerConfig; options: AuthForteOptions } {
  let config: AuthForteServerConfig;
  try {
    config = JSON.parse(readFileSync(file, 'utf8')) as AuthForteServerConfig;
  } catch (err) {
    throw new ConfigError(`cannot read ${file}: ${(err as Error).message}`);
  }
  if (!config || typeof config.origin !== 'string') throw new ConfigError('"origin" is required');
  if (!config.accounts?.url) throw new ConfigError('"accounts.url" is required (the host’s account endpoints)');
  const secret = env[config.secretEnv ?? 'AUTHFORTE_SECRET'];
  if (!secret || secret.length < 32)
    throw new ConfigError(`${config.secretEnv ?? 'AUTHFORTE_SECRET'} must hold a secret of at least 32 characters`);
  const dir = dirname(resolve(file));
  const options: AuthForteOptions = {
    origin: config.origin,
    secret,
    accounts: httpAccounts(config.accounts.url, config.accounts.tokenEnv ? env[config.accounts.tokenEnv] : undefined),
    ...(config.basePath ? { basePath: config.basePath } : {}),
    ...(config.hostName ? { hostName: config.hostName } : {}),
    ...(config.helpContact ? { helpContact: config.helpContact } : {}),
    ...(config.redirects ? { redirects: config.redirects } : {}),
    ...(config.lockout ? { lockout: config.lockout } : {}),
    ...(config.assertion ? { assertion: config.assertion } : {}),
  };
  if (config.card) {
    options.card = {
      trustAnchors: config.card.trustAnchors.map((p) => readFileSync(resolve(dir, p), 'utf8')),
      ...(config.card.agentUrl ? { agentUrl: config.card.agentUrl } : {}),
    };
  }
  if (config.psc) {
    const secretName = config.psc.clientSecretEnv ?? 'PSC_CLIENT_SECRET';
    const clientSecret = env[secretName];
    if (!clientSecret) throw new ConfigError(`${secretName} must hold the PSC client secret`);
    options.psc = {
      environment: environmentOf(config.psc.environment),
      clientId: config.psc.clientId,
      clientSecret,
      ...(config.psc.ciba === undefined ? {} : { ciba: config.psc.ciba }),
      ...(config.psc.mode ? { mode: config.psc.mode } : {}),
    };
  }
  return { config, options };
}
