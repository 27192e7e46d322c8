import { type nothing, type ReactiveController, type ReactiveElement, render, type TemplateResult } from 'lit';

export interface LightDomOptions {
  /** Name of the shadow root's `<slot>` that shows the part (`''`: the default slot). */
  slot: string;
  /** Class of the container besides `af-light` (an element's own scope for its styles). */
  className?: string;
  /** What the part shows now (`nothing` when its screen is not shown: no hidden field for password managers). */
  render: () => TemplateResult | typeof nothing;
  /** CSS of the part, for the document (or the shadow root) the element is in; scope it under `.af-light`. */
  styles?: string;
}

const sheets = new Map<string, CSSStyleSheet>();

/** Adds a constructed stylesheet to the element's root (no `<style>` element: allowed by a strict CSP). */
function adopt(root: Node, css: string): void {
  const target = root as Document | ShadowRoot;
  if (!('adoptedStyleSheets' in target) || typeof CSSStyleSheet === 'undefined') return;
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  if (!target.adoptedStyleSheets.includes(sheet)) target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
}

/**
 * Renders part of an element in its light DOM, slotted into its shadow root: the fields that browsers and password
 * managers must see (`autocomplete="username"`), which they cannot find inside a shadow root (as Lion's `LionInput`
 * keeps its native input in the light DOM). Labels, hints and errors go with the field (ids and `for` work only
 * within one tree), as does its form.
 */
export class LightDomController implements ReactiveController {
  /** The slotted container, a child of the element. */
  readonly container: HTMLDivElement;

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: LightDomOptions,
  ) {
    this.container = document.createElement('div');
    if (options.slot) this.container.slot = options.slot;
    this.container.className = options.className ? `af-light ${options.className}` : 'af-light';
    host.addController(this);
  }

  /** The first element of the part that matches, or null. */
  query<E extends Element = HTMLElement>(selector: string): E | null {
    return this.container.querySelector<E>(selector);
  }

  hostConnected(): void {
    if (this.container.parentNode !== this.host) this.host.appendChild(this.container);
    if (this.options.styles) adopt(this.host.getRootNode(), this.options.styles);
  }

  hostUpdated(): void {
    render(this.options.render(), this.container, { host: this.host });
  }
}

/** Fields and buttons of the light-DOM parts, on the elements' design tokens (inherited from the element). */
export const lightFieldStyles = `
.af-light .af-field { margin: 0.75rem 0; }
.af-light .af-label { display: block; font-weight: 700; }
.af-light .af-hint { margin: 0.25rem 0 0; color: var(--_muted, #3a3a3a); font-size: 0.875em; }
.af-light .af-input {
  box-sizing: border-box; display: block; width: 100%; max-width: 20rem; min-height: 2.75rem; margin: 0.5rem 0 0;
  padding: 0.5rem 0.75rem; border: 0; border-bottom: 2px solid var(--_primary, #000091);
  border-radius: var(--_radius, 4px) var(--_radius, 4px) 0 0; background: var(--af-color-input, #eeeeee);
  color: var(--_text, #161616); font: inherit; letter-spacing: 0.05em;
}
.af-light .af-input[aria-invalid='true'] { border-bottom-color: var(--_error, #ce0500); }
.af-light .af-message { margin: 0.25rem 0 0; font-size: 0.875em; }
.af-light .af-message--error { color: var(--_error, #ce0500); font-weight: 700; }
.af-light .af-message--warning { color: var(--_warning, #b34000); }
.af-light .af-message--valid { color: var(--_success, #18753c); }
.af-light .af-actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin-top: 1rem; }
.af-light .af-button {
  min-height: 3rem; padding: 0.5rem 1rem; border: 1px solid var(--_primary, #000091); border-radius: var(--_radius, 4px);
  background: var(--_bg, #ffffff); color: var(--_primary, #000091); font: inherit; cursor: pointer;
}
.af-light .af-button:hover { background: var(--_surface, #f6f6f6); }
.af-light .af-button--primary {
  padding: 0.5rem 1.25rem; border-width: 2px; background: var(--_primary, #000091);
  color: var(--_primary-contrast, #ffffff); font-weight: 700;
}
.af-light .af-button--primary:hover { background: var(--_primary-hover, #1212ff); border-color: var(--_primary-hover, #1212ff); }
.af-light .af-input:focus-visible, .af-light .af-button:focus-visible {
  outline: 2px solid var(--_focus, #0a76f6); outline-offset: 2px;
}
`;
