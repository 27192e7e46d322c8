import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type Actor, type AnyStateMachine, createActor, type InputFrom, type SnapshotFrom } from 'xstate';

export interface MachineControllerOptions<M extends AnyStateMachine> {
  input?: InputFrom<M>;
  /**
   * When set, the actor's persisted snapshot is kept in sessionStorage under this key, so the flow survives a
   * reload or a redirect (PSC). Machines must never keep a PIN or a password in their context.
   */
  persistKey?: string;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

/**
 * Owns one XState actor for one element. The actor is created with the element and lives as long as it: moving the
 * element in the DOM (disconnect + connect) keeps the flow where it was.
 */
export class MachineController<M extends AnyStateMachine> implements ReactiveController {
  readonly actor: Actor<M>;
  private readonly options: MachineControllerOptions<M>;

  constructor(
    private readonly host: ReactiveControllerHost,
    machine: M,
    options: MachineControllerOptions<M> = {},
  ) {
    this.options = options;
    const restored = this.restore();
    this.actor = createActor(machine, {
      ...(options.input === undefined ? {} : { input: options.input }),
      ...(restored ? { snapshot: restored } : {}),
    } as Parameters<typeof createActor<M>>[1]);
    this.actor.subscribe((snapshot) => {
      this.persist(snapshot);
      this.host.requestUpdate();
    });
    this.actor.start();
    host.addController(this);
  }

  get snapshot(): SnapshotFrom<M> {
    return this.actor.getSnapshot();
  }

  send(event: Parameters<Actor<M>['send']>[0]): void {
    this.actor.send(event);
  }

  /** Forgets the persisted snapshot (a reset or a finished flow). */
  clearPersisted(): void {
    if (this.options.persistKey) this.storage?.removeItem(this.options.persistKey);
  }

  hostConnected(): void {
    this.host.requestUpdate();
  }

  private get storage(): MachineControllerOptions<M>['storage'] | undefined {
    if (this.options.storage) return this.options.storage;
    try {
      return globalThis.sessionStorage;
    } catch {
      return undefined; // storage disabled (privacy mode, sandboxed iframe)
    }
  }

  private restore(): unknown {
    const key = this.options.persistKey;
    if (!key) return undefined;
    try {
      const raw = this.storage?.getItem(key);
      return raw ? JSON.parse(raw) : undefined;
    } catch {
      return undefined;
    }
  }

  private persist(snapshot: SnapshotFrom<M>): void {
    const key = this.options.persistKey;
    if (!key || (snapshot as { status?: string }).status !== 'active') return;
    try {
      this.storage?.setItem(key, JSON.stringify(this.actor.getPersistedSnapshot()));
    } catch {
      // quota or disabled storage: the flow still works, it just won't survive a reload
    }
  }
}
