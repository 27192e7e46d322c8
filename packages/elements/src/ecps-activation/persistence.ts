import { ECPS_STEP_COUNT } from '@authforte/core/ecps-activation';

/** What `<af-ecps-activation>` keeps across a reload, in sessionStorage. */

/**
 * Storage that never writes what the user typed as national identifier: only the track, the step and the e-mail
 * case survive a reload (the identifier field is empty again after a reload on step 5).
 */
export function scrubbingStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const store = (): Storage | undefined => {
    try {
      return globalThis.sessionStorage;
    } catch {
      return undefined;
    }
  };
  return {
    // a snapshot from another version or edited by hand is ignored rather than breaking the element
    getItem: (key) => {
      const raw = store()?.getItem(key) ?? null;
      return raw !== null && isActivationSnapshot(raw) ? raw : null;
    },
    removeItem: (key) => store()?.removeItem(key),
    setItem: (key, value) => {
      const snapshot = JSON.parse(value) as { context?: Record<string, unknown> };
      if (snapshot.context) {
        snapshot.context.nationalId = '';
        snapshot.context.idCheck = { status: 'empty' };
        snapshot.context.idErrorShown = false;
      }
      store()?.setItem(key, JSON.stringify(snapshot));
    },
  };
}

function isActivationSnapshot(raw: string): boolean {
  try {
    const s = JSON.parse(raw) as { status?: unknown; value?: unknown; context?: Record<string, unknown> };
    const c = s.context;
    if (s.status !== 'active' || !c || typeof c.step !== 'number') return false;
    if (s.value === 'question') return c.track === null && c.step === 0;
    if (s.value !== 'active' && s.value !== 'complete') return false;
    return (
      (c.track === 'with-card' || c.track === 'without-card') &&
      Number.isInteger(c.step) &&
      c.step >= 1 &&
      c.step <= ECPS_STEP_COUNT
    );
  } catch {
    return false;
  }
}
