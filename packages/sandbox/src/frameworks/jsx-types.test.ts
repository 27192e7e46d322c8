/**
 * The generated JSX declarations (scripts/jsx-types.mjs, from the custom-elements manifest) with the real
 * `@types/react` 19 and `vue` 3: the docs' examples type-check, and wrong props, wrong event details and unknown
 * tags are refused.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const fixtures = join(root, 'packages/sandbox/jsx-fixtures');
const tsc = (project: string) =>
  spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(fixtures, project)], { encoding: 'utf8' });

describe('JSX declarations for React 19 and Vue', () => {
  it('the React and Vue examples type-check', () => {
    const r = tsc('tsconfig.json');
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('refuses a wrong property type, an unknown event detail field and an unknown tag', () => {
    const r = tsc('tsconfig.errors.json');
    assert.notEqual(r.status, 0);
    assert.match(
      r.stdout,
      /errors\.tsx\(4,\d+\): error TS2322: Type 'number' is not assignable to type 'LoginMethod\[\]'/,
    );
    assert.match(
      r.stdout,
      /errors\.tsx\(5,\d+\): error TS2339: Property 'nope' does not exist on type 'AfAuthenticatedDetail'/,
    );
    assert.match(r.stdout, /errors\.tsx\(6,\d+\): error TS2339: Property 'af-logn' does not exist/);
  });
});
