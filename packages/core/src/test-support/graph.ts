import { getShortestPaths, getStateNodes } from '@xstate/graph';
import type { AnyMachineSnapshot, AnyStateMachine, EventFromLogic, EventObject, InputFrom } from 'xstate';

/** What a machine is sent in a graph walk: besides the user's events, what its actors can answer. */
export interface GraphSamples<M extends AnyStateMachine> {
  /** The user's (and the element's) events, each tried from every state. */
  events: ReadonlyArray<EventFromLogic<M>>;
  /** The outputs an invoked actor can end with, by its `src` (`[undefined]` when absent). */
  outputs?: Record<string, readonly unknown[]>;
  /** The errors any invoked actor can fail with. */
  errors?: readonly unknown[];
  /** Events a callback actor can send back, by its `src`, tried while it runs. */
  sent?: Record<string, ReadonlyArray<EventFromLogic<M>>>;
  input?: InputFrom<M>;
  /** What tells two snapshots apart (default: the state value and the context as JSON). */
  serialize?: (snapshot: AnyMachineSnapshot) => string;
}

/**
 * The events a snapshot can take: the samples' events, the done and error events of each actor its states
 * invoke (with every sample output and error), what callback actors send, and the end of each delay.
 */
function eventsOf<M extends AnyStateMachine>(samples: GraphSamples<M>) {
  return (snapshot: AnyMachineSnapshot): Array<EventFromLogic<M>> => {
    const events: EventObject[] = [...samples.events];
    for (const node of snapshot._nodes) {
      for (const { id, src } of node.invoke) {
        const key = typeof src === 'string' ? src : id;
        for (const output of samples.outputs?.[key] ?? [undefined])
          events.push({ type: `xstate.done.actor.${id}`, output } as EventObject);
        for (const error of samples.errors ?? [])
          events.push({ type: `xstate.error.actor.${id}`, error } as EventObject);
        events.push(...(samples.sent?.[key] ?? []));
      }
      for (const { eventType } of node.after) events.push({ type: eventType });
    }
    return events as Array<EventFromLogic<M>>;
  };
}

/** Every tag written on the machine's states. */
export function declaredTags(machine: AnyStateMachine): Set<string> {
  return new Set(getStateNodes(machine.root).flatMap((node) => [...node.tags]));
}

/**
 * The tags of every snapshot reachable from the initial one (`@xstate/graph`'s shortest paths over the machine's
 * pure transitions), with one shortest path to each, as the list of its event types.
 */
export function reachableTags<M extends AnyStateMachine>(machine: M, samples: GraphSamples<M>) {
  const serialize = samples.serialize ?? ((s: AnyMachineSnapshot) => JSON.stringify([s.value, s.context]));
  const events = eventsOf(samples);
  const paths = getShortestPaths(machine, {
    events: (s: AnyMachineSnapshot) => events(s),
    serializeState: (s: AnyMachineSnapshot) => serialize(s),
    ...(samples.input === undefined ? {} : { input: samples.input }),
    limit: 20_000,
  });
  const reached = new Map<string, string[]>();
  for (const path of paths) {
    for (const tag of path.state.tags as Set<string>) {
      const steps = path.steps.map((s) => s.event.type).filter((type) => type !== 'xstate.init');
      const known = reached.get(tag);
      if (!known || known.length > steps.length) reached.set(tag, steps);
    }
  }
  return reached;
}
