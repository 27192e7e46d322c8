import { html, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';

/**
 * The live region and the focus bookkeeping of an element: what to say politely after an update, and where the
 * focus goes once the update is rendered (a new screen's heading, a field in error).
 */
export class AnnouncerController implements ReactiveController {
  #text = '';
  #focus: (() => HTMLElement | null | undefined) | undefined;

  constructor(private readonly host: ReactiveElement) {
    host.addController(this);
  }

  /** What the live region says. */
  get text(): string {
    return this.#text;
  }

  /** Says `text` in the live region (an empty string silences it). */
  announce(text: string): void {
    if (text === this.#text) return;
    this.#text = text;
    this.host.requestUpdate();
  }

  /** Moves the focus to what `target` finds once the next update is rendered. */
  focusAfterUpdate(target: () => HTMLElement | null | undefined): void {
    this.#focus = target;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const target = this.#focus;
    this.#focus = undefined;
    target?.()?.focus();
  }

  /** The live region, to render once in the shadow root. */
  region(): TemplateResult {
    return html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.#text}</div>`;
  }
}
