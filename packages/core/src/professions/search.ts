/**
 * Ranked search over the reference data, tolerant of the way people type.
 *
 * Index (built once, when the module loads): every name of every profession — label, feminine label, synonyms and
 * abbreviations, English label, and the "compact" form of short names ("sagefemme", "aidesoignant") — is normalised
 * (`normalizeText`), split into significant words (stopwords dropped) and each word stored twice: as typed, and
 * reduced by `stemWord` (plural and feminine endings). Words are shared in one vocabulary.
 *
 * Query: normalised and split the same way. Each query word is scored against the vocabulary:
 * - 1 when equal to a word (as typed or stemmed: "infirmières" = "infirmier");
 * - 0.6–0.9 when it is the beginning of a word ("infir" → "infirmier"), the longer the closer to 0.9;
 * and only when the query word is neither a word of the vocabulary nor the start of one (then it is read as a typo):
 * - 0.8 / 0.65 for a word at Damerau–Levenshtein distance 1 / 2 (1 allowed from 4 letters, 2 from 8), except
 *   abbreviations ("IADE" is not a typo of "aide");
 * - 0.5–0.7 for the beginning of a word with one typo (from 5 letters, same first letter).
 * A name matches when every query word matches one of its words. A query that is exactly a name (word for word, as
 * typed or stemmed, in any order) scores the name's weight: label 1, synonym 0.97, English label 0.9. Otherwise the
 * score is the mean of the word scores scaled by how much of the name the query covers, plus a small bonus when the
 * first words match, times the weight: at most 0.9 × weight. If no name matches every word, names matching at least
 * half of the words (and at least one) are returned, with a penalty.
 * A profession scores its best name; ties keep the order of the reference data (ordre, ars, role, autre).
 *
 * Bad input gives no result, never an exception: a non-string, an empty or blank string, more than
 * `MAX_QUERY_LENGTH` characters or `MAX_QUERY_WORDS` words, control characters, or `<` / `>` (markup).
 */

import { PROFESSIONS } from './data.js';
import {
  boundedDamerauLevenshtein,
  boundedPrefixDistance,
  normalizeText,
  significantWords,
  stemWord,
} from './normalize.js';
import type { Profession, ProfessionMatch, SearchOptions } from './types.js';

/** Longer queries give no result (the longest name is about 75 characters). */
export const MAX_QUERY_LENGTH = 150;
/** Queries with more significant words give no result (no name has as many). */
export const MAX_QUERY_WORDS = 10;
/** Default number of candidates returned. */
export const DEFAULT_SEARCH_LIMIT = 10;

const WEIGHT_LABEL = 1;
const WEIGHT_SYNONYM = 0.97;
const WEIGHT_ENGLISH = 0.9;
/** Added to a partial match whose first query word matches the name's first word ("aide" → "aide-soignant"). */
const FIRST_WORD_BONUS = 0.04;
/**
 * At most this many words of a query are read as typos (the others, if unknown, match nothing): bounds the work on
 * garbage input. No name has more than 6 significant words.
 */
export const MAX_TYPO_WORDS = 4;
/** Words longer than this are not compared with typos (no name word is that long). */
const MAX_FUZZY_WORD = 40;
// Control characters (C0 except tab/LF/CR, DEL, C1), and markup brackets.
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
const REJECTED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f<>]/;

/** How abbreviations are written in the reference data: "IDE", "SI-VIC". */
const ABBREVIATION = /^[A-Z][A-Z-]{1,6}$/;

interface VocabWord {
  readonly raw: string;
  readonly stem: string;
  /** Letters present in `raw` and `stem` (bit 0 = a … bit 25 = z, bit 26 = any digit). */
  readonly letters: number;
  /** Only ever written as an abbreviation ("IDE", "IADE"): matched exactly or as a prefix, never with typos. */
  abbreviation: boolean;
}

interface IndexedName {
  readonly profession: number;
  readonly words: Int32Array;
  readonly weight: number;
}

const vocabulary: VocabWord[] = [];
const names: IndexedName[] = [];

buildIndex();

function buildIndex(): void {
  const vocabIds = new Map<string, number>();
  let abbreviation = false;
  const wordId = (raw: string): number => {
    let id = vocabIds.get(raw);
    if (id === undefined) {
      id = vocabulary.length;
      const stem = stemWord(raw);
      vocabulary.push({ raw, stem, letters: letterSet(raw) | letterSet(stem), abbreviation });
      vocabIds.set(raw, id);
    } else if (!abbreviation) {
      vocabulary[id]!.abbreviation = false;
    }
    return id;
  };
  PROFESSIONS.forEach((profession, index) => {
    const seen = new Map<string, number>();
    const add = (text: string, weight: number): void => {
      abbreviation = ABBREVIATION.test(text);
      const words = [...new Set(significantWords(normalizeText(text)))];
      if (words.length === 0) return;
      const variants = [words];
      if (words.length >= 2 && words.length <= 3) variants.push([words.join('')]);
      for (const variant of variants) {
        const key = variant.join(' ');
        const previous = seen.get(key);
        if (previous !== undefined && previous >= weight) continue;
        seen.set(key, weight);
        names.push({ profession: index, words: Int32Array.from(variant, wordId), weight });
      }
    };
    add(profession.label, WEIGHT_LABEL);
    if (profession.labelFeminine !== undefined) add(profession.labelFeminine, WEIGHT_LABEL);
    for (const synonym of profession.synonyms) add(synonym, WEIGHT_SYNONYM);
    add(profession.labelEn, WEIGHT_ENGLISH);
  });
}

