// XSalsa20-Poly1305 (tweetnacl secretbox) with a random 24-byte nonce per box, and the error
// raised when anything fails to authenticate. A sealed box travels as nonce || ciphertext.
import nacl from 'tweetnacl';
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { OperationError } from '../errors.js';

export const NONCE_BYTES = nacl.secretbox.nonceLength;
export const MAC_BYTES = nacl.secretbox.overheadLength;

/** The store key split by purpose: the index box and the value boxes never share a key. */
export interface StoreKeys {
  index: Uint8Array;
  entry: Uint8Array;
}

// Without this split, a value whose plaintext is a well-formed index (anyone who can get a value
// stored can choose one) could be moved into the index slot, and that forged index would then
// name, order and bind the real entries as its author likes.
export function storeKeys(storeKey: Uint8Array): StoreKeys {
  const sub = (info: string) => new Uint8Array(hkdfSync('sha256', storeKey, new Uint8Array(0), info, 32));
  return { index: sub('swarmctl secret store v2: index'), entry: sub('swarmctl secret store v2: entry') };
}

export function seal(plain: Uint8Array, key: Uint8Array): Buffer {
  // Node's CSPRNG; random nonces are safe for XSalsa20 (192-bit nonce space).
  const nonce = randomBytes(NONCE_BYTES);
  const box = nacl.secretbox(plain, nonce, key);
  return Buffer.concat([nonce, box]);
}

/** The plaintext, or null when the box does not authenticate under `key`. */
export function open(sealed: Uint8Array, key: Uint8Array): Uint8Array | null {
  if (sealed.length < NONCE_BYTES + MAC_BYTES) return null;
  const nonce = sealed.subarray(0, NONCE_BYTES);
  return nacl.secretbox.open(sealed.subarray(NONCE_BYTES), nonce, key);
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('base64');
}

/** Best effort: plaintext buffers are wiped once used (the GC may still hold copies). */
export function wipe(...bufs: (Uint8Array | undefined)[]): void {
  for (const b of bufs) b?.fill(0);
}

// A damaged or tampered store: exit 1 (the operation failed), and every message names what was
// detected, so "wrong passphrase" is never confused with truncation.
const HINT = 'the store file is damaged or was tampered with; restore it from version control (git checkout -- <store>) and retry';

export class StoreIntegrityError extends OperationError {
  constructor(message: string, hint = HINT) {
    super(message, hint);
  }
}

export const WRONG_KEY_MESSAGE = 'wrong passphrase or corrupted store';
export const WRONG_KEY_HINT = 'check the passphrase (or key file); if it is right, the store header is damaged: restore the file from version control';
