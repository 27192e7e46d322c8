/**
 * The self-contained agent, for real: `npm run package:agent` (built here when missing or older than the agent's
 * code) makes a Node single executable with the pkcs11js add-on beside it, and a .deb. The executable, copied to a
 * folder with no node_modules, serves a SoftHSM2 test card (card info, PIN, a proof our verifier accepts, the
 * security answers); the .deb installs (`dpkg --root` into a temporary tree) and its installed binary answers
 * discovery, with the default config, the systemd user unit and the Cryptolib path.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AgentError, CardAgentClient } from '@authforte/core/agent';
import { CardChallenges, verifyCardProof } from '@authforte/server';
import { profile, raw, SOFTHSM_MODULE, type SoftHsmFixture, softHsmFixture } from '@authforte/test-kit';
import { testTrustPreset } from './trust.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const built = join(root, 'build', 'agent');
const exeDir = join(built, 'authforte-card-agent');
const ORIGIN = 'http://localhost:41500';
const PIN = '4821';

/** Newest modification time of the agent's compiled code (and of the packaging script). */
function newestSource(): number {
  let newest = statSync(join(root, 'scripts', 'package-agent.mjs')).mtimeMs;
  for (const dir of ['packages/card-agent/dist', 'packages/core/dist/agent', 'packages/core/dist/errors'])
    for (const f of readdirSync(join(root, dir)))
      if (f.endsWith('.js')) newest = Math.max(newest, statSync(join(root, dir, f)).mtimeMs);
  return newest;
}

function debFile(): string | undefined {
  if (!existsSync(built)) return undefined;
  const f = readdirSync(built).find((x) => x.endsWith('_amd64.deb'));
  return f ? join(built, f) : undefined;
}

/** Starts an agent executable on a free port; resolves with its URL once it listens. */
function startExe(
  exe: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ url: string; child: ChildProcess; startMs: number }> {
  const t0 = performance.now();
  const child = spawn(exe, ['--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`agent did not start:\n${out}`)), 30_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child, startMs: performance.now() - t0 });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`agent exited (${code}):\n${out}`));
    });
  });
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

