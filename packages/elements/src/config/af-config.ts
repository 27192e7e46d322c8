import { ContextProvider } from '@lit/context';
import { css, html, LitElement } from 'lit';
import { type AuthForteConfig, authForteConfigContext } from './context.js';

/**
 * Provides configuration to every AuthForte element inside it (help contact, portal links…), so a host sets it once.
 *
 * @tagname af-config
 * @summary Shared configuration for the AuthForte elements it contains.
 * @slot - The AuthForte elements (and any other content).
 */
export class AfConfig extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override properties = {
    config: { attribute: false },
  };

  /** The configuration given to the elements inside. */
  declare config: AuthForteConfig;

  private readonly provider = new ContextProvider(this, { context: authForteConfigContext, initialValue: {} });

  constructor() {
    super();
    this.config = {};
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('config')) this.provider.setValue(this.config ?? {});
  }

  override render() {
    return html`<slot></slot>`;
  }
}
