/**
 * `@authforte/core/testing`: typed fakes and builders for tests of AuthForte itself and of host applications
 * (a scripted `LoginServices`, a card, an identity). Nothing here talks to a card agent, PSC or a host server.
 */
import type {
  CardServices,
  CardWatchEvent,
  LoginCard,
  LoginIdentity,
  LoginPinStatus,
  LoginServices,
  PscServices,
} from '../login/types.js';

/** The identity of the test card's holder (a sandbox doctor, not a real person). */
export const HOLDER: LoginIdentity = {
  source: 'card',
  nationalId: '810001234567',
  familyName: 'DOC0012345',
  givenName: 'KIT',
  displayName: 'KIT DOC0012345',
};

/** A CPS card as the watch reports it, with 3 tries left unless `pin` says otherwise. */
export function card(overrides: Partial<LoginCard> = {}, pin: Partial<LoginPinStatus> = {}): LoginCard {
  return {
    holderName: 'Dr KIT DOC0012345',
    cardType: 'CPS',
    nationalId: '810001234567',
    label: 'CPS3v3-2900473128',
    ...overrides,
    pin: { triesLeft: 3, maxTries: 3, finalTry: false, locked: false, ...overrides.pin, ...pin },
  };
}

/** A promise that never settles: a call left pending (a page that never answers). */
export function never(): Promise<never> {
  return new Promise<never>(() => {});
}

/** A promise resolved or rejected from outside. */
export function deferred<T = unknown>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Service = (options: never) => Promise<unknown>;
/** Every scriptable call of `LoginServices`, by name. */
interface Services {
  detect: CardServices['detect'];
  startPairing: CardServices['startPairing'];
  confirmPairing: CardServices['confirmPairing'];
  waitForPairingApproval: NonNullable<CardServices['waitForPairingApproval']>;
  authenticate: CardServices['authenticate'];
  signinRedirect: PscServices['signinRedirect'];
  completeRedirect: PscServices['completeRedirect'];
  signinPopup: NonNullable<PscServices['signinPopup']>;
  cibaStart: NonNullable<PscServices['cibaStart']>;
  cibaPoll: NonNullable<PscServices['cibaPoll']>;
  getNonce: LoginServices['getNonce'];
  verify: LoginServices['verify'];
}
export type LoginServiceName = keyof Services;

/** What a scripted call answers: a value, an error (thrown), or a function of the call's options. */
export type Answer<F extends Service> =
  | Awaited<ReturnType<F>>
  | Error
  | ((options: Parameters<F>[0]) => Awaited<ReturnType<F>> | Error | Promise<Awaited<ReturnType<F>> | Error>);

/** The script of `fakeServices`: an answer per call (else a default that succeeds), the card watch's first events. */
export type LoginScript = { [K in LoginServiceName]?: Answer<Services[K]> } & {
  /** Events the card watch reports at once (default: one card inserted). */
  watch?: CardWatchEvent[];
};

export interface Call {
  name: LoginServiceName | 'watch';
  /** The call's options, without the AbortSignal. */
  args: Record<string, unknown>;
}

const DEFAULTS: { [K in LoginServiceName]: Awaited<ReturnType<Services[K]>> } = {
  detect: { status: 'ready' },
  startPairing: { pairingId: 'p1', codeLength: 6, expiresAt: '2030-01-01T00:00:00Z' },
  confirmPairing: undefined,
  waitForPairingApproval: undefined,
  authenticate: { signature: 'sig' },
  signinRedirect: undefined,
  completeRedirect: { code: 'psc-code' },
  signinPopup: { code: 'popup-code' },
  cibaStart: { bindingMessage: '42', expiresIn: 120, interval: 1, requestId: 'r1' },
  cibaPoll: { status: 'approved', proof: { ciba: 'ok' } },
  getNonce: 'nonce-123456789012345',
  verify: { status: 'authenticated', identity: HOLDER },
};

/**
 * Scriptable `LoginServices`: each call answers what `script` says, else a default that succeeds. `calls` records
 * every call (without its AbortSignal), `signals` keeps the last signal of each (to check that a flow aborts what it
 * started, or closes its card-event stream), `emit` pushes a card watch event.
 */
export function fakeServices(script: LoginScript = {}) {
  const calls: Call[] = [];
  const signals: Partial<Record<Call['name'], AbortSignal>> = {};
  let onCard: ((e: CardWatchEvent) => void) | undefined;
  const call = async (name: LoginServiceName, options: { signal?: AbortSignal }) => {
    const { signal, ...args } = options;
    calls.push({ name, args });
    if (signal) signals[name] = signal;
    const entry = (name in script ? script[name] : DEFAULTS[name]) as unknown;
    const value = typeof entry === 'function' ? await (entry as (o: unknown) => unknown)(options) : entry;
    if (value instanceof Error) throw value;
    return value as never;
  };
  const services: LoginServices = {
    card: {
      detect: (o) => call('detect', o),
      startPairing: (o) => call('startPairing', o),
      confirmPairing: (o) => call('confirmPairing', o),
      // only when scripted: without it, the machine asks for the code to be typed (an agent without approval page)
      ...('waitForPairingApproval' in script
        ? {
            waitForPairingApproval: (o: Parameters<Services['waitForPairingApproval']>[0]) =>
              call('waitForPairingApproval', o),
          }
        : {}),
      watch: (fn, o) => {
        calls.push({ name: 'watch', args: {} });
        signals.watch = o.signal;
        onCard = fn;
        for (const e of script.watch ?? [{ type: 'card', card: card() }]) fn(e);
      },
      authenticate: (o) => call('authenticate', o),
    },
    psc: {
      signinRedirect: (o) => call('signinRedirect', o),
      completeRedirect: (o) => call('completeRedirect', o),
      signinPopup: (o) => call('signinPopup', o),
      cibaStart: (o) => call('cibaStart', o),
      cibaPoll: (o) => call('cibaPoll', o),
    },
    getNonce: (o) => call('getNonce', o),
    verify: (o) => call('verify', o),
  };
  return {
    services,
    calls,
    signals,
    /** The names of the calls made, in order. */
    names: () => calls.map((c) => c.name),
    /** Pushes a card watch event (a card inserted or removed, the agent stopped). */
    emit: (e: CardWatchEvent) => onCard?.(e),
  };
}

/** An error with a `code`, as the services throw (`LoginError`, `AgentError`, a PSC error). */
export function errorWithCode(code: string, message = code): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}