before(() => {
  const exe = join(exeDir, 'authforte-card-agent');
  if (!existsSync(exe) || !debFile() || statSync(exe).mtimeMs < newestSource())
    execFileSync(process.execPath, [join(root, 'scripts', 'package-agent.mjs')], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
});

describe('the single executable, from a folder without node_modules', () => {
  let fx: SoftHsmFixture;
  let dir: string;
  let child: ChildProcess | undefined;
  let url: string;
  let client: CardAgentClient;

  before(async () => {
    fx = await softHsmFixture([profile('medecin', { pin: PIN })]);
    dir = mkdtempSync(join(tmpdir(), 'af-agent-exe-'));
    cpSync(exeDir, join(dir, 'agent'), { recursive: true });
    assert.ok(!existsSync(join(dir, 'node_modules')) && !existsSync(join(dir, 'agent', 'node_modules')));
    const started = await startExe(
      join(dir, 'agent', 'authforte-card-agent'),
      ['--module', SOFTHSM_MODULE, '--allow-origin', ORIGIN, '--pairing-file', join(dir, 'pairings.json')],
      // nothing of the checkout is reachable: no NODE_PATH, another working directory
      { SOFTHSM2_CONF: fx.env.conf, NODE_PATH: '', NODE_OPTIONS: '' },
    );
    child = started.child;
    url = started.url;
    client = new CardAgentClient({ baseUrl: url, headers: { origin: ORIGIN } });
  });
  after(async () => {
    await stop(child);
    fx?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  test('it is a real executable, with the pkcs11js add-on beside it', () => {
    const exe = join(dir, 'agent', 'authforte-card-agent');
    assert.equal(readFileSync(exe).subarray(0, 4).toString('latin1'), '\x7fELF');
    assert.ok(existsSync(join(dir, 'agent', 'pkcs11js', 'build', 'Release', 'pkcs11.node')));
  });

  test('it serves the SoftHSM2 test card through PKCS#11, and the proof verifies', async () => {
    const d = await client.detect();
    assert.ok(d.status === 'ready' && d.discovery.backend?.kind === 'pkcs11' && d.discovery.backend.status === 'ready');
    const card = await client.cardInfo();
    assert.equal(card.holder.familyName, 'MARTIN-TEST');
    assert.equal(card.pin.triesLeft, 3);
    const challenges = new CardChallenges();
    const { nonce } = await challenges.issue('s1');
    const proof = await client.authenticate({ nonce, pin: PIN });
    // the card holds no CA (as a real CPS): the test hierarchy's issuing CAs are chain candidates; no OCSP here
    const trust = testTrustPreset(fx.ca, 'off');
    const r = await verifyCardProof({ proof, expectedOrigin: ORIGIN, sessionId: 's1', trust, challenges });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.identity.nationalId, profile('medecin').nationalId);
  });

  test('a wrong PIN answers pin-incorrect with the tries left, then the right PIN works', async () => {
    const err = await client.authenticate({ nonce: 'exe-wrong-pin-0001', pin: '0000' }).catch((e: AgentError) => e);
    assert.ok(err instanceof AgentError && err.code === 'pin-incorrect' && err.triesLeft === 2, String(err));
    assert.ok(await client.authenticate({ nonce: 'exe-right-pin-0001', pin: PIN }));
  });

  test('the security answers hold: Host, stranger discovery, preflight nosniff, 413', async () => {
    const host = new URL(url).host;
    assert.equal((await raw(`${url}/v1`, { headers: { host: 'evil.example', origin: ORIGIN } })).status, 421);
    const stranger = await raw(`${url}/v1`, { headers: { host, origin: 'https://stranger.example' } });
    assert.deepEqual(stranger.json, { protocol: 'authforte-card-agent', versions: [1], paired: false, pairing: true });
    const pre = await raw(`${url}/v1/authenticate`, {
      method: 'OPTIONS',
      headers: { host, origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers['x-content-type-options'], 'nosniff');
    const big = await raw(`${url}/v1/authenticate`, {
      method: 'POST',
      headers: { host, origin: ORIGIN, 'content-type': 'application/json' },
      body: Buffer.alloc(2 * 1024 * 1024, 0x61),
    });
    assert.equal(big.json.error?.code, 'body-too-large');
    const page = await raw(`${url}/`, { headers: { host, accept: 'text/html', 'sec-fetch-dest': 'document' } });
    assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);
  });
});

describe('the Debian package', () => {
  let tree: string;
  let child: ChildProcess | undefined;
  before(() => {
    tree = mkdtempSync(join(tmpdir(), 'af-agent-deb-'));
    const admin = join(tree, 'var', 'lib', 'dpkg');
    for (const d of ['updates', 'info', 'triggers']) mkdirSync(join(admin, d), { recursive: true });
    writeFileSync(join(admin, 'status'), '');
    writeFileSync(join(admin, 'available'), '');
  });
  after(async () => {
    await stop(child);
    rmSync(tree, { recursive: true, force: true });
  });

  test('it installs, with the default config, the systemd user unit and the Cryptolib path', () => {
    const deb = debFile()!;
    const info = execFileSync('dpkg-deb', ['--info', deb], { encoding: 'utf8' });
    assert.match(info, /Package: authforte-card-agent/);
    assert.match(info, /Architecture: amd64/);
    // an empty tree has no libc6 package registered: only that dependency is forced
    execFileSync('dpkg', ['--root', tree, '--force-depends', '--force-script-chrootless', '-i', deb], {
      stdio: 'pipe',
    });
    const status = readFileSync(join(tree, 'var', 'lib', 'dpkg', 'status'), 'utf8');
    assert.match(status, /Package: authforte-card-agent\nStatus: install ok installed/);
    const config = JSON.parse(readFileSync(join(tree, 'etc', 'authforte', 'card-agent.json'), 'utf8'));
    assert.equal(config.module, '/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so');
    const unit = readFileSync(join(tree, 'usr', 'lib', 'systemd', 'user', 'authforte-card-agent.service'), 'utf8');
    assert.match(unit, /^ExecStart=\/usr\/bin\/authforte-card-agent --config \/etc\/authforte\/card-agent\.json$/m);
    assert.match(unit, /^WantedBy=default\.target$/m);
    assert.ok(
      existsSync(join(tree, 'usr', 'lib', 'systemd', 'user', 'default.target.wants', 'authforte-card-agent.service')),
    );
    assert.match(
      readFileSync(join(tree, 'usr', 'share', 'doc', 'authforte-card-agent', 'README.Debian'), 'utf8'),
      /\/usr\/lib64\//,
    );
  });

  test('its installed binary answers discovery (module-unavailable without Cryptolib)', async () => {
    const started = await startExe(join(tree, 'usr', 'bin', 'authforte-card-agent'), [
      '--config',
      join(tree, 'etc', 'authforte', 'card-agent.json'),
      '--pairing-file',
      join(tree, 'pairings.json'),
    ]);
    child = started.child;
    const r = await raw(`${started.url}/v1`, { headers: { host: new URL(started.url).host } });
    assert.equal(r.json.protocol, 'authforte-card-agent');
    assert.deepEqual(r.json.backend, { kind: 'pkcs11', status: 'module-unavailable' });
  });
});
