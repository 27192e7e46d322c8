/**
 * `LoginServices` on the kit's routes whose code loads on first use: what `<af-login server>` holds from the start
 * (a few hundred bytes), while the transport itself (`createServerServices`, `@authforte/core/login/server`) is a
 * chunk of its own.
 */
import type { ServerLoginConfig, ServerTransport, ServerVerifyOutcome } from './server-services.js';
import type { CardServices, LoginServices, PscServices } from './types.js';

export interface LazyServerTransport {
  services: LoginServices;
  /** The kit's configuration (loads the transport). */
  config(): Promise<ServerLoginConfig>;
  /** The last outcome of `verify`, once the transport has loaded. */
  readonly lastOutcome: ServerVerifyOutcome | undefined;
  transport(): Promise<ServerTransport>;
}

export function lazyServerServices(server: string): LazyServerTransport {
  let loaded: ServerTransport | undefined;
  let loading: Promise<ServerTransport> | undefined;
  let configPromise: Promise<ServerLoginConfig> | undefined;
  const transport = () => {
    loading ??= import('./server-services.js').then(
      (m) => {
        loaded = m.createServerServices(server);
        return loaded;
      },
      (err: unknown) => {
        loading = undefined;
        throw err;
      },
    );
    return loading;
  };
  const card = (): Promise<CardServices> => transport().then((t) => t.services.card as CardServices);
  const psc = (): Promise<PscServices> => transport().then((t) => t.services.psc as PscServices);
  const services: LoginServices = {
    getNonce: async (o) => (await transport()).services.getNonce(o),
    verify: async (o) => (await transport()).services.verify(o),
    card: {
      detect: async (o) => (await card()).detect(o),
      startPairing: async (o) => (await card()).startPairing(o),
      confirmPairing: async (o) => (await card()).confirmPairing(o),
      // approval on the agent's own page: without it the pairing screen would wait for a typed code only
      waitForPairingApproval: async (o) => {
        const c = await card();
        return c.waitForPairingApproval ? c.waitForPairingApproval(o) : new Promise<void>(() => {});
      },
      watch: (onEvent, o) => {
        card().then(
          (c) => c.watch(onEvent, o),
          () => onEvent({ type: 'agent-stopped' }),
        );
      },
      authenticate: async (o) => (await card()).authenticate(o),
    },
    psc: {
      signinRedirect: async (o) => (await psc()).signinRedirect(o),
      completeRedirect: async (o) => (await psc()).completeRedirect(o),
      signinPopup: async (o) => (await psc()).signinPopup?.(o),
      cibaStart: async (o) => {
        const p = await psc();
        if (!p.cibaStart) throw new TypeError('no CIBA');
        return p.cibaStart(o);
      },
      cibaPoll: async (o) => {
        const p = await psc();
        if (!p.cibaPoll) throw new TypeError('no CIBA');
        return p.cibaPoll(o);
      },
    },
  };
  return {
    services,
    // the configuration is one GET: the transport's code waits for the user's choice
    config: () => {
      configPromise ??= fetch(`${server.replace(/\/+$/, '')}/config`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      })
        .then((r) => {
          if (!r.ok) throw new Error(`GET config: HTTP ${r.status}`);
          return r.json() as Promise<ServerLoginConfig>;
        })
        .catch((err: unknown) => {
          configPromise = undefined;
          throw err;
        });
      return configPromise;
    },
    get lastOutcome() {
      return loaded?.lastOutcome;
    },
    transport,
  };
}
