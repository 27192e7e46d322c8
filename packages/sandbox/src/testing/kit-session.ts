/**
 * For tests of a host on the kit: a browser session of the kit, planted in its store as a verified card proof or
 * PSC sign-in leaves it (an identity pending for the first connection), without the proof. The cookie and key
 * names are the kit's (`af_sid` on http, `af:session:<id>`): a change there fails these tests loudly.
 */
import { randomBytes } from 'node:crypto';
import type { AuthForteStore, KitIdentity, KitSession } from '@authforte/server';

/** The kit's session cookie on an http origin. */
export const KIT_SESSION_COOKIE = 'af_sid';

export interface PlantedSession {
  id: string;
  csrfToken: string;
  /** `af_sid=<id>`, for a `cookie` header. */
  cookie: string;
}

/** Puts `identity` pending in a new kit session (10 minutes), as the kit does after a proof of an unlinked identity. */
export async function plantPendingIdentity(
  store: AuthForteStore,
  identity: Omit<KitIdentity, 'familyName'> & { familyName?: string },
): Promise<PlantedSession> {
  const full: KitIdentity = { familyName: identity.displayName, ...identity };
  const session: KitSession = {
    id: randomBytes(32).toString('base64url'),
    csrfToken: randomBytes(32).toString('base64url'),
    pending: { identity: full, method: full.source, expiresAt: Date.now() + 600_000 },
  };
  await store.set(`af:session:${session.id}`, JSON.stringify(session), 600_000);
  return { id: session.id, csrfToken: session.csrfToken, cookie: `${KIT_SESSION_COOKIE}=${session.id}` };
}
