import type { SnapshotFrom } from 'xstate';
import type { LoginErrorInfo } from './errors.js';
import type { CardLoginMachine } from './login.card.js';
import type { LoginSnapshot } from './login.machine.js';
import type { PscLoginMachine } from './login.psc.js';
import { LOGIN_SCREENS, type LoginFieldError, type LoginScreen } from './login.setup.js';
import type { AgentStatus, CibaStart, LoginCard, LoginIdentity, LoginMethod, PairingStart } from './types.js';

/** What `<af-login>`'s screens read, merged from the router and its running child (pure: no PIN, nothing to send). */
export interface LoginView {
  screen: LoginScreen;
  method: LoginMethod | null;
  /** The error said: under a field or on a screen that stays (a child's), or on the error screen (the router's). */
  error: LoginErrorInfo | null;
  fieldError: LoginFieldError | null;
  agent: AgentStatus | null;
  pairing: PairingStart | null;
  card: LoginCard | null;
  /** The e-CPS identifier typed (normalised once valid). */
  nationalId: string;
  cibaRequest: CibaStart | null;
  identity: LoginIdentity | null;
  /** The last journey was cancelled (the chooser says so). */
  cancelled: boolean;
}

/** The part of a login snapshot the view reads (a snapshot of `loginMachine`, or one restored). */
export type LoginSnapshotLike = Pick<LoginSnapshot, 'hasTag' | 'children' | 'context'>;

/** The snapshots of the running children: the card's or the PSC's (at most one runs). */
export function loginChildren(snapshot: Pick<LoginSnapshot, 'children'>): {
  card?: SnapshotFrom<CardLoginMachine>;
  psc?: SnapshotFrom<PscLoginMachine>;
} {
  return { card: snapshot.children.card?.getSnapshot(), psc: snapshot.children.psc?.getSnapshot() };
}

/** The screen a snapshot stands for: the running child's tag, else the router's (pure: the element renders from it). */
export function loginRoute(snapshot: Pick<LoginSnapshot, 'hasTag' | 'children'>): LoginScreen {
  const { card, psc } = loginChildren(snapshot);
  const childTags = new Set<string>([...(card?.tags ?? []), ...(psc?.tags ?? [])]);
  for (const screen of LOGIN_SCREENS) if (childTags.has(screen) || snapshot.hasTag(screen)) return screen;
  return 'chooser';
}

/** Everything the screens of `<af-login>` show, from the router's snapshot and its running child's. */
export function loginView(snapshot: LoginSnapshotLike): LoginView {
  const { context } = snapshot;
  const { card, psc } = loginChildren(snapshot);
  const step = card ?? psc;
  return {
    screen: loginRoute(snapshot),
    method: context.method,
    error: step ? step.context.error : context.error,
    fieldError: step?.context.fieldError ?? null,
    agent: card?.context.agent ?? context.agent,
    pairing: card?.context.pairing ?? null,
    card: card?.context.card ?? null,
    nationalId: psc?.context.nationalId ?? context.nationalId,
    cibaRequest: psc?.context.cibaRequest ?? null,
    identity: context.identity,
    cancelled: context.cancelled,
  };
}
