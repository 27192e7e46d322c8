import { and, assign, emit, fromCallback, sendTo, setup } from 'xstate';
import type { NationalIdCheckErrorCode } from '../errors/activation.js';
import { compactIdentifier, NationalIdError, parseNationalId } from '../identifiers/index.js';

/**
 * The two e-CPS activation tracks of the domain guide (§4): with a physical CPx card (activation from the wallet
 * site on a computer) or without one (activation in the phone app, codes sent by e-mail and SMS).
 */
export type EcpsTrack = 'with-card' | 'without-card';

/** Where a step happens; the element shows it as an icon with a text alternative. */
export type EcpsStepPlace = 'computer' | 'phone' | 'computer-and-phone';

export interface EcpsStep {
  /** Stable id, also the key of the step's strings in the element. */
  readonly id: string;
  readonly place: EcpsStepPlace;
}

/** The eight steps of each track, in the guide's order (step numbers are 1-based indexes in these lists). */
export const ECPS_STEPS: Readonly<Record<EcpsTrack, readonly EcpsStep[]>> = {
  'with-card': [
    { id: 'install-app', place: 'phone' },
    { id: 'open-wallet', place: 'computer' },
    { id: 'insert-card', place: 'computer' },
    { id: 'prosante-connect', place: 'computer' },
    { id: 'start-activation', place: 'computer' },
    { id: 'scan-qr', place: 'computer-and-phone' },
    { id: 'copy-code', place: 'computer-and-phone' },
    { id: 'create-password', place: 'phone' },
  ],
  // without a card, the whole activation happens in the phone app
  'without-card': [
    'install-app',
    'start-activation',
    'accept-terms',
    'send-request',
    'national-id',
    'open-email',
    'sms-code',
    'create-password',
  ].map((id) => ({ id, place: 'phone' })),
};

export const ECPS_STEP_COUNT = 8;

/** Step of the card-less track where the national identifier is entered. */
export const NATIONAL_ID_STEP = 5;
/** Step of the card-less track with the two e-mail cases. */
export const EMAIL_STEP = 6;

/**
 * Result of checking what the user typed as national identifier for the e-CPS (= `8` + RPPS number):
 * - `empty`: nothing yet (blocks moving on, no message until the user tries);
 * - `error`: `code` says why (blocks moving on): a `NationalIdError` code from `parseNationalId`, or
 *   `not-rpps` (a valid identifier that is not an RPPS one: ADELI, staff of a structure), or
 *   `missing-prefix` (11 digits that look like an RPPS number without the leading `8`);
 * - `warning`: an RPPS identifier whose check digit looks wrong (`code` = `check-digit`; does not block);
 * - `valid`.
 */
export type NationalIdCheck =
  | { status: 'empty' }
  | { status: 'error'; code: NationalIdCheckErrorCode }
  | { status: 'warning'; code: 'check-digit'; normalized: string }
  | { status: 'valid'; normalized: string };

export type { NationalIdCheckErrorCode } from '../errors/activation.js';

/** Checks an identifier typed for the e-CPS card-less activation. Never throws. */
export function checkEcpsNationalId(value: string): NationalIdCheck {
  const compact = compactIdentifier(value);
  if (compact === '') return { status: 'empty' };
  // The most common slip: the RPPS number alone, without the 8 in front.
  if (/^\d{11}$/.test(compact) && !compact.startsWith('8')) return { status: 'error', code: 'missing-prefix' };
  try {
    const parsed = parseNationalId(compact);
    if (parsed.kind !== 'rpps') return { status: 'error', code: 'not-rpps' };
    return parsed.checkDigitValid === false
      ? { status: 'warning', code: 'check-digit', normalized: parsed.normalized }
      : { status: 'valid', normalized: parsed.normalized };
  } catch (e) {
    if (e instanceof NationalIdError) return { status: 'error', code: e.code };
    throw e;
  }
}

/** Whether `value` is the beginning of `8` + 11 digits (whitespace ignored): more typing may make it valid. */
export function couldBecomeRpps(value: string): boolean {
  return /^(?:8\d{0,11})?$/.test(compactIdentifier(value));
}

export interface EcpsActivationInput {
  /** The host already knows the answer to "do you have a physical CPx card?": the question is skipped. */
  track?: EcpsTrack;
}

export interface EcpsActivationContext {
  track: EcpsTrack | null;
  /** 1 to 8 on a track, 0 on the question. */
  step: number;
  /** The track was given by the host (attribute, classification): no way back to the question. */
  trackPreset: boolean;
  /** What the national identifier field holds (card-less track, step 5). Never persisted by the element. */
  nationalId: string;
  idCheck: NationalIdCheck;
  /** The identifier's error is shown: after the user tried to move on, or left the field, with an error. */
  idErrorShown: boolean;
  /** Card-less step 6: where the e-mail with the QR code arrived. */
  emailOn: 'phone' | 'other-device' | null;
}

