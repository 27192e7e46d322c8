/** Dispatches a typed AuthForte event: `af-` prefix, bubbles, composed (crosses shadow roots). */
export function emit<K extends keyof HTMLElementEventMap>(
  host: HTMLElement,
  type: K,
  detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
  options: { cancelable?: boolean } = {},
): boolean {
  const event = new CustomEvent(type, {
    detail,
    bubbles: true,
    composed: true,
    cancelable: options.cancelable ?? false,
  });
  return host.dispatchEvent(event);
}

/**
 * The one cancellation convention of the elements: the user (an "Annuler" button, Escape) or the host (`cancel()`)
 * stopped the flow; what was under way is aborted. Bubbles and is composed like every AuthForte event.
 */
export interface AfCancelledDetail {
  /** The screen that was left (the element's `screen` then). */
  screen: string;
}
export type AfCancelledEvent = CustomEvent<AfCancelledDetail>;
