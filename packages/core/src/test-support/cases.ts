import assert from 'node:assert/strict';
import { it } from 'node:test';

/**
 * A value as a test title shows it: strings in JSON quotes (control, invisible and non-ASCII spacing characters
 * escaped, so that a case with `\u0000` or `\u00a0` says so), long strings cut, everything else through JSON.
 */
export function shown(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value !== 'string') return JSON.stringify(value) ?? String(value);
  const text = value.length > 60 ? `${value.slice(0, 40)}… (${value.length} characters)` : value;
  return JSON.stringify(text).replace(/[\u007f-\u00a0\u2000-\u200f\u2028-\u202f\ufeff]/gu, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * A table of calls, one `it` per row, named after the call and what it must give: each row is the arguments of
 * `fn` then the expected result (compared with `deepEqual`), so that a failing row says which input failed.
 *
 *     eachCall(normalizeText, [['Maïeuticienne', 'maieuticienne'], ['', '']]);
 */
export function eachCall<A extends unknown[], R>(
  fn: (...args: A) => R,
  rows: ReadonlyArray<readonly [...A, R]>,
  name: string = fn.name,
): void {
  for (const row of rows) {
    const args = row.slice(0, -1) as A;
    const expected = row.at(-1) as R;
    it(`${name}(${args.map(shown).join(', ')}) → ${shown(expected)}`, () => {
      assert.deepEqual(fn(...args), expected);
    });
  }
}
