// A transaction's view: reads and writes on a private copy of the state. Values are sealed the
// moment they are set, so plaintext never sits in the pending state.
import { UserError } from '../errors.js';
import type { Secret } from '../util/redact.js';
import { seal, sha256, wipe } from './crypto.js';
import { assertKind, assertValidName, valueBytes } from './names.js';
import { findVersion, listSecrets, metaOf, revealVersion, type StoreState } from './state.js';
import type { ReadonlyJournal, SecretKind, SecretMeta, StoreJournal, StoreTx } from './types.js';

/** Read-side operations shared by Store and StoreTx. */
export class StateReader {
  constructor(
    readonly path: string,
    protected state: StoreState,
    /** The entry key (see storeKeys): values are sealed and opened with it, never the index. */
    protected entryKey: Uint8Array,
  ) {}
  get generation(): number {
    return this.state.generation;
  }
  get journal(): ReadonlyJournal {
    const j = this.state.journal;
    return { get: (k) => (j.has(k) ? structuredClone(j.get(k)) : undefined), keys: () => [...j.keys()].sort() };
  }
  list(): SecretMeta[] {
    return listSecrets(this.state);
  }
  has(name: string): boolean {
    return this.state.secrets.has(name);
  }
  meta(name: string): SecretMeta | undefined {
    const s = this.state.secrets.get(name);
    return s && metaOf(s);
  }
  get(name: string, version?: number): Secret {
    return revealVersion(findVersion(this.state, name, version), this.entryKey, name);
  }
}

export class Transaction extends StateReader implements StoreTx {
  readonly #journal: StoreJournal;
  /**
   * Whether anything changed. An idempotent re-run (setIfAbsent on existing keys, the same
   * journal record) then writes nothing, so the committed file shows no spurious git diff.
   */
  #changed = false;
  constructor(path: string, state: StoreState, entryKey: Uint8Array, private readonly now: () => Date = () => new Date()) {
    super(path, state, entryKey);
    const j = state.journal;
    this.#journal = {
      get: (k) => (j.has(k) ? structuredClone(j.get(k)) : undefined),
      set: (k, v) => {
        // JSON round trip: what the journal holds must survive the file exactly.
        const json = JSON.stringify(v ?? null);
        if (j.has(k) && JSON.stringify(j.get(k)) === json) return;
        j.set(k, JSON.parse(json) as unknown);
        this.#changed = true;
      },
      delete: (k) => void (j.delete(k) && (this.#changed = true)),
      keys: () => [...j.keys()].sort(),
    };
  }

  get changed(): boolean {
    return this.#changed;
  }

  override get journal(): StoreJournal {
    return this.#journal;
  }

  set(name: string, value: string | Buffer, opts: { kind: SecretKind; usedBy?: string[] }): number {
    assertValidName(name);
    const kind = assertKind(opts.kind);
    const bytes = valueBytes(value);
    const sealed = seal(bytes, this.entryKey);
    wipe(bytes); // always our own copy (valueBytes copies); the caller keeps `value`
    const prev = this.state.secrets.get(name);
    const version = prev ? prev.versions[prev.versions.length - 1]!.version + 1 : 1;
    const entry = { version, createdAt: this.now().toISOString(), sealed, hash: sha256(sealed) };
    this.state.secrets.set(name, {
      name,
      kind,
      usedBy: opts.usedBy ? normalise(opts.usedBy) : (prev?.usedBy ?? []),
      versions: [...(prev?.versions ?? []), entry],
    });
    this.#changed = true;
    return version;
  }

  setIfAbsent(name: string, make: () => string | Buffer, opts: { kind: SecretKind; usedBy?: string[] }): boolean {
    assertValidName(name);
    if (this.has(name)) return false;
    this.set(name, make(), opts);
    return true;
  }

  setUsedBy(name: string, usedBy: string[]): void {
    const s = this.state.secrets.get(name);
    if (!s) throw new UserError(`no secret named '${name}' in the store`);
    const next = normalise(usedBy);
    if (next.join('\n') === s.usedBy.join('\n')) return;
    s.usedBy = next;
    this.#changed = true;
  }

  rm(name: string): void {
    if (!this.state.secrets.delete(name)) throw new UserError(`no secret named '${name}' in the store`, 'swarmctl secret ls lists the names');
    this.#changed = true;
  }

  /** The state to commit, with the generation advanced. */
  pending(): StoreState {
    return { ...this.state, generation: this.state.generation + 1 };
  }
}

function normalise(usedBy: string[]): string[] {
  return [...new Set(usedBy)].sort();
}