export type EcpsActivationEvent =
  /** Answer to the first question, or a host's answer. */
  | { type: 'CHOOSE_TRACK'; track: EcpsTrack }
  /** The host passes the track before the user did anything: only taken on the question, skips it for good. */
  | { type: 'PRESET_TRACK'; track: EcpsTrack }
  /** "Étape suivante": the user confirms the current step. */
  | { type: 'NEXT' }
  /** "Étape précédente". */
  | { type: 'BACK' }
  /** "Recommencer": back to the start (the question, or step 1 of a preset track). */
  | { type: 'RESET' }
  | { type: 'ID_INPUT'; value: string }
  | { type: 'ID_BLUR' }
  | { type: 'EMAIL_ON'; on: 'phone' | 'other-device' }
  /** The `nationalIdCheck` actor's answer for `value`. */
  | { type: 'ID_CHECKED'; value: string; check: NationalIdCheck };

/** The machine's tags, one per screen. */
export type EcpsActivationTag = 'question' | 'step' | 'complete';

/**
 * The `nationalIdCheck` actor: answers each `{ type: 'CHECK', value }` with `ID_CHECKED`, checked by `check`
 * (default `checkEcpsNationalId`). It answers at once: the message follows the typing.
 */
export function nationalIdCheckActor(check: (value: string) => NationalIdCheck = checkEcpsNationalId) {
  return fromCallback<{ type: 'CHECK'; value: string }>(({ sendBack, receive }) => {
    receive(({ value }) => sendBack({ type: 'ID_CHECKED', value, check: check(value) }));
  });
}

export type EcpsActivationEmitted =
  | { type: 'step-change'; track: EcpsTrack; step: number }
  | { type: 'activation-complete'; track: EcpsTrack }
  /** "Étape suivante" refused on the identifier step: the element moves focus to the field. */
  | { type: 'blocked'; reason: 'national-id' };

/** The types of the machine, as `setup` takes them. */
interface EcpsActivationTypes {
  context: EcpsActivationContext;
  events: EcpsActivationEvent;
  input: EcpsActivationInput | undefined;
  emitted: EcpsActivationEmitted;
  tags: EcpsActivationTag;
}

const initialContext = (track: EcpsTrack | undefined): EcpsActivationContext => ({
  track: track ?? null,
  step: track ? 1 : 0,
  trackPreset: track !== undefined,
  nationalId: '',
  idCheck: { status: 'empty' },
  idErrorShown: false,
  emailOn: null,
});

/**
 * The e-CPS activation stepper. States: `question` (with or without a physical card?), `active` (on a track, at
 * `context.step`), `complete`. Tags: `question`, `step`, `complete` (one per screen); `currentEcpsStep(context)` says which step
 * a `step` screen shows.
 *
 * Emits `step-change` {track, step} whenever the shown step changes (not for the initial state) and
 * `activation-complete` {track} when the last step is confirmed. The identifier check is the injected
 * `nationalIdCheck` actor (replace it with `machine.provide({ actors: { nationalIdCheck: nationalIdCheckActor(fn) } })`);
 * the context holds only data, so that its snapshot can be persisted as JSON.
 */
