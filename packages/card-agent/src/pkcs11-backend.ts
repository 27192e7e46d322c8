/**
 * The PKCS#11 backend: any module path (Cryptolib CPS in production, SoftHSM2 in tests), driven by pkcs11js.
 * PKCS#11 calls are synchronous; the agent serialises every backend call.
 */
import { createHash } from 'node:crypto';
import { OID_P384, parseCertificate } from '@authforte/core/certificate';
import type { PKCS11 } from 'pkcs11js';
import {
  BackendError,
  type BackendStatus,
  type CardBackend,
  type CardRecord,
  SHA256_DIGEST_INFO,
  type SignResult,
  type SlotRecord,
} from './backend.js';

// PKCS#11 constants (values from the standard; pkcs11js does not declare all of them)
const CKF_TOKEN_PRESENT = 0x1;
const CKF_TOKEN_INITIALIZED = 0x400;
const CKF_LOGIN_REQUIRED = 0x4;
const CKF_PROTECTED_AUTHENTICATION_PATH = 0x100;
const CKF_USER_PIN_COUNT_LOW = 0x10000;
const CKF_USER_PIN_FINAL_TRY = 0x20000;
const CKF_USER_PIN_LOCKED = 0x40000;
const CKF_SERIAL_SESSION = 0x4;
const CKU_USER = 1;
const CKA_CLASS = 0x0;
const CKA_LABEL = 0x3;
const CKA_VALUE = 0x11;
const CKA_KEY_TYPE = 0x100;
const CKA_ID = 0x102;
const CKO_CERTIFICATE = 1;
const CKO_PRIVATE_KEY = 3;
const CKK_RSA = 0;
const CKK_EC = 3;
const CKM_RSA_PKCS = 0x1;
const CKM_ECDSA = 0x1041;

type Handle = Buffer;

export interface Pkcs11BackendOptions {
  /** Path of the PKCS#11 module, e.g. `/usr/lib/libcps3_pkcs11_lux.so` or `/usr/lib/softhsm/libsofthsm2.so`. */
  module: string;
  /**
   * Re-initialise the module before each scan, so that tokens created or deleted by another process
   * show (SoftHSM2 only reads its token directory at C_Initialize). Default: on for SoftHSM, off otherwise.
   */
  reinitializeOnScan?: boolean;
  /** Minimum delay between two attempts at loading a missing module, ms (default 5000). */
  retryLoadMs?: number;
}

const REMOVED = new Set([
  'CKR_TOKEN_NOT_PRESENT',
  'CKR_DEVICE_REMOVED',
  'CKR_SESSION_HANDLE_INVALID',
  'CKR_SESSION_CLOSED',
  'CKR_SLOT_ID_INVALID',
  'CKR_TOKEN_NOT_RECOGNIZED',
  'CKR_DEVICE_ERROR',
  // SoftHSM2 answers this for a token whose files were deleted
  'CKR_GENERAL_ERROR',
]);

function ckr(err: unknown): string {
  const m = /CKR_[A-Z_]+/.exec(err instanceof Error ? err.message : String(err));
  return m ? m[0] : 'UNKNOWN';
}

function trim(s: string): string {
  return s.replace(/[\s\0]+$/, '');
}

interface CachedCard {
  key: string;
  certificate: Uint8Array | undefined;
  chain: Uint8Array[];
  certId: Buffer | undefined;
}

export class Pkcs11Backend implements CardBackend {
  readonly kind = 'pkcs11' as const;
  readonly modulePath: string;
  #lib: PKCS11 | undefined;
  #status: BackendStatus = 'module-unavailable';
  #lastLoadAttempt = 0;
  #retryLoadMs: number;
  #reinit: boolean | undefined;
  #cache = new Map<string, CachedCard>();
  #loadError: string | undefined;

  constructor(options: Pkcs11BackendOptions) {
    this.modulePath = options.module;
    this.#reinit = options.reinitializeOnScan;
    this.#retryLoadMs = options.retryLoadMs ?? 5000;
  }

  /** Why the module is unavailable (for the agent's console), without secrets. */
  get loadError(): string | undefined {
    return this.#loadError;
  }

  status(): BackendStatus {
    return this.#status;
  }

  /** Loads and initialises the module; on failure stays `module-unavailable` (and retries later). */
  async load(): Promise<BackendStatus> {
    this.#lastLoadAttempt = Date.now();
    try {
      const mod = (await import('pkcs11js')).default;
      const lib = new mod.PKCS11();
      lib.load(this.modulePath);
      lib.C_Initialize();
      const info = lib.C_GetInfo();
      this.#reinit ??= /softhsm/i.test(info.manufacturerID);
      this.#lib = lib;
      this.#status = 'ready';
      this.#loadError = undefined;
    } catch (err) {
      this.#lib = undefined;
      this.#status = 'module-unavailable';
      this.#loadError = err instanceof Error ? err.message : String(err);
    }
    return this.#status;
  }

