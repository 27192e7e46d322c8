import { assign, emit, fromPromise, setup } from 'xstate';
import { ACCOUNT_LINK_ERROR_CODES, type AccountLinkErrorCode } from '../errors/account-link.js';

/**
 * What the account-link form shows of the professional: a subset of `ProfessionalIdentity` (from the card or Pro
 * Santé Connect), for display only. The server links the identity it holds in its session, never one the
 * browser sends.
 */
export interface LinkIdentity {
  /** National identifier, e.g. `899700540003` (`8` + RPPS number). */
  nationalId: string;
  /** As shown under "Identité", e.g. `MARIE ASSISTDELCS170540003`. */
  displayName: string;
  source?: 'psc' | 'card';
}

/** The closed set of outcomes a link attempt can fail with: one table, `ACCOUNT_LINK_ERRORS` (`../errors/`). */
export {
  ACCOUNT_LINK_ERROR_CODES,
  ACCOUNT_LINK_ERRORS,
  ACCOUNT_LINK_SERVER_ERRORS,
  type AccountLinkErrorCode,
  type AccountLinkServerErrorCode,
} from '../errors/account-link.js';

/** What the user typed. Passed from the SUBMIT event to the request; never kept in the machine's context. */
export interface AccountLinkCredentials {
  username: string;
  password: string;
}

/** A link that was made: the host's account, and where to go next (a same-origin path). */
export interface AccountLinked {
  ok: true;
  accountId: string;
  redirectTo?: string;
}

export type AccountLinkResult =
  | AccountLinked
  | {
      ok: false;
      code: AccountLinkErrorCode;
      /** The host's message (shown for `locked`, e.g. "Trop de tentatives : compte bloqué 15 minutes."). */
      message?: string;
      /** Seconds before a new attempt is accepted (`locked`). */
      retryAfter?: number;
      /**
       * `invalid-credentials`: wrong attempts left before the lockout, when the host tells (from the third failure;
       * counted per username typed, so it says nothing about whether an account exists).
       */
      attemptsLeft?: number;
    };

export type AccountLinkSubmit = (
  credentials: AccountLinkCredentials,
  signal: AbortSignal,
) => Promise<AccountLinkResult>;

export interface AccountLinkInput {
  /** Username to start with (a host that knows it). */
  username?: string;
}

export type FieldError = 'missing-username' | 'missing-password';

export interface AccountLinkError {
  code: AccountLinkErrorCode;
  message?: string;
  retryAfter?: number;
  attemptsLeft?: number;
}

export interface AccountLinkContext {
  /** The last username submitted (kept across failures; the password never is). */
  username: string;
  fieldErrors: FieldError[];
  error: AccountLinkError | null;
  /** How many attempts failed in this form (for the host's information; the server counts for lockout). */
  failures: number;
  accountId: string | null;
  redirectTo: string | null;
  /** When the lockout ends (epoch ms, for display), null when not locked. The form comes back by itself then. */
  lockedUntil: number | null;
}

export type AccountLinkEvent =
  | { type: 'SUBMIT'; username: string; password: string }
  /** The user edits a field: field errors are withdrawn for it. */
  | { type: 'EDIT'; field: 'username' | 'password' }
  /** The user leaves the form (back to the chooser, another card). */
  | { type: 'CANCEL' };

/** The machine's tags (the element's `screen` is derived from them). */
export type AccountLinkTag = 'form' | 'busy' | 'error' | 'locked' | 'done' | 'cancelled';

export type AccountLinkEmitted =
  | { type: 'linked'; accountId: string; redirectTo?: string }
  | { type: 'failed'; code: AccountLinkErrorCode }
  | { type: 'cancelled' };

const MAX_LOCK_DELAY_MS = 24 * 60 * 60 * 1000;
/** Lock delay when the host gives none (the server's default lockout lasts 15 minutes). */
const DEFAULT_LOCK_DELAY_MS = 15 * 60 * 1000;

