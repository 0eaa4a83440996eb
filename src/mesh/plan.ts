// `mesh plan`: prepare read-only, read every host's state in parallel, diff. Nothing is written.
import type { Context } from '../cli/command.js';
import type { Inventory, NodeSpec } from '../config/inventory.js';
import type { Host } from '../host/host.js';
import type { HostPool } from '../host/pool.js';
import { perHost } from '../ui/tasks.js';
import { backendFor } from './backend.js';
import { chooseBackend, planHost, type HostPlan } from './diff.js';
import { WG_QUICK_CONF } from './files.js';
import type { NodeMesh } from './model.js';
import { prepareMesh, type PreparedMesh } from './prepare.js';
import { networkdKeyFiles } from './render-networkd.js';
import { NETWORKD_DIR } from './render-networkd.js';
import { parseProbe, probeCommand, type LiveState } from './remote-state.js';
import type { MeshKeys, MeshStore } from './secrets.js';

/** Every path either backend may own, so one probe serves both. */
export function probedPaths(node: NodeMesh, keys: MeshKeys): string[] {
  return [`${NETWORKD_DIR}/wg0.netdev`, `${NETWORKD_DIR}/wg0.network`, ...networkdKeyFiles(node, keys).map((k) => k.path), WG_QUICK_CONF];
}

export async function readLive(host: Host, node: NodeMesh, keys: MeshKeys): Promise<LiveState> {
  return parseProbe((await host.exec(probeCommand(probedPaths(node, keys)))).stdout);
}

export function planFromLive(spec: NodeSpec, node: NodeMesh, keys: MeshKeys, live: LiveState): HostPlan {
  const backend = backendFor(chooseBackend(spec.wireguardBackend, live));
  return planHost(node, backend.kind, backend.files(node, keys), live);
}

export interface MeshPlan {
  prepared: PreparedMesh;
  plans: Map<string, HostPlan>;
  failed: Map<string, Error>;
}

export async function planMesh(ctx: Context, inv: Inventory, pool: HostPool, store: MeshStore): Promise<MeshPlan> {
  const prepared = await prepareMesh(inv, store, { readOnly: true });
  const byName = new Map(prepared.model.map((m) => [m.name, m]));
  const outcome = await perHost(ctx, inv.nodes.map((n) => n.name), (n) => `read mesh state of ${n}`, async (name) => {
    const node = byName.get(name)!;
    const spec = prepared.inv.nodes.find((n) => n.name === name)!;
    return planFromLive(spec, node, prepared.keys, await readLive(pool.get(name), node, prepared.keys));
  });
  return { prepared, plans: outcome.ok, failed: outcome.failed };
}
