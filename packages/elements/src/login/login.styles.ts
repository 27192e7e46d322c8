import { css } from 'lit';
import { inputLook, outlinedButtonLook, primaryButtonLook } from '../internal/controls.js';

export const loginStyles = css`
  .screen {
    max-width: var(--af-login-max-width, 36rem);
    padding: var(--_space);
    border: 1px solid var(--af-color-border-light, #dddddd);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .title {
    margin: 0 0 0.75rem;
    font-size: 1.375em;
    font-weight: 700;
    color: var(--_primary);
  }
  /* on an error screen only the heading and the message are red; the help block and buttons read calmly */
  .screen--error .title,
  .screen--error .message {
    color: var(--_error);
  }
  .title:focus {
    outline: none;
  }
  .title:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  p {
    margin: 0 0 0.75rem;
  }
  .methods {
    display: flex;
    flex-direction: column;
    gap: 1.25rem;
    margin: 1rem 0 0;
    padding: 0;
    list-style: none;
  }
  .hint {
    margin: 0.25rem 0 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .notice {
    padding: 0.5rem 0.75rem;
    border-left: 4px solid var(--_primary);
    background: var(--_surface);
  }
  button.primary {
    ${primaryButtonLook}
  }
  button.primary:hover {
    background: var(--_primary-hover);
    border-color: var(--_primary-hover);
  }
  /* the two methods weigh the same: the card button has the PSC button's size, colours and square corners */
  button.cps {
    display: inline-flex;
    align-items: center;
    gap: 0.75rem;
    width: var(--af-method-button-width, 20rem);
    max-width: 100%;
    min-height: 4rem;
    padding: 0.5rem 1.25rem 0.5rem 1rem;
    border: 2px solid var(--af-psc-color, #000091);
    border-radius: 0;
    background: #ffffff;
    color: var(--af-psc-color, #000091);
    font-weight: 700;
    font-size: 1.0625em;
    text-align: left;
    line-height: 1.2;
    cursor: pointer;
  }
  button.cps:hover,
  button.cps:active {
    background: var(--af-psc-color, #000091);
    color: #ffffff;
  }
  .pictogram {
    flex: none;
  }
  button.secondary {
    ${outlinedButtonLook}
  }
  button.secondary:hover {
    background: var(--_surface);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: 1rem;
  }
  .field {
    margin: 0.75rem 0;
  }
  .field label {
    display: block;
    font-weight: 700;
  }
  .field input {
    display: block;
    margin-top: 0.5rem;
    ${inputLook}
    letter-spacing: 0.1em;
  }
  .field input[aria-invalid='true'] {
    border-bottom-color: var(--_error);
  }
  p.error {
    margin: 0.25rem 0 0;
    color: var(--_error);
    font-weight: 700;
  }
  .warning {
    padding: 0.5rem 0.75rem;
    border-left: 4px solid var(--_warning);
    background: var(--_surface);
    color: var(--_text);
  }
  .checkbox {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin-top: 0.5rem;
  }
  .checkbox input {
    width: 1.25rem;
    height: 1.25rem;
  }
  .card {
    display: grid;
    gap: 0.25rem;
    margin: 0 0 1rem;
    padding: 0.75rem;
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .card div {
    display: flex;
    gap: 0.5rem;
  }
  .card dt {
    font-weight: 700;
  }
  .card dd {
    margin: 0;
  }
  .binding .code {
    display: inline-block;
    margin-left: 0.5rem;
    padding: 0.25rem 0.75rem;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    font-size: 2em;
    letter-spacing: 0.2em;
    color: var(--_primary);
  }
  .progress {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .spinner {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    border: 3px solid var(--_surface);
    border-top-color: var(--_primary);
    border-radius: 50%;
    animation: af-spin 0.8s linear infinite;
  }
  @keyframes af-spin {
    to {
      transform: rotate(360deg);
    }
  }
  .screen--success .title {
    color: var(--_success);
  }
  .help ul {
    margin: 0.25rem 0;
    padding-left: 1.25rem;
  }
`;