/** The set of letters of a word, as a bit mask (see `VocabWord.letters`). */
function letterSet(word: string): number {
  let set = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    set |= c >= 97 && c <= 122 ? 1 << (c - 97) : 1 << 26;
  }
  return set;
}

/** Number of bits set. */
function bitCount(n: number): number {
  let x = n - ((n >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

interface QueryWord {
  readonly raw: string;
  readonly stem: string;
  /** Shortest length at which this word may match as the beginning of a longer word. */
  readonly minPrefix: number;
  /** `letterSet` of `raw` and of `stem`. */
  readonly letters: number;
  readonly stemLetters: number;
}

/** Score of a query word that is a vocabulary word, or the start of one: 1, or 0.6–0.9; else 0. */
function exactOrPrefixScore(q: QueryWord, v: VocabWord): number {
  if (q.raw === v.raw || q.stem === v.stem) return 1;
  const ql = q.raw.length;
  const vl = v.raw.length;
  return ql >= q.minPrefix && ql < vl && v.raw.startsWith(q.raw) ? 0.6 + (0.3 * ql) / vl : 0;
}

/** Score of a query word read as a misspelling of a vocabulary word: 0.8 / 0.65, 0.5–0.7 for a prefix; else 0. */
function typoScore(q: QueryWord, v: VocabWord): number {
  const ql = q.raw.length;
  const vl = v.raw.length;
  const k = maxTypos(ql);
  // Each edit brings at most one letter that the word lacks: more missing letters than typos allowed, no match.
  if (
    k === 0 ||
    ql > MAX_FUZZY_WORD ||
    v.abbreviation ||
    Math.min(bitCount(q.letters & ~v.letters), bitCount(q.stemLetters & ~v.letters)) > k
  ) {
    return 0;
  }
  let d = Math.abs(ql - vl) <= k ? boundedDamerauLevenshtein(q.raw, v.raw, k) : k + 1;
  if (d > 1 && q.stem !== q.raw && q.stem.length >= 4 && Math.abs(q.stem.length - v.stem.length) <= 2) {
    const ks = maxTypos(q.stem.length);
    const ds = boundedDamerauLevenshtein(q.stem, v.stem, ks);
    if (ds <= ks) d = Math.min(d, ds);
  }
  if (d <= k) return d <= 1 ? 0.8 : 0.65;
  if (
    ql >= 5 &&
    vl > ql &&
    q.raw.charCodeAt(0) === v.raw.charCodeAt(0) &&
    boundedPrefixDistance(q.raw, v.raw, 1) <= 1
  ) {
    return 0.5 + (0.2 * ql) / vl;
  }
  return 0;
}

/** Typos tolerated in a word of this length: none below 4 letters, 1 up to 7, 2 from 8. */
function maxTypos(length: number): number {
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

// Scratch buffers: one row of vocabulary scores per query word, reused across calls.
let scratch: Float32Array[] = [];

function scoreVocabulary(words: readonly QueryWord[], offset = 0): Float32Array[] {
  while (scratch.length < offset + words.length) scratch = [...scratch, new Float32Array(vocabulary.length)];
  let typoBudget = MAX_TYPO_WORDS;
  return words.map((word, i) => {
    const row = scratch[offset + i]!;
    let known = false;
    for (let v = 0; v < vocabulary.length; v++) {
      const score = exactOrPrefixScore(word, vocabulary[v]!);
      row[v] = score;
      if (score > 0) known = true;
    }
    // A word that is known, or the start of a known word, is not read as a typo.
    if (!known && typoBudget > 0) {
      typoBudget--;
      for (let v = 0; v < vocabulary.length; v++) row[v] = typoScore(word, vocabulary[v]!);
    }
    return row;
  });
}

/**
 * Scores every profession for one query (a list of words); fills `out` (best score per profession) and returns
 * whether any name matched every word. With `partial`, names matching at least half of the words also score.
 */
function scoreProfessions(rows: readonly Float32Array[], out: Float64Array, partial: boolean): boolean {
  const nq = rows.length;
  const needed = partial ? Math.max(1, Math.ceil(nq / 2)) : nq;
  let anyComplete = false;
  for (const name of names) {
    const nw = name.words.length;
    let sum = 0;
    let matched = 0;
    let allExact = true;
    let covered = 0;
    let coveredMask = 0;
    let firstWordFirst = false;
    for (let i = 0; i < nq; i++) {
      const row = rows[i]!;
      let best = 0;
      let bestJ = -1;
      for (let j = 0; j < nw; j++) {
        const s = row[name.words[j]!]!;
        if (s > best) {
          best = s;
          bestJ = j;
        }
      }
      if (best === 0) {
        allExact = false;
        continue;
      }
      matched++;
      sum += best;
      if (best < 1) allExact = false;
      if (i === 0 && bestJ === 0) firstWordFirst = true;
      // Names have few words; a bit mask counts the distinct name words used (beyond 31 words, approximate).
      const bit = 1 << Math.min(bestJ, 30);
      if ((coveredMask & bit) === 0) {
        coveredMask |= bit;
        covered++;
      }
    }
    if (matched < needed) continue;
    const coverage = covered / nw;
    let score: number;
    if (matched === nq && allExact && covered === nw) {
      score = name.weight;
      anyComplete = true;
    } else {
      // At most 0.9 × weight: an exact name is always ahead of any partial match.
      score = name.weight * ((sum / nq) * (0.7 + 0.16 * coverage) + (firstWordFirst ? FIRST_WORD_BONUS : 0));
      if (matched === nq) anyComplete = true;
      else score *= 0.8 * (matched / nq);
    }
    const p = name.profession;
    if (score > out[p]!) out[p] = score;
  }
  return anyComplete;
}

/** Keep the tested query plausible; returns the significant words, or null for a query that gives no result. */
const STUDENT_ID = 'etudiant';
/**
 * Words that say the person is in training. "Étudiant" has synonyms such as "étudiant infirmier", so nearly every
 * query about a profession comes close to it: below the best match it is suggested only when the query says so (a
 * word, or the start of one being typed, from 3 letters: "étu", "exter").
 */
const STUDENT_WORDS: readonly string[] = [
  'etudiant',
  'etudiante',
  'etudiants',
  'etudiantes',
  'esi',
  'externe',
  'externes',
  'stagiaire',
  'stagiaires',
  'eleve',
  'eleves',
  'student',
  'students',
];

function saysStudent(words: readonly string[]): boolean {
  return words.some((w) => STUDENT_WORDS.some((s) => s === w || (w.length >= 3 && s.startsWith(w))));
}

function queryWords(query: unknown): string[] | null {
  if (typeof query !== 'string' || query.length === 0 || query.length > MAX_QUERY_LENGTH) return null;
  if (REJECTED.test(query)) return null;
  const normalized = normalizeText(query);
  const words = [...new Set(significantWords(normalized))];
  // Only stopwords: the last one is the start of a word being typed ("in" → "infirmier", "de" → "dentiste").
  if (words.length === 0 && normalized !== '') words.push(normalized.slice(normalized.lastIndexOf(' ') + 1));
  if (words.length === 0 || words.length > MAX_QUERY_WORDS) return null;
  return words;
}

/**
 * Professions matching a query as typed, best first, with a score in (0, 1] (public contract).
 * Never throws; bad input gives `[]`.
 */
export function searchProfessions(query: string, options?: SearchOptions): ProfessionMatch[] {
  const limit = resolveLimit(options);
  const words = queryWords(query);
  if (words === null || limit === 0) return [];

  const queryList: QueryWord[] = words.map((raw, i) =>
    // The last word may be the start of a word being typed ("auxiliaire de p"), even a single letter.
    queryWord(raw, i === words.length - 1 && words.length > 1 ? 1 : 2),
  );
  const scores = new Float64Array(PROFESSIONS.length);
  const rows = scoreVocabulary(queryList);
  let complete = scoreProfessions(rows, scores, false);
  if (words.length > 1) {
    // "audio prothesiste" → "audioprothesiste", "sage femme" → "sagefemme".
    const compact = words.join('');
    const compactRows = scoreVocabulary([queryWord(compact, 2)], words.length);
    complete = scoreProfessions(compactRows, scores, false) || complete;
    if (!complete) scoreProfessions(rows, scores, true);
  }

  const results: Array<{ index: number; score: number }> = [];
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (score > 0) results.push({ index: i, score: Math.min(1, Math.round(score * 10000) / 10000) });
  }
  results.sort((a, b) => b.score - a.score || a.index - b.index);
  if (!saysStudent(words)) {
    // below the best match, "Étudiant" only when the query says so (as the best match, e.g. "médecine", it stays)
    const student = results.findIndex((r) => PROFESSIONS[r.index]?.id === STUDENT_ID);
    if (student > 0) results.splice(student, 1);
  }
  return results.slice(0, limit).map(({ index, score }) => ({ profession: PROFESSIONS[index] as Profession, score }));
}

function queryWord(raw: string, minPrefix: number): QueryWord {
  const stem = stemWord(raw);
  return { raw, stem, minPrefix, letters: letterSet(raw), stemLetters: letterSet(stem) };
}

function resolveLimit(options: SearchOptions | undefined): number {
  const limit = options?.limit;
  if (typeof limit !== 'number' || Number.isNaN(limit)) return DEFAULT_SEARCH_LIMIT;
  return Math.max(0, Math.min(PROFESSIONS.length, Math.floor(limit)));
}
