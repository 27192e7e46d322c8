/**
 * The demo host's database: SQLite through better-sqlite3 (version 12: 13 crashes on Node 20).
 * Accounts with scrypt password hashes, the link from national identifier to account, sessions, and failure
 * counts for lockout.
 */
import { randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LinkIdentity } from '@authforte/core/account-link';
import {
  attemptStateOf,
  DEFAULT_LOCKOUT,
  type LockEntry,
  type LockoutPolicy,
  type LockoutSettings,
  type LockState,
  lockStateOf,
} from '@authforte/server';
import Database from 'better-sqlite3';

export interface Account {
  id: string;
  username: string;
  displayName: string;
  establishment: string | null;
}

export interface IdentityLink {
  nationalId: string;
  accountId: string;
  displayName: string;
  source: string | null;
  linkedAt: number;
}

export interface Session {
  id: string;
  csrfToken: string;
  accountId: string | null;
  /** Signed token of the identity proved by card / PSC and not linked yet (see `createPendingIdentity`). */
  pendingIdentity: string | null;
  createdAt: number;
  expiresAt: number;
}

/** scrypt cost: N=2^15, r=8, p=1 (32 MiB, tens of milliseconds). OWASP suggests N=2^17 in production. */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, keylen: 32, maxmem: 64 * 1024 * 1024 } as const;

function scryptAsync(password: string, salt: Buffer, params: { N: number; r: number; p: number; keylen: number }) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      params.keylen,
      { N: params.N, r: params.r, p: params.p, maxmem: SCRYPT.maxmem },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` (base64url), with a random 16-byte salt per password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    keylen: expected.length,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  establishment TEXT,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS identity_links (
  national_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL UNIQUE REFERENCES accounts(id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  source TEXT,
  linked_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  csrf_token TEXT NOT NULL,
  account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
  pending_identity TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions(expires_at);
CREATE TABLE IF NOT EXISTS lockouts (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  first_at INTEGER NOT NULL,
  locked_until INTEGER NOT NULL
);
`;

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  establishment: string | null;
  password_hash: string;
}
interface SessionRow {
  id: string;
  csrf_token: string;
  account_id: string | null;
  pending_identity: string | null;
  created_at: number;
  expires_at: number;
}
interface LinkRow {
  national_id: string;
  account_id: string;
  display_name: string;
  source: string | null;
  linked_at: number;
}

