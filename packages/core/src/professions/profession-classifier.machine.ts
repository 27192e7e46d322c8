import { assign, emit, enqueueActions, fromCallback, sendTo, setup } from 'xstate';
import { classifyProfessionById } from './classify.js';
import { searchProfessions } from './search.js';
import type { Classification, Profession } from './types.js';

export interface Suggestion {
  profession: Profession;
  score: number;
}

/** Where the classifier looks professions up: the `professions` actor answers with them. */
export interface ProfessionLookup {
  /** Replaces the search (a host with its own list, a test). Defaults to `searchProfessions`. */
  search?: (query: string, options: { limit: number }) => Suggestion[];
  /** Replaces the classification of a chosen profession. Defaults to `classifyProfessionById`. */
  classify?: (profession: Profession) => Classification | null;
}

export interface ProfessionClassifierInput {
  /** How many suggestions the list shows. */
  limit?: number;
}

/** What the machine asks its `professions` actor. */
export type ProfessionRequest =
  | { type: 'SEARCH'; query: string; limit: number }
  | { type: 'CLASSIFY'; profession: Profession };

export interface ProfessionClassifierContext {
  query: string;
  suggestions: Suggestion[];
  /** Index of the highlighted suggestion, -1 when none. */
  activeIndex: number;
  classification: Classification | null;
  /** The profession being classified, and whether it was picked in the list (its alternatives are the others). */
  chosen: { profession: Profession; fromList: boolean } | null;
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
  | { type: 'CLEAR' }
  /** The `professions` actor's answers. */
  | { type: 'SUGGESTIONS'; query: string; suggestions: Suggestion[] }
  | { type: 'CLASSIFIED'; profession: Profession; classification: Classification | null };

/** The machine's tags: `open` (the listbox is shown), `no-match`, `result`. */
export type ProfessionClassifierTag = 'open' | 'no-match' | 'result';

/** Classifies a profession as found in the reference data (by its id, which is what the suggestions carry). */
export function classifyChosen(profession: Profession): Classification | null {
  return classifyProfessionById(profession.id);
}

const clamp = (i: number, n: number) => (n === 0 ? -1 : Math.max(0, Math.min(n - 1, i)));

/**
 * The `professions` actor: answers the machine's `SEARCH` with `SUGGESTIONS` and its `CLASSIFY` with
 * `CLASSIFIED`, from the reference data unless `source` replaces them. It answers at once: the list follows the
 * typing with no intermediate screen.
 */
export function professionsActor(source: ProfessionLookup = {}) {
  const search = source.search ?? ((q: string, o: { limit: number }) => searchProfessions(q, o));
  const classify = source.classify ?? classifyChosen;
  return fromCallback<ProfessionRequest>(({ sendBack, receive }) => {
    receive((request) => {
      if (request.type === 'SEARCH')
        sendBack({
          type: 'SUGGESTIONS',
          query: request.query,
          suggestions: search(request.query, { limit: request.limit }),
        });
      else
        sendBack({
          type: 'CLASSIFIED',
          profession: request.profession,
          classification: classify(request.profession),
        });
    });
  });
}

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
    tags: {} as ProfessionClassifierTag,
  },
  actors: {
    /** The backend: give it with `createProfessionClassifierMachine(source)` or `.provide({ actors })`. */
    professions: professionsActor(),
  },
  guards: {
    emptyQuery: ({ event }) => event.type === 'INPUT' && event.value.trim() === '',
    hasSuggestions: ({ context }) => context.suggestions.length > 0,
    /** The answer to the query shown, not to one typed before. */
    currentAnswer: ({ context, event }) =>
      (event.type === 'SUGGESTIONS' && event.query === context.query) ||
      (event.type === 'CLASSIFIED' && event.profession.id === context.chosen?.profession.id),
    hasHighlight: ({ context, event }) =>
      event.type === 'SELECT' && event.index !== undefined
        ? event.index >= 0 && event.index < context.suggestions.length
        : context.activeIndex >= 0,
  },
  actions: {
    keepQuery: assign(({ event }) =>
      event.type === 'INPUT'
        ? { query: event.value, activeIndex: -1, ...(event.value.trim() ? {} : { suggestions: [] }) }
        : {},
    ),
    requestSearch: sendTo('professions', ({ context }) => ({
      type: 'SEARCH' as const,
      query: context.query,
      limit: context.limit,
    })),
    setSuggestions: assign({
      suggestions: ({ context, event }) => (event.type === 'SUGGESTIONS' ? event.suggestions : context.suggestions),
    }),
    reset: assign({ query: '', suggestions: [], activeIndex: -1, classification: null, chosen: null }),
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
    chooseSelected: assign(({ context, event }) => {
      const index = event.type === 'SELECT' && event.index !== undefined ? event.index : context.activeIndex;
      const profession = context.suggestions[index]?.profession;
      // Show what was chosen in the field
      return profession ? { query: profession.label, activeIndex: -1, chosen: { profession, fromList: true } } : {};
    }),
    chooseDirect: assign(({ event }) =>
      event.type === 'CHOOSE'
        ? {
            query: event.profession.label,
            suggestions: [],
            activeIndex: -1,
            chosen: { profession: event.profession, fromList: false },
          }
        : {},
    ),
    requestClassification: enqueueActions(({ context, enqueue }) => {
      if (context.chosen)
        enqueue.sendTo('professions', { type: 'CLASSIFY' as const, profession: context.chosen.profession });
    }),
    setClassification: assign(({ context, event }) => {
      if (event.type !== 'CLASSIFIED') return {};
      const { classification, profession } = event;
      if (!classification || !context.chosen?.fromList) return { classification };
      // picked in the list: the alternatives are the other suggestions the user saw
      const alternatives = context.suggestions
        .filter((s) => s.profession.id !== profession.id)
        .map((s) => s.profession);
      return {
        classification: {
          ...classification,
          alternatives: alternatives.slice(0, 3),
          ambiguous: alternatives.length > 0,
        },
      };
    }),
    emitClassified: emit(({ context }) =>
      context.classification
        ? ({ type: 'classified', classification: context.classification } as const)
        : ({ type: 'cleared' } as const),
    ),
    emitCleared: emit({ type: 'cleared' } as const),
    forgetClassification: assign({ classification: null, chosen: null }),
  },
}).createMachine({
  id: 'professionClassifier',
  context: ({ input }) => ({
    query: '',
    suggestions: [],
    activeIndex: -1,
    classification: null,
    chosen: null,
    limit: input?.limit ?? 8,
  }),
  invoke: { id: 'professions', src: 'professions' },
  initial: 'idle',
  on: {
    // typing: an empty field closes the list, anything else asks for suggestions
    INPUT: [
      { guard: 'emptyQuery', target: '.idle', actions: 'keepQuery' },
      { target: '.searching', actions: ['keepQuery', 'requestSearch'] },
    ],
    CLEAR: { target: '.idle', actions: 'reset' },
    CHOOSE: { target: '.classifying', actions: ['chooseDirect', 'requestClassification'] },
  },
  states: {
    idle: {
      on: {
        OPEN: { guard: 'hasSuggestions', target: 'suggesting' },
        NEXT: { guard: 'hasSuggestions', target: 'suggesting', actions: 'first' },
        PREVIOUS: { guard: 'hasSuggestions', target: 'suggesting', actions: 'last' },
      },
    },
    /** Waiting for the `professions` actor's suggestions (the default one answers at once). */
    searching: {
      on: {
        SUGGESTIONS: { guard: 'currentAnswer', target: 'routing', actions: 'setSuggestions' },
      },
    },
    routing: {
      always: [{ guard: 'hasSuggestions', target: 'suggesting' }, { target: 'noMatch' }],
    },
    suggesting: {
      tags: ['open'],
      on: {
        NEXT: { actions: 'next' },
        PREVIOUS: { actions: 'previous' },
        FIRST: { actions: 'first' },
        LAST: { actions: 'last' },
        HIGHLIGHT: { actions: 'highlight' },
        SELECT: {
          guard: 'hasHighlight',
          target: 'classifying',
          actions: ['chooseSelected', 'requestClassification'],
        },
        CLOSE: { target: 'idle', actions: 'unhighlight' },
      },
    },
    noMatch: {
      tags: ['no-match'],
      on: {
        CLOSE: { target: 'idle' },
      },
    },
    /** Waiting for the classification of the chosen profession (the default actor answers at once). */
    classifying: {
      on: {
        CLASSIFIED: {
          guard: 'currentAnswer',
          target: 'classified',
          actions: ['setClassification', 'emitClassified'],
        },
      },
    },
    classified: {
      tags: ['result'],
      // leaving the result (new typing, clear) withdraws the classification
      exit: 'emitCleared',
      on: {
        INPUT: [
          { guard: 'emptyQuery', target: 'idle', actions: ['reset', 'keepQuery'] },
          { target: 'searching', actions: ['forgetClassification', 'keepQuery', 'requestSearch'] },
        ],
      },
    },
  },
});

/** `professionClassifierMachine` whose `professions` actor searches and classifies with `source`. */
export function createProfessionClassifierMachine(source: ProfessionLookup): typeof professionClassifierMachine {
  return professionClassifierMachine.provide({ actors: { professions: professionsActor(source) } });
}
