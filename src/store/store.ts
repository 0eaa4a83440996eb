// The effectful edge of the store: read the file, lock, commit atomically. Everything about
// bytes and crypto lives in codec/format; this file only orders reads, locks and writes.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OperationError, UserError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { decodeStore, encodeStore } from './codec.js';
import { storeKeys } from './crypto.js';
import { Keyring } from './keyring.js';
import { withLock } from './lock.js';
import { cloneState, emptyState, resealState, type StoreState } from './state.js';
import { StateReader, Transaction } from './tx.js';
import type { CreateStoreOptions, Store, StoreKeySource, StoreTx } from './types.js';

export function storeExists(path: string): boolean {
  return existsSync(path);
}

/** For commands that need an existing store: say so before asking for a passphrase. */
export function assertStoreExists(path: string): void {
  if (!existsSync(path)) throw noStore(resolve(path));
}

function noStore(path: string): UserError {
  return new UserError(`no secret store at ${path}`, 'create it with `swarmctl secret set NAME` (or `swarmctl init`)');
}

/**
 * Writes an empty store and returns it open, so the caller neither asks for the passphrase again
 * nor pays scrypt twice. Refuses to overwrite anything, even under a race (checked under the lock).
 */
export async function createStore(path: string, key: StoreKeySource, opts: CreateStoreOptions = {}): Promise<Store> {
  const abs = resolve(path);
  const keyring = new Keyring(key);
  const { header, key: k } = await keyring.fresh(opts);
  const keys = storeKeys(k);
  try {
    mkdirSync(dirname(abs), { recursive: true }); // the lock file lives beside the store
  } catch (e) {
    throw new OperationError(`cannot create the store's directory ${dirname(abs)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  await withLock(abs, async () => {
    if (existsSync(abs)) throw new UserError(`a store already exists at ${abs}`, 'use it (swarmctl secret ls) or choose another path');
    writeStore(abs, encodeStore(emptyState(), header, keys));
  });
  return new FileStore(abs, keyring, emptyState(), keys.entry);
}

/** Reads and fully verifies the store; the result is a snapshot until a transaction commits. */
export async function openStore(path: string, key: StoreKeySource): Promise<Store> {
  const abs = resolve(path);
  const keyring = new Keyring(key);
  const d = await decodeStore(readStoreFile(abs), (kdf) => keyring.keyFor(kdf));
  return new FileStore(abs, keyring, d.state, d.keys.entry);
}

class FileStore extends StateReader implements Store {
  constructor(path: string, private keyring: Keyring, state: StoreState, entryKey: Uint8Array) {
    super(path, state, entryKey);
  }

  async transaction<T>(fn: (tx: StoreTx) => Promise<T> | T): Promise<T> {
    return withLock(this.path, async () => {
      const d = await decodeStore(readStoreFile(this.path), (kdf) => this.keyring.keyFor(kdf));
      const tx = new Transaction(this.path, cloneState(d.state), d.keys.entry);
      const result = await fn(tx);
      if (!tx.changed) {
        this.state = d.state; // still the freshest snapshot
        this.entryKey = d.keys.entry;
        return result;
      }
      const next = tx.pending();
      cleanTempFiles(this.path);
      writeStore(this.path, encodeStore(next, d.header, d.keys));
      this.state = next;
      this.entryKey = d.keys.entry;
      return result;
    });
  }

  async changeKey(newKey: StoreKeySource, opts: CreateStoreOptions = {}): Promise<void> {
    const keyring = new Keyring(newKey);
    const { header, key } = await keyring.fresh(opts);
    const keys = storeKeys(key);
    await withLock(this.path, async () => {
      const d = await decodeStore(readStoreFile(this.path), (kdf) => this.keyring.keyFor(kdf));
      // Every value is re-sealed under the new key: no entry stays readable with the old one.
      const next = { ...resealState(d.state, d.keys.entry, keys.entry), generation: d.state.generation + 1 };
      cleanTempFiles(this.path);
      writeStore(this.path, encodeStore(next, header, keys));
      this.state = next;
      this.entryKey = keys.entry;
      this.keyring = keyring;
    });
  }
}

function readStoreFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw noStore(path);
    throw new OperationError(`cannot read secret store ${path}: ${code ?? String(e)}`);
  }
}

function writeStore(path: string, bytes: Buffer): void {
  try {
    writeFileAtomic(path, bytes, 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    // The last step, the directory fsync, fails after the rename: the new file is in place.
    if (sameBytes(path, bytes)) {
      throw new OperationError(`secret store ${path} was written, but its directory could not be synced: ${code}`, 'the change is in place but may not survive a power cut; check the disk');
    }
    throw new OperationError(`cannot write secret store ${path}: ${code}`, 'the previous store file is unchanged');
  }
}

function sameBytes(path: string, bytes: Buffer): boolean {
  try {
    return readFileSync(path).equals(bytes);
  } catch {
    return false;
  }
}

/**
 * Temp files left by a writer of this store that was killed mid-save. Safe: we hold the lock.
 * Only writeFileAtomic's exact name for this file (`.<name>.<12 hex>.tmp`): a prefix match would
 * also take `.<name>.bak.<hex>.tmp`, another file's save in progress.
 */
function cleanTempFiles(path: string): void {
  const ours = new RegExp(`^\\.${basename(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[0-9a-f]{12}\\.tmp$`);
  for (const f of readdirSync(dirname(path))) {
    if (ours.test(f)) rmSync(join(dirname(path), f), { force: true });
  }
}
