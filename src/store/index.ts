// The secret store's public API (see docs/secrets.md). Other areas import from here only.
export type {
  SecretKind,
  SecretVersionMeta,
  SecretMeta,
  StoreKeySource,
  Store,
  StoreTx,
  StoreJournal,
  ReadonlyJournal,
  ScryptParams,
  CreateStoreOptions,
} from './types.js';
export { SECRET_KINDS } from './types.js';
export { storeExists, assertStoreExists, createStore, openStore } from './store.js';
export { resolveStoreKey, resolveNewStoreKey, readPassphraseFile, type KeySourceOptions } from './key-source.js';
export { nameProblem, assertValidName, isSecretKind, MAX_VALUE_BYTES } from './names.js';
export { DEFAULT_SCRYPT, SCRYPT_CAP } from './kdf.js';
export { StoreIntegrityError } from './crypto.js';
export { generateSecret, CHARSETS, type Charset } from './names.js';
