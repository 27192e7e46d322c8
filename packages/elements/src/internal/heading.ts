/**
 * The `aria-level` of an element's heading from its `heading-level` property: an integer from 2 to `max` (default
 * 6), 2 for anything else. `offset` gives the level of a sub-heading (still at most 6).
 */
export function headingLevel(value: number | undefined, { max = 6, offset = 0 } = {}): number {
  const level = Math.min(max, Math.max(2, Math.trunc(Number(value)) || 2));
  return Math.min(6, level + offset);
}
