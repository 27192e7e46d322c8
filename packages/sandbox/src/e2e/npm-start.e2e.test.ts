/**
 * The README's quick start: `npm start` (the sandbox CLI) starts the demo host, the card agent with a test card and
 * the sandbox PSC, prints where they are, serves them, and stops cleanly. Run in a temporary folder with free ports,
 * so it never touches a developer's `.sandbox-data`.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort } from '@authforte/test-kit';

const cli = fileURLToPath(new URL('../cli.js', import.meta.url));

describe('npm start (authforte-sandbox start)', () => {
  let child: ChildProcess;
  let output = '';
  let dir: string;
  const ports = { demo: 0, agent: 0, psc: 0, wallet: 0 };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'af-start-'));
    for (const k of Object.keys(ports) as Array<keyof typeof ports>) ports[k] = await freePort();
    child = spawn(process.execPath, [cli, 'start'], {
      cwd: dir,
      env: {
        ...process.env,
        AF_DEMO_PORT: String(ports.demo),
        AF_AGENT_PORT: String(ports.agent),
        AF_PSC_PORT: String(ports.psc),
        AF_PSC_WALLET_PORT: String(ports.wallet),
        AF_DEMO_DB: join(dir, 'demo.sqlite'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const deadline = Date.now() + 90_000;
    while (!output.includes('in your browser')) {
      assert.ok(child.exitCode === null, `the sandbox exited early:\n${output}`);
      assert.ok(Date.now() < deadline, `the sandbox did not say it was ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  after(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the demo URL, the sign-in page and the demo credentials', () => {
    assert.match(output, new RegExp(`Demo host +http://localhost:${ports.demo}/`));
    assert.match(output, /connexion/);
    assert.match(output, /marie\.dupont \/ Trajectoire-2026/);
    assert.match(output, /test PIN: 1234/);
    assert.doesNotMatch(output, /Error|ERR_/);
  });

  it('serves the demo pages, the script-tag loader and the kit', async () => {
    for (const path of ['/', '/connexion', '/activation.html', '/assets/authforte.js', '/authforte/config']) {
      const res = await fetch(`http://127.0.0.1:${ports.demo}${path}`, {
        headers: { host: `localhost:${ports.demo}` },
      });
      assert.equal(res.status, 200, path);
    }
  });

  it('sends a page opened at 127.0.0.1 to the address it serves (localhost), keeping the path', async () => {
    const res = await fetch(`http://127.0.0.1:${ports.demo}/connexion?x=1`, { redirect: 'manual' });
    assert.equal(res.status, 308);
    assert.equal(res.headers.get('location'), `http://localhost:${ports.demo}/connexion?x=1`);
    // a POST from that other address is the host's own refusal, with its own code
    const post = await fetch(`http://127.0.0.1:${ports.demo}/authforte/card/nonce`, {
      method: 'POST',
      headers: { origin: `http://127.0.0.1:${ports.demo}`, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(post.status, 403);
    const body = (await post.json()) as { error: string | { code: string } };
    assert.equal(typeof body.error === 'string' ? body.error : body.error.code, 'origin-refused');
  });

  it('runs the card agent for the demo host origin, and the sandbox PSC with its discovery document', async () => {
    const agent = await fetch(`http://127.0.0.1:${ports.agent}/v1`, {
      headers: { origin: `http://localhost:${ports.demo}` },
    });
    assert.equal(agent.status, 200);
    const discovery = (await agent.json()) as { protocol: string; paired: boolean };
    assert.equal(discovery.protocol, 'authforte-card-agent');
    assert.equal(discovery.paired, true, 'the demo host origin is allowlisted');

    const issuer = `http://127.0.0.1:${ports.psc}/auth/realms/esante-wallet`;
    const psc = await fetch(`${issuer}/.well-known/wallet-openid-configuration`);
    assert.equal(psc.status, 200);
    assert.equal(((await psc.json()) as { issuer: string }).issuer, issuer);
  });

  it('stops cleanly on Ctrl+C', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });
});

describe('npm start with a port taken', () => {
  it('names the variable to set and starts nothing (no .sandbox-data written)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'af-start-busy-'));
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const taken = (busy.address() as AddressInfo).port;
    try {
      for (const variable of ['AF_DEMO_PORT', 'AF_PSC_PORT', 'AF_PSC_WALLET_PORT', 'AF_AGENT_PORT']) {
        const env: Record<string, string> = {};
        for (const v of ['AF_DEMO_PORT', 'AF_PSC_PORT', 'AF_PSC_WALLET_PORT', 'AF_AGENT_PORT'])
          env[v] = String(v === variable ? taken : await freePort());
        const child = spawn(process.execPath, [cli, 'start'], {
          cwd: dir,
          env: { ...process.env, ...env, AF_DEMO_DB: join(dir, 'demo.sqlite') },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout?.on('data', (d: Buffer) => {
          output += d.toString();
        });
        child.stderr?.on('data', (d: Buffer) => {
          output += d.toString();
        });
        const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
        assert.equal(code, 1, output);
        assert.match(output, new RegExp(`Port ${taken} .*already in use.*set ${variable} to a free port`), output);
        assert.doesNotMatch(output, /EADDRINUSE|\n\s+at /, 'no raw error or stack');
        assert.equal(existsSync(join(dir, '.sandbox-data')), false, 'nothing written under the running demo');
        assert.equal(existsSync(join(dir, 'demo.sqlite')), false);
      }
    } finally {
      busy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
