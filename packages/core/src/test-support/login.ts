import { afterEach } from 'node:test';
import { createActor, waitFor } from 'xstate';
import {
  createLoginMachine,
  type LoginEmitted,
  type LoginMachineInput,
  type LoginScreen,
  loginRoute,
} from '../login/login.machine.js';
import { fakeServices } from '../testing/index.js';

/** The scripted services of a login test (`@authforte/core/testing`). */
export type Fake = ReturnType<typeof fakeServices>;

const running: Array<{ stop(): void }> = [];
afterEach(() => {
  for (const a of running.splice(0)) a.stop();
});

/** Keeps an actor to stop after the test. */
export function track<T extends { stop(): void }>(actor: T): T {
  running.push(actor);
  return actor;
}

/** A started login actor on `fake`, what it emitted, its screen, and a wait for a screen. */
export function startLogin(fake: Fake = fakeServices(), input?: LoginMachineInput) {
  const actor = track(createActor(createLoginMachine(fake.services), { input }));
  const emitted: LoginEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  const screen = () => loginRoute(actor.getSnapshot());
  const until = (s: LoginScreen) => waitFor(actor, (snap) => loginRoute(snap) === s, { timeout: 2000 });
  return { actor, emitted, screen, until };
}

/** The types of the emitted events. */
export const types = (emitted: LoginEmitted[]) => emitted.map((e) => e.type);
