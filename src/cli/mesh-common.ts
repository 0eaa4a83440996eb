// What every `mesh` command opens: the inventory, the secret store (only the part of it the
// mesh uses) and one SSH connection per host.
import type { Context, ParsedArgs } from './command.js';
import { loadInventory } from '../config/load.js';
import type { Inventory } from '../config/inventory.js';
import { UserError } from '../errors.js';
import { HostPool } from '../host/pool.js';
import type { MeshStore } from '../mesh/secrets.js';
import { assertMeshValid } from '../mesh/validate.js';
import { createStore, openStore, resolveNewStoreKey, resolveStoreKey, storeExists } from '../store/index.js';

export interface MeshSession {
  inv: Inventory;
  store: MeshStore;
  pool: HostPool;
}

function keyOptions(args: ParsedArgs): { passphraseFile?: string; keyFile?: string } {
  const pf = args.values['passphrase-file'];
  const kf = args.values['key-file'];
  if (typeof pf === 'string' && typeof kf === 'string') throw new UserError('--passphrase-file and --key-file exclude each other');
  return { ...(typeof pf === 'string' ? { passphraseFile: pf } : {}), ...(typeof kf === 'string' ? { keyFile: kf } : {}) };
}

/** A store with nothing in it: `mesh plan` on a cluster whose store was never created. */
const EMPTY_STORE: MeshStore = {
  has: () => false,
  get: (name) => {
    throw new UserError(`no secret ${name}`);
  },
  transaction: () => Promise.reject(new Error('read-only')),
};

export async function openMesh(ctx: Context, args: ParsedArgs, opts: { createStore: boolean }): Promise<MeshSession> {
  const inv = loadInventory(ctx.configPath, ctx.cwd);
  assertMeshValid(inv); // before the store is opened or created, before any host is contacted
  let store: MeshStore;
  if (storeExists(inv.storePath)) {
    store = await openStore(inv.storePath, await resolveStoreKey(ctx, inv, keyOptions(args)));
  } else if (opts.createStore) {
    // createStore returns the store open: no second prompt, no second KDF run.
    store = await createStore(inv.storePath, await resolveNewStoreKey(ctx, inv, keyOptions(args)));
    ctx.err(`created the secret store ${inv.storePath}`);
  } else {
    store = EMPTY_STORE;
  }
  return { inv, store, pool: new HostPool(inv) };
}
