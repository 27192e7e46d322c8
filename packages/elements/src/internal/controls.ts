import { css } from 'lit';

/**
 * The looks of the elements' inputs and buttons, written once and put inside each element's own rules
 * (`.field input { display: block; ${inputLook} }`): an element adds or overrides what is its own after them.
 * They use the design tokens of `baseStyles`.
 */

/** A text input (the French State design system's field: a grey fill, a line of the main colour below). */
export const inputLook = css`
  min-height: 2.75rem;
  padding: 0.5rem 0.75rem;
  border: 0;
  border-bottom: 2px solid var(--_primary);
  border-radius: var(--_radius) var(--_radius) 0 0;
  background: var(--af-color-input, #eeeeee);
  color: var(--_text);
  font: inherit;
`;

/** The outlined button (a secondary action). */
export const outlinedButtonLook = css`
  min-height: 3rem;
  padding: 0.5rem 1rem;
  border: 1px solid var(--_primary);
  border-radius: var(--_radius);
  background: var(--_bg);
  color: var(--_primary);
  cursor: pointer;
`;

/** The filled button (the main action of a screen). */
export const primaryButtonLook = css`
  ${outlinedButtonLook}
  padding: 0.5rem 1.25rem;
  border-width: 2px;
  background: var(--_primary);
  color: var(--_primary-contrast);
  font-weight: 700;
`;

/** A button that reads as a link. */
export const linkButtonLook = css`
  min-height: 1.5rem;
  padding: 0.125rem 0;
  border: 0;
  background: none;
  color: var(--_primary);
  text-decoration: underline;
  cursor: pointer;
`;

/** The element's own heading (its colour is the element's: `color` after it). */
export const titleLook = css`
  margin: 0 0 0.5rem;
  font-size: 1.5em;
  font-weight: 700;
`;
