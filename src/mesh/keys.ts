// WireGuard keys: X25519 (tweetnacl), 32 bytes, base64 with padding (44 characters).
// Keys read back from the store are validated the way `wg` parses them (exact length,
// canonical base64) and public keys are refused when they are low-order points, which
// would make every Diffie-Hellman result zero.
import nacl from 'tweetnacl';
import { randomBytes } from 'node:crypto';
import { Secret } from '../util/redact.js';

export const KEY_BYTES = 32;
export const KEY_CHARS = 44;

/** Clamp as RFC 7748 does, so the stored key equals what `wg genkey` would print. */
export function clamp(k: Uint8Array): Uint8Array {
  const c = Uint8Array.from(k);
  c[0]! &= 248;
  c[31] = (c[31]! & 127) | 64;
  return c;
}

export function generatePrivateKey(): Secret {
  return new Secret(Buffer.from(clamp(randomBytes(KEY_BYTES))).toString('base64'));
}

export function generatePsk(): Secret {
  return new Secret(randomBytes(KEY_BYTES).toString('base64'));
}

/** The public key of a (base64) private key; tweetnacl clamps the scalar itself, like wg. */
export function publicKeyOf(privateKey: Secret | string): string {
  const raw = decodeKey(typeof privateKey === 'string' ? privateKey : privateKey.reveal());
  if (!raw) throw new Error('not a WireGuard key');
  return Buffer.from(nacl.scalarMult.base(raw)).toString('base64');
}

const B64 = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

/** 32 bytes, or undefined unless `text` is exactly what `wg` accepts: 43 chars + '=', canonical. */
export function decodeKey(text: string): Uint8Array | undefined {
  // The 43rd character carries 4 bits of the key and 2 padding bits that must be zero:
  // only 16 of the 64 symbols are canonical there (wg's key_from_base64 checks the same).
  if (text.length !== KEY_CHARS || !B64.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

// Points of order 1, 2, 4 and 8 on Curve25519 and their non-canonical encodings ≥ p
// (the list libsodium refuses in crypto_scalarmult); the top bit is ignored by X25519.
const LOW_ORDER = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];

export function isLowOrder(point: Uint8Array): boolean {
  const p = Uint8Array.from(point);
  p[31]! &= 127;
  const hex = Buffer.from(p).toString('hex');
  return LOW_ORDER.includes(hex);
}

export type KeyKind = 'private' | 'public' | 'psk';

/** Why `text` is not a usable key of this kind, or undefined when it is. Never echoes the key. */
export function keyProblem(text: string, kind: KeyKind): string | undefined {
  if (text.length !== KEY_CHARS) return `expected ${KEY_CHARS} base64 characters, got ${text.length}`;
  const raw = decodeKey(text);
  if (!raw) return 'not canonical base64 of 32 bytes';
  if (kind === 'public' && isLowOrder(raw)) return 'a low-order point (every shared secret would be zero)';
  // A private key's public key is checked by the caller, which derives it anyway (one scalar
  // multiplication per key matters at 250 nodes).
  return undefined;
}
