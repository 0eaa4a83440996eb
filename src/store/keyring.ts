// Turns a StoreKeySource into the 32-byte store key for a given header, deriving at most once
// per (salt, parameters): a transaction re-reads the file but must not pay scrypt again.
import { randomBytes } from 'node:crypto';
import { UserError } from '../errors.js';
import { wipe } from './crypto.js';
import { encodeHeader, type KdfHeader } from './format.js';
import { DEFAULT_SCRYPT, SALT_BYTES, deriveKey, readKeyFile, scryptProblem } from './kdf.js';
import type { CreateStoreOptions, StoreKeySource } from './types.js';

export class Keyring {
  #cache: { id: string; key: Uint8Array } | undefined;
  constructor(readonly source: StoreKeySource) {}

  async keyFor(kdf: KdfHeader): Promise<Uint8Array> {
    const id = kdf.kind === 'raw' ? 'raw' : `${kdf.params.logN}/${kdf.params.r}/${kdf.params.p}/${kdf.salt.toString('base64')}`;
    if (this.#cache?.id === id) return this.#cache.key;
    // The old key is not wiped: a snapshot read before a concurrent `passwd` still uses it.
    const key = await this.#derive(kdf);
    this.#cache = { id, key };
    return key;
  }

  /** A fresh header (new random salt) and its key, for a new store or a re-key. */
  async fresh(opts: CreateStoreOptions = {}): Promise<{ header: Buffer; key: Uint8Array }> {
    let kdf: KdfHeader;
    if (this.source.kind === 'keyFile') kdf = { kind: 'raw' };
    else {
      const params = opts.scrypt ?? DEFAULT_SCRYPT;
      const problem = scryptProblem(params);
      if (problem) throw new UserError(`scrypt parameters refused: ${problem}`);
      kdf = { kind: 'scrypt', params, salt: randomBytes(SALT_BYTES) };
    }
    return { header: encodeHeader(kdf), key: await this.keyFor(kdf) };
  }

  async #derive(kdf: KdfHeader): Promise<Uint8Array> {
    const src = this.source;
    if (kdf.kind === 'raw') {
      if (src.kind !== 'keyFile') throw new UserError('this store is encrypted with a key file, not a passphrase', 'set store.keyFile in cluster.yaml or pass --key-file');
      return readKeyFile(src.path);
    }
    if (src.kind !== 'passphrase') throw new UserError('this store is protected by a passphrase, not a key file', 'pass --passphrase-file, set SWARMCTL_PASSPHRASE_FILE, or run on a terminal to be prompted');
    const pass = Buffer.from(src.passphrase.revealBuffer()); // a copy we may wipe
    try {
      return await deriveKey(pass, kdf.salt, kdf.params);
    } finally {
      wipe(pass);
    }
  }
}
