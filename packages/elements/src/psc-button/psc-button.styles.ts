import { css } from 'lit';

/** The official look of the Pro Santé Connect button: white, blue #000091 text and border, solid blue on hover. */
export const pscButtonStyles = css`
  :host {
    display: inline-block;
  }
  button {
    display: inline-flex;
    flex-direction: column;
    align-items: flex-start;
    justify-content: center;
    min-height: 3.5rem;
    min-width: 14rem;
    padding: 0.5rem 1.25rem;
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
  .prefix {
    font-size: 0.875em;
  }
  .name {
    font-weight: 700;
    font-size: 1.0625em;
    letter-spacing: 0.02em;
  }
  .info {
    display: block;
    margin: 0.5rem 0 0;
    font-size: 0.875em;
  }
`;
