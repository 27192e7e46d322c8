/**
 * Agent configuration: command-line options and the optional JSON config file.
 * Command-line options win over the file.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { VirtualCardSpec } from './virtual-backend.js';

export interface AgentConfig {
  /** PKCS#11 module path (Cryptolib CPS, SoftHSM2…). */
  module?: string;
  /** JSON file describing virtual cards (used instead of PKCS#11). */
  virtual?: string;
  port?: number;
  host?: string;
  allowedOrigins?: string[];
  pairing?: boolean;
  pairingFile?: string;
  pollIntervalMs?: number;
}

export const USAGE = `Usage: authforte-card-agent [options]

  --module <path>        PKCS#11 module (Cryptolib CPS, e.g. ${defaultModuleCandidates()[0]})
  --virtual <file.json>  use virtual cards described in this file instead of PKCS#11
  --port <n>             loopback port (default 24680)
  --host <addr>          loopback address to bind: 127.0.0.1 (default), ::1 or localhost
  --allow-origin <url>   origin allowed without pairing (repeatable)
  --no-pairing           refuse pairing requests (allowlist only)
  --pairing-file <file>  where paired origins are kept (default: ${defaultPairingFile()})
  --config <file.json>   read these options from a JSON file
  --help                 show this help

       authforte-card-agent pairings list [--pairing-file <file>]
       authforte-card-agent pairings forget <origin> [--pairing-file <file>]
  List or forget paired origins; a running agent applies it at once.
  Pairing requests are approved on the agent's own page: http://127.0.0.1:24680/
`;

/** Where Cryptolib CPS usually installs its PKCS#11 module. */
export function defaultModuleCandidates(os: string = platform()): string[] {
  if (os === 'win32') return ['C:\\Windows\\System32\\cps3_pkcs11_w64.dll'];
  if (os === 'darwin') return ['/usr/local/lib/libcps3_pkcs11_osx.dylib', '/Library/Frameworks/cps3_pkcs11_osx.dylib'];
  // Cryptolib CPS installs under /opt/santesocial/CPS/lib with links in /usr/lib64 (docs/card-agent.md)
  return [
    '/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so',
    '/usr/lib64/libcps3_pkcs11_lux.so',
    '/usr/local/lib/libcps3_pkcs11_lux.so',
    '/usr/lib/libcps3_pkcs11_lux.so',
  ];
}

export function defaultPairingFile(os: string = platform()): string {
  if (os === 'win32')
    return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'AuthForte', 'card-agent-pairings.json');
  if (os === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'AuthForte', 'card-agent-pairings.json');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'authforte', 'card-agent-pairings.json');
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the command line (and the config file it names). Returns `help: true` for --help. */
export function parseAgentArgs(argv: string[]): AgentConfig & { help?: boolean } {
  let values: ReturnType<typeof parse>['values'];
  function parse(a: string[]) {
    return parseArgs({
      args: a,
      options: {
        module: { type: 'string' },
        virtual: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
        'no-pairing': { type: 'boolean' },
        'pairing-file': { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
  }
  try {
    values = parse(argv).values;
  } catch (err) {
    throw new ConfigError(err instanceof Error ? err.message : String(err));
  }
  if (values.help) return { help: true };
  const config: AgentConfig = values.config ? readConfigFile(values.config) : {};
  if (values.module) config.module = values.module;
  if (values.virtual) config.virtual = resolve(values.virtual);
  if (values.port !== undefined) config.port = parsePort(values.port);
  if (values.host) config.host = bindHost(values.host);
  if (values['allow-origin']?.length)
    config.allowedOrigins = [...(config.allowedOrigins ?? []), ...values['allow-origin']];
  if (values['no-pairing']) config.pairing = false;
  if (values['pairing-file']) config.pairingFile = resolve(values['pairing-file']);
  if (config.module && config.virtual) throw new ConfigError('Give either --module or --virtual, not both.');
  return config;
}

/** Only these bind addresses: not another 127.x address, not a name that resolves to loopback. */
function bindHost(h: string): string {
  if (!['127.0.0.1', '::1', '[::1]', 'localhost'].includes(h))
    throw new ConfigError(`Invalid --host "${h}": the card agent binds to 127.0.0.1, ::1 or localhost only.`);
  return h;
}

function parsePort(v: unknown): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`Invalid port: ${String(v)}`);
  return n;
}

export function readConfigFile(file: string): AgentConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`Cannot read config file ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ConfigError('The config file must hold a JSON object');
  const r = raw as Record<string, unknown>;
  const base = dirname(resolve(file));
  const out: AgentConfig = {};
  const str = (k: string) => {
    if (r[k] === undefined) return undefined;
    if (typeof r[k] !== 'string') throw new ConfigError(`"${k}" must be a string`);
    return r[k] as string;
  };
  const m = str('module');
  if (m) out.module = m;
  const v = str('virtual');
  if (v) out.virtual = resolve(base, v);
  if (r.port !== undefined) out.port = parsePort(r.port);
  const h = str('host');
  if (h) out.host = bindHost(h);
  if (r.allowedOrigins !== undefined) {
    if (!Array.isArray(r.allowedOrigins) || !r.allowedOrigins.every((o) => typeof o === 'string'))
      throw new ConfigError('"allowedOrigins" must be an array of strings');
    out.allowedOrigins = r.allowedOrigins as string[];
  }
  if (r.pairing !== undefined) {
    if (typeof r.pairing !== 'boolean') throw new ConfigError('"pairing" must be true or false');
    out.pairing = r.pairing;
  }
  const pf = str('pairingFile');
  if (pf) out.pairingFile = resolve(base, pf);
  if (r.pollIntervalMs !== undefined) {
    if (typeof r.pollIntervalMs !== 'number' || r.pollIntervalMs < 50)
      throw new ConfigError('"pollIntervalMs" must be a number ≥ 50');
    out.pollIntervalMs = r.pollIntervalMs;
  }
  return out;
}

/** Reads a virtual cards file: `{ "cards": [{ "label", "certificate", "privateKey", "pin", "chain"? }] }`. */
export function readVirtualCards(file: string): VirtualCardSpec[] {
  let raw: { cards?: unknown };
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as { cards?: unknown };
  } catch (err) {
    throw new ConfigError(
      `Cannot read virtual cards file ${file}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (!Array.isArray(raw.cards)) throw new ConfigError('The virtual cards file must have a "cards" array');
  return raw.cards.map((c: unknown, i: number) => {
    const o = c as Record<string, unknown>;
    for (const k of ['label', 'certificate', 'privateKey', 'pin'])
      if (typeof o[k] !== 'string') throw new ConfigError(`cards[${i}].${k} must be a string`);
    return {
      label: o.label as string,
      certificate: o.certificate as string,
      privateKey: o.privateKey as string,
      pin: o.pin as string,
      ...(Array.isArray(o.chain) ? { chain: o.chain as string[] } : {}),
    };
  });
}

export function ensureDirFor(file: string): void {
  const d = dirname(file);
  if (!existsSync(d)) mkdirSync(d, { recursive: true, mode: 0o700 });
}
