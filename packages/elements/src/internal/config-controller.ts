import { ContextConsumer } from '@lit/context';
import type { ReactiveElement } from 'lit';
import { type AuthForteConfig, authForteConfigContext } from '../config/context.js';

type Unset = undefined | null | '';

/**
 * One rule for every setting of an element: the element's own property, else the nearest `<af-config>`'s value,
 * else the default. An empty string or null counts as not set. Re-renders the element when `<af-config>` changes.
 */
export class ConfigController {
  readonly #consumer: ContextConsumer<typeof authForteConfigContext, ReactiveElement>;

  constructor(host: ReactiveElement) {
    this.#consumer = new ContextConsumer(host, { context: authForteConfigContext, subscribe: true });
  }

  /** What the nearest `<af-config>` provides (empty when there is none). */
  get shared(): AuthForteConfig {
    return this.#consumer.value ?? {};
  }

  /** property › `<af-config>` › default. */
  pick<T>(own: T | Unset, shared: (config: AuthForteConfig) => T | Unset, fallback: T): T;
  pick<T>(own: T | Unset, shared: (config: AuthForteConfig) => T | Unset): T | undefined;
  pick<T>(own: T | Unset, shared: (config: AuthForteConfig) => T | Unset, fallback?: T): T | undefined {
    if (isSet(own)) return own;
    const value = shared(this.shared);
    return isSet(value) ? value : fallback;
  }
}

function isSet<T>(value: T | Unset): value is T {
  return value !== undefined && value !== null && value !== '';
}
