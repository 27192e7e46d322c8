import { css } from 'lit';
import { inputLook, linkButtonLook, outlinedButtonLook, titleLook } from '../internal/controls.js';

export const activationStyles = css`
  :host {
    max-width: var(--af-stepper-max-width, 48rem);
  }
  .title {
    ${titleLook}
    color: var(--_primary);
  }
  .intro,
  .track {
    margin: 0 0 0.75rem;
    color: var(--_muted);
  }
  .track {
    font-weight: 700;
  }
  .step-title {
    margin: 0 0 0.5rem;
    font-size: 1.25em;
    font-weight: 700;
  }
  .step-of {
    display: block;
    font-size: 0.8em;
    font-weight: 400;
    color: var(--_muted);
  }
  .hint {
    margin: 0.25rem 0 0.5rem;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .answers,
  .nav {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: var(--_space);
  }
  button {
    ${outlinedButtonLook}
    min-height: 2.75rem;
    font-weight: 500;
  }
  .answers button,
  button.primary {
    background: var(--_primary);
    color: var(--_primary-contrast);
  }
  .answers button:hover,
  button.primary:hover {
    background: var(--_primary-hover);
  }
  button.link {
    ${linkButtonLook}
  }
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
    counter-reset: none;
  }
  .steps li {
    display: flex;
    align-items: center;
    gap: 0.375rem;
    flex: 1 1 10rem;
    padding: 0.25rem 0.5rem;
    border-bottom: 3px solid var(--_border);
    color: var(--_muted);
    font-size: 0.875em;
  }
  .steps .num {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    border-radius: 50%;
    border: 1px solid currentColor;
    font-weight: 700;
  }
  .steps .done {
    border-bottom-color: var(--_success);
    color: var(--_success);
  }
  .steps .current {
    border-bottom-color: var(--_primary);
    color: var(--_primary);
    font-weight: 700;
  }
  .steps .current .num {
    background: var(--_primary);
    color: var(--_primary-contrast);
    border-color: var(--_primary);
  }
  .step,
  .complete,
  .question {
    padding: var(--_space);
    background: var(--_surface);
    border-left: 4px solid var(--_primary);
    border-radius: var(--_radius);
  }
  [data-screen-heading]:focus {
    outline: none;
  }
  [data-screen-heading]:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .place {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0 0 0.75rem;
    font-weight: 700;
  }
  .icon {
    width: 1.5rem;
    height: 1.5rem;
    fill: currentColor;
    flex: none;
  }
  .see p,
  .do {
    margin: 0.5rem 0;
  }
  details {
    margin-top: 0.75rem;
  }
  summary {
    cursor: pointer;
    color: var(--_primary);
    font-weight: 500;
  }
  .stores {
    margin: 0.5rem 0;
    padding-left: 1.25rem;
  }
  .qr[hidden] {
    display: none;
  }
  .codes {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  figure {
    margin: 0;
    text-align: center;
  }
  figure svg {
    width: 10rem;
    height: 10rem;
    background: #fff;
  }
  .id-field {
    margin: 0.75rem 0;
  }
  .id-field label {
    display: block;
    font-weight: 700;
  }
  input[type='text'] {
    width: 100%;
    max-width: 20rem;
    ${inputLook}
    letter-spacing: 0.05em;
  }
  input.invalid {
    border-bottom-color: var(--_error);
  }
  .id-message {
    margin: 0.25rem 0 0;
    font-size: 0.875em;
  }
  .id-message.error {
    color: var(--_error);
  }
  .id-message.warning {
    color: var(--_warning);
  }
  .id-message.valid {
    color: var(--_success);
  }
  fieldset {
    margin: 0.75rem 0;
    padding: 0;
    border: 0;
  }
  legend {
    font-weight: 700;
    margin-bottom: 0.25rem;
  }
  .radio {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2rem;
  }
  .radio input {
    width: 1.25rem;
    height: 1.25rem;
    accent-color: var(--_primary);
  }
  /* the case chosen, not an error: the DSFR's blue bar */
  .email-do {
    padding: 0.5rem 0.75rem;
    border-left: 4px solid var(--_primary);
    background: var(--_bg);
  }
  .reset {
    margin: 0.75rem 0 0;
  }
  .help {
    margin-top: var(--_space);
  }
  .help ul {
    margin: 0.25rem 0;
    padding-left: 1.25rem;
  }
  @media (prefers-reduced-motion: no-preference) {
    .step,
    .complete {
      animation: af-appear 160ms ease-out;
    }
  }
  @keyframes af-appear {
    from {
      transform: translateY(0.25rem);
    }
  }
`;
