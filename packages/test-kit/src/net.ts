/** Helpers for tests that start servers or command lines. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A loopback port where nothing listens (taken, then freed). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs a Node command line to its end, in `dir` with `XDG_CONFIG_HOME=dir`; returns its exit code and output. */
export function runCli(cli: string, args: string[], dir: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: dir,
      env: { ...process.env, XDG_CONFIG_HOME: dir },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}
