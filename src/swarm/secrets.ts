// Where the swarm's secrets live in the store, and the subset of the store API the swarm steps
// need (so tests pass a fake). Written only when the value differs: a converged re-run leaves
// the store file byte-for-byte untouched.
import type { Secret } from '../util/redact.js';
import type { Role } from './model.js';

type Kind = 'swarm-token' | 'swarm-unlock-key';
export interface SwarmStoreTx {
  set(name: string, value: string | Buffer, opts: { kind: Kind; usedBy?: string[] }): number;
}
export interface SwarmStore {
  has(name: string): boolean;
  get(name: string): Secret;
  transaction<T>(fn: (tx: SwarmStoreTx) => Promise<T> | T): Promise<T>;
}

export const tokenName = (role: Role) => `swarm/join-token/${role}`;
export const UNLOCK_KEY_NAME = 'swarm/unlock-key';

export interface SwarmSecretValues {
  tokens?: Record<Role, Secret>;
  unlockKey?: Secret;
}

/** Names whose stored value differs from the live one. */
export function staleNames(store: Pick<SwarmStore, 'has' | 'get'>, v: SwarmSecretValues): Array<{ name: string; value: Secret; kind: Kind }> {
  const want: Array<{ name: string; value: Secret; kind: Kind }> = [];
  if (v.tokens) for (const role of ['manager', 'worker'] as const) want.push({ name: tokenName(role), value: v.tokens[role], kind: 'swarm-token' });
  if (v.unlockKey && v.unlockKey.reveal()) want.push({ name: UNLOCK_KEY_NAME, value: v.unlockKey, kind: 'swarm-unlock-key' });
  return want.filter((w) => !store.has(w.name) || store.get(w.name).reveal() !== w.value.reveal());
}

/** Stores what changed in one transaction; returns the names written. */
export async function saveSwarmSecrets(store: SwarmStore, v: SwarmSecretValues): Promise<string[]> {
  const stale = staleNames(store, v);
  if (stale.length === 0) return [];
  await store.transaction((tx) => {
    for (const s of stale) tx.set(s.name, s.value.reveal(), { kind: s.kind, usedBy: ['swarm'] });
  });
  return stale.map((s) => s.name);
}
