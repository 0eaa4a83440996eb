// File bytes ⇄ StoreState. Pure apart from the key lookup, which is injected so the (slow,
// cached) KDF stays outside. Decoding verifies the whole file before returning anything.
import { z } from 'zod';
import { open, seal, sha256, storeKeys, StoreIntegrityError, WRONG_KEY_HINT, WRONG_KEY_MESSAGE, type StoreKeys } from './crypto.js';
import { decodeHeader, encodeFile, FORMAT_VERSION, splitEntries, splitIndex, type KdfHeader } from './format.js';
import { nameProblem } from './names.js';
import type { SecretState, StoreState } from './state.js';
import { SECRET_KINDS } from './types.js';

export interface Decoded {
  kdf: KdfHeader;
  header: Buffer;
  keys: StoreKeys;
  state: StoreState;
}

// The decrypted index: names, kinds, versions, users, the journal, and the hashes that bind the
// header and every entry to this exact file. Validated although authenticated: a bug in an
// older writer must not become undefined behaviour here.
const versionSchema = z.object({
  version: z.number().int().positive(),
  createdAt: z.string(),
  /** Position of this version's entry in the file. */
  entry: z.number().int().nonnegative(),
});

const secretSchema = z.object({
  name: z.string(),
  kind: z.enum(SECRET_KINDS),
  usedBy: z.array(z.string()),
  versions: z.array(versionSchema).min(1),
});

const indexSchema = z.object({
  format: z.literal(FORMAT_VERSION),
  /** Commit counter; every commit increments it. */
  generation: z.number().int().nonnegative(),
  /** sha256 of the 64 header bytes. */
  header: z.string(),
  /** sha256 of each entry (nonce || box), in file order. */
  entries: z.array(z.string()),
  secrets: z.array(secretSchema),
  journal: z.record(z.string(), z.unknown()),
});

type StoreIndex = z.infer<typeof indexSchema>;

export async function decodeStore(file: Buffer, keyFor: (kdf: KdfHeader) => Promise<Uint8Array>): Promise<Decoded> {
  const kdf = decodeHeader(file);
  const { header, sealedIndex, entriesAt } = splitIndex(file);
  const keys = storeKeys(await keyFor(kdf));
  const plain = open(sealedIndex, keys.index);
  if (!plain) throw new StoreIntegrityError(WRONG_KEY_MESSAGE, WRONG_KEY_HINT);
  const index = parseIndex(plain);
  if (index.header !== sha256(header)) throw new StoreIntegrityError('store header was modified (it does not match the authenticated index)');
  const entries = splitEntries(file, entriesAt, index.entries.length);
  verifyEntries(index, entries, keys.entry);
  return { kdf, header: Buffer.from(header), keys, state: toState(index, entries) };
}

function parseIndex(plain: Uint8Array): StoreIndex {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(plain).toString('utf8'));
  } catch {
    throw new StoreIntegrityError('store index is not valid JSON (written by a broken swarmctl?)');
  }
  const r = indexSchema.safeParse(json);
  if (!r.success) throw new StoreIntegrityError(`store index is malformed: ${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`);
  return r.data;
}

/** Every entry must hash to what the authenticated index recorded at that position. */
function verifyEntries(index: StoreIndex, entries: Buffer[], entryKey: Uint8Array): void {
  let owner: Map<number, string> | undefined;
  const who = (i: number) => {
    owner ??= new Map(index.secrets.flatMap((s) => s.versions.map((v) => [v.entry, `${s.name} v${v.version}`] as const)));
    return owner.get(i) ?? 'unreferenced';
  };
  for (let i = 0; i < entries.length; i++) {
    const h = sha256(entries[i]!);
    if (h === index.entries[i]) continue;
    const j = index.entries.indexOf(h);
    if (j >= 0) {
      // Entry j's ciphertext sits at i. If j still holds its own, this is a replayed copy
      // (an older version pasted over a newer one); otherwise entries were moved around.
      if (sha256(entries[j]!) === index.entries[j]) {
        throw new StoreIntegrityError(`entry ${i} (${who(i)}) was replaced by a copy of entry ${j} (${who(j)}): rolled back or replayed`);
      }
      throw new StoreIntegrityError(`entries swapped or reordered: entry ${i} (${who(i)}) holds the ciphertext of entry ${j} (${who(j)})`);
    }
    if (open(entries[i]!, entryKey)) {
      throw new StoreIntegrityError(`entry ${i} (${who(i)}) rolled back or spliced: a valid ciphertext under this key, but not the one the index records`);
    }
    throw new StoreIntegrityError(`entry ${i} (${who(i)}) authentication failed`);
  }
}

function toState(index: StoreIndex, entries: Buffer[]): StoreState {
  const secrets = new Map<string, SecretState>();
  const used = new Set<number>();
  for (const s of index.secrets) {
    if (nameProblem(s.name) || secrets.has(s.name)) throw new StoreIntegrityError(`store index is inconsistent: bad or duplicate name ${JSON.stringify(s.name)}`);
    const versions = s.versions.map((v, k) => {
      const sealed = entries[v.entry];
      if (!sealed || used.has(v.entry)) throw new StoreIntegrityError(`store index is inconsistent: ${s.name} v${v.version} points at entry ${v.entry}`);
      if (k > 0 && v.version <= s.versions[k - 1]!.version) throw new StoreIntegrityError(`store index is inconsistent: versions of ${s.name} out of order`);
      used.add(v.entry);
      return { version: v.version, createdAt: v.createdAt, sealed: Buffer.from(sealed), hash: index.entries[v.entry]! };
    });
    secrets.set(s.name, { name: s.name, kind: s.kind, usedBy: s.usedBy, versions });
  }
  if (used.size !== entries.length) throw new StoreIntegrityError('store index is inconsistent: some entries belong to no secret');
  return { generation: index.generation, secrets, journal: new Map(Object.entries(index.journal)) };
}

/** Entries in name order, versions ascending: the file is deterministic for a given state. */
export function encodeStore(state: StoreState, header: Buffer, keys: StoreKeys): Buffer {
  const entries: Buffer[] = [];
  const hashes: string[] = [];
  const secrets = [...state.secrets.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const indexSecrets = secrets.map((s) => ({
    name: s.name,
    kind: s.kind,
    usedBy: s.usedBy,
    versions: s.versions.map((v) => {
      entries.push(v.sealed);
      hashes.push(v.hash);
      return { version: v.version, createdAt: v.createdAt, entry: entries.length - 1 };
    }),
  }));
  const index: StoreIndex = {
    format: FORMAT_VERSION,
    generation: state.generation,
    header: sha256(header),
    entries: hashes,
    secrets: indexSecrets,
    journal: Object.fromEntries(state.journal),
  };
  const sealedIndex = seal(Buffer.from(JSON.stringify(index), 'utf8'), keys.index);
  return encodeFile(header, sealedIndex, entries);
}
