// Random secret values for `secret set --generate` and for later key/password generation.
// Rejection sampling keeps every character equally likely (no modulo bias).
import { randomBytes } from 'node:crypto';
import { UserError } from '../errors.js';

export const CHARSETS = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  // Printable ASCII without space: survives config files and shells when quoted.
  ascii: Array.from({ length: 126 - 33 + 1 }, (_, i) => String.fromCharCode(33 + i)).join(''),
} as const;

export type Charset = keyof typeof CHARSETS;
export const MIN_GENERATED_LENGTH = 8;
export const MAX_GENERATED_LENGTH = 4096;

export function isCharset(s: string): s is Charset {
  return Object.hasOwn(CHARSETS, s);
}

export function generateSecret(length = 32, charset: Charset = 'alnum'): string {
  if (!Number.isInteger(length) || length < MIN_GENERATED_LENGTH || length > MAX_GENERATED_LENGTH) {
    throw new UserError(`--length must be an integer from ${MIN_GENERATED_LENGTH} to ${MAX_GENERATED_LENGTH}`);
  }
  const alphabet = CHARSETS[charset];
  const limit = 256 - (256 % alphabet.length); // bytes at or above this would bias the result
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < limit) out += alphabet[b % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}
