// XSalsa20-Poly1305 (tweetnacl secretbox) with a random 24-byte nonce per box. A sealed box
// travels as nonce || ciphertext so it is self-contained.
import nacl from 'tweetnacl';
import { createHash, randomBytes } from 'node:crypto';

export const NONCE_BYTES = nacl.secretbox.nonceLength;
export const MAC_BYTES = nacl.secretbox.overheadLength;

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