const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  establishment: r.establishment,
});
const toSession = (r: SessionRow): Session => ({
  id: r.id,
  csrfToken: r.csrf_token,
  accountId: r.account_id,
  pendingIdentity: r.pending_identity,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

export interface DemoStoreOptions {
  /** A file path (its folder is created) or `:memory:` (default). */
  filename?: string;
  /** Session lifetime (default 8 hours: a working day). */
  sessionTtlMs?: number;
  /**
   * Sessions without an account nor a pending identity (every first visit makes one) kept at most (default
   * 10 000): beyond, the oldest are deleted, so that a flood of cookie-less requests cannot fill the database.
   */
  maxAnonymousSessions?: number;
  /** Clock (tests). */
  now?: () => number;
}

export class IdentityAlreadyLinkedError extends Error {
  override readonly name = 'IdentityAlreadyLinkedError';
}

/** The demo host's data. Every query is a prepared statement; no string is ever concatenated into SQL. */
export class DemoStore {
  readonly db: Database.Database;
  private readonly now: () => number;
  private readonly sessionTtlMs: number;
  private readonly maxAnonymousSessions: number;
  /** A real hash of a random password, checked for unknown usernames so that they take as long as known ones. */
  private dummyHash: Promise<string> | undefined;

  constructor(options: DemoStoreOptions = {}) {
    const filename = options.filename ?? ':memory:';
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.now = options.now ?? Date.now;
    this.sessionTtlMs = options.sessionTtlMs ?? 8 * 60 * 60 * 1000;
    this.maxAnonymousSessions = Math.max(1, options.maxAnonymousSessions ?? 10_000);
  }

  close(): void {
    this.db.close();
  }

  // ---- accounts

  async createAccount(input: {
    username: string;
    password: string;
    displayName: string;
    establishment?: string;
  }): Promise<Account> {
    const id = randomUUID();
    const hash = await hashPassword(input.password);
    this.db
      .prepare(
        'INSERT INTO accounts (id, username, display_name, establishment, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, input.username, input.displayName, input.establishment ?? null, hash, this.now());
    return { id, username: input.username, displayName: input.displayName, establishment: input.establishment ?? null };
  }

  findAccountByUsername(username: string): Account | undefined {
    const row = this.db.prepare('SELECT * FROM accounts WHERE username = ?').get(username) as AccountRow | undefined;
    return row && toAccount(row);
  }

  getAccount(id: string): Account | undefined {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
    return row && toAccount(row);
  }

  /** The account for these credentials, or null — after the same work whether the username exists or not. */
  async verifyCredentials(username: string, password: string): Promise<Account | null> {
    const row = this.db.prepare('SELECT * FROM accounts WHERE username = ?').get(username.trim()) as
      | AccountRow
      | undefined;
    if (!row) {
      this.dummyHash ??= hashPassword(randomBytes(18).toString('base64url'));
      await verifyPassword(password, await this.dummyHash);
      return null;
    }
    return (await verifyPassword(password, row.password_hash)) ? toAccount(row) : null;
  }

  // ---- identity links

  findAccountByNationalId(nationalId: string): Account | undefined {
    const row = this.db
      .prepare('SELECT a.* FROM identity_links l JOIN accounts a ON a.id = l.account_id WHERE l.national_id = ?')
      .get(nationalId) as AccountRow | undefined;
    return row && toAccount(row);
  }

  findLinkByAccount(accountId: string): IdentityLink | undefined {
    const row = this.db.prepare('SELECT * FROM identity_links WHERE account_id = ?').get(accountId) as
      | LinkRow
      | undefined;
    return (
      row && {
        nationalId: row.national_id,
        accountId: row.account_id,
        displayName: row.display_name,
        source: row.source,
        linkedAt: row.linked_at,
      }
    );
  }

  /**
   * Links the national identifier to the account. Linking again the same pair is a no-op; an identifier linked to
   * another account, or an account linked to another identifier, throws `IdentityAlreadyLinkedError`.
   */
  linkIdentity(identity: LinkIdentity, accountId: string): void {
    const tx = this.db.transaction(() => {
      const byId = this.db.prepare('SELECT * FROM identity_links WHERE national_id = ?').get(identity.nationalId) as
        | LinkRow
        | undefined;
      if (byId) {
        if (byId.account_id === accountId) return;
        throw new IdentityAlreadyLinkedError('national identifier already linked to another account');
      }
      if (this.findLinkByAccount(accountId)) {
        throw new IdentityAlreadyLinkedError('account already linked to another national identifier');
      }
      this.db
        .prepare(
          'INSERT INTO identity_links (national_id, account_id, display_name, source, linked_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(identity.nationalId, accountId, identity.displayName, identity.source ?? null, this.now());
    });
    tx();
  }

  unlinkAccount(accountId: string): void {
    this.db.prepare('DELETE FROM identity_links WHERE account_id = ?').run(accountId);
  }

  // ---- sessions

  createSession(): Session {
    const t = this.now();
    const session: Session = {
      id: randomBytes(32).toString('base64url'),
      csrfToken: randomBytes(32).toString('base64url'),
      accountId: null,
      pendingIdentity: null,
      createdAt: t,
      expiresAt: t + this.sessionTtlMs,
    };
    this.db
      .prepare(
        'INSERT INTO sessions (id, csrf_token, account_id, pending_identity, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(session.id, session.csrfToken, null, null, session.createdAt, session.expiresAt);
    // anonymous sessions beyond the cap: the oldest go (a signed-in or pending session is never dropped)
    this.db
      .prepare(
        `DELETE FROM sessions WHERE id IN (
           SELECT id FROM sessions WHERE account_id IS NULL AND pending_identity IS NULL
           ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?)`,
      )
      .run(this.maxAnonymousSessions);
    return session;
  }

  /** Number of live sessions (tests, metrics). */
  countSessions(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
  }

  getSession(id: string | undefined): Session | undefined {
    if (!id || id.length > 100) return undefined;
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ? AND expires_at > ?').get(id, this.now()) as
      | SessionRow
      | undefined;
    return row && toSession(row);
  }

  setPendingIdentity(sessionId: string, token: string | null): void {
    this.db.prepare('UPDATE sessions SET pending_identity = ? WHERE id = ?').run(token, sessionId);
  }

  /**
   * A change of privilege (a pending identity, a sign-in, a link): a new session id and CSRF token (against session
   * fixation: an id planted before the change is worth nothing after it), the account and pending identity set.
   * The old session is deleted.
   */
  rotateSession(old: Session, accountId: string | null, pendingIdentity: string | null = null): Session {
    const tx = this.db.transaction(() => {
      this.deleteSession(old.id);
      const fresh = this.createSession();
      this.db
        .prepare('UPDATE sessions SET account_id = ?, pending_identity = ? WHERE id = ?')
        .run(accountId, pendingIdentity, fresh.id);
      return { ...fresh, accountId, pendingIdentity };
    });
    return tx();
  }

  deleteSession(id: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
  }

  purgeExpired(): void {
    const t = this.now();
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(t);
    this.db.prepare('DELETE FROM lockouts WHERE locked_until <= ? AND first_at < ?').run(t, t - 24 * 3600_000);
  }

  // ---- lockout

  /**
   * A lockout policy for `createAccountLinkHandler`, counting in this database. `attempt` is one SQL statement
   * (an upsert that counts and decides, `RETURNING` the row): two processes sharing the file, or two requests at
   * once, can never both read the count before either wrote it. Same arithmetic as `nextLockEntry`.
   */
  lockout(settings: LockoutSettings = {}): LockoutPolicy {
    const now = settings.now ?? this.now;
    const limits = { ...DEFAULT_LOCKOUT, ...settings };
    const get = this.db.prepare(
      'SELECT failures, first_at AS firstAt, locked_until AS lockedUntil FROM lockouts WHERE key = ?',
    );
    // locked: count on (so that attempts over the budget are told apart); window or lock over: start again at 1
    const attempt = this.db.prepare(`
      INSERT INTO lockouts (key, failures, first_at, locked_until)
      VALUES (@key, 1, @now, CASE WHEN 1 >= @max THEN @now + @lock ELSE 0 END)
      ON CONFLICT(key) DO UPDATE SET
        failures = CASE
          WHEN locked_until > @now THEN failures + 1
          WHEN @now - first_at > @window OR locked_until > 0 THEN 1
          ELSE failures + 1 END,
        first_at = CASE
          WHEN locked_until > @now THEN first_at
          WHEN @now - first_at > @window OR locked_until > 0 THEN @now
          ELSE first_at END,
        locked_until = CASE
          WHEN locked_until > @now THEN locked_until
          WHEN @now - first_at > @window OR locked_until > 0 THEN CASE WHEN 1 >= @max THEN @now + @lock ELSE 0 END
          WHEN failures + 1 >= @max THEN @now + @lock
          ELSE 0 END
      RETURNING failures, first_at AS firstAt, locked_until AS lockedUntil`);
    const del = this.db.prepare('DELETE FROM lockouts WHERE key = ?');
    return {
      attempt: (key): LockState => {
        const t = now();
        const entry = attempt.get({
          key,
          now: t,
          max: limits.maxFailures,
          lock: limits.lockMs,
          window: limits.windowMs,
        }) as LockEntry;
        return attemptStateOf(entry, t, settings);
      },
      check: (key): LockState => lockStateOf(get.get(key) as LockEntry | undefined, now()),
      reset: (key) => {
        del.run(key);
      },
    };
  }
}
