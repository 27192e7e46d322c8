/**
 * `authforte-server`: its errors before it listens (usage, config, secret), then a running service: health,
 * configuration, and the host's account endpoints reached over HTTP with the bearer token.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AccountLinkError } from '../link/errors.js';
import { httpAccounts } from './server-config.js';

const CLI = fileURLToPath(new URL('./cli.js', import.meta.url));
const SECRET = 'cli-test-secret-cli-test-secret-0123456789';

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, output: () => out };
}

let dir: string;
let accounts: Server;
let accountsUrl: string;
const seen: Array<{ path: string; auth?: string; body: Record<string, unknown> }> = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'af-cli-'));
  // the host's account endpoints, as a Java or PHP backend would answer them
  accounts = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += String(d)));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      seen.push({
        path: req.url ?? '',
        ...(req.headers.authorization ? { auth: req.headers.authorization } : {}),
        body,
      });
      const send = (status: number, data?: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(data ? JSON.stringify(data) : undefined);
      if (req.url?.startsWith('/broken')) return send(500);
      if (req.url?.endsWith('/find'))
        return body.nationalId === '810001234567' ? send(200, { accountId: 'a1' }) : send(404);
      if (req.url?.endsWith('/verify-credentials'))
        return body.password === 'ok' ? send(200, { accountId: 'a1' }) : send(401);
      if (req.url?.endsWith('/link')) return body.accountId === 'taken' ? send(409) : send(204);
      send(500);
    });
  });
  await new Promise<void>((resolve) => accounts.listen(0, '127.0.0.1', resolve));
  accountsUrl = `http://127.0.0.1:${(accounts.address() as AddressInfo).port}/internal/authforte`;
});
after(() => {
  accounts.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('authforte-server', () => {
  it('without --config prints the usage and exits 2', async () => {
    const r = run([]);
    assert.equal(await r.exit, 2);
    assert.match(r.output(), /Usage: authforte-server --config/);
  });

  it('says which setting is wrong, and exits 2', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ origin: 'https://app.example.fr', accounts: { url: accountsUrl } }));
    const noSecret = run(['--config', file]);
    assert.equal(await noSecret.exit, 2);
    assert.match(noSecret.output(), /AUTHFORTE_SECRET must hold a secret of at least 32 characters/);
    writeFileSync(file, '{ not json');
    const junk = run(['--config', file], { AUTHFORTE_SECRET: SECRET });
    assert.equal(await junk.exit, 2);
    assert.match(junk.output(), /cannot read/);
  });

  it('listens, answers health and config, and stops on SIGTERM', async () => {
    const file = join(dir, 'ok.json');
    writeFileSync(
      file,
      JSON.stringify({
        listen: { port: 0 },
        origin: 'https://app.example.fr',
        hostName: 'Mon logiciel',
        accounts: { url: accountsUrl, tokenEnv: 'ACCOUNTS_TOKEN' },
      }),
    );
    const r = run(['--config', file], { AUTHFORTE_SECRET: SECRET, ACCOUNTS_TOKEN: 't0k3n' });
    let child: ChildProcess | undefined = r.child;
    try {
      for (let i = 0; i < 100 && !/listening on/.test(r.output()); i++) await new Promise((x) => setTimeout(x, 50));
      const m = /listening on (http:\/\/[^\s]+)\/authforte/.exec(r.output());
      assert.ok(m, r.output());
      const base = `${m[1]}/authforte`;
      assert.deepEqual(await (await fetch(`${base}/health`)).json(), { status: 'ok' });
      const config = (await (await fetch(`${base}/config`)).json()) as { methods: string[]; hostName: string };
      assert.deepEqual([config.methods, config.hostName], [[], 'Mon logiciel']);
      child.kill('SIGTERM');
      assert.equal(await r.exit, 0);
      child = undefined;
    } finally {
      child?.kill('SIGKILL');
    }
  });
});

describe('httpAccounts (the host’s account endpoints)', () => {
  const identity = {
    source: 'card' as const,
    nationalId: '810001234567',
    familyName: 'MARTIN',
    displayName: 'C MARTIN',
  };

  it('asks with the bearer token and reads the answers', async () => {
    const a = httpAccounts(accountsUrl, 't0k3n');
    assert.deepEqual(await a.findByNationalId('810001234567', identity), { accountId: 'a1' });
    assert.equal(await a.findByNationalId('899999999999', { ...identity, nationalId: '899999999999' }), null);
    assert.deepEqual(await a.verifyCredentials('u', 'ok'), { accountId: 'a1' });
    assert.equal(await a.verifyCredentials('u', 'wrong'), null);
    await a.link({ identity, accountId: 'a1' });
    await assert.rejects(
      async () => a.link({ identity, accountId: 'taken' }),
      (e: unknown) => {
        assert.ok(e instanceof AccountLinkError);
        assert.equal(e.code, 'already-linked');
        return true;
      },
    );
    assert.ok(seen.every((s) => s.auth === 'Bearer t0k3n'));
  });

  it('an endpoint that fails is an error, not "no account"', async () => {
    const a = httpAccounts(accountsUrl.replace('/internal', '/broken'), undefined);
    await assert.rejects(async () => a.findByNationalId('810001234567', identity), /HTTP 500/);
  });
});
