// Public shapes of the secret store. Kept apart from the implementation so other areas
// (mesh, rotate, swarm) can import types without pulling in crypto or file I/O.
import type { Secret } from '../util/redact.js';

export const SECRET_KINDS = [
  'opaque',
  'wireguard-private-key',
  'wireguard-psk',
  'ssh-private-key',
  'swarm-token',
  'swarm-unlock-key',
  'cloudflare-token',
] as const;

export type SecretKind = (typeof SECRET_KINDS)[number];

export interface SecretVersionMeta {
  version: number;
  /** ISO-8601 UTC. */
  createdAt: string;
}

export interface SecretMeta {
  name: string;
  kind: SecretKind;
  /** Oldest first; the last one is what `get` returns by default. */
  versions: SecretVersionMeta[];
  /** Who consumes the secret (stack/service, node…); filled by later features. */
  usedBy: string[];
}

/** Where the store key comes from. A passphrase goes through scrypt; a key file holds the key itself. */
export type StoreKeySource = { kind: 'passphrase'; passphrase: Secret } | { kind: 'keyFile'; path: string };

export interface ReadonlyJournal {
  get(key: string): unknown;
  keys(): string[];
}

export interface StoreJournal extends ReadonlyJournal {
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export interface Store {
  /** Absolute path of the store file. */
  readonly path: string;
  /** Commit counter: grows by one with every committed transaction. */
  readonly generation: number;
  list(): SecretMeta[];
  has(name: string): boolean;
  meta(name: string): SecretMeta | undefined;
  /** Latest version by default; UserError if the name or version does not exist. */
  get(name: string, version?: number): Secret;
  /** The journal as of this snapshot (e.g. to find an interrupted rotation); write it in a transaction. */
  readonly journal: ReadonlyJournal;
  /** Lock, re-read the latest file, run fn, commit atomically (or nothing if fn throws). */
  transaction<T>(fn: (tx: StoreTx) => Promise<T> | T): Promise<T>;
  /** Re-encrypt everything under a new key (new salt, new nonces). Used by `secret passwd`. */
  changeKey(newKey: StoreKeySource, opts?: CreateStoreOptions): Promise<void>;
}

export interface StoreTx extends Omit<Store, 'transaction' | 'changeKey'> {
  /** Adds a new version (1 for a new name) and returns its number. */
  set(name: string, value: string | Buffer, opts: { kind: SecretKind; usedBy?: string[] }): number;
  /** For key generation: `make` runs only when the name is absent. True if created. */
  setIfAbsent(name: string, make: () => string | Buffer, opts: { kind: SecretKind; usedBy?: string[] }): boolean;
  /** Replaces the list of consumers of an existing secret. */
  setUsedBy(name: string, usedBy: string[]): void;
  /** Removes the name with all its versions; UserError if absent. */
  rm(name: string): void;
  /** Small JSON records committed atomically with the entries (rotation journals). */
  journal: StoreJournal;
}

export interface ScryptParams {
  /** N = 2^logN */
  logN: number;
  r: number;
  p: number;
}

export interface CreateStoreOptions {
  /** Only for passphrase stores. Defaults to DEFAULT_SCRYPT; tests pass a cheap setting. */
  scrypt?: ScryptParams;
}
