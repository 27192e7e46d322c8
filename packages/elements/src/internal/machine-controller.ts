import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  type Actor,
  type AnyStateMachine,
  createActor,
  type EmittedFrom,
  type InputFrom,
  type InspectionEvent,
  type SnapshotFrom,
} from 'xstate';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface MachineControllerOptions<M extends AnyStateMachine> {
  /** The machine's input; a function is called for each actor created (the first, and one after a removal). */
  input?: InputFrom<M> | (() => InputFrom<M>);
  /**
   * When set, the actor's persisted snapshot is kept in sessionStorage under this key, so the flow survives a
   * reload or a redirect (PSC). Machines must never keep a PIN or a password in their context. A function is read
   * again when the element is first connected (a `persist-key` attribute is known by then).
   */
  persistKey?: string | (() => string | undefined);
  storage?: Store;
  /**
   * Whether a flow stopped by a removal may be taken up again from its snapshot when the element returns. Default:
   * always. Say no for snapshots whose pending call must not run twice (a PIN presented, a single-use proof):
   * the element then starts afresh.
   */
  resumable?: (snapshot: SnapshotFrom<M>) => boolean;
}

type EmittedHandler<M extends AnyStateMachine> = {
  type: EmittedFrom<M>['type'];
  handler: (event: EmittedFrom<M>) => void;
};

/** Where an element between a removal and its return keeps what it needs to take the flow up again. */
type Parked = { snapshot: unknown } | { fresh: true };

/**
 * Owns the XState actor of one element, created with the element (in its constructor).
 *
 * - A move in the DOM (disconnect then connect in the same task) keeps the actor running: the decision is deferred
 *   to a microtask, and only an element still disconnected then is really removed.
 * - A real removal stops the actor, so its invoked work ends with it: the card-event stream closes (the watch's
 *   signal aborts), CIBA polling and timers stop, pending calls are aborted.
 * - On return the controller creates a new actor from the snapshot taken when it stopped (or afresh when the
 *   element says the snapshot is not `resumable`), re-attaches the element's listeners and starts it. The
 *   snapshot holds the invoked child machines' (a router's steps): they are restored with it.
 * - The element re-renders on every snapshot of the actor's system: the root's, and its children's (a child's
 *   change does not change the root's snapshot), seen through the actor's `inspect` option.
 */
