import type { AccountLinkResult, AccountLinkSubmit } from '@authforte/core/account-link';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@authforte/elements';
import type { AfAccountLink } from '@authforte/elements';

const MARIE = { nationalId: '899700540003', displayName: 'MARIE ASSISTDELCS170540003', source: 'card' as const };
const PSC_USER = { nationalId: '899700366240', displayName: 'Paul NICOLAS', source: 'psc' as const };

/** A transport that answers `result` (or never, for the "submitting" screen). */
const answering =
  (result: AccountLinkResult | 'never' | 'throw'): AccountLinkSubmit =>
  () =>
    result === 'never'
      ? new Promise(() => {})
      : result === 'throw'
        ? Promise.reject(new TypeError('Failed to fetch'))
        : Promise.resolve(result);

/**
 * Renders the element with a fake host, then — once it is upgraded — fills the form and submits it as a user
 * would, so that the story shows the screen that follows.
 */
function screen(
  result: AccountLinkResult | 'never' | 'throw' | null,
  options: {
    username?: string;
    password?: string;
    attrs?: Record<string, string>;
    identity?: typeof MARIE | null;
  } = {},
) {
  return () => {
    const el = document.createElement('af-account-link') as AfAccountLink;
    if (options.identity !== null) el.identity = options.identity ?? MARIE;
    el.hostName = 'ViaTrajectoire';
    for (const [k, v] of Object.entries(options.attrs ?? {})) el.setAttribute(k, v);
    if (result !== null) el.submit = answering(result);
    if (result !== null) {
      queueMicrotask(async () => {
        await el.updateComplete;
        const user = el.usernameInput;
        const pass = el.passwordInput;
        if (user) user.value = options.username ?? 'marie.dupont';
        if (pass) pass.value = options.password ?? 'mot-de-passe';
        el.querySelector('form')?.requestSubmit();
      });
    }
    return el;
  };
}

const meta: Meta = {
  title: 'Éléments/Account link',
  component: 'af-account-link',
  parameters: {
    docs: {
      description: {
        component:
          'First connection ("Espace professionnel"): links the identity proved with the CPS card or the e-CPS to the professional’s existing account in the host application. The username and password are native inputs in the page’s DOM, so that password managers fill them.',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

export const Form: Story = { name: 'Form (card identity)', render: screen(null) };

export const FormPsc: Story = {
  name: 'Form (e-CPS identity, default host name)',
  render: () => {
    const el = document.createElement('af-account-link') as AfAccountLink;
    el.identity = PSC_USER;
    return el;
  },
};

export const WithCancel: Story = {
  name: 'Form with "Ce n’est pas moi : annuler"',
  render: screen(null, { attrs: { cancelable: '' } }),
};

export const FieldErrors: Story = {
  name: 'Empty fields',
  render: screen({ ok: true, accountId: 'x' }, { username: '', password: '' }),
};

export const Submitting: Story = { render: screen('never') };

export const WrongCredentials: Story = {
  name: 'Wrong username or password',
  render: screen({ ok: false, code: 'invalid-credentials' }),
};

export const Locked: Story = {
  name: 'Locked after repeated failures',
  render: screen({
    ok: false,
    code: 'locked',
    message:
      'Trop de tentatives de connexion. Par sécurité, la liaison de votre compte est bloquée pendant 15 minutes.',
    retryAfter: 900,
  }),
};

export const AttemptsLeft: Story = {
  name: 'Wrong password, third failure: attempts left before the lockout',
  render: screen({ ok: false, code: 'invalid-credentials', attemptsLeft: 2 }),
};

export const NetworkFailure: Story = { name: 'Network failure', render: screen('throw') };

export const SessionExpired: Story = { name: 'Session expired (CSRF)', render: screen({ ok: false, code: 'csrf' }) };

export const NoPendingIdentity: Story = {
  name: 'Card / e-CPS identification expired',
  render: screen({ ok: false, code: 'no-pending-identity' }),
};

export const AlreadyLinked: Story = {
  name: 'Identity already linked to another account',
  render: screen({ ok: false, code: 'already-linked' }),
};

export const Linked: Story = { render: screen({ ok: true, accountId: 'acc-1', redirectTo: '/accueil' }) };

export const English: Story = { render: screen(null, { attrs: { lang: 'en' } }) };

export const WithConfig: Story = {
  name: 'Configured by <af-config>',
  render: () => html`<af-config
    .config=${{ hostName: 'Trajectoire Démo', endpoints: { accountLink: '/api/account-link' }, csrfToken: 'demo' }}
  >
    <af-account-link .identity=${MARIE}></af-account-link>
  </af-config>`,
};

export const CustomTheme: Story = {
  name: 'Custom theme',
  render: screen(null, {
    attrs: {
      style:
        '--af-color-primary: #00695c; --af-color-primary-hover: #004d40; --af-color-surface: #e0f2f1; --af-radius: 12px; --af-font-family: Georgia, serif',
    },
  }),
};
