// Where mesh keys live in the secret store, creating the missing ones, and reading them back
// validated. Only the subset of the store API the mesh needs, so tests can pass a fake.
import { UserError } from '../errors.js';
import { Secret } from '../util/redact.js';
import { generatePrivateKey, generatePsk, keyProblem, publicKeyOf } from './keys.js';

type Kind = 'wireguard-private-key' | 'wireguard-psk';
export interface MeshStoreTx {
  setIfAbsent(name: string, make: () => string | Buffer, opts: { kind: Kind; usedBy?: string[] }): boolean;
}
export interface MeshStore {
  has(name: string): boolean;
  get(name: string): Secret;
  transaction<T>(fn: (tx: MeshStoreTx) => Promise<T> | T): Promise<T>;
}

export const privateKeyName = (node: string) => `wireguard/${node}/private`;
export function pskName(a: string, b: string): string {
  const [x, y] = a < b ? [a, b] : [b, a];
  return `wireguard/psk/${x}--${y}`;
}

export function pairs(names: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) out.push([names[i]!, names[j]!]);
  return out;
}

/** Names of the keys that do not exist yet (what `mesh plan` reports as "to generate"). */
export function missingKeys(store: Pick<MeshStore, 'has'>, names: readonly string[]): string[] {
  const wanted = [...names.map(privateKeyName), ...pairs(names).map(([a, b]) => pskName(a, b))];
  return wanted.filter((n) => !store.has(n));
}

/** Generates every missing key in one store transaction; returns the names created. */
export async function ensureKeys(store: MeshStore, names: readonly string[]): Promise<string[]> {
  if (missingKeys(store, names).length === 0) return []; // no transaction: the store file stays untouched
  return store.transaction((tx) => {
    const created: string[] = [];
    for (const n of names) {
      if (tx.setIfAbsent(privateKeyName(n), () => generatePrivateKey().reveal(), { kind: 'wireguard-private-key', usedBy: [`node:${n}`] })) created.push(privateKeyName(n));
    }
    for (const [a, b] of pairs(names)) {
      const name = pskName(a, b);
      if (tx.setIfAbsent(name, () => generatePsk().reveal(), { kind: 'wireguard-psk', usedBy: [`node:${a}`, `node:${b}`] })) created.push(name);
    }
    return created;
  });
}

export interface MeshKeys {
  privateKey(node: string): Secret;
  publicKey(node: string): string;
  psk(a: string, b: string): Secret;
}

/** Reads and validates every key; a bad one is a UserError before any host is touched. */
export function loadKeys(store: Pick<MeshStore, 'get'>, names: readonly string[]): MeshKeys {
  const priv = new Map<string, Secret>();
  const pub = new Map<string, string>();
  // Nested maps: no string is built per lookup (62,250 lookups when rendering 250 nodes).
  const psks = new Map<string, Map<string, Secret>>();
  const pskOf = (a: string, b: string) => (a < b ? psks.get(a)?.get(b) : psks.get(b)?.get(a));
  const bad = (name: string, why: string) =>
    new UserError(`secret store entry ${name} is not a valid WireGuard key: ${why}`, `remove it (swarmctl secret rm ${name}) and run \`swarmctl mesh apply\` to generate a new one`);
  for (const n of names) {
    const s = trimmed(store.get(privateKeyName(n)));
    const why = keyProblem(s.reveal(), 'private');
    if (why) throw bad(privateKeyName(n), why);
    const pk = publicKeyOf(s);
    if (keyProblem(pk, 'public')) throw bad(privateKeyName(n), 'its public key is a low-order point');
    priv.set(n, s);
    pub.set(n, pk);
  }
  for (const [a, b] of pairs(names)) {
    const s = trimmed(store.get(pskName(a, b)));
    const why = keyProblem(s.reveal(), 'psk');
    if (why) throw bad(pskName(a, b), why);
    const [x, y] = a < b ? [a, b] : [b, a];
    if (!psks.has(x)) psks.set(x, new Map());
    psks.get(x)!.set(y, s);
  }
  return {
    privateKey: (n) => priv.get(n)!,
    publicKey: (n) => pub.get(n)!,
    psk: (a, b) => pskOf(a, b)!,
  };
}

// A key typed or pasted into the store may carry a trailing newline; wg ignores it too.
function trimmed(s: Secret): Secret {
  const v = s.reveal();
  return v === v.trim() ? s : new Secret(v.trim());
}
