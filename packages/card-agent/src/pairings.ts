/**
 * The paired origins: SHA-256 hashes of their tokens, kept in a JSON file (mode 0600). The file is
 * re-read whenever it changed on disk, so that `authforte-card-agent pairings forget ORIGIN`, run while
 * the agent serves, takes effect on the very next request.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

export interface PairedOrigin {
  origin: string;
  tokenHash: string;
  createdAt: string;
}

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest();

function readFile(file: string): PairedOrigin[] {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { paired?: PairedOrigin[] };
    return (Array.isArray(data.paired) ? data.paired : []).filter(
      (p) => typeof p?.origin === 'string' && typeof p.tokenHash === 'string' && /^[0-9a-f]{64}$/.test(p.tokenHash),
    );
  } catch {
    return [];
  }
}

function stamp(file: string): string {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}|${s.size}|${s.ino}`;
  } catch {
    return 'absent';
  }
}

export class PairingStore {
  readonly #file: string | undefined;
  #paired: PairedOrigin[] = [];
  #stamp = '';
  readonly #onError: (message: string) => void;

  constructor(file: string | undefined, onError: (message: string) => void = () => {}) {
    this.#file = file;
    this.#onError = onError;
    this.#reload();
  }

  #reload(): void {
    if (!this.#file) return;
    const s = stamp(this.#file);
    if (s === this.#stamp) return;
    this.#stamp = s;
    this.#paired = readFile(this.#file);
  }

  #save(): void {
    if (!this.#file) return;
    try {
      const tmp = `${this.#file}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify({ paired: this.#paired }, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, this.#file);
      this.#stamp = stamp(this.#file);
    } catch {
      this.#onError('card agent: could not save the paired origins');
    }
  }

  list(): PairedOrigin[] {
    this.#reload();
    return [...this.#paired];
  }

  has(origin: string): boolean {
    return this.list().some((p) => p.origin === origin);
  }

  /** Whether `token` is a valid token of `origin`. */
  matches(origin: string, token: string): boolean {
    const hash = sha256(token);
    return this.list().some((p) => p.origin === origin && timingSafeEqual(Buffer.from(p.tokenHash, 'hex'), hash));
  }

  add(origin: string, token: string): void {
    this.#reload();
    this.#paired.push({ origin, tokenHash: sha256(token).toString('hex'), createdAt: new Date().toISOString() });
    this.#save();
  }

  /** Forgets one token of `origin`, or every pairing of `origin` when no token is given. Returns how many. */
  forget(origin: string, token?: string): number {
    this.#reload();
    const hash = token === undefined ? undefined : sha256(token).toString('hex');
    const before = this.#paired.length;
    this.#paired = this.#paired.filter((p) => !(p.origin === origin && (hash === undefined || p.tokenHash === hash)));
    const removed = before - this.#paired.length;
    if (removed) this.#save();
    return removed;
  }
}
