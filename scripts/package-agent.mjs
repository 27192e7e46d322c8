#!/usr/bin/env node
// Builds the self-contained card agent (docs/card-agent.md, "Install"): a Node single executable application
// (SEA, postject) with the pkcs11js add-on beside it, and a Debian package (dpkg-deb) that installs it with a
// default config and a systemd user unit. Needs `npm run build` first.
//   build/agent/authforte-card-agent/{authforte-card-agent, pkcs11js/…}
//   build/agent/authforte-card-agent_<version>_amd64.deb
// Usage: npm run package:agent [-- --no-deb]
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const agentPkg = join(root, 'packages', 'card-agent');
const { version } = JSON.parse(readFileSync(join(agentPkg, 'package.json'), 'utf8'));
const out = join(root, 'build', 'agent');
const work = join(out, 'work');
const app = join(out, 'authforte-card-agent');
const exe = join(app, 'authforte-card-agent');

const started = Date.now();
function step(what) {
  process.stderr.write(`package:agent: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
mkdirSync(app, { recursive: true });

// 1. one CommonJS file (SEA runs a single CommonJS script). pkcs11js is not bundled: its native add-on is
//    shipped beside the executable and loaded from there, with a require rooted at the executable's folder.
step('bundling');
const PKCS11_BESIDE = '\0pkcs11js-beside-executable';
const bundle = await rollup({
  input: join(agentPkg, 'dist', 'cli.js'),
  external: (id) => id.startsWith('node:') || require('node:module').builtinModules.includes(id),
  plugins: [
    {
      name: 'pkcs11js-beside-executable',
      resolveId: (id) => (id === 'pkcs11js' ? PKCS11_BESIDE : null),
      load: (id) =>
        id === PKCS11_BESIDE
          ? `import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
const beside = createRequire(join(dirname(process.execPath), 'pkcs11js', 'index.js'));
export default beside('./index.js');`
          : null,
    },
    nodeResolve({ exportConditions: ['node'], preferBuiltins: true }),
  ],
  onwarn: (w, warn) => {
    if (w.code !== 'CIRCULAR_DEPENDENCY') warn(w);
  },
});
const main = join(work, 'agent.cjs');
await bundle.write({ file: main, format: 'cjs', inlineDynamicImports: true, banner: '' });
await bundle.close();
// the CLI's shebang line is not JavaScript inside a SEA
writeFileSync(main, readFileSync(main, 'utf8').replace(/^#!.*\n/, ''));

// 2. the SEA blob, injected into a copy of this Node binary
step('single executable');
const seaConfig = join(work, 'sea-config.json');
const blob = join(work, 'sea-prep.blob');
writeFileSync(seaConfig, JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true }));
execFileSync(process.execPath, ['--experimental-sea-config', seaConfig], { stdio: 'inherit' });
copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
execFileSync(
  process.execPath,
  [
    require.resolve('postject/dist/cli.js'),
    exe,
    'NODE_SEA_BLOB',
    blob,
    '--sentinel-fuse',
    'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
  ],
  // postject warns about ELF note sections at length; its errors still throw, with their output
  { stdio: ['ignore', 'ignore', 'pipe'] },
);

// 3. the pkcs11js add-on beside it (its JS wrapper and the built .node)
const pkcs11Dir = dirname(require.resolve('pkcs11js/package.json'));
mkdirSync(join(app, 'pkcs11js', 'build', 'Release'), { recursive: true });
copyFileSync(join(pkcs11Dir, 'index.js'), join(app, 'pkcs11js', 'index.js'));
copyFileSync(join(pkcs11Dir, 'LICENSE'), join(app, 'pkcs11js', 'LICENSE'));
copyFileSync(
  join(pkcs11Dir, 'build', 'Release', 'pkcs11.node'),
  join(app, 'pkcs11js', 'build', 'Release', 'pkcs11.node'),
);
writeFileSync(join(app, 'pkcs11js', 'package.json'), JSON.stringify({ name: 'pkcs11js', main: 'index.js' }));
rmSync(work, { recursive: true, force: true });

if (process.argv.includes('--no-deb')) process.exit(0);

// 4. the Debian package
step('Debian package');
const deb = join(out, 'deb');
const opt = join(deb, 'opt', 'authforte', 'card-agent');
mkdirSync(dirname(opt), { recursive: true });
cpSync(app, opt, { recursive: true });
mkdirSync(join(deb, 'usr', 'bin'), { recursive: true });
// relative, so that it also holds in a `dpkg --root` tree
symlinkSync('../../opt/authforte/card-agent/authforte-card-agent', join(deb, 'usr', 'bin', 'authforte-card-agent'));
mkdirSync(join(deb, 'etc', 'authforte'), { recursive: true });
copyFileSync(join(agentPkg, 'packaging', 'card-agent.json'), join(deb, 'etc', 'authforte', 'card-agent.json'));
const userUnits = join(deb, 'usr', 'lib', 'systemd', 'user');
mkdirSync(join(userUnits, 'default.target.wants'), { recursive: true });
copyFileSync(
  join(agentPkg, 'packaging', 'authforte-card-agent.service'),
  join(userUnits, 'authforte-card-agent.service'),
);
// enabled for every user, from their next session, without a maintainer script
symlinkSync('../authforte-card-agent.service', join(userUnits, 'default.target.wants', 'authforte-card-agent.service'));
const docDir = join(deb, 'usr', 'share', 'doc', 'authforte-card-agent');
mkdirSync(docDir, { recursive: true });
writeFileSync(
  join(docDir, 'README.Debian'),
  `AuthForte card agent ${version}

The agent runs as a systemd user unit in each session (authforte-card-agent.service), on
http://127.0.0.1:24680/ only. Open that address in a browser to approve pairing requests and to see or
forget the paired sites.

Cryptolib CPS (ANS) is not part of this package. The agent expects its PKCS#11 module at
  /opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so   (the Cryptolib installer also links it in /usr/lib64/)
Change "module" in /etc/authforte/card-agent.json for another path. Without the module the agent runs
and reports "module-unavailable", and retries.

Pairings:  authforte-card-agent pairings list | authforte-card-agent pairings forget <origin>
`,
);
mkdirSync(join(deb, 'DEBIAN'), { recursive: true });
const installedKb = Math.ceil(
  Number(execFileSync('du', ['-sk', '--exclude=DEBIAN', deb], { encoding: 'utf8' }).split('\t')[0]),
);
writeFileSync(
  join(deb, 'DEBIAN', 'control'),
  `Package: authforte-card-agent
Version: ${version}
Section: misc
Priority: optional
Architecture: amd64
Depends: libc6 (>= 2.28), libstdc++6 (>= 10)
Recommends: pcscd
Installed-Size: ${installedKb}
Maintainer: AuthForte <authforte@example.invalid>
Description: local CPS card agent for web pages (AuthForte)
 Reads a French health professional card (CPS) through Cryptolib CPS (PKCS#11)
 and signs origin-bound challenges for the web pages the user approved, on
 loopback only. Runs as a systemd user unit.
`,
);
writeFileSync(join(deb, 'DEBIAN', 'conffiles'), '/etc/authforte/card-agent.json\n');
const debFile = join(out, `authforte-card-agent_${version}_amd64.deb`);
execFileSync('dpkg-deb', ['--root-owner-group', '-Zgzip', '-z6', '--build', deb, debFile], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
rmSync(deb, { recursive: true, force: true });
step(`done: ${exe} and ${debFile}`);
