import { css } from 'lit';

/**
 * Design tokens shared by every element. Defaults follow the French State design system's colours (blue France
 * #000091, red Marianne #E1000F) without bundling its fonts; hosts override the custom properties.
 */
export const baseStyles = css`
  :host {
    --_primary: var(--af-color-primary, #000091);
    --_primary-contrast: var(--af-color-on-primary, #ffffff);
    --_primary-hover: var(--af-color-primary-hover, #1212ff);
    --_accent: var(--af-color-accent, #e1000f);
    --_text: var(--af-color-text, #161616);
    --_muted: var(--af-color-text-muted, #3a3a3a);
    --_bg: var(--af-color-background, #ffffff);
    --_surface: var(--af-color-surface, #f6f6f6);
    --_border: var(--af-color-border, #929292);
    --_error: var(--af-color-error, #ce0500);
    --_success: var(--af-color-success, #18753c);
    --_warning: var(--af-color-warning, #b34000);
    --_focus: var(--af-focus-color, #0a76f6);
    --_radius: var(--af-radius, 0);
    --_space: var(--af-space, 1rem);
    display: block;
    box-sizing: border-box;
    color: var(--_text);
    font-family: var(--af-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
    font-size: var(--af-font-size, 1rem);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
  a {
    color: var(--_primary);
  }
  button {
    font: inherit;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;