function lockDelayMs(retryAfter: number | undefined): number {
  if (retryAfter === undefined || !Number.isFinite(retryAfter)) return DEFAULT_LOCK_DELAY_MS;
  return Math.min(MAX_LOCK_DELAY_MS, Math.max(0, retryAfter * 1000));
}

/** Default transport: none. The element provides one that posts to the host's endpoint. */
const noTransport: AccountLinkSubmit = async () => ({ ok: false, code: 'server' });

const isAccountLinkErrorCode = (code: unknown): code is AccountLinkErrorCode =>
  ACCOUNT_LINK_ERROR_CODES.some((c) => c === code);

/** Turns anything thrown by the transport into a result (a thrown fetch is a network failure). */
function asFailure(error: unknown): AccountLinkResult {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return isAccountLinkErrorCode(code) ? { ok: false, code } : { ok: false, code: 'network' };
}

/**
 * The `submitLink` actor calling `submit` with the credentials of the SUBMIT event: what it throws becomes a
 * result (`network`, or the code it carries).
 */
export function submitLinkActor(submit: AccountLinkSubmit) {
  return fromPromise<AccountLinkResult, AccountLinkCredentials>(async ({ input, signal }) => {
    try {
      return await submit(input, signal);
    } catch (error) {
      return asFailure(error);
    }
  });
}

/** The result of the `submitLink` actor, as the params of the guards and actions of its done event. */
const output = ({ event }: { event: { output: AccountLinkResult } }) => event.output;

/** Types, actors, guards and actions of the account-link machine. */
const accountLinkSetup = setup({
  types: {
    context: {} as AccountLinkContext,
    events: {} as AccountLinkEvent,
    input: {} as AccountLinkInput | undefined,
    emitted: {} as AccountLinkEmitted,
    tags: {} as AccountLinkTag,
  },
  actors: {
    /** The backend: give it with `createAccountLinkMachine(submit)` or `.provide({ actors: { submitLink } })`. */
    submitLink: submitLinkActor(noTransport),
  },
  guards: {
    fieldsMissing: ({ event }) => event.type === 'SUBMIT' && (event.username.trim() === '' || event.password === ''),
    succeeded: (_, result: AccountLinkResult) => result.ok,
    lockedOut: (_, result: AccountLinkResult) => !result.ok && result.code === 'locked',
  },
  actions: {
    validate: assign(({ event }) => {
      if (event.type !== 'SUBMIT') return {};
      const fieldErrors: FieldError[] = [];
      if (event.username.trim() === '') fieldErrors.push('missing-username');
      if (event.password === '') fieldErrors.push('missing-password');
      return { username: event.username, fieldErrors, error: null };
    }),
    startAttempt: assign(({ event }) =>
      event.type === 'SUBMIT' ? { username: event.username.trim(), fieldErrors: [], error: null } : {},
    ),
    clearFieldError: assign({
      fieldErrors: ({ context, event }) =>
        event.type === 'EDIT'
          ? context.fieldErrors.filter(
              (f) => f !== (event.field === 'username' ? 'missing-username' : 'missing-password'),
            )
          : context.fieldErrors,
    }),
    recordSuccess: assign((_, r: AccountLinkResult) => {
      return r.ok ? { accountId: r.accountId, redirectTo: r.redirectTo ?? null, error: null } : {};
    }),
    recordFailure: assign(({ context }, r: AccountLinkResult) => {
      if (r.ok) return {};
      const error: AccountLinkError = { code: r.code };
      if (r.message) error.message = r.message;
      if (r.retryAfter !== undefined) error.retryAfter = r.retryAfter;
      if (r.attemptsLeft !== undefined) error.attemptsLeft = r.attemptsLeft;
      const lockedUntil = r.code === 'locked' ? Date.now() + lockDelayMs(r.retryAfter) : null;
      return { error, failures: context.failures + 1, lockedUntil };
    }),
    endLock: assign({ lockedUntil: null, error: null }),
    emitLinked: emit(({ context }) => ({
      type: 'linked' as const,
      accountId: context.accountId ?? '',
      ...(context.redirectTo ? { redirectTo: context.redirectTo } : {}),
    })),
    emitFailed: emit(({ context }) => ({ type: 'failed' as const, code: context.error?.code ?? 'server' })),
    emitCancelled: emit({ type: 'cancelled' } as const),
  },
  delays: {
    lockDelay: ({ context }) => lockDelayMs(context.error?.retryAfter),
  },
});

