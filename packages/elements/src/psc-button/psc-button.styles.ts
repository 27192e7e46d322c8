import { css } from 'lit';

/**
 * The look of the ANS's Pro Santé Connect button kit: white, blue #000091 text and border, the logo at the left,
 * square corners (DSFR), solid blue on hover. `<af-login>`'s card button shares its size so both weigh the same.
 */
export const pscButtonStyles = css`
  :host {
    display: inline-block;
  }
  button {
    display: inline-flex;
    align-items: center;
    gap: 0.75rem;
    min-height: 4rem;
    width: var(--af-method-button-width, 20rem);
    max-width: 100%;
    padding: 0.5rem 1.25rem 0.5rem 1rem;
    border: 2px solid var(--af-psc-color, #000091);
    border-radius: 0;
    background: #ffffff;
    color: var(--af-psc-color, #000091);
    cursor: pointer;
    text-align: left;
    line-height: 1.2;
  }
  button:hover,
  button:active {
    background: var(--af-psc-color, #000091);
    color: #ffffff;
  }
  button:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  button[disabled] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .logo {
    display: inline-flex;
    flex: none;
  }
  .label {
    display: inline-flex;
    flex-direction: column;
  }
  .prefix {
    font-size: 0.875em;
  }
  .name {
    font-weight: 700;
    font-size: 1.0625em;
  }
  .info {
    display: block;
    margin: 0.5rem 0 0;
    font-size: 0.875em;
  }
`;
