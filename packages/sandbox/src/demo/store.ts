/**
 * The demo host's database: SQLite through better-sqlite3 (version 12: 13 crashes on Node 20).
 * Accounts with scrypt password hashes and the link from national identifier to account: the host's own data, which
 * the kit reaches through the callbacks of `app.ts` (sessions, nonces and lockout are the kit's).
 */
import { randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LinkIdentity } from '@authforte/core/account-link';
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
`;

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  establishment: string | null;
  password_hash: string;
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

export interface DemoStoreOptions {
  /** A file path (its folder is created) or `:memory:` (default). */
  filename?: string;
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
}
