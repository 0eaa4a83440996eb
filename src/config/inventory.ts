// The normalised inventory every command works from: paths resolved, defaults applied.
import type { ClusterFile } from './schema.js';

export interface HostRef {
  name: string;
  address: string;
  user: string;
  port: number;
  /** Absolute path of the SSH private key, if one is set. */
  identity?: string;
}

export interface NodeSpec extends HostRef {
  role: 'manager' | 'worker';
  labels: Record<string, string>;
  meshAddress?: string;
  wireguardBackend?: 'networkd' | 'userspace';
}

export interface Inventory {
  cluster: string;
  /** Absolute path of cluster.yaml and its directory (relative paths resolve against it). */
  file: string;
  dir: string;
  storePath: string;
  storeKeyFile?: string;
  ssh: { knownHosts?: string; strictHostKeyChecking: 'yes' | 'accept-new'; connectTimeout: number };
  mesh: ClusterFile['mesh'];
  swarm: ClusterFile['swarm'];
  nodes: NodeSpec[];
}
