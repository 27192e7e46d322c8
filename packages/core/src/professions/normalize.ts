/**
 * Text normalisation for matching profession names the way people type them.
 */

/**
 * Folds a string for comparison: lower case, accents and other marks removed, compatibility characters folded
 * (ligatures, full-width letters), œ/æ/ß/ø expanded, and every run of characters other than `a–z0–9` (spaces,
 * hyphens, apostrophes, punctuation, symbols, control characters) turned into one space; trimmed.
 *
 * `normalizeText("Infirmière diplômée d'État")` → `"infirmiere diplomee d etat"`. Never throws; a non-string gives `''`.
 */
export function normalizeText(input: string): string {
  if (typeof input !== 'string' || input.length === 0) return '';
  return input
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œæßø]/g, (c) => LIGATURES[c] ?? ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o' };

/**
 * Words ignored in queries and names (French and English articles, prepositions, conjunctions, elided forms):
 * "aide à domicile" and "aide domicile" match alike.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a',
  'au',
  'aux',
  'd',
  'dans',
  'de',
  'des',
  'du',
  'en',
  'et',
  'l',
  'la',
  'le',
  'les',
  'ni',
  'ou',
  'par',
  'pour',
  'sur',
  'un',
  'une',
  'and',
  'for',
  'in',
  'of',
  'the',
]);

/** Splits normalised text into significant words (stopwords dropped). */
export function significantWords(normalized: string): string[] {
  if (normalized === '') return [];
  return normalized.split(' ').filter((word) => !STOPWORDS.has(word));
}

/**
 * Reduces a normalised word to a canonical form shared by its singular/plural and masculine/feminine forms:
 * infirmières → infirmier, aides-soignantes → aide soignant, éducatrice → educateur, masseuse → masseur,
 * diététicienne → dieteticien, médicaux/médicale → medical, spécialisée → specialise, éducative → educatif;
 * and "ph" / "th" spelt "f" / "t" (orthophoniste ≡ ortofoniste).
 *
 * The same function is applied to the reference names and to the query, so a rule that merges two unrelated words
 * of French does no harm unless both words are in the reference data.
 */
export function stemWord(word: string): string {
  // Spelling by ear: "ortofoniste", "kinésitérapeute".
  let w = word.replace(/ph/g, 'f').replace(/th/g, 't');
  // Plural.
  if (w.length > 4 && w.endsWith('aux')) w = `${w.slice(0, -3)}al`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  // Feminine → masculine.
  if (w.length > 5 && w.endsWith('trice')) w = `${w.slice(0, -5)}teur`;
  else if (w.length > 4 && w.endsWith('euse')) w = `${w.slice(0, -4)}eur`;
  else if (w.length > 5 && w.endsWith('ienne')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('iere')) w = `${w.slice(0, -4)}ier`;
  else if (w.length > 4 && w.endsWith('elle')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('ale')) w = w.slice(0, -1);
  else if (w.length > 4 && w.endsWith('ive')) w = `${w.slice(0, -3)}if`;
  else if (w.length > 4 && w.endsWith('nte')) w = w.slice(0, -1);
  else if (w.length > 3 && w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

// Scratch rows of the distance computation, grown on demand and reused (no allocation per call).
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Damerau–Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and transpositions
 * of adjacent characters) between `a` and `b`, computed only up to `max`: any distance above `max` is reported as
 * `max + 1`.
 */
export function boundedDamerauLevenshtein(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m) <= max ? Math.max(n, m) : max + 1;
  const row = lastRow(a, b, m, max);
  const distance = row ? row[m]! : max + 1;
  return distance <= max ? distance : max + 1;
}

/**
 * Smallest Damerau–Levenshtein distance between `query` and any prefix of `word` (how far a partly typed word is
 * from being the start of `word`), computed only up to `max`: anything above is reported as `max + 1`.
 */
export function boundedPrefixDistance(query: string, word: string, max: number): number {
  const n = query.length;
  if (n === 0) return 0;
  const m = Math.min(word.length, n + max);
  const row = lastRow(query, word, m, max);
  if (!row) return max + 1;
  let best = max + 1;
  for (let j = 0; j <= m; j++) if (row[j]! < best) best = row[j]!;
  return best;
}

/**
 * The last row of the Damerau–Levenshtein (optimal string alignment) table of `a` against the first `m` characters
 * of `b`, or null as soon as a whole row exceeds `max`. Reuses module-level rows: no allocation per keystroke.
 */
function lastRow(a: string, b: string, m: number, max: number): Int32Array | null {
  if (m + 1 > rowA.length) {
    rowA = new Int32Array(m + 1);
    rowB = new Int32Array(m + 1);
    rowC = new Int32Array(m + 1);
  }
  // prev2 = row i-2, prev = row i-1, cur = row i.
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        d = Math.min(d, prev2[j - 2]! + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return null;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev;
}
