import { assign, emit, setup } from 'xstate';
import { classifyProfessionById } from './classify.js';
import { searchProfessions } from './search.js';
import type { Classification, Profession } from './types.js';

export interface Suggestion {
  profession: Profession;
  score: number;
}

export interface ProfessionClassifierInput {
  /** Replaces the search (a host with its own list, a test). Defaults to `searchProfessions`. */
  search?: (query: string, options: { limit: number }) => Suggestion[];
  /** Replaces the classification of a chosen profession. Defaults to `classifyProfessionById`. */
  classify?: (profession: Profession) => Classification | null;
  /** How many suggestions the list shows. */
  limit?: number;
}

export interface ProfessionClassifierContext {
  query: string;
  suggestions: Suggestion[];
  /** Index of the highlighted suggestion, -1 when none. */
  activeIndex: number;
  classification: Classification | null;
  search: NonNullable<ProfessionClassifierInput['search']>;
  classify: NonNullable<ProfessionClassifierInput['classify']>;
  limit: number;
}

export type ProfessionClassifierEvent =
  | { type: 'INPUT'; value: string }
  | { type: 'OPEN' }
  | { type: 'CLOSE' }
  | { type: 'NEXT' }
  | { type: 'PREVIOUS' }
  | { type: 'FIRST' }
  | { type: 'LAST' }
  | { type: 'HIGHLIGHT'; index: number }
  /** Choose the highlighted suggestion, or the one at `index`. */
  | { type: 'SELECT'; index?: number }
  /** Choose a profession directly (an alternative shown under a result, a host pre-selection). */
  | { type: 'CHOOSE'; profession: Profession }
  | { type: 'CLEAR' };

/** Classifies a profession as found in the reference data (by its id, which is what the suggestions carry). */
export function classifyChosen(profession: Profession): Classification | null {
  return classifyProfessionById(profession.id);
}

const clamp = (i: number, n: number) => (n === 0 ? -1 : Math.max(0, Math.min(n - 1, i)));

/**
 * The profession classifier: a combobox's query, its ranked suggestions, the highlighted one, and the result.
 * States: `idle` (list closed), `suggesting` (list open), `noMatch` (a query that finds nothing), `classified`.
 * Tags: `open` when the listbox is shown, `result` when a classification is shown.
 */
