/**
 * `GET /v1/events` (docs/agent-protocol.md §5): the server-sent event streams of the pages, and the slot polling
 * that feeds them while at least one page listens — readers added and removed, cards inserted (once readable) and
 * removed, PIN status after an attempt, the backend's status. Streams are bounded per origin and in total, and end
 * when their origin's pairing is revoked.
 */
import type { ServerResponse } from 'node:http';
import type { AgentEvent, CardInfo, PinStatus } from '@authforte/core/agent';
import { BackendError, type BackendStatus, type CardRecord, type SlotRecord } from './backend.js';
import { cardKey, cardSerial, describeCard, readersOf } from './card-info.js';
import { HttpError } from './http.js';

/** Failed scans in a row (other than "no module") after which the agent reports the readers gone. */
const SCAN_FAILURES_BEFORE_GONE = 3;

export interface CardEventsDeps {
  /** One backend scan (run one at a time with the agent's other backend calls). */
  scan(): Promise<SlotRecord[]>;
  status(): BackendStatus;
  pinStatus(record: CardRecord): PinStatus;
  /** A sign-in is under way: polling waits (a scan would race the PIN attempt). */
  busy(): boolean;
  /** The origin is still allowlisted or paired with this token. */
  authorised(origin: string, token: string | undefined): boolean;
  /** Adds the CORS headers of an eligible origin. */
  cors(res: ServerResponse, origin: string): void;
  pollIntervalMs: number;
  maxEventStreams: { perOrigin: number; total: number };
}

export class CardEvents {
  #subscribers = new Set<ServerResponse>();
  /** Open event streams per origin. */
  #streams = new Map<string, number>();
  /** Who opened each stream, so that a revoked pairing ends its streams too. */
  #streamAuth = new Map<ServerResponse, { origin: string; token: string | undefined }>();
  #pollTimer: ReturnType<typeof setInterval> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #lastSlots: SlotRecord[] | undefined;
  /** Cards already announced to subscribers (slot|label|serial). */
  #announced = new Set<string>();
  #lastStatus: BackendStatus | undefined;
  #polling = false;
  /** Scans in a row that failed (other than "no module"); reset by a scan that works. */
  #scanFailures = 0;

  constructor(private readonly deps: CardEventsDeps) {}

