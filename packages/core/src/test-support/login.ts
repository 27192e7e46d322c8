import { afterEach } from 'node:test';
import { createActor } from 'xstate';
import {
  createLoginMachine,
  type LoginEmitted,
  type LoginMachineInput,
  type LoginScreen,
  type LoginSnapshot,
} from '../login/login.machine.js';
import { type LoginView, loginRoute, loginView } from '../login/login.view.js';
import { fakeServices } from '../testing/index.js';

/** The scripted services of a login test (`@authforte/core/testing`). */
export type Fake = ReturnType<typeof fakeServices>;

const running: Array<{ stop(): void }> = [];
afterEach(() => {
  for (const a of running.splice(0)) a.stop();
});

/**
 * A login actor restored from `snapshot` (what the element keeps between a removal and its return, through JSON)
 * on `fake`'s services, and `settled(screen)`: resolves when it shows `screen`, rejects after `ms` saying where it
 * stayed (and stops looking).
 */
export function restoreLogin(fake: Fake, snapshot: unknown, ms = 2000) {
  const restored = track(
    createActor(createLoginMachine(fake.services), {
      snapshot: JSON.parse(JSON.stringify(snapshot)),
      input: undefined,
    }).start(),
  );
  const settled = (screen: LoginScreen) =>
    new Promise<void>((resolve, reject) => {
      const end = Date.now() + ms;
      const check = () => {
        const now = loginRoute(restored.getSnapshot());
        if (now === screen) return resolve();
        if (Date.now() > end) return reject(new Error(`still ${now}, never ${screen}`));
        setTimeout(check, 5);
      };
      check();
    });
  return { restored, settled };
}

/** Keeps an actor to stop after the test. */
export function track<T extends { stop(): void }>(actor: T): T {
  running.push(actor);
  return actor;
}

/**
 * A started login actor on `fake`, what it emitted, its view and screen (the router's and its running child's),
 * and waits that look at the whole system: a child's change does not change the router's snapshot, so they listen
 * to every snapshot of the system (`inspect`) and look once the change is over (a microtask later).
 */
export function startLogin(fake: Fake = fakeServices(), input?: LoginMachineInput) {
  const changes = new Set<() => void>();
  let cardChild: LoginSnapshot['children']['card'];
  const actor = track(
    createActor(createLoginMachine(fake.services), {
      input,
      inspect: (e) => {
        if (e.type !== '@xstate.snapshot') return;
        cardChild = actor.getSnapshot().children.card ?? cardChild;
        for (const change of changes) change();
      },
    }),
  );
  const emitted: LoginEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  const view = () => loginView(actor.getSnapshot());
  const screen = () => view().screen;
  /** Resolves once `test` holds (of the view, or of anything the test looks at). */
  const when = (test: (v: LoginView) => boolean, timeout = 2000) =>
    new Promise<LoginView>((resolve, reject) => {
      const check = () => {
        if (!test(view())) return;
        stop();
        resolve(view());
      };
      const change = () => queueMicrotask(check);
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`still not there after ${timeout} ms (screen ${screen()})`));
      }, timeout);
      const stop = () => {
        changes.delete(change);
        clearTimeout(timer);
      };
      changes.add(change);
      check();
    });
  const until = (s: LoginScreen) => when((v) => v.screen === s);
  /** The PIN the last card child holds (running or stopped), or null: wiped once used, on an end and on a stop. */
  const heldPin = () => cardChild?.getSnapshot().context.pin?.take() || null;
  return { actor, emitted, view, screen, when, until, heldPin };
}

/** The types of the emitted events. */
export const types = (emitted: LoginEmitted[]) => emitted.map((e) => e.type);
