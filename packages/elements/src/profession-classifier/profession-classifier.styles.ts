import { css } from 'lit';
import { inputLook, linkButtonLook } from '../internal/controls.js';

export const classifierStyles = css`
  .field {
    position: relative;
    max-width: var(--af-field-max-width, 40rem);
  }
  .label {
    display: block;
    font-weight: 700;
  }
  .hint {
    margin: 0.25rem 0 0.5rem;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .control {
    position: relative;
    display: flex;
  }
  input {
    flex: 1;
    ${inputLook}
    padding: 0.5rem 2.75rem 0.5rem 0.75rem;
  }
  input:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .clear {
    position: absolute;
    right: 0.25rem;
    top: 50%;
    transform: translateY(-50%);
    min-width: 2.25rem;
    min-height: 2.25rem;
    border: 0;
    background: transparent;
    color: var(--_text);
    font-size: 1.5rem;
    line-height: 1;
    cursor: pointer;
    border-radius: var(--_radius);
  }
  [role='listbox'] {
    position: absolute;
    z-index: 10;
    left: 0;
    right: 0;
    margin: 0.25rem 0 0;
    padding: 0.25rem 0;
    list-style: none;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 12px rgb(0 0 18 / 16%);
    max-height: 20rem;
    overflow-y: auto;
  }
  [role='listbox'][hidden] {
    display: none;
  }
  [role='option'] {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
    padding: 0.5rem 0.75rem;
    cursor: pointer;
  }
  [role='option'][aria-selected='true'] {
    background: var(--_primary);
    color: var(--_primary-contrast);
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .badge {
    flex: none;
    align-self: center;
    padding: 0 0.5rem;
    border-radius: 0.25rem;
    font-size: 0.75em;
    font-weight: 700;
    text-transform: uppercase;
    background: #e3e3fd;
    color: #000091;
  }
  [aria-selected='true'] .badge {
    background: var(--_primary-contrast);
  }
  .no-match {
    color: var(--_error);
    margin: 0.5rem 0 0;
  }
  .result {
    margin-top: var(--_space);
    padding: var(--_space);
    background: var(--_surface);
    border-left: 4px solid var(--_primary);
    border-radius: var(--_radius);
    max-width: var(--af-result-max-width, 48rem);
  }
  .result-title {
    margin: 0 0 0.5rem;
    font-size: 1.375em;
    font-weight: 700;
    color: var(--_primary);
  }
  dl {
    margin: 0;
  }
  dt {
    font-weight: 700;
    margin-top: 0.75rem;
  }
  dd {
    margin: 0.25rem 0 0;
  }
  dd p {
    margin: 0 0 0.25rem;
  }
  .methods {
    margin: 0.25rem 0;
    padding-left: 1.5rem;
  }
  /* information, not an error: the DSFR's blue bar (red bars are for errors) */
  .notice {
    margin: 0.75rem 0;
    padding: 0.5rem 0.75rem;
    border-left: 4px solid var(--_primary);
    background: var(--_bg);
  }
  .notice p {
    margin: 0.25rem 0;
  }
  .onwards {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    margin: 0 0 0.75rem;
    padding: 0;
    list-style: none;
  }
  .help ul,
  .alternatives ul {
    margin: 0.25rem 0;
    padding-left: 1.25rem;
  }
  button.link {
    ${linkButtonLook}
  }
`;
