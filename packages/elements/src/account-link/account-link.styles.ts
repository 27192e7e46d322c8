import { css } from 'lit';
import { titleLook } from '../internal/controls.js';

export const accountLinkStyles = css`
  .panel {
    max-width: var(--af-field-max-width, 36rem);
  }
  .title {
    ${titleLook}
    color: var(--_text);
  }
  .intro {
    margin: 0 0 1rem;
  }
  .identity {
    margin: 0 0 1.5rem;
    padding: 0.75rem 1rem;
    background: var(--_surface);
    border-left: 4px solid var(--_primary);
    border-radius: 0 var(--_radius) var(--_radius) 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
  }
  dt {
    font-weight: 700;
    min-width: 11rem;
  }
  dd {
    margin: 0;
  }
  .identity-name {
    font-weight: 700;
    letter-spacing: 0.02em;
  }
  .source {
    color: var(--_muted);
  }
  .success {
    padding: 0.75rem 1rem;
    border-left: 4px solid var(--_success);
    background: var(--af-color-success-surface, #b8fec9);
    color: #161616;
  }
  .cancelled {
    color: var(--_muted);
  }
`;

/**
 * Styles of the light-DOM form: scoped under the element's container class (they live in the host page's tree, so
 * that password managers see the inputs). They use the element's custom properties, which the slotted content
 * inherits from the host element.
 */
export const accountLinkLightStyles = `
.af-account-link-light .af-link-form { display: grid; gap: 1.25rem; margin: 0; }
.af-account-link-light .af-link-field { display: grid; gap: 0.25rem; }
.af-account-link-light .af-link-label { font-weight: 700; }
.af-account-link-light .af-link-input {
  box-sizing: border-box; width: 100%; min-height: 2.75rem; padding: 0.5rem 0.75rem; margin: 0;
  border: 0; border-bottom: 2px solid var(--_primary, #000091); border-radius: var(--_radius, 4px) var(--_radius, 4px) 0 0;
  background: var(--af-color-input, #eeeeee); color: var(--_text, #161616); font: inherit;
}
.af-account-link-light .af-link-field--error .af-link-input { border-bottom-color: var(--_error, #ce0500); }
.af-account-link-light .af-link-field--error { border-left: 3px solid var(--_error, #ce0500); padding-left: 0.75rem; }
.af-account-link-light .af-link-field-error { margin: 0; color: var(--_error, #ce0500); font-weight: 700; }
.af-account-link-light .af-link-input:focus-visible,
.af-account-link-light .af-link-submit:focus-visible,
.af-account-link-light .af-link-cancel:focus-visible,
.af-account-link-light .af-link-summary:focus-visible,
.af-account-link-light .af-link-summary a:focus-visible { outline: 2px solid var(--_focus, #0a76f6); outline-offset: 2px; }
.af-account-link-light .af-link-input[readonly] { opacity: 0.8; }
.af-account-link-light .af-link-actions { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
.af-account-link-light .af-link-submit,
.af-account-link-light .af-link-cancel {
  min-height: 2.75rem; padding: 0.5rem 1.5rem; border-radius: var(--_radius, 4px); font: inherit; font-weight: 700; cursor: pointer;
}
.af-account-link-light .af-link-submit {
  border: 2px solid var(--_primary, #000091); background: var(--_primary, #000091); color: var(--_primary-contrast, #ffffff);
}
.af-account-link-light .af-link-submit:hover { background: var(--_primary-hover, #1212ff); border-color: var(--_primary-hover, #1212ff); }
.af-account-link-light .af-link-submit[aria-disabled="true"] { opacity: 0.6; cursor: not-allowed; }
.af-account-link-light .af-link-cancel { border: 2px solid var(--_primary, #000091); background: transparent; color: var(--_primary, #000091); }
.af-account-link-light .af-link-summary {
  margin: 0 0 1.5rem; padding: 0.75rem 1rem; border: 2px solid var(--_error, #ce0500); border-left-width: 6px;
  border-radius: var(--_radius, 4px); background: var(--af-color-error-surface, #ffe9e9); color: #161616;
}
.af-account-link-light .af-link-summary__title { margin: 0 0 0.25rem; font-weight: 700; }
.af-account-link-light .af-link-summary__text { margin: 0.25rem 0 0; }
.af-account-link-light .af-link-summary__list { margin: 0.25rem 0 0; padding-left: 1.25rem; }
.af-account-link-light .af-link-summary a { color: var(--_error, #ce0500); font-weight: 700; }
@media (prefers-reduced-motion: reduce) { .af-account-link-light * { transition: none !important; } }
`;
