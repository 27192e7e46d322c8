/** What the card agent is given (`CardAgentOptions`), its defaults, and the checks of its own configuration. */
import type { CardBackend } from './backend.js';

export interface AgentLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface PairingCodeNotice {
  origin: string;
  /** The 6-digit code to type into the page. */
  code: string;
  /** The verification code the page shows, to compare on the agent page before approving. */
  matchCode: string;
  /** The agent's own page, where the request is approved. */
  approveUrl: string;
  expiresAt: Date;
}

export interface CardAgentOptions {
  backend: CardBackend;
  /** TCP port (default 24680; 0 picks a free one). */
  port?: number;
  /** Bind address: a loopback address only (`127.0.0.1` default, `::1`, `localhost`). */
  host?: string;
  /** Origins that may use the agent without pairing, e.g. `https://app.example.fr`. */
  allowedOrigins?: string[];
  /** Accept pairing requests (default true). */
  pairing?: boolean;
  /**
   * Which origins may ask to pair. Default: any `https:` origin, and `http:` on localhost /
   * 127.0.0.1 / [::1] (development).
   */
  pairableOrigin?: (origin: string) => boolean;
  /** JSON file where paired origins are kept (hashes of their tokens only). Default: memory only. */
  pairingFile?: string;
  /** Shows the pairing code to the user. Default: a banner through the logger. */
  onPairingCode?: (notice: PairingCodeNotice) => void;
  logger?: AgentLogger;
  /** Slot polling interval while someone listens to events, ms (default 500). */
  pollIntervalMs?: number;
  /** Largest accepted request body, bytes (default 8192). */
  maxBodyBytes?: number;
  /** Tries of a fresh PIN, for the agent's own count (default 3, as on a CPS). */
  maxPinTries?: number;
  rateLimits?: Partial<RateLimits>;
  /** Event streams open at once: per origin (default 4) and in total (default 32). */
  maxEventStreams?: Partial<{ perOrigin: number; total: number }>;
}

export interface RateLimits {
  /** Authentication attempts per origin per minute (default 10). */
  authenticatePerMinute: number;
  /** Pairing requests and confirmations per origin per minute (default 10). */
  pairingPerMinute: number;
  /** All requests per origin per minute (default 600). */
  requestsPerMinute: number;
  /** Wrong pairing codes per origin per hour before pairing confirmations are refused (default 10). */
  pairingFailuresPerHour: number;
  /** Wrong pairing codes per registrable domain (all its sub-domains together) per hour (default 20). */
  pairingFailuresPerDomainPerHour: number;
  /** Wrong pairing codes of all origins together per hour (default 50). */
  pairingFailuresTotalPerHour: number;
  /** Pairing requests per registrable domain per hour (default 30). */
  pairingRequestsPerDomainPerHour: number;
}

export interface RunningCardAgent {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

export class AgentConfigError extends Error {
  override readonly name = 'AgentConfigError';
}

/** The only bind addresses (docs/agent-protocol.md §1): not any 127.x address, not a name. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host);
}

/** Default `pairableOrigin`: any `https:` origin, and `http:` on loopback names (development). */
export function defaultPairable(origin: string): boolean {
  try {
    const u = new URL(origin);
    if (u.origin !== origin) return false;
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/** An allowlisted origin in its canonical form. Throws `AgentConfigError` for anything else. */
export function normaliseOrigin(origin: string): string {
  const u = new URL(origin);
  if (u.origin === 'null') throw new AgentConfigError(`Not an origin: ${origin}`);
  return u.origin;
}

export const consoleLogger: AgentLogger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};
