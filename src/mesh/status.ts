// `mesh status` data: every host's view of each peer (latest handshake, bytes each way),
// read with the same probe as planning; peers are named through the model's public keys.
import type { Context } from '../cli/command.js';
import type { Inventory } from '../config/inventory.js';
import type { HostPool } from '../host/pool.js';
import { perHost } from '../ui/tasks.js';
import { readLive } from './plan.js';
import { prepareMesh } from './prepare.js';
import type { LiveState } from './remote-state.js';
import type { MeshStore } from './secrets.js';
import type { NodeMesh } from './model.js';

export interface PairStatus {
  node: string;
  peer: string;
  endpoint: string | null;
  /** Unix seconds, null when never. */
  latestHandshake: number | null;
  handshakeAgeS: number | null;
  rxBytes: number;
  txBytes: number;
}

export function pairsFromLive(node: NodeMesh, live: LiveState): PairStatus[] {
  const nameOf = new Map(node.peers.map((p) => [p.publicKey, p.name]));
  const rows = live.peers.map((p) => ({
    node: node.name,
    peer: nameOf.get(p.publicKey) ?? `unknown ${p.publicKey.slice(0, 8)}…`,
    endpoint: p.endpoint ?? null,
    latestHandshake: p.latestHandshake || null,
    handshakeAgeS: p.latestHandshake ? live.now - p.latestHandshake : null,
    rxBytes: p.rx,
    txBytes: p.tx,
  }));
  const seen = new Set(live.peers.map((p) => p.publicKey));
  for (const p of node.peers) {
    if (!seen.has(p.publicKey)) rows.push({ node: node.name, peer: `${p.name} (not configured)`, endpoint: null, latestHandshake: null, handshakeAgeS: null, rxBytes: 0, txBytes: 0 });
  }
  return rows;
}

export async function meshStatus(ctx: Context, inv: Inventory, pool: HostPool, store: MeshStore): Promise<{ pairs: PairStatus[]; failed: Map<string, Error> }> {
  const prepared = await prepareMesh(inv, store, { readOnly: true });
  const byName = new Map(prepared.model.map((m) => [m.name, m]));
  const r = await perHost(ctx, inv.nodes.map((n) => n.name), (n) => `read wg0 on ${n}`, async (name) => {
    const node = byName.get(name)!;
    const live = await readLive(pool.get(name), node, prepared.keys);
    return pairsFromLive(node, live); // without wg0 every peer shows as not configured
  });
  const pairs = inv.nodes.flatMap((n) => r.ok.get(n.name) ?? []);
  return { pairs, failed: r.failed };
}
