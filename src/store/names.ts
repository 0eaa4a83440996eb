// What a secret name and value may be, and how values are generated. Names end up in Docker
// secret names, file paths on hosts and log lines, so the character set is strict and path
// tricks are impossible.
import { randomBytes } from 'node:crypto';
import { UserError } from '../errors.js';
import { SECRET_KINDS, type SecretKind } from './types.js';

/** Docker's limit for one secret. */
export const MAX_VALUE_BYTES = 500 * 1024;
export const MAX_NAME_LENGTH = 200;

// Segments start with a letter or digit, so '.', '..', '-x' and '_x' can never be a segment.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Why `name` is not acceptable, or undefined when it is. Pure, for tests and CLI hints. */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return 'name is empty';
  if (name.length > MAX_NAME_LENGTH) return `name is longer than ${MAX_NAME_LENGTH} characters`;
  if (name.includes('..')) return "name contains '..'";
  const segments = name.split('/');
  if (segments.some((s) => s.length === 0)) return 'name has an empty segment (leading, trailing or double /)';
  const bad = segments.find((s) => !SEGMENT.test(s));
  if (bad !== undefined) {
    return 'each /-separated segment must start with a letter or digit and contain only A-Z a-z 0-9 . _ -';
  }
  return undefined;
}

export function assertValidName(name: string): void {
  const problem = nameProblem(name);
  // The name is not secret, but it may contain a control character: show it JSON-quoted.
  if (problem) throw new UserError(`invalid secret name ${JSON.stringify(name)}: ${problem}`, 'example: app/db_password, wireguard/node1/private');
}

export function isSecretKind(kind: string): kind is SecretKind {
  return (SECRET_KINDS as readonly string[]).includes(kind);
}

export function assertKind(kind: string): SecretKind {
  if (!isSecretKind(kind)) throw new UserError(`unknown secret kind '${kind}'`, `one of: ${SECRET_KINDS.join(', ')}`);
  return kind;
}

/** Values as bytes; never echoes the value itself in an error. */
export function valueBytes(value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  if (bytes.length === 0) throw new UserError('secret value is empty');
  if (bytes.length > MAX_VALUE_BYTES) {
    throw new UserError(`secret value is ${bytes.length} bytes; the limit is ${MAX_VALUE_BYTES} (500 KB, Docker's secret limit)`);
  }
  return bytes;
}

// Random values for `secret set --generate` and key/password generation elsewhere.
// Rejection sampling keeps every character equally likely (no modulo bias).
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
