import type { LoginCard, LoginServices } from '@authforte/core/login';
import { fakeServices, type LoginScript, never, card as testCard } from '@authforte/core/testing';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@authforte/elements';
import { type AfLogin, LOGIN_RESUME_KEY } from '@authforte/elements';

// Fake services: for stories only, to put the element in each state. Real hosts adapt the card agent client,
// the PSC client and their backend to `LoginServices` (see docs/login.md).

const identity = {
  source: 'card' as const,
  nationalId: '899700273917',
  familyName: 'ASSISTDELCS170540003',
  givenName: 'MARIE',
  displayName: 'MARIE ASSISTDELCS170540003',
};
const fail = (code: string, extra: Record<string, unknown> = {}) =>
  Promise.reject(Object.assign(new Error(code), { code, ...extra }));

/** A card of the sandbox holder. */
const card = (pin: Partial<LoginCard['pin']> = {}): LoginCard => testCard({ holderName: identity.displayName }, pin);

/** The typed fakes of `@authforte/core/testing`; what PSC would answer stays pending unless a story says otherwise. */
function services(over: LoginScript = {}): LoginServices {
  return fakeServices({
    signinRedirect: never,
    completeRedirect: never,
    signinPopup: never,
    cibaStart: { bindingMessage: '42', expiresIn: 120, interval: 5 },
    cibaPoll: never,
    getNonce: 'demo-nonce-0123456789',
    verify: { status: 'authenticated', identity },
    watch: [{ type: 'card', card: card() }],
    ...over,
  }).services;
}

type Step = (el: AfLogin) => void | Promise<void>;

