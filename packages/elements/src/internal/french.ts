import { html, type TemplateResult } from 'lit';
import type { Lang } from './localize.js';

/**
 * The French words that the English strings keep (names, the labels users see on their phone or on PSC's page,
 * what a user may type): marked `lang="fr"` in English text so that screen readers pronounce them in French
 * (WCAG 3.1.2, RGAA 8.7). Add a term here when an English string keeps a new French word.
 */
const FRENCH_TERMS = new RegExp(
  [
    'Pro ?Santé Connect',
    'PRO SANTÉ CONNECT',
    'Agence du Numérique en Santé',
    'Ordre des [\\p{L}-]+',
    'Application e-CPS',
    'Commencer l’activation',
    'Démarrer l’activation',
    'Envoyer une demande d’activation',
    'code porteur',
    'infirmière',
    'kiné',
    'aide-soignant',
    'gestionnaire\\(s\\) RPPS\\+',
  ].join('|'),
  'gu',
);

/**
 * `text` with its French words in `<span lang="fr">` when the element speaks English (as is in French). For text in
 * child position only (not attributes, not the live region, which read the plain string).
 */
export function markFrench(text: string, lang: Lang): string | TemplateResult {
  if (lang === 'fr') return text;
  const parts: Array<string | TemplateResult> = [];
  let last = 0;
  for (const match of text.matchAll(FRENCH_TERMS)) {
    parts.push(text.slice(last, match.index), html`<span lang="fr">${match[0]}</span>`);
    last = match.index + match[0].length;
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  return html`${parts}`;
}

/** A French text (a profession's official label) in English text. */
export function french(text: string, lang: Lang): string | TemplateResult {
  return lang === 'fr' ? text : html`<span lang="fr">${text}</span>`;
}
