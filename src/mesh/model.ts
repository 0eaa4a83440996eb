// The mesh as data: for every node, its interface and its peers. Built once from the
// inventory, the allocated addresses and the public keys; every renderer reads only this.
import type { Inventory } from '../config/inventory.js';
import type { NodeAddress } from './addressing.js';
import { parseIp6 } from './ip.js';
import { pskName } from './secrets.js';

export interface PeerSpec {
  name: string;
  publicKey: string;
  /** Store name of the pair's pre-shared key (the value is never part of the model). */
  psk: string;
  allowedIps: string[];
  endpoint: string;
  keepalive: number;
}

export interface NodeMesh {
  cluster: string;
  name: string;
  publicKey: string;
  /** Interface addresses with prefix: ['10.99.0.1/24', 'fd99::1/64']. */
  addresses: string[];
  listenPort: number;
  mtu: number;
  peers: PeerSpec[];
}

export const INTERFACE = 'wg0';

/** `host:port`, with brackets around an IPv6 literal as WireGuard's Endpoint= requires. */
export function endpointOf(address: string, port: number): string {
  return parseIp6(address) === undefined ? `${address}:${port}` : `[${address}]:${port}`;
}

export function buildModel(
  inv: Pick<Inventory, 'cluster' | 'mesh' | 'nodes'>,
  addresses: ReadonlyMap<string, NodeAddress>,
  publicKey: (node: string) => string,
): NodeMesh[] {
  const { mesh } = inv;
  const addr = (n: string) => addresses.get(n) ?? missing(n);
  return inv.nodes.map((self) => {
    const a = addr(self.name);
    return {
      cluster: inv.cluster,
      name: self.name,
      publicKey: publicKey(self.name),
      addresses: [`${a.v4}/${a.prefix4}`, ...(a.v6 ? [`${a.v6}/${a.prefix6}`] : [])],
      listenPort: mesh.listenPort,
      mtu: mesh.mtu,
      peers: inv.nodes
        .filter((p) => p.name !== self.name)
        .map((p) => {
          const pa = addr(p.name);
          return {
            name: p.name,
            publicKey: publicKey(p.name),
            psk: pskName(self.name, p.name),
            // Only the peer's own addresses: no default route, no transit through a peer.
            allowedIps: [`${pa.v4}/32`, ...(pa.v6 ? [`${pa.v6}/128`] : [])],
            endpoint: endpointOf(p.address, mesh.listenPort),
            keepalive: mesh.keepalive,
          };
        }),
    };
  });
}

function missing(name: string): never {
  throw new Error(`no mesh address for node ${name}`);
}
