// Shared fixtures for mesh unit tests: inventories, an in-memory store, fixed keys.
import type { Inventory, NodeSpec } from '../../../src/config/inventory.js';
import { Secret } from '../../../src/util/redact.js';
import type { MeshStore, MeshStoreTx } from '../../../src/mesh/secrets.js';

export function node(name: string, address: string, extra: Partial<NodeSpec> = {}): NodeSpec {
  return { name, address, user: 'root', port: 22, role: 'manager', labels: {}, ...extra };
}

export function inventory(nodes: NodeSpec[], mesh: Partial<Inventory['mesh']> = {}): Inventory {
  return {
    cluster: 'test',
    file: '/nonexistent/cluster.yaml',
    dir: '/nonexistent',
    storePath: '/nonexistent/secrets/store.enc',
    ssh: { strictHostKeyChecking: 'accept-new', connectTimeout: 5 },
    mesh: { cidr: '10.99.0.0/24', listenPort: 51820, mtu: 1420, keepalive: 25, ...mesh },
    nodes,
  };
}

export function threeNodes(): Inventory {
  return inventory([node('node1', '198.18.0.11'), node('node2', '198.18.0.12'), node('node3', '198.18.0.13')]);
}

/** The store API subset the mesh uses, in memory; counts transactions. */
export class MemoryStore implements MeshStore {
  readonly values = new Map<string, string>();
  transactions = 0;
  has(name: string): boolean {
    return this.values.has(name);
  }
  get(name: string): Secret {
    const v = this.values.get(name);
    if (v === undefined) throw new Error(`no ${name}`);
    return new Secret(v);
  }
  async transaction<T>(fn: (tx: MeshStoreTx) => Promise<T> | T): Promise<T> {
    this.transactions++;
    return fn({
      setIfAbsent: (name, make) => {
        if (this.values.has(name)) return false;
        const v = make();
        this.values.set(name, typeof v === 'string' ? v : v.toString('utf8'));
        return true;
      },
    });
  }
}