/** The form's events, on the empty form and after a failure alike. */
const formEvents = accountLinkSetup.createStateConfig({
  on: {
    SUBMIT: [
      { guard: 'fieldsMissing', target: '#accountLink.editing', actions: 'validate' },
      { target: '#accountLink.submitting', actions: 'startAttempt' },
    ],
    EDIT: { actions: 'clearFieldError' },
    CANCEL: { target: '#accountLink.cancelled' },
  },
}).on;

/**
 * The account link ("Espace professionnel", first connection): the professional proves they own an existing
 * host account with its username and password, and the host links the card / e-CPS identity to it.
 *
 * States: `editing` → `submitting` → `linked` (final), or back to `editing` with an error, or `locked` until the
 * host's delay (`retryAfter`, 15 minutes when absent) has passed; `cancelled` (final) from any state but `linked`.
 * Tags: `form` (the form is usable), `busy` (a request is under way), `error` (an error is shown), `locked`,
 * `done`, `cancelled`.
 * Emits `linked`, `failed`, `cancelled`. The password goes from the SUBMIT event straight to the `submitLink` actor:
 * it is never in the context (do not persist this machine's snapshot while `submitting`).
 */
export const accountLinkMachine = accountLinkSetup.createMachine({
  id: 'accountLink',
  context: ({ input }) => ({
    username: input?.username ?? '',
    fieldErrors: [],
    error: null,
    failures: 0,
    accountId: null,
    redirectTo: null,
    lockedUntil: null,
  }),
  initial: 'editing',
  states: {
    editing: {
      tags: ['form'],
      on: formEvents,
    },
    submitting: {
      tags: ['busy'],
      invoke: {
        id: 'submitLink',
        src: 'submitLink',
        input: ({ context, event }) =>
          event.type === 'SUBMIT'
            ? { username: event.username.trim(), password: event.password }
            : { username: context.username, password: '' },
        onDone: [
          {
            guard: { type: 'succeeded', params: output },
            target: 'linked',
            actions: { type: 'recordSuccess', params: output },
          },
          {
            guard: { type: 'lockedOut', params: output },
            target: 'locked',
            actions: [{ type: 'recordFailure', params: output }, 'emitFailed'],
          },
          { target: 'failed', actions: [{ type: 'recordFailure', params: output }, 'emitFailed'] },
        ],
      },
      on: {
        // leaving while the request is under way aborts it (the actor's signal)
        CANCEL: { target: 'cancelled' },
      },
    },
    failed: {
      tags: ['form', 'error'],
      on: formEvents,
    },
    locked: {
      tags: ['locked', 'error'],
      after: { lockDelay: { target: 'editing', actions: 'endLock' } },
      on: {
        CANCEL: { target: 'cancelled' },
      },
    },
    linked: {
      tags: ['done'],
      type: 'final',
      entry: 'emitLinked',
    },
    cancelled: {
      tags: ['cancelled'],
      type: 'final',
      entry: 'emitCancelled',
    },
  },
});

/** `accountLinkMachine` whose `submitLink` actor sends the credentials with `submit`. */
export function createAccountLinkMachine(submit: AccountLinkSubmit): typeof accountLinkMachine {
  return accountLinkMachine.provide({ actors: { submitLink: submitLinkActor(submit) } });
}