export const professionClassifierMachine = setup({
  types: {
    context: {} as ProfessionClassifierContext,
    events: {} as ProfessionClassifierEvent,
    input: {} as ProfessionClassifierInput | undefined,
    emitted: {} as { type: 'classified'; classification: Classification } | { type: 'cleared' },
  },
  guards: {
    emptyQuery: ({ event }) => event.type === 'INPUT' && event.value.trim() === '',
    hasSuggestions: ({ context }) => context.suggestions.length > 0,
    hasHighlight: ({ context, event }) =>
      event.type === 'SELECT' && event.index !== undefined
        ? event.index >= 0 && event.index < context.suggestions.length
        : context.activeIndex >= 0,
  },
  actions: {
    runSearch: assign(({ context, event }) => {
      if (event.type !== 'INPUT') return {};
      const query = event.value;
      const suggestions = query.trim() === '' ? [] : context.search(query, { limit: context.limit });
      return { query, suggestions, activeIndex: -1 };
    }),
    reset: assign({ query: '', suggestions: [], activeIndex: -1, classification: null }),
    next: assign({
      activeIndex: ({ context }) =>
        context.activeIndex < 0 ? 0 : (context.activeIndex + 1) % Math.max(1, context.suggestions.length),
    }),
    previous: assign({
      activeIndex: ({ context }) => {
        const n = context.suggestions.length;
        return context.activeIndex <= 0 ? n - 1 : context.activeIndex - 1;
      },
    }),
    first: assign({ activeIndex: ({ context }) => clamp(0, context.suggestions.length) }),
    last: assign({ activeIndex: ({ context }) => clamp(context.suggestions.length - 1, context.suggestions.length) }),
    highlight: assign({
      activeIndex: ({ context, event }) =>
        event.type === 'HIGHLIGHT' ? clamp(event.index, context.suggestions.length) : context.activeIndex,
    }),
    unhighlight: assign({ activeIndex: -1 }),
    classifySelected: assign(({ context, event }) => {
      const index = event.type === 'SELECT' && event.index !== undefined ? event.index : context.activeIndex;
      const chosen = context.suggestions[index]?.profession;
      if (!chosen) return {};
      const classification = context.classify(chosen);
      // Show what was chosen in the field; alternatives are the other suggestions the user saw.
      const alternatives = context.suggestions.filter((s) => s.profession.id !== chosen.id).map((s) => s.profession);
      return {
        query: chosen.label,
        activeIndex: -1,
        classification: classification
          ? { ...classification, alternatives: alternatives.slice(0, 3), ambiguous: alternatives.length > 0 }
          : null,
      };
    }),
    classifyChosen: assign(({ context, event }) => {
      if (event.type !== 'CHOOSE') return {};
      const classification = context.classify(event.profession);
      return { query: event.profession.label, suggestions: [], activeIndex: -1, classification };
    }),
    emitClassified: emit(({ context }) =>
      context.classification
        ? ({ type: 'classified', classification: context.classification } as const)
        : ({ type: 'cleared' } as const),
    ),
    emitCleared: emit({ type: 'cleared' } as const),
  },
}).createMachine({
  id: 'professionClassifier',
  context: ({ input }) => ({
    query: '',
    suggestions: [],
    activeIndex: -1,
    classification: null,
    search: input?.search ?? ((q, o) => searchProfessions(q, o)),
    classify: input?.classify ?? classifyChosen,
    limit: input?.limit ?? 8,
  }),
  initial: 'idle',
  on: {
    CLEAR: { target: '.idle', actions: 'reset' },
    CHOOSE: { target: '.classified', actions: ['classifyChosen', 'emitClassified'] },
  },
  states: {
    idle: {
      on: {
        INPUT: [
          { guard: 'emptyQuery', target: 'idle', actions: 'runSearch' },
          { target: 'searching', actions: 'runSearch' },
        ],
        OPEN: { guard: 'hasSuggestions', target: 'suggesting' },
        NEXT: { guard: 'hasSuggestions', target: 'suggesting', actions: 'first' },
        PREVIOUS: { guard: 'hasSuggestions', target: 'suggesting', actions: 'last' },
      },
    },
    searching: {
      always: [{ guard: 'hasSuggestions', target: 'suggesting' }, { target: 'noMatch' }],
    },
    suggesting: {
      tags: ['open'],
      on: {
        INPUT: [
          { guard: 'emptyQuery', target: 'idle', actions: 'runSearch' },
          { target: 'searching', actions: 'runSearch' },
        ],
        NEXT: { actions: 'next' },
        PREVIOUS: { actions: 'previous' },
        FIRST: { actions: 'first' },
        LAST: { actions: 'last' },
        HIGHLIGHT: { actions: 'highlight' },
        SELECT: { guard: 'hasHighlight', target: 'classified', actions: ['classifySelected', 'emitClassified'] },
        CLOSE: { target: 'idle', actions: 'unhighlight' },
      },
    },
    noMatch: {
      tags: ['no-match'],
      on: {
        INPUT: [
          { guard: 'emptyQuery', target: 'idle', actions: 'runSearch' },
          { target: 'searching', actions: 'runSearch' },
        ],
        CLOSE: { target: 'idle' },
      },
    },
    classified: {
      tags: ['result'],
      // leaving the result (new typing, clear) withdraws the classification
      exit: 'emitCleared',
      on: {
        INPUT: [
          { guard: 'emptyQuery', target: 'idle', actions: ['reset', 'runSearch'] },
          { target: 'searching', actions: [assign({ classification: null }), 'runSearch'] },
        ],
      },
    },
  },
});
