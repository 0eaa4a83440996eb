// Store key derivation. The scrypt parameters come from the (attacker-controllable) file, so
// they are checked against a cap before any memory is allocated or time spent.
import { scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { StoreIntegrityError } from './crypto.js';
import type { ScryptParams } from './types.js';

export const KEY_BYTES = 32;
export const SALT_BYTES = 32;
/** ~128 MiB, a few hundred ms on a laptop: hard enough for an offline guesser, fine once per command. */
export const DEFAULT_SCRYPT: ScryptParams = { logN: 17, r: 8, p: 1 };
export const SCRYPT_CAP = { minLogN: 10, maxLogN: 20, maxR: 16, maxP: 4, maxMemBytes: 1024 * 1024 * 1024 };

export function scryptMemBytes(s: ScryptParams): number {
  return 128 * 2 ** s.logN * s.r;
}

/** Why these parameters are refused, or undefined. Pure: runs before the KDF. */
export function scryptProblem(s: ScryptParams): string | undefined {
  const c = SCRYPT_CAP;
  if (!Number.isInteger(s.logN) || s.logN < c.minLogN || s.logN > c.maxLogN) return `log2(N)=${s.logN} outside ${c.minLogN}..${c.maxLogN}`;
  if (!Number.isInteger(s.r) || s.r < 1 || s.r > c.maxR) return `r=${s.r} outside 1..${c.maxR}`;
  if (!Number.isInteger(s.p) || s.p < 1 || s.p > c.maxP) return `p=${s.p} outside 1..${c.maxP}`;
  if (scryptMemBytes(s) > c.maxMemBytes) return `needs ${Math.round(scryptMemBytes(s) / 2 ** 20)} MiB, cap is ${Math.round(c.maxMemBytes / 2 ** 20)} MiB`;
  return undefined;
}

/** Throws before deriving when the parameters exceed the cap (a hostile or corrupted header). */
export async function deriveKey(passphrase: Buffer, salt: Uint8Array, s: ScryptParams): Promise<Uint8Array> {
  const problem = scryptProblem(s);
  if (problem) throw new StoreIntegrityError(`store asks for scrypt parameters beyond the cap (${problem}); refusing to run the KDF`, 'the store header is corrupted or was tampered with');
  const opts: ScryptOptions = { N: 2 ** s.logN, r: s.r, p: s.p, maxmem: scryptMemBytes(s) + 32 * 1024 * 1024 };
  const key = await new Promise<Buffer>((res, rej) => scryptCb(passphrase, salt, KEY_BYTES, opts, (e, k) => (e ? rej(e) : res(k))));
  return new Uint8Array(key.buffer, key.byteOffset, key.length);
}

/**
 * A key file holds exactly 32 raw bytes, or their hex/base64 text (one line), so it can be
 * generated with `head -c32 /dev/urandom` or `openssl rand -hex 32`.
 */
export async function readKeyFile(path: string): Promise<Uint8Array> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (e) {
    throw new UserError(`cannot read store key file ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, 'create one with: head -c32 /dev/urandom > FILE && chmod 600 FILE');
  }
  if (raw.length === KEY_BYTES) return new Uint8Array(raw);
  const text = raw.toString('latin1').trim();
  raw.fill(0);
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(text)) key = Buffer.from(text, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) key = Buffer.from(text, 'base64');
  if (!key || key.length !== KEY_BYTES) {
    throw new UserError(`store key file ${path} must hold 32 bytes (raw, 64 hex characters or base64)`, 'create one with: head -c32 /dev/urandom > FILE && chmod 600 FILE');
  }
  return new Uint8Array(key);
}

/** Group/world-readable key material is worth a warning, not a refusal (CI secrets mounts vary). */
export async function looseModeWarning(path: string, what: string): Promise<string | undefined> {
  try {
    const st = await stat(path);
    if ((st.mode & 0o077) !== 0) return `warning: ${what} ${path} is readable by others (mode ${(st.mode & 0o777).toString(8)}); chmod 600 it`;
  } catch {
    /* unreadable files fail later with a clearer message */
  }
  return undefined;
}
