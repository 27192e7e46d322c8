import type { CardWatchEvent, LoginCard, LoginIdentity, LoginServices, VerifyOutcome } from '../login/types.js';

export const HOLDER: LoginIdentity = {
  source: 'card',
  nationalId: '810001234567',
  familyName: 'DOC0012345',
  givenName: 'KIT',
  displayName: 'KIT DOC0012345',
};

export function card(overrides: Partial<LoginCard> = {}, pin: Partial<LoginCard['pin']> = {}): LoginCard {
  return {
    holderName: 'Dr KIT DOC0012345',
    cardType: 'CPS',
    nationalId: '810001234567',
    label: 'CPS3v3-2900473128',
    ...overrides,
    pin: { triesLeft: 3, maxTries: 3, finalTry: false, locked: false, ...pin },
  };
}

export interface Call {
  name: string;
  args: Record<string, unknown>;
}

/**
 * Scriptable services: each entry is a function of the call (or a value); `calls` records every call without the
 * AbortSignal; `signals` keeps them to check aborts; `emit` pushes a card watch event.
 */
export function fakeServices(script: Partial<Record<string, unknown>> = {}) {
  const calls: Call[] = [];
  const signals: Record<string, AbortSignal> = {};
  let onCard: ((e: CardWatchEvent) => void) | undefined;
  const call = async (name: string, args: Record<string, unknown>, fallback: unknown) => {
    const { signal, ...rest } = args as { signal?: AbortSignal };
    calls.push({ name, args: rest });
    if (signal) signals[name] = signal;
    const entry = name in script ? script[name] : fallback;
    const value = typeof entry === 'function' ? await (entry as (a: unknown) => unknown)(args) : entry;
    if (value instanceof Error) throw value;
    return value;
  };
  const verified: VerifyOutcome = { status: 'authenticated', identity: HOLDER };
  const services: LoginServices = {
    card: {
      detect: (a) => call('detect', a, { status: 'ready' }) as never,
      startPairing: (a) =>
        call('startPairing', a, { pairingId: 'p1', codeLength: 6, expiresAt: '2030-01-01T00:00:00Z' }) as never,
      confirmPairing: (a) => call('confirmPairing', a, undefined) as never,
      ...('waitForPairingApproval' in script
        ? {
            waitForPairingApproval: (a: { pairingId: string; signal: AbortSignal }) =>
              call('waitForPairingApproval', a, undefined) as never,
          }
        : {}),
      watch: (fn, a) => {
        calls.push({ name: 'watch', args: {} });
        signals.watch = a.signal;
        onCard = fn;
        const initial =
          'watch' in script ? (script.watch as CardWatchEvent[] | undefined) : [{ type: 'card', card: card() }];
        for (const e of initial ?? []) fn(e as CardWatchEvent);
      },
      authenticate: (a) => call('authenticate', a, { signature: 'sig' }) as never,
    },
    psc: {
      signinRedirect: (a) => call('signinRedirect', a, undefined) as never,
      completeRedirect: (a) => call('completeRedirect', a, { code: 'psc-code' }) as never,
      signinPopup: (a) => call('signinPopup', a, { code: 'popup-code' }) as never,
      cibaStart: (a) =>
        call('cibaStart', a, { bindingMessage: '42', expiresIn: 120, interval: 1, requestId: 'r1' }) as never,
      cibaPoll: (a) => call('cibaPoll', a, { status: 'approved', proof: { ciba: 'ok' } }) as never,
    },
    getNonce: (a) => call('getNonce', a, 'nonce-123456789012345') as never,
    verify: (a) => call('verify', a, verified) as never,
  };
  return {
    services,
    calls,
    signals,
    names: () => calls.map((c) => c.name),
    emit: (e: CardWatchEvent) => onCard?.(e),
  };
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
