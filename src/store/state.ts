// The decrypted store in memory: the index as plain data, each value still sealed. Values are
// opened one at a time on `get`, so a command touching one secret never holds the others.
import { UserError } from '../errors.js';
import { Secret } from '../util/redact.js';
import { open, seal, sha256, wipe, StoreIntegrityError } from './crypto.js';
import type { SecretKind, SecretMeta } from './types.js';

export interface VersionState {
  version: number;
  createdAt: string;
  /** nonce || secretbox(value) */
  sealed: Buffer;
  /** sha256 of `sealed`, kept so a save does not re-hash 10,000 unchanged entries. */
  hash: string;
}

export interface SecretState {
  name: string;
  kind: SecretKind;
  usedBy: string[];
  versions: VersionState[];
}

export interface StoreState {
  generation: number;
  secrets: Map<string, SecretState>;
  journal: Map<string, unknown>;
}

export function emptyState(): StoreState {
  return { generation: 0, secrets: new Map(), journal: new Map() };
}

/** Copy deep enough that a transaction can be thrown away without touching the original. */
export function cloneState(s: StoreState): StoreState {
  const secrets = new Map<string, SecretState>();
  for (const [name, v] of s.secrets) secrets.set(name, { ...v, usedBy: [...v.usedBy], versions: [...v.versions] });
  return { generation: s.generation, secrets, journal: new Map([...s.journal].map(([k, v]) => [k, structuredClone(v)])) };
}

export function metaOf(s: SecretState): SecretMeta {
  return {
    name: s.name,
    kind: s.kind,
    usedBy: [...s.usedBy],
    versions: s.versions.map((v) => ({ version: v.version, createdAt: v.createdAt })),
  };
}

export function listSecrets(state: StoreState): SecretMeta[] {
  return [...state.secrets.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(metaOf);
}

export function findVersion(state: StoreState, name: string, version?: number): VersionState {
  const s = state.secrets.get(name);
  if (!s) throw new UserError(`no secret named '${name}' in the store`, 'swarmctl secret ls lists the names');
  if (version === undefined) return s.versions[s.versions.length - 1]!;
  const v = s.versions.find((x) => x.version === version);
  if (!v) {
    const have = s.versions.map((x) => x.version).join(', ');
    throw new UserError(`secret '${name}' has no version ${version}`, `versions: ${have}`);
  }
  return v;
}

export function revealVersion(v: VersionState, key: Uint8Array, name: string): Secret {
  const plain = open(v.sealed, key);
  // Cannot happen after a verified open (hashes are checked); kept as a guard, not a path.
  if (!plain) throw new StoreIntegrityError(`secret '${name}' version ${v.version} authentication failed`);
  return new Secret(Buffer.from(plain.buffer, plain.byteOffset, plain.length));
}

/** Every version opened with `from` and sealed again with `to` (fresh nonces). */
export function resealState(state: StoreState, from: Uint8Array, to: Uint8Array): StoreState {
  const next = cloneState(state);
  for (const s of next.secrets.values()) {
    s.versions = s.versions.map((v) => {
      const plain = open(v.sealed, from);
      if (!plain) throw new StoreIntegrityError(`secret '${s.name}' version ${v.version} authentication failed`);
      const sealed = seal(plain, to);
      wipe(plain);
      return { ...v, sealed, hash: sha256(sealed) };
    });
  }
  return next;
}
