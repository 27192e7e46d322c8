import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { localizersOf, type Messages } from './localize.js';

let instances = 0;

/**
 * Base of every AuthForte element that shows text: the `strings` overrides given to its localisation controllers,
 * and the unique id prefix of its shadow root. `updateComplete` also waits for the strings of the language in force
 * when they are loaded on first use (English), so hosts, tests and stories see the element in its language.
 *
 * What it declares once (here and in `AuthForteFlowElement`) the custom-elements manifest carries into each
 * element's entry (the analyzer's inheritance phase marks it `inheritedFrom`).
 */
export class AuthForteElement<M extends Messages = Messages> extends LitElement {
  static override properties: PropertyDeclarations = {
    strings: { attribute: false },
  };

  /** Overrides for any of the element's strings, in the language in force. */
  declare strings: Partial<M> | undefined;

  /** Prefix of the ids the element renders (shadow root and light DOM), unique in the page: `af-login-1`. @internal */
  readonly uid = `${this.localName}-${++instances}`;

  /** Gives the `strings` overrides to the element's localisation controllers. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('strings')) for (const l of localizersOf(this)) l.local = this.strings;
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const loading = localizersOf(this).filter((l) => !l.isLoaded);
    if (loading.length === 0) return done;
    await Promise.all(loading.map((l) => l.ready()));
    return super.getUpdateComplete();
  }
}

/**
 * Base of the four elements that each take the user through a flow, in a block of the host's page under a heading
 * (`<af-login>`, `<af-account-link>`, `<af-ecps-activation>`, `<af-profession-classifier>`): the heading's level,
 * and the design tokens of `baseStyles` (`internal/theme.ts`), which their screens read on the element's host. An
 * element documents the custom properties of its own besides these.
 *
 * @cssprop --af-color-primary - Main colour: headings, links, input underlines, main buttons (default: blue France #000091).
 * @cssprop --af-color-on-primary - Text on the main colour (default #ffffff).
 * @cssprop --af-color-primary-hover - Hovered buttons (default #1212ff).
 * @cssprop --af-color-accent - Accent colour, notices (default: red Marianne #E1000F).
 * @cssprop --af-color-text - Text colour (default #161616).
 * @cssprop --af-color-text-muted - Secondary text, hints (default #3a3a3a).
 * @cssprop --af-color-background - Background of lists, fields and QR codes (default #ffffff).
 * @cssprop --af-color-surface - Background of panels (default #f6f6f6).
 * @cssprop --af-color-input - Background of the inputs (default #eeeeee).
 * @cssprop --af-color-border - Border colour (default #929292).
 * @cssprop --af-color-error - Error text and borders (default #ce0500).
 * @cssprop --af-color-success - Success text, done steps (default #18753c).
 * @cssprop --af-color-warning - Warning text (default #b34000).
 * @cssprop --af-focus-color - Focus ring colour (default #0a76f6).
 * @cssprop --af-radius - Corner radius (default 0: square, as the DSFR's).
 * @cssprop --af-space - Base spacing (default 1rem).
 * @cssprop --af-font-family - Font family (default: the system's; no font is bundled).
 * @cssprop --af-font-size - Base font size (default 1rem).
 */
export class AuthForteFlowElement<M extends Messages = Messages> extends AuthForteElement<M> {
  static override properties: PropertyDeclarations = {
    headingLevel: { type: Number, attribute: 'heading-level' },
  };

  /** The level of the element's heading (2 to 6, default 2), to fit the host page's outline; its sub-headings follow. */
  declare headingLevel: number;

  constructor() {
    super();
    this.headingLevel = 2;
  }
}