  async #ready(): Promise<PKCS11> {
    if (!this.#lib && Date.now() - this.#lastLoadAttempt >= this.#retryLoadMs) await this.load();
    if (!this.#lib) throw new BackendError('module-unavailable', `PKCS#11 module not available: ${this.modulePath}`);
    return this.#lib;
  }

  async scan(): Promise<SlotRecord[]> {
    const lib = await this.#ready();
    try {
      if (this.#reinit) {
        lib.C_Finalize();
        lib.C_Initialize();
      }
      const out: SlotRecord[] = [];
      for (const slot of lib.C_GetSlotList(false)) {
        const id = slot.toString('hex');
        let name: string;
        let present: boolean;
        try {
          const si = lib.C_GetSlotInfo(slot);
          name = trim(si.slotDescription);
          present = (si.flags & CKF_TOKEN_PRESENT) !== 0;
        } catch {
          continue; // reader vanished while listing
        }
        out.push({ slot: id, name, card: present ? this.#readCard(lib, slot, id, name) : undefined });
      }
      return out;
    } catch (err) {
      if (err instanceof BackendError) throw err;
      const code = ckr(err);
      if (code === 'CKR_CRYPTOKI_NOT_INITIALIZED') {
        this.#lib = undefined;
        this.#status = 'module-unavailable';
        throw new BackendError('module-unavailable', 'PKCS#11 module not initialised');
      }
      throw new BackendError('internal-error', `PKCS#11 scan failed: ${code}`);
    }
  }

  #readCard(lib: PKCS11, slot: Handle, id: string, reader: string): CardRecord | undefined {
    let ti: ReturnType<PKCS11['C_GetTokenInfo']>;
    try {
      ti = lib.C_GetTokenInfo(slot);
    } catch {
      return undefined; // card pulled out while reading
    }
    if ((ti.flags & CKF_TOKEN_INITIALIZED) === 0) return undefined; // blank token: not a card
    // A CPS3's contactless interface shows a technical token ("Certificat Technique CPS") that needs no
    // PIN (Cryptolib CPS PKCS#11 specification, ansforge/dops-cryptolib): not a way to sign in.
    if ((ti.flags & CKF_LOGIN_REQUIRED) === 0) return undefined;
    const label = trim(ti.label);
    const tokenSerial = trim(ti.serialNumber);
    const key = `${label}|${tokenSerial}`;
    let cached = this.#cache.get(id);
    if (cached?.key !== key) {
      cached = { key, ...this.#readCertificates(lib, slot) };
      // a token still being written (or a card read while pulled out) is read again next time
      if (cached.certificate) this.#cache.set(id, cached);
      else this.#cache.delete(id);
    }
    return {
      slot: id,
      reader,
      label,
      tokenSerial,
      certificate: cached.certificate,
      chain: cached.chain,
      ...((ti.flags & CKF_PROTECTED_AUTHENTICATION_PATH) !== 0 ? { pinPad: true } : {}),
      pinFlags: {
        countLow: (ti.flags & CKF_USER_PIN_COUNT_LOW) !== 0,
        finalTry: (ti.flags & CKF_USER_PIN_FINAL_TRY) !== 0,
        locked: (ti.flags & CKF_USER_PIN_LOCKED) !== 0,
      },
    };
  }

  /** Finds the authentication certificate (and CA certificates) among the public objects. */
  #readCertificates(lib: PKCS11, slot: Handle): Omit<CachedCard, 'key'> {
    let session: Handle | undefined;
    try {
      session = lib.C_OpenSession(slot, CKF_SERIAL_SESSION);
      lib.C_FindObjectsInit(session, [{ type: CKA_CLASS, value: CKO_CERTIFICATE }]);
      const handles = lib.C_FindObjects(session, 32);
      lib.C_FindObjectsFinal(session);
      const certs: Array<{ der: Uint8Array; id: Buffer; label: string; score: number; ca: boolean }> = [];
      for (const h of handles) {
        const attrs = lib.C_GetAttributeValue(session, h, [{ type: CKA_VALUE }, { type: CKA_ID }, { type: CKA_LABEL }]);
        const der = attrs[0]?.value as Buffer | undefined;
        if (!der) continue;
        const label = (attrs[2]?.value as Buffer | undefined)?.toString('utf8') ?? '';
        if (/technique/i.test(label)) continue; // the contactless technical certificate
        let score = 0;
        let ca = false;
        try {
          const p = parseCertificate(new Uint8Array(der));
          ca = p.keyUsage?.keyCertSign ?? false;
          if (p.keyUsage?.digitalSignature && !p.keyUsage.nonRepudiation) score += 2;
          if (p.keyUsage?.nonRepudiation) score -= 2;
        } catch {
          continue;
        }
        if (/authentification|authentication|auth/i.test(label)) score += 3;
        if (/signature/i.test(label)) score -= 1;
        certs.push({ der: new Uint8Array(der), id: (attrs[1]?.value as Buffer) ?? Buffer.alloc(0), label, score, ca });
      }
      const leaf = certs.filter((c) => !c.ca).sort((a, b) => b.score - a.score)[0];
      return {
        certificate: leaf?.der,
        certId: leaf?.id,
        chain: certs.filter((c) => c.ca).map((c) => c.der),
      };
    } catch {
      return { certificate: undefined, certId: undefined, chain: [] };
    } finally {
      if (session) {
        try {
          lib.C_CloseSession(session);
        } catch {
          // card gone
        }
      }
    }
  }

  async sign(slotId: string, tokenSerial: string, pin: string, data: Uint8Array): Promise<SignResult> {
    const lib = await this.#ready();
    const slot = Buffer.from(slotId, 'hex');
    let session: Handle | undefined;
    let loggedIn = false;
    try {
      let ti: ReturnType<PKCS11['C_GetTokenInfo']>;
      try {
        ti = lib.C_GetTokenInfo(slot);
      } catch (err) {
        throw new BackendError('card-removed', `The card left the reader (${ckr(err)})`);
      }
      if (trim(ti.serialNumber) !== tokenSerial)
        throw new BackendError('card-removed', 'Another card is in the reader');
      const cached = this.#cache.get(slotId);
      if (!cached?.certificate || !cached.certId)
        throw new BackendError('card-unreadable', 'No authentication certificate');
      session = lib.C_OpenSession(slot, CKF_SERIAL_SESSION);
      try {
        // PIN-pad reader (CKF_PROTECTED_AUTHENTICATION_PATH, PKCS#11 v2.40 §5.6): C_Login without a PIN,
        // the holder types it on the reader
        const pinPad = (ti.flags & CKF_PROTECTED_AUTHENTICATION_PATH) !== 0;
        if (pinPad && pin === '') lib.C_Login(session, CKU_USER);
        else lib.C_Login(session, CKU_USER, pin);
        loggedIn = true;
      } catch (err) {
        const code = ckr(err);
        if (code === 'CKR_USER_ALREADY_LOGGED_IN') loggedIn = true;
        else if (code === 'CKR_PIN_INCORRECT' || code === 'CKR_PIN_INVALID' || code === 'CKR_PIN_LEN_RANGE')
          throw new BackendError('pin-incorrect', 'Wrong PIN');
        else if (code === 'CKR_PIN_LOCKED') throw new BackendError('pin-locked', 'PIN locked');
        else throw err;
      }
      lib.C_FindObjectsInit(session, [
        { type: CKA_CLASS, value: CKO_PRIVATE_KEY },
        { type: CKA_ID, value: cached.certId },
      ]);
      const key = lib.C_FindObjects(session);
      lib.C_FindObjectsFinal(session);
      if (!key) throw new BackendError('card-unreadable', 'No private key for the authentication certificate');
      const kt = lib.C_GetAttributeValue(session, key, [{ type: CKA_KEY_TYPE }])[0]?.value as Buffer;
      const keyType = kt.readUIntLE(0, Math.min(6, kt.length));
      const out = Buffer.alloc(1024);
      if (keyType === CKK_RSA) {
        const digest = createHash('sha256').update(data).digest();
        lib.C_SignInit(session, { mechanism: CKM_RSA_PKCS }, key);
        const sig = lib.C_Sign(session, Buffer.concat([SHA256_DIGEST_INFO, digest]), out);
        return { signature: new Uint8Array(sig), algorithm: 'RS256' };
      }
      if (keyType === CKK_EC) {
        const p384 = parseCertificate(cached.certificate).namedCurve === OID_P384;
        const digest = createHash(p384 ? 'sha384' : 'sha256')
          .update(data)
          .digest();
        lib.C_SignInit(session, { mechanism: CKM_ECDSA }, key);
        const sig = lib.C_Sign(session, digest, out);
        return { signature: new Uint8Array(sig), algorithm: p384 ? 'ES384' : 'ES256' };
      }
      throw new BackendError('card-unreadable', 'Unsupported key type');
    } catch (err) {
      if (err instanceof BackendError) throw err;
      const code = ckr(err);
      if (REMOVED.has(code)) throw new BackendError('card-removed', `The card left the reader (${code})`);
      if (code === 'CKR_CRYPTOKI_NOT_INITIALIZED')
        throw new BackendError('module-unavailable', 'PKCS#11 module not initialised');
      throw new BackendError('internal-error', `PKCS#11 error ${code}`);
    } finally {
      if (session) {
        if (loggedIn) {
          try {
            lib.C_Logout(session);
          } catch {
            // card gone
          }
        }
        try {
          lib.C_CloseSession(session);
        } catch {
          // card gone
        }
      }
    }
  }

  async close(): Promise<void> {
    const lib = this.#lib;
    this.#lib = undefined;
    this.#status = 'module-unavailable';
    if (!lib) return;
    try {
      lib.C_Finalize();
    } catch {
      // already finalised
    }
    try {
      lib.close();
    } catch {
      // ignore
    }
  }
}

/** Creates the PKCS#11 backend and tries to load the module (a missing module is reported, not thrown). */
export async function createPkcs11Backend(options: Pkcs11BackendOptions): Promise<Pkcs11Backend> {
  const backend = new Pkcs11Backend(options);
  await backend.load();
  return backend;
}