export class MachineController<M extends AnyStateMachine> implements ReactiveController {
  #actor: Actor<M>;
  #parked: Parked | undefined;
  #connectedOnce = false;
  #touched = false;
  #restoredFrom: string | undefined;
  readonly #handlers: EmittedHandler<M>[] = [];
  readonly #machine: M;
  readonly #options: MachineControllerOptions<M>;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly isConnected?: boolean },
    machine: M,
    options: MachineControllerOptions<M> = {},
  ) {
    this.#machine = machine;
    this.#options = options;
    const key = this.#key();
    this.#restoredFrom = key;
    this.#actor = this.#create(this.#restore(key));
    host.addController(this);
  }

  /** The running actor. It is replaced when the element returns after a removal: do not keep it. */
  get actor(): Actor<M> {
    return this.#actor;
  }

  get snapshot(): SnapshotFrom<M> {
    return this.#actor.getSnapshot();
  }

  /** Whether the actor is stopped (the element was removed and has not returned). */
  get stopped(): boolean {
    return this.#parked !== undefined;
  }

  /** Sends an event to the actor. A removed element ignores it (its flow is parked until it returns). */
  send(event: Parameters<Actor<M>['send']>[0]): void {
    if (this.#parked) return;
    this.#touched = true;
    this.#actor.send(event);
  }

  /** Listens to an event the machine emits, on this actor and on the ones that replace it. */
  on<T extends EmittedFrom<M>['type']>(type: T, handler: (event: Extract<EmittedFrom<M>, { type: T }>) => void): void {
    const entry = { type, handler } as EmittedHandler<M>;
    this.#handlers.push(entry);
    this.#actor.on(type, entry.handler as never);
  }

  /** Replaces the actor by a fresh one (its first screen), even from a final state; the stored snapshot goes too. */
  restart(): void {
    if (this.#parked) return;
    this.#actor.stop();
    this.clearPersisted();
    this.#actor = this.#create(undefined);
    this.host.requestUpdate();
  }

  /** Forgets the persisted snapshot (a reset or a finished flow). */
  clearPersisted(): void {
    const key = this.#key();
    if (key) this.#storage?.removeItem(key);
  }

  hostConnected(): void {
    if (this.#parked) this.#resume();
    else if (!this.#connectedOnce) this.#restoreOnFirstConnection();
    this.#connectedOnce = true;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    // a move (removal then insertion in the same task) reconnects before this microtask runs
    queueMicrotask(() => {
      if (this.host.isConnected === false && !this.#parked) this.#stop();
    });
  }

  #create(snapshot: unknown): Actor<M> {
    const option = this.#options.input;
    const input = typeof option === 'function' ? (option as () => InputFrom<M>)() : option;
    const actor: Actor<M> = createActor(this.#machine, {
      ...(input === undefined ? {} : { input }),
      ...(snapshot ? { snapshot } : {}),
      // a child machine's change (a router's step) leaves the root's snapshot as it was: render and persist on
      // every snapshot of the actor's system, the root's and its children's
      inspect: (e: InspectionEvent) => {
        if (e.type !== '@xstate.snapshot' || e.actorRef === actor || e.actorRef === undefined) return;
        this.#persist(actor, actor.getSnapshot());
        this.host.requestUpdate();
      },
    } as Parameters<typeof createActor<M>>[1]);
    actor.subscribe({
      next: (s) => {
        this.#persist(actor, s);
        this.host.requestUpdate();
      },
      error: () => this.host.requestUpdate(),
    });
    for (const { type, handler } of this.#handlers) actor.on(type, handler as never);
    actor.start();
    return actor;
  }

  #stop(): void {
    const actor = this.#actor;
    const snapshot = actor.getSnapshot() as SnapshotFrom<M>;
    const resumable =
      (snapshot as { status?: string }).status === 'active' && (this.#options.resumable?.(snapshot) ?? true);
    // through JSON, as storage would: nothing but plain data is kept (a PinSecret gives `{}`)
    this.#parked = resumable ? { snapshot: JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) } : { fresh: true };
    actor.stop();
  }

  #resume(): void {
    const parked = this.#parked;
    this.#parked = undefined;
    this.#actor = this.#create(parked && 'snapshot' in parked ? parked.snapshot : undefined);
    this.host.requestUpdate();
  }

  /** A persist key known only now (an attribute): take up the stored flow if nothing happened yet. */
  #restoreOnFirstConnection(): void {
    const key = this.#key();
    if (this.#touched || key === this.#restoredFrom) return;
    this.#restoredFrom = key;
    this.#actor.stop();
    this.#actor = this.#create(this.#restore(key));
  }

  #key(): string | undefined {
    const key = this.#options.persistKey;
    return (typeof key === 'function' ? key() : key) || undefined;
  }

  get #storage(): Store | undefined {
    if (this.#options.storage) return this.#options.storage;
    try {
      return globalThis.sessionStorage;
    } catch {
      return undefined; // storage disabled (privacy mode, sandboxed iframe)
    }
  }

  #restore(key: string | undefined): unknown {
    if (!key) return undefined;
    try {
      const raw = this.#storage?.getItem(key);
      return raw ? JSON.parse(raw) : undefined;
    } catch {
      return undefined;
    }
  }

  #persist(actor: Actor<M>, snapshot: SnapshotFrom<M>): void {
    const key = this.#key();
    if (!key || actor !== this.#actor || (snapshot as { status?: string }).status !== 'active') return;
    try {
      this.#storage?.setItem(key, JSON.stringify(actor.getPersistedSnapshot()));
    } catch {
      // quota or disabled storage: the flow still works, it just won't survive a reload
    }
  }
}
