import { LitElement } from 'lit';
import { localizersOf } from './localize.js';

/**
 * Base of every AuthForte element that shows text: `updateComplete` also waits for the strings of the language in
 * force when they are loaded on first use (English), so hosts, tests and stories see the element in its language.
 */
export class AuthForteElement extends LitElement {
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const loading = localizersOf(this).filter((l) => !l.isLoaded);
    if (loading.length === 0) return done;
    await Promise.all(loading.map((l) => l.ready()));
    return super.getUpdateComplete();
  }
}
