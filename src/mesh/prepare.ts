// Everything decided before a host is touched: validation, addresses (recorded once), keys
// (generated once into the store), the model. `mesh plan` runs it read-only: missing keys are
// stood in for by throwaway ones, so the plan shows what the first apply will do.
import type { Inventory } from '../config/inventory.js';
import { recordMeshAddresses } from '../config/record.js';
import type { Secret } from '../util/redact.js';
import { allocateAddresses, type NodeAddress } from './addressing.js';
import { generatePrivateKey, generatePsk } from './keys.js';
import { buildModel, type NodeMesh } from './model.js';
import { ensureKeys, loadKeys, missingKeys, type MeshKeys, type MeshStore } from './secrets.js';
import { assertMeshValid } from './validate.js';

export interface PreparedMesh {
  /** The inventory with every node's meshAddress filled in. */
  inv: Inventory;
  addresses: Map<string, NodeAddress>;
  /** Addresses allocated by this run (recorded in cluster.yaml unless read-only). */
  allocated: Map<string, string>;
  /** Store entries created (apply) or that would be created (plan). */
  newKeys: string[];
  keys: MeshKeys;
  model: NodeMesh[];
}

export async function prepareMesh(inv: Inventory, store: MeshStore, opts: { readOnly: boolean }): Promise<PreparedMesh> {
  assertMeshValid(inv);
  const { addresses, allocated } = allocateAddresses(inv.nodes, inv.mesh);
  if (!opts.readOnly) recordMeshAddresses(inv.file, allocated);
  const recorded: Inventory = { ...inv, nodes: inv.nodes.map((n) => ({ ...n, meshAddress: addresses.get(n.name)!.v4 })) };
  const names = inv.nodes.map((n) => n.name);
  let newKeys: string[];
  let keys: MeshKeys;
  if (opts.readOnly) {
    newKeys = missingKeys(store, names);
    keys = loadKeys(withStandIns(store, new Set(newKeys)), names);
  } else {
    newKeys = await ensureKeys(store, names);
    keys = loadKeys(store, names);
  }
  return { inv: recorded, addresses, allocated, newKeys, keys, model: buildModel(recorded, addresses, keys.publicKey) };
}

function withStandIns(store: MeshStore, missing: Set<string>): Pick<MeshStore, 'get'> {
  const made = new Map<string, Secret>();
  return {
    get(name) {
      if (!missing.has(name)) return store.get(name);
      if (!made.has(name)) made.set(name, name.endsWith('/private') ? generatePrivateKey() : generatePsk());
      return made.get(name)!;
    },
  };
}