export const ecpsActivationMachine = setup({
  types: {} as EcpsActivationTypes,
  actors: {
    /** The identifier check: replace it with `.provide({ actors: { nationalIdCheck: nationalIdCheckActor(fn) } })`. */
    nationalIdCheck: nationalIdCheckActor(),
  },
  guards: {
    onFirstStep: ({ context }) => context.step <= 1,
    onLastStep: ({ context }) => context.step >= ECPS_STEP_COUNT,
    trackPreset: ({ context }) => context.trackPreset,
    onNationalIdStep: ({ context }) => context.track === 'without-card' && context.step === NATIONAL_ID_STEP,
    nationalIdBlocks: ({ context }) =>
      context.track === 'without-card' &&
      context.step === NATIONAL_ID_STEP &&
      (context.idCheck.status === 'error' || context.idCheck.status === 'empty'),
  },
  actions: {
    chooseTrack: assign(({ event }) =>
      event.type === 'CHOOSE_TRACK' || event.type === 'PRESET_TRACK'
        ? { track: event.track, step: 1, trackPreset: event.type === 'PRESET_TRACK' }
        : {},
    ),
    next: assign({ step: ({ context }) => Math.min(ECPS_STEP_COUNT, context.step + 1) }),
    back: assign({ step: ({ context }) => Math.max(1, context.step - 1) }),
    toQuestion: assign({ track: null, step: 0 }),
    resetAll: assign(({ context }) => ({
      ...initialContext(context.trackPreset && context.track ? context.track : undefined),
    })),
    keepNationalId: assign({
      nationalId: ({ context, event }) => (event.type === 'ID_INPUT' ? event.value : context.nationalId),
    }),
    requestIdCheck: sendTo('nationalIdCheck', ({ context }) => ({ type: 'CHECK' as const, value: context.nationalId })),
    setIdCheck: assign({
      idCheck: ({ context, event }) => (event.type === 'ID_CHECKED' ? event.check : context.idCheck),
    }),
    // While typing, an error shows at once only when more typing cannot fix it (a wrong first digit, a letter,
    // too many digits); an incomplete number is flagged on blur or "Étape suivante". A fixed error disappears.
    updateIdErrorShown: assign({
      idErrorShown: ({ context }) =>
        context.idCheck.status === 'error' && (context.idErrorShown || !couldBecomeRpps(context.nationalId)),
    }),
    showIdError: assign({ idErrorShown: true }),
    revealIdErrorOnBlur: assign({ idErrorShown: ({ context }) => context.idCheck.status === 'error' }),
    setEmailOn: assign({ emailOn: ({ context, event }) => (event.type === 'EMAIL_ON' ? event.on : context.emailOn) }),
    emitStepChange: emit(({ context }) => ({
      type: 'step-change' as const,
      track: context.track ?? 'with-card',
      step: context.step,
    })),
    emitComplete: emit(({ context }) => ({
      type: 'activation-complete' as const,
      track: context.track ?? 'with-card',
    })),
    emitBlocked: emit({ type: 'blocked', reason: 'national-id' } as const),
  },
}).createMachine({
  id: 'ecpsActivation',
  context: ({ input }) => initialContext(input?.track),
  invoke: { id: 'nationalIdCheck', src: 'nationalIdCheck' },
  initial: 'start',
  on: {
    RESET: [
      { guard: 'trackPreset', target: '.active', reenter: true, actions: ['resetAll', 'emitStepChange'] },
      { target: '.question', actions: 'resetAll' },
    ],
  },
  states: {
    start: {
      always: [{ guard: ({ context }) => context.track !== null, target: 'active' }, { target: 'question' }],
    },
    question: {
      tags: ['question'],
      on: {
        CHOOSE_TRACK: { target: 'active', actions: ['chooseTrack', 'emitStepChange'] },
        // a host answer arriving before any interaction: no step-change event (nothing changed for the user)
        PRESET_TRACK: { target: 'active', actions: 'chooseTrack' },
      },
    },
    active: {
      tags: ['step'],
      on: {
        NEXT: [
          { guard: 'nationalIdBlocks', actions: ['showIdError', 'emitBlocked'] },
          { guard: 'onLastStep', target: 'complete', actions: 'emitComplete' },
          { target: 'active', reenter: true, actions: ['next', 'emitStepChange'] },
        ],
        BACK: [
          // a preset track has no question to go back to
          { guard: and(['onFirstStep', 'trackPreset']) },
          { guard: 'onFirstStep', target: 'question', actions: 'toQuestion' },
          { target: 'active', reenter: true, actions: ['back', 'emitStepChange'] },
        ],
        ID_INPUT: { guard: 'onNationalIdStep', actions: ['keepNationalId', 'requestIdCheck'] },
        ID_CHECKED: {
          // the answer for what the field holds now, not for an earlier value
          guard: ({ context, event }) => event.value === context.nationalId,
          actions: ['setIdCheck', 'updateIdErrorShown'],
        },
        ID_BLUR: { guard: 'onNationalIdStep', actions: 'revealIdErrorOnBlur' },
        EMAIL_ON: { guard: ({ context }) => context.track === 'without-card', actions: 'setEmailOn' },
      },
    },
    complete: {
      tags: ['complete'],
      on: {
        BACK: { target: 'active' },
      },
    },
  },
});

/** The step shown by a snapshot: `{ track, step, id, place }`, or null on the question. */
export function currentEcpsStep(context: Pick<EcpsActivationContext, 'track' | 'step'>):
  | (EcpsStep & {
      track: EcpsTrack;
      step: number;
    })
  | null {
  if (!context.track || context.step < 1) return null;
  const s = ECPS_STEPS[context.track][context.step - 1];
  return s ? { ...s, track: context.track, step: context.step } : null;
}
