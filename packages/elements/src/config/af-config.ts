import { ContextProvider } from '@lit/context';
import { css, html, LitElement } from 'lit';
import { type AuthForteConfig, authForteConfigContext } from './context.js';

/**
 * Provides configuration to every AuthForte element inside it (help contact, portal links…), so a host sets it once.
 * With `server="/authforte"` (`@authforte/server`'s kit) it also takes the host's name, help desk and sign-in page
 * from the kit's `GET {server}/config`, so a page needs no script to configure the elements (`config` wins).
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
    server: { type: String },
    serverConfig: { state: true, attribute: false },
  };

  /** The configuration given to the elements inside. */
  declare config: AuthForteConfig;
  /** Where `@authforte/server`'s kit is mounted (same origin), e.g. `/authforte`. */
  declare server: string | undefined;
  declare private serverConfig: AuthForteConfig | undefined;

  private readonly provider = new ContextProvider(this, { context: authForteConfigContext, initialValue: {} });

  constructor() {
    super();
    this.config = {};
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('server')) void this.loadServerConfig(this.server);
    if (changed.has('config') || changed.has('serverConfig'))
      this.provider.setValue({ ...this.serverConfig, ...this.config });
  }

  /** The kit's host name, help desk and sign-in page; without an answer, the elements keep their own defaults. */
  private async loadServerConfig(server: string | undefined): Promise<void> {
    this.serverConfig = undefined;
    if (!server) return;
    try {
      const res = await fetch(`${server.replace(/\/+$/, '')}/config`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (!res.ok) return;
      const kit = (await res.json()) as Pick<AuthForteConfig, 'hostName' | 'helpContact'> & {
        redirects?: { signIn?: string };
      };
      if (this.server !== server) return;
      this.serverConfig = {
        ...(typeof kit.hostName === 'string' ? { hostName: kit.hostName } : {}),
        ...(kit.helpContact && typeof kit.helpContact === 'object' ? { helpContact: kit.helpContact } : {}),
        ...(typeof kit.redirects?.signIn === 'string' ? { signInUrl: kit.redirects.signIn } : {}),
      };
    } catch {
      // offline or not a kit: nothing more than the page's own configuration
    }
  }

  override render() {
    return html`<slot></slot>`;
  }
}
