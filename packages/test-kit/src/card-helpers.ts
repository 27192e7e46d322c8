/** Helpers for the card tests: a private SoftHSM2 environment, a log catcher, raw HTTP. */
import assert from 'node:assert/strict';
import type { KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentError, CardAgentClient } from '@authforte/core/agent';
import { provisionSoftHsmCards, type SoftHsmEnv } from './softhsm.js';
import { createTestCa, type TestCa } from './test-ca.js';
import { issueCardCertificate, type TestCardMaterial, type TestCardProfile, testCardProfiles } from './test-cards.js';

export function profile(id: string, overrides: Partial<TestCardProfile> = {}): TestCardProfile {
  const p = testCardProfiles().find((c) => c.id === id);
  if (!p) throw new Error(`no test card ${id}`);
  return { ...p, ...overrides };
}

export interface SoftHsmFixture {
  dir: string;
  env: SoftHsmEnv;
  ca: TestCa;
  cards: TestCardMaterial[];
  cleanup(): void;
}

/** A private SoftHSM2 environment for this test process (SOFTHSM2_CONF set), with these cards. */
export async function softHsmFixture(
  profiles: TestCardProfile[],
  ca: TestCa = createTestCa(),
): Promise<SoftHsmFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'af-softhsm-'));
  const { env, cards } = await provisionSoftHsmCards(dir, ca, profiles);
  process.env.SOFTHSM2_CONF = env.conf;
  return { dir, env, ca, cards, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The card agent's `AgentLogger` shape (the kit does not depend on the agent package). */
export interface TestLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function captureLogger(): { logger: TestLogger; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    logger: { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) },
  };
}

/** A test card as the card agent's `VirtualBackend` takes it, with its own key unless `privateKey` is another. */
export function virtualCard(
  card: TestCardMaterial,
  pin: string,
  privateKey: KeyObject | string = card.privateKeyPem,
): { label: string; certificate: Uint8Array; privateKey: KeyObject | string; pin: string } {
  return { label: card.label, certificate: card.certificateDer, privateKey, pin };
}

/** The card agent's options in the tests: on a free port, for these origins, logs caught, a budget of
 * authentications no test reaches. */
export function testAgentOptions<B>(backend: B, allowedOrigins: string[], logger: TestLogger = captureLogger().logger) {
  return { backend, port: 0, allowedOrigins, logger, rateLimits: { authenticatePerMinute: 1000 } };
}

/** Confirms the pairing with a code that is not `shown` (the one the agent showed): refused, `pairing-code-invalid`. */
export async function rejectWrongPairingCode(
  client: CardAgentClient,
  pairingId: string,
  shown: string | undefined,
): Promise<void> {
  const wrong = shown === '000000' ? '111111' : '000000';
  await assert.rejects(client.confirmPairing(pairingId, wrong), (e: AgentError) => e.code === 'pairing-code-invalid');
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: { error?: { code: string; message: string; triesLeft?: number } } & Record<string, unknown>;
}

/** A raw HTTP request, with full control of Host and Origin. */
export function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname.replace(/^\[|\]$/g, ''),
        port: u.port,
        path: u.pathname + u.search,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: RawResponse['json'] = {};
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Waits until `predicate` holds (polling), or fails after `timeoutMs`. */
export async function waitFor<T>(fn: () => T | undefined, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The text of a virtual cards file for `authforte-card-agent --virtual <file>` (write it with mode 0o600). */
export function virtualCardsFile(ca: TestCa, profiles: TestCardProfile[]): string {
  const cards = profiles.map((p) => {
    const m = issueCardCertificate(ca, p);
    return { label: m.label, certificate: m.certificatePem, privateKey: m.privateKeyPem, pin: p.pin };
  });
  return `${JSON.stringify({ warning: 'TEST CARDS — NOT FOR PRODUCTION', cards }, null, 2)}\n`;
}