/** Renders the element with fake services, then drives it to a state. */
function mount(over: LoginScript, steps: Step[] = [], attrs: Record<string, string> = {}) {
  const el = document.createElement('af-login');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.services = services(over);
  queueMicrotask(async () => {
    for (const step of steps) {
      await el.updateComplete;
      await step(el);
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  return el;
}

function story(over: LoginScript, steps: Step[] = [], attrs: Record<string, string> = {}): StoryObj {
  return { render: () => mount(over, steps, attrs) };
}

const startCard: Step = (el) => el.start('card');
const startPsc: Step = (el) => el.start('psc');
const typePin =
  (pin: string, confirm = false): Step =>
  (el) => {
    const root = el.shadowRoot!;
    root.querySelector<HTMLInputElement>('input[name="pin"]')!.value = pin;
    const box = root.querySelector<HTMLInputElement>('input[name="confirm-final-try"]');
    if (box) box.checked = confirm;
    root.querySelector<HTMLFormElement>('form')!.requestSubmit();
  };
const typeId =
  (value: string): Step =>
  (el) => {
    // the identifier form is in the element's light DOM (for password managers)
    el.querySelector<HTMLInputElement>('input[name="username"]')!.value = value;
    el.querySelector<HTMLFormElement>('form')!.requestSubmit();
  };
const typePairing =
  (value: string): Step =>
  (el) => {
    const root = el.shadowRoot!;
    root.querySelector<HTMLInputElement>('input[name="pairing-code"]')!.value = value;
    root.querySelector<HTMLFormElement>('form')!.requestSubmit();
  };

const meta: Meta = {
  title: 'Éléments/Login',
  component: 'af-login',
  parameters: {
    docs: {
      description: {
        component:
          'The sign-in journey: "S’identifier par carte CPS" through the local card agent, or the e-CPS through Pro Santé Connect (redirect, popup or in-page approval). Stories use fake services to show each screen.',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

export const Chooser: Story = story({});
export const ChooserCardOnly: Story = { ...story({}, [], { methods: 'card' }), name: 'Chooser: card only' };
export const ChooserAfterCancel: Story = {
  ...story({ detect: never }, [startCard, (el) => el.cancel()]),
  name: 'Chooser after a cancel',
};
export const PscButton: Story = {
  name: 'Pro Santé Connect button',
  render: () => html`<af-psc-button></af-psc-button>`,
};

export const AgentDetecting: Story = story({ detect: never }, [startCard]);
export const AgentNotInstalled: Story = story({ detect: async () => ({ status: 'not-installed' }) }, [startCard], {
  'agent-install-url': 'https://example.org/authforte-agent',
});
export const AgentBlocked: Story = story({ detect: async () => ({ status: 'blocked', permission: 'denied' }) }, [
  startCard,
]);
export const AgentVersionMismatch: Story = story(
  { detect: async () => ({ status: 'version-mismatch', versions: [2] }) },
  [startCard],
  { 'agent-install-url': 'https://example.org/authforte-agent' },
);
export const Pairing: Story = story({ detect: async () => ({ status: 'not-paired' }) }, [startCard]);
export const PairingApproveOnAgentPage: Story = {
  ...story(
    {
      detect: async () => ({ status: 'not-paired' }),
      startPairing: async () => ({
        pairingId: 'demo',
        codeLength: 6,
        matchCode: 'K7QX',
        approveUrl: 'http://127.0.0.1:24680/',
      }),
    },
    [startCard],
  ),
  name: 'Pairing: approve on the agent page',
};
export const PairingWrongCode: Story = story(
  { detect: async () => ({ status: 'not-paired' }), confirmPairing: () => fail('pairing-code-invalid') },
  [startCard, typePairing('000000')],
);
export const SearchingReader: Story = story({ watch: [] }, [startCard]);
export const WaitingReader: Story = story({ watch: [{ type: 'no-reader' }] }, [startCard]);
export const WaitingCard: Story = story({ watch: [{ type: 'no-card' }] }, [startCard]);
export const Pin: Story = story({}, [startCard]);
export const PinIncorrect: Story = story({ authenticate: () => fail('pin-incorrect', { triesLeft: 2 }) }, [
  startCard,
  typePin('0000'),
]);
export const PinFinalTry: Story = story({ watch: [{ type: 'card', card: card({ triesLeft: 1, finalTry: true }) }] }, [
  startCard,
  typePin('0000'),
]);
export const PinLocked: Story = story({ watch: [{ type: 'card', card: card({ triesLeft: 0, locked: true }) }] }, [
  startCard,
]);
export const CardAuthenticating: Story = story({ authenticate: never }, [startCard, typePin('2580')]);
export const CardRemoved: Story = story({ watch: [{ type: 'card', card: card() }, { type: 'card-removed' }] }, [
  startCard,
]);
export const CardExpired: Story = story({ watch: [{ type: 'card', card: { ...card(), expired: true } }] }, [startCard]);
export const PscRedirecting: Story = story({}, [startPsc]);
export const PscReturning: Story = {
  name: 'PSC: back from the redirect',
  render: () => {
    // what the element wrote before leaving for PSC
    sessionStorage.setItem(LOGIN_RESUME_KEY, JSON.stringify({ at: Date.now() }));
    return mount({});
  },
};
export const PscPopup: Story = story({}, [startPsc], { 'psc-mode': 'popup' });
export const PscPopupBlocked: Story = story({ signinPopup: () => fail('psc-popup-blocked') }, [startPsc], {
  'psc-mode': 'popup',
});
export const CibaIdentifier: Story = story({}, [startPsc], { ciba: '' });
export const CibaIdentifierInvalid: Story = story({}, [startPsc, typeId('12345')], { ciba: '' });
export const CibaWaiting: Story = story({}, [startPsc, typeId('810001234567')], { ciba: '' });
export const CibaRefused: Story = story(
  {
    cibaPoll: () => fail('psc-refused'),
    cibaStart: async () => ({ bindingMessage: '42', expiresIn: 120, interval: 0 }),
  },
  [startPsc, typeId('810001234567')],
  { ciba: '' },
);
export const CibaRateLimited: Story = story(
  { cibaStart: () => fail('rate-limited', { name: 'PscError', retryAfter: 540 }) },
  [startPsc, typeId('810001234567')],
  { ciba: '' },
);
export const CibaExpired: Story = story(
  { cibaStart: async () => ({ bindingMessage: '17', expiresIn: 0, interval: 5 }) },
  [startPsc, typeId('810001234567')],
  { ciba: '' },
);
export const Verifying: Story = story({ verify: never }, [startCard, typePin('2580')]);
export const Authenticated: Story = story({}, [startCard, typePin('2580')]);
export const LinkRequired: Story = story({ verify: async () => ({ status: 'link-required', identity }) }, [
  startCard,
  typePin('2580'),
]);
export const NetworkError: Story = story({ getNonce: () => fail('network') }, [startCard, typePin('2580')]);
export const PinFinalTryUnconfirmed: Story = {
  ...story({ watch: [{ type: 'card', card: card({ triesLeft: 1, finalTry: true }) }] }, [startCard, typePin('0000')]),
  name: 'PIN: final try not confirmed (the PIN stays, the box has the focus)',
};
export const CibaUnknownIdentifier: Story = {
  ...story({ cibaStart: () => fail('psc-unknown-user') }, [startPsc, typeId('810009999999')], {
    ciba: '',
    'activation-url': '/activation.html',
  }),
  name: 'e-CPS: identifier with no active e-CPS (how to activate one)',
};
export const HostRefusedAddress: Story = {
  ...story({ getNonce: () => fail('origin-refused') }, [startCard, typePin('2580')]),
  name: 'The host refuses this page’s address (403 origin-refused)',
};
export const ErrorWithCalmHelp: Story = {
  name: 'Error screen: only the heading and message in red, the help block calm',
  render: () => html`<af-config
    .config=${{
      helpContact: { name: 'Assistance e-santé', email: 'assistance@example.org', phone: '01 23 45 67 89' },
    }}
    >${mount({ getNonce: () => fail('network') }, [startCard, typePin('2580')])}</af-config
  >`,
};
export const English: Story = story({}, [startCard], { lang: 'en' });
export const LangSwitch: Story = {
  name: 'Language switched on the element after rendering (lang="en")',
  render: () => {
    const el = mount({});
    setTimeout(() => el.setAttribute('lang', 'en'), 50);
    return el;
  },
};
export const WithHelpContact: Story = {
  name: 'Locked card with a help contact',
  render: () => html`<af-config
    .config=${{
      helpContact: { name: 'Assistance e-santé', email: 'assistance@example.org', phone: '01 23 45 67 89' },
      login: { services: services({ watch: [{ type: 'card', card: card({ triesLeft: 0, locked: true }) }] }) },
    }}
  >
    <af-login></af-login>
  </af-config>`,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('af-login');
    await el?.updateComplete;
    el?.start('card');
  },
};
