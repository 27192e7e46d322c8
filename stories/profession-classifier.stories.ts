import { classifyProfession } from '@authforte/core/profession-classifier';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@authforte/elements';
import type { AfProfessionClassifier } from '@authforte/elements';

/** Renders the element, then puts it in a state once it is upgraded. */
function withState(setup: (el: AfProfessionClassifier) => void, attrs: { lang?: string; style?: string } = {}) {
  return () => {
    const el = document.createElement('af-profession-classifier');
    if (attrs.lang) el.lang = attrs.lang;
    if (attrs.style) el.setAttribute('style', attrs.style);
    queueMicrotask(() => setup(el));
    return el;
  };
}

function showing(query: string) {
  return (el: AfProfessionClassifier) => {
    const c = classifyProfession(query);
    if (c) el.choose(c.profession);
  };
}

const meta: Meta = {
  title: 'Éléments/Profession classifier',
  component: 'af-profession-classifier',
  parameters: {
    docs: {
      description: {
        component:
          'Lets a professional find their category — professionnels à ordre, à enregistrement ARS, à rôle, autres — and so where and how to register and which card they can have.',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

export const Empty: Story = { render: () => html`<af-profession-classifier></af-profession-classifier>` };

export const Ordre: Story = { name: 'Result: professionnels à ordre', render: withState(showing('infirmière')) };
export const Ars: Story = { name: 'Result: enregistrement ARS', render: withState(showing('orthophoniste')) };
export const Role: Story = { name: 'Result: professionnels à rôle', render: withState(showing('aide-soignante')) };
export const Autre: Story = { name: 'Result: autres professionnels', render: withState(showing('directeur d’ESMS')) };

export const Ambiguous: Story = {
  name: 'Ambiguous query',
  render: withState((el) => {
    el.search('aide');
    el.focus();
  }),
};

export const NextStepLinks: Story = {
  name: 'Result with links onwards (activation guide, sign-in page)',
  render: withState((el) => {
    el.activationUrl = '/activation.html';
    el.signInUrl = '/connexion';
    showing('aide-soignante')(el);
  }),
};
export const EnglishResult: Story = {
  name: 'Result in English (colons without a space)',
  render: withState(showing('aide-soignante'), { lang: 'en' }),
};
export const NoMatch: Story = { name: 'No match', render: withState((el) => el.search('plombier')) };

export const English: Story = { render: withState(showing('kiné'), { lang: 'en' }) };

export const WithHelpContact: Story = {
  name: 'With a help contact',
  render: () => html`<af-config
    .config=${{ helpContact: { name: 'Assistance e-santé', email: 'assistance@example.org', phone: '01 23 45 67 89' } }}
  >
    <af-profession-classifier></af-profession-classifier>
  </af-config>`,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('af-profession-classifier');
    const c = classifyProfession('secrétaire médicale');
    if (el && c) el.choose(c.profession);
  },
};

export const CustomTheme: Story = {
  name: 'Custom theme',
  render: withState(showing('pharmacien'), {
    style:
      '--af-color-primary: #00695c; --af-color-accent: #ef6c00; --af-color-surface: #e0f2f1; --af-radius: 12px; --af-font-family: Georgia, serif',
  }),
};
