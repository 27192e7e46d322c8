// Which compiled test files each stage runs, for scripts/test.mjs and scripts/test-watch.mjs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

/** Every file below `dir`, node_modules left out. */
export function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/**
 * The compiled test files of a stage (`node`, `browser` or `e2e`), sorted. `tsc -b` never deletes what it emitted, so a
 * test moved or removed in `src/` leaves its old `.test.js` in `dist/`: a file whose `src/….ts` is gone is not run
 * (it would be counted again, and its coverage would hide the real figures).
 */
export function testFiles(kind) {
  const files = [];
  for (const pkg of readdirSync(join(root, 'packages'))) {
    const dist = join(root, 'packages', pkg, 'dist');
    for (const f of walk(dist)) {
      if (!f.endsWith('.test.js')) continue;
      if (!existsSync(join(root, 'packages', pkg, 'src', `${f.slice(dist.length + 1, -'.js'.length)}.ts`))) continue;
      const isBrowser = f.endsWith('.browser.test.js') || pkg === 'elements';
      const isE2e = f.endsWith('.e2e.test.js');
      if (kind === 'node' && !isBrowser && !isE2e) files.push(f);
      if (kind === 'browser' && isBrowser) files.push(f);
      if (kind === 'e2e' && isE2e) files.push(f);
    }
  }
  return files.sort();
}