  /** Keeps idle streams open through proxies and sleeping tabs (a comment line every 15 s). */
  startHeartbeat(): void {
    this.#heartbeat = setInterval(() => {
      for (const s of this.#subscribers) s.write(': keep-alive\n\n');
    }, 15_000);
    this.#heartbeat.unref();
  }

  /** Ends every stream and stops polling. */
  close(): void {
    if (this.#pollTimer) clearInterval(this.#pollTimer);
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#pollTimer = undefined;
    for (const s of this.#subscribers) s.end();
    this.#subscribers.clear();
  }

  /** Ends the event streams of origins that are no longer allowlisted or paired. */
  endRevoked(): void {
    for (const [res, { origin, token }] of this.#streamAuth) if (!this.deps.authorised(origin, token)) res.end();
  }

  /** The PIN status after an attempt, to every stream. */
  broadcastPin(record: CardRecord): void {
    if (this.#subscribers.size === 0) return;
    this.#broadcast({
      type: 'pin-status',
      slot: record.slot,
      serial: cardSerial(record.label, record.tokenSerial),
      pin: this.deps.pinStatus(record),
    });
  }

  #cardInfos(slots: SlotRecord[]): CardInfo[] {
    const out: CardInfo[] = [];
    for (const s of slots) {
      if (!s.card) continue;
      try {
        out.push(describeCard(s.card, this.deps.pinStatus(s.card)));
      } catch {
        // unreadable card: reported by /v1/card
      }
    }
    return out;
  }

  /** Opens a stream for an authorised origin: `hello` with the readers and cards, then the changes. */
  async open(res: ServerResponse, origin: string, token: string | undefined): Promise<void> {
    // bounded per origin as well as in total, so that one page cannot take every stream
    const { perOrigin, total } = this.deps.maxEventStreams;
    if ((this.#streams.get(origin) ?? 0) >= perOrigin)
      throw new HttpError('rate-limited', 'Too many event streams open for this origin', { retryAfterSeconds: 5 });
    if (this.#subscribers.size >= total)
      throw new HttpError('rate-limited', 'Too many event streams open', { retryAfterSeconds: 5 });
    this.#streams.set(origin, (this.#streams.get(origin) ?? 0) + 1);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      const n = (this.#streams.get(origin) ?? 1) - 1;
      if (n > 0) this.#streams.set(origin, n);
      else this.#streams.delete(origin);
    };
    res.once('close', release);
    let slots: SlotRecord[] = [];
    try {
      slots = await this.deps.scan();
    } catch (err) {
      if (!(err instanceof BackendError && err.code === 'module-unavailable')) {
        release();
        throw err;
      }
    }
    this.deps.cors(res, origin);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    this.#subscribers.add(res);
    this.#streamAuth.set(res, { origin, token });
    res.on('close', () => {
      this.#subscribers.delete(res);
      this.#streamAuth.delete(res);
      if (this.#subscribers.size === 0 && this.#pollTimer) {
        clearInterval(this.#pollTimer);
        this.#pollTimer = undefined;
        // the next subscriber starts from its own `hello`
        this.#lastSlots = undefined;
        this.#lastStatus = undefined;
        this.#announced.clear();
      }
    });
    this.#write(res, { type: 'hello', readers: readersOf(slots), cards: this.#cardInfos(slots) });
    if (!this.#lastSlots) {
      this.#lastSlots = slots;
      // what `hello` showed counts as announced
      for (const s of slots) if (s.card) this.#announceIfReadable(s.card, false);
    }
    this.#lastStatus ??= this.deps.status();
    if (!this.#pollTimer) {
      this.#pollTimer = setInterval(() => void this.#poll(), this.deps.pollIntervalMs);
      this.#pollTimer.unref();
    }
  }

  #write(res: ServerResponse, event: AgentEvent): void {
    const { type, ...data } = event;
    res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  #broadcast(event: AgentEvent): void {
    for (const s of this.#subscribers) this.#write(s, event);
  }

  /** Announces a card once it is readable (a card is read while it settles in the reader). */
  #announceIfReadable(card: CardRecord, broadcast = true): void {
    const key = `${card.slot}|${cardKey(card)}`;
    if (this.#announced.has(key)) return;
    let info: CardInfo;
    try {
      info = describeCard(card, this.deps.pinStatus(card));
    } catch {
      return; // not readable (yet): /v1/card answers card-unreadable
    }
    this.#announced.add(key);
    if (broadcast) this.#broadcast({ type: 'card-inserted', card: info });
  }

  async #poll(): Promise<void> {
    // a pairing forgotten from the CLI (the file changed) ends its streams within one poll
    this.endRevoked();
    if (this.#polling || this.deps.busy()) return;
    this.#polling = true;
    try {
      let slots: SlotRecord[];
      try {
        slots = await this.deps.scan();
        this.#scanFailures = 0;
      } catch (err) {
        // No module: no readers, at once. Any other failure of one scan (a reader busy with another application,
        // a PC/SC hiccup) says nothing about the card: announcing it removed would cancel a sign-in under way
        // (the page leaves the PIN or proof step for "insert your card"). Only failures that persist mean the
        // readers are gone.
        const noModule = err instanceof BackendError && err.code === 'module-unavailable';
        if (!noModule && ++this.#scanFailures < SCAN_FAILURES_BEFORE_GONE) return;
        slots = [];
      }
      const status = this.deps.status();
      if (status !== this.#lastStatus) this.#broadcast({ type: 'backend-status', status });
      this.#lastStatus = status;
      const prev = this.#lastSlots ?? [];
      this.#lastSlots = slots;
      for (const old of prev) {
        const now = slots.find((s) => s.slot === old.slot);
        if (old.card && (!now?.card || cardKey(now.card) !== cardKey(old.card))) {
          if (this.#announced.delete(`${old.slot}|${cardKey(old.card)}`))
            this.#broadcast({
              type: 'card-removed',
              slot: old.slot,
              serial: cardSerial(old.card.label, old.card.tokenSerial),
            });
        }
        if (!now)
          this.#broadcast({ type: 'reader-removed', reader: { slot: old.slot, name: old.name, cardPresent: false } });
      }
      for (const s of slots) {
        const old = prev.find((p) => p.slot === s.slot);
        if (!old)
          this.#broadcast({ type: 'reader-added', reader: { slot: s.slot, name: s.name, cardPresent: !!s.card } });
        if (s.card) this.#announceIfReadable(s.card);
      }
    } finally {
      this.#polling = false;
    }
  }
}
