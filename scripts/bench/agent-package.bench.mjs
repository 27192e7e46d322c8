// The self-contained card agent (npm run package:agent, built here when missing): start-up time of the single
// executable to its first discovery answer (median of 5 cold starts), and its size on disk (executable + the pkcs11js
// add-on beside it) and the .deb's size.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function discovery(port) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/v1', headers: { host: `127.0.0.1:${port}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

async function startupMs(exe) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(
    exe,
    [
      '--port',
      String(port),
      '--module',
      '/nonexistent/libcps3_pkcs11_lux.so',
      '--pairing-file',
      '/tmp/af-bench-pairings.json',
    ],
    {
      stdio: 'ignore',
    },
  );
  try {
    for (;;) {
      if (await discovery(port)) return performance.now() - t0;
      if (performance.now() - t0 > 30_000) throw new Error('the agent did not answer');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGTERM');
  }
}

function sizeOf(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((n, f) => n + sizeOf(join(path, f)), 0);
}

export default async function ({ root }) {
  const out = join(root, 'build', 'agent');
  const dir = join(out, 'authforte-card-agent');
  const exe = join(dir, 'authforte-card-agent');
  if (!existsSync(exe))
    execFileSync(process.execPath, [join(root, 'scripts', 'package-agent.mjs')], { stdio: 'ignore' });
  const times = [];
  for (let i = 0; i < 5; i++) times.push(await startupMs(exe));
  times.sort((a, b) => a - b);
  const deb = readdirSync(out).find((f) => f.endsWith('.deb'));
  const mb = (n) => Math.round((n / 1024 / 1024) * 10) / 10;
  return [
    {
      name: 'single executable: start to first discovery answer (median of 5)',
      value: Math.round(times[2]),
      unit: 'ms',
      target: '≤ 1000',
      ok: times[2] <= 1000,
    },
    { name: 'single executable + pkcs11js add-on, on disk', value: mb(sizeOf(dir)), unit: 'MB' },
    ...(deb ? [{ name: '.deb package', value: mb(sizeOf(join(out, deb))), unit: 'MB' }] : []),
  ];
}
