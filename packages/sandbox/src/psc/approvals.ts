/**
 * The sign-in requests waiting for the holder's approval on the simulated phone ("Application e-CPS"): a redirect
 * sign-in (the wallet's waiting page) or a CIBA request (poll mode), with its binding message, 2 minutes by default
 * (PSC's CIBA requests expire: `ansforge/psc-edc-proxy-esante` CIBA tests).
 */
export type ApprovalStatus = 'pending' | 'approved' | 'refused';
export interface Approval {
  id: string;
  kind: 'redirect' | 'ciba';
  nationalId: string;
  clientName: string;
  status: ApprovalStatus;
  expiresAt: number;
  /** When the request was made (epoch ms), shown on the phone page to tell two requests apart. */
  createdAt: number;
  /** Interaction uid (redirect) or BackchannelAuthenticationRequest jti (CIBA). */
  ref: string;
  bindingMessage?: string;
  /** CIBA `channel=CARD`: approval with the physical card (then acr `eidas2`). */
  card?: boolean;
}

export class Approvals {
  readonly #all = new Map<string, Approval>();

  get(id: string): Approval | undefined {
    return this.#all.get(id);
  }

  add(approval: Approval): void {
    this.#all.set(approval.id, approval);
  }

  delete(id: string): void {
    this.#all.delete(id);
  }

  isExpired(a: Approval): boolean {
    return Date.now() > a.expiresAt;
  }

  /** Forgets requests that ended or expired more than 10 minutes ago. */
  #purge(): void {
    const limit = Date.now() - 600_000;
    for (const a of this.#all.values()) if (a.expiresAt < limit) this.#all.delete(a.id);
  }

  /** The requests a holder has to answer on the phone. */
  pendingFor(nationalId: string): Approval[] {
    this.#purge();
    return [...this.#all.values()].filter(
      (a) => a.nationalId === nationalId && a.status === 'pending' && !this.isExpired(a),
    );
  }

  /** The phone request of a redirect sign-in (its interaction uid). */
  ofInteraction(uid: string): Approval | undefined {
    return [...this.#all.values()].find((a) => a.kind === 'redirect' && a.ref === uid);
  }

  /** Drops the phone request of a redirect sign-in (a new one replaces it, or the user cancelled). */
  dropInteraction(uid: string): void {
    for (const a of this.#all.values()) if (a.kind === 'redirect' && a.ref === uid) this.#all.delete(a.id);
  }
}
