import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@authforte/elements';
import type { AfEcpsActivation } from '@authforte/elements';

type Track = 'with-card' | 'without-card';

/**
 * Renders a stepper (persistence off, so stories do not share progress), then puts it in a state. The element's
 * machine exists as soon as a method is called, so the state is set before the first render and nothing takes the
 * focus.
 */
function stepper(
  setup: (el: AfEcpsActivation) => void = () => {},
  attrs: { track?: Track; lang?: string; style?: string } = {},
) {
  return () => {
    const el = document.createElement('af-ecps-activation');
    el.persistKey = '';
    if (attrs.track) el.track = attrs.track;
    if (attrs.lang) el.lang = attrs.lang;
    if (attrs.style) el.setAttribute('style', attrs.style);
    setup(el);
    return el;
  };
}

/** Step `n` (1 to 8) of a track; on the card-less track a well-formed identifier is entered to pass step 5. */
function step(track: Track, n: number, lang?: string) {
  return stepper(
    (el) => {
      for (let i = 1; i < n; i++) {
        if (track === 'without-card' && i === 5) el.enterNationalId('810100000008');
        el.next();
      }
    },
    { track, ...(lang ? { lang } : {}) },
  );
}

const meta: Meta = {
  title: 'Éléments/e-CPS activation',
  component: 'af-ecps-activation',
  parameters: {
    docs: {
      description: {
        component:
          'Takes a professional through the activation of the e-CPS, with a physical CPx card (from the wallet site on a computer) or without one (in the phone app, with codes by e-mail and SMS).',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

export const Question: Story = { name: 'First question: with or without a card?', render: stepper() };

export const WithCard1: Story = { name: 'With a card — 1. install the app', render: step('with-card', 1) };
export const WithCard2: Story = { name: 'With a card — 2. open the wallet site', render: step('with-card', 2) };
export const WithCard3: Story = { name: 'With a card — 3. insert the card', render: step('with-card', 3) };
export const WithCard4: Story = { name: 'With a card — 4. Pro Santé Connect and PIN', render: step('with-card', 4) };
export const WithCard5: Story = { name: 'With a card — 5. Commencer l’activation', render: step('with-card', 5) };
export const WithCard6: Story = { name: 'With a card — 6. scan the QR code', render: step('with-card', 6) };
export const WithCard7: Story = { name: 'With a card — 7. copy the activation code', render: step('with-card', 7) };
export const WithCard8: Story = { name: 'With a card — 8. create the password', render: step('with-card', 8) };

export const WithoutCard1: Story = { name: 'Without a card — 1. install the app', render: step('without-card', 1) };
export const WithoutCard2: Story = {
  name: 'Without a card — 2. Commencer l’activation',
  render: step('without-card', 2),
};
export const WithoutCard3: Story = { name: 'Without a card — 3. accept the terms', render: step('without-card', 3) };
export const WithoutCard4: Story = {
  name: 'Without a card — 4. Envoyer une demande d’activation',
  render: step('without-card', 4),
};
export const WithoutCard5: Story = {
  name: 'Without a card — 5. national identifier',
  render: step('without-card', 5),
};
export const WithoutCard6: Story = { name: 'Without a card — 6. the e-mail', render: step('without-card', 6) };
export const WithoutCard7: Story = { name: 'Without a card — 7. the SMS code', render: step('without-card', 7) };
export const WithoutCard8: Story = {
  name: 'Without a card — 8. create the password',
  render: step('without-card', 8),
};

/** The card-less track at its identifier step (5), with `typed` in the field. */
const identifierTyped = (typed: string) =>
  stepper(
    (el) => {
      for (let i = 1; i < 5; i++) el.next();
      el.enterNationalId(typed);
    },
    { track: 'without-card' },
  );

export const IdentifierError: Story = {
  name: 'Identifier error (RPPS number without the 8)',
  render: identifierTyped('10100000008'),
};

export const IdentifierWarning: Story = {
  name: 'Identifier warning (check digit)',
  render: identifierTyped('810100000007'),
};

export const EmailOnPhone: Story = {
  name: 'E-mail opened on the phone',
  render: stepper(
    (el) => {
      for (let i = 1; i < 6; i++) {
        if (i === 5) el.enterNationalId('810100000008');
        el.next();
      }
      el.chooseEmailOn('phone');
    },
    { track: 'without-card' },
  ),
};

export const Complete: Story = {
  name: 'Activation complete',
  render: stepper(
    (el) => {
      for (let i = 1; i <= 8; i++) el.next();
    },
    { track: 'with-card' },
  ),
};

export const CompleteWithSignIn: Story = {
  name: 'Activation complete, with a link to the sign-in page',
  render: stepper(
    (el) => {
      el.signInUrl = '/connexion';
      for (let i = 1; i <= 8; i++) el.next();
    },
    { track: 'with-card' },
  ),
};

export const English: Story = { name: 'English (without a card, step 4)', render: step('without-card', 4, 'en') };

export const TestEnvironment: Story = {
  name: 'Test environment (BAS) with a help contact',
  render: () => html`<af-config
    .config=${{
      helpContact: { name: 'Assistance e-santé', email: 'assistance@example.org', phone: '01 23 45 67 89' },
      ecps: { walletUrl: 'https://wallet.bas.psc.esante.gouv.fr' },
    }}
  >
    <af-ecps-activation persist-key="" track="with-card"></af-ecps-activation>
  </af-config>`,
  play: async ({ canvasElement }) => {
    canvasElement.querySelector('af-ecps-activation')?.next();
  },
};

export const CustomTheme: Story = {
  name: 'Custom theme',
  render: stepper(
    (el) => {
      el.next();
      el.next();
    },
    {
      track: 'with-card',
      style:
        '--af-color-primary: #00695c; --af-color-accent: #ef6c00; --af-color-surface: #e0f2f1; --af-radius: 12px; --af-font-family: Georgia, serif',
    },
  ),
};
