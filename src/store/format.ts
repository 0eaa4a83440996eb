// Byte layout of the store file (pure). Everything after the header is authenticated: the
// index box is a secretbox, and it records the header's hash and every entry's hash, so any
// change to any byte is caught by the index MAC or by a hash comparison.
//
//   0   8  magic "SWCSTORE"
//   8   2  format version (u16 BE) = 2 (1: one key for index and entries; never released)
//  10   1  kdf: 1 = scrypt(passphrase), 2 = raw key file
//  11   1  scrypt log2(N)          } zero for key files
//  12   4  scrypt r (u32 BE)       }
//  16   4  scrypt p (u32 BE)       }
//  20  32  scrypt salt             }
//  52  12  reserved, zero
//  64   4  length L of the sealed index (u32 BE)
//  68   L  sealed index: nonce(24) || secretbox(JSON index) under the index key
//   …      entries, in index order: length (u32 BE) || nonce(24) || secretbox(value) under the entry key
// (index and entry keys: HKDF-SHA256 of the store key, see storeKeys in crypto.ts)
import { SALT_BYTES } from './kdf.js';
import { MAC_BYTES, NONCE_BYTES, StoreIntegrityError } from './crypto.js';
import type { ScryptParams } from './types.js';

export const MAGIC = Buffer.from('SWCSTORE', 'latin1');
export const FORMAT_VERSION = 2;
export const HEADER_BYTES = 64;
const MIN_BOX = NONCE_BYTES + MAC_BYTES;

export type KdfHeader = { kind: 'scrypt'; params: ScryptParams; salt: Buffer } | { kind: 'raw' };

export function encodeHeader(kdf: KdfHeader): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(h, 0);
  h.writeUInt16BE(FORMAT_VERSION, 8);
  if (kdf.kind === 'scrypt') {
    h.writeUInt8(1, 10);
    h.writeUInt8(kdf.params.logN, 11);
    h.writeUInt32BE(kdf.params.r, 12);
    h.writeUInt32BE(kdf.params.p, 16);
    kdf.salt.copy(h, 20, 0, SALT_BYTES);
  } else h.writeUInt8(2, 10);
  return h;
}

export function decodeHeader(file: Buffer): KdfHeader {
  if (file.length >= MAGIC.length && !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new StoreIntegrityError('not a swarmctl secret store (bad magic bytes)', 'check the store path (-c cluster.yaml store.path, or --store)');
  }
  if (file.length < HEADER_BYTES + 4) throw new StoreIntegrityError(`store truncated: ${file.length} bytes, shorter than the header`);
  const version = file.readUInt16BE(8);
  if (version !== FORMAT_VERSION) {
    const hint = version > FORMAT_VERSION ? 'upgrade swarmctl, or restore the store from version control' : 'format 1 was a development format that was never released: recreate the store and set its values again';
    throw new StoreIntegrityError(`unsupported store format version ${version} (this swarmctl reads version ${FORMAT_VERSION})`, hint);
  }
  const kind = file.readUInt8(10);
  if (kind === 2) return { kind: 'raw' };
  if (kind !== 1) throw new StoreIntegrityError(`store header names an unknown key derivation (${kind})`);
  const params = { logN: file.readUInt8(11), r: file.readUInt32BE(12), p: file.readUInt32BE(16) };
  return { kind: 'scrypt', params, salt: Buffer.from(file.subarray(20, 20 + SALT_BYTES)) };
}

/** Header bytes and the sealed index; bounds are checked, authenticity is not (no key yet). */
export function splitIndex(file: Buffer): { header: Buffer; sealedIndex: Buffer; entriesAt: number } {
  const len = file.readUInt32BE(HEADER_BYTES);
  const start = HEADER_BYTES + 4;
  if (len < MIN_BOX) throw new StoreIntegrityError('store index length is invalid');
  if (start + len > file.length) throw new StoreIntegrityError(`store truncated: index needs ${start + len} bytes, file has ${file.length}`);
  return { header: file.subarray(0, HEADER_BYTES), sealedIndex: file.subarray(start, start + len), entriesAt: start + len };
}

/**
 * Exactly `count` entries must follow. Ending on an entry boundary early means entries were
 * removed; ending inside one means truncation; bytes after the last one are appended data.
 */
export function splitEntries(file: Buffer, at: number, count: number): Buffer[] {
  const out: Buffer[] = [];
  let pos = at;
  while (out.length < count) {
    if (pos === file.length) throw new StoreIntegrityError(`store index lists ${count} entries but the file holds ${out.length}: entries were removed (or the file was cut at an entry boundary)`);
    if (pos + 4 > file.length) throw new StoreIntegrityError(`store truncated inside entry ${out.length}`);
    const len = file.readUInt32BE(pos);
    if (len < MIN_BOX) throw new StoreIntegrityError(`entry ${out.length} has an invalid length`);
    if (pos + 4 + len > file.length) throw new StoreIntegrityError(`store truncated inside entry ${out.length}`);
    out.push(file.subarray(pos + 4, pos + 4 + len));
    pos += 4 + len;
  }
  if (pos !== file.length) throw new StoreIntegrityError(`trailing data: ${file.length - pos} unexpected bytes after the last entry`);
  return out;
}

export function encodeFile(header: Buffer, sealedIndex: Buffer, entries: Buffer[]): Buffer {
  const parts: Buffer[] = [header, u32(sealedIndex.length), sealedIndex];
  for (const e of entries) parts.push(u32(e.length), e);
  return Buffer.concat(parts);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
