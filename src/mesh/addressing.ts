// Mesh addresses: each node keeps the address recorded in cluster.yaml forever; a node without
// one gets the lowest free host address of the CIDR. The IPv6 address (when mesh.cidr6 is set)
// is derived from the IPv4 one — same host offset — so only one address needs recording.
import { UserError } from '../errors.js';
import { formatIp4, formatIp6, parseCidr, parseIp4, sizeOf, type Cidr } from './ip.js';

export interface NodeAddress {
  v4: string;
  v6?: string;
  /** Prefix lengths for the interface address (`Address=10.99.0.1/24`). */
  prefix4: number;
  prefix6?: number;
}

export interface Allocation {
  addresses: Map<string, NodeAddress>;
  /** Nodes whose address was allocated now and must be recorded in cluster.yaml. */
  allocated: Map<string, string>;
}

export function meshCidrs(mesh: { cidr: string; cidr6?: string | undefined }): { v4: Cidr; v6?: Cidr } {
  const v4 = parseCidr(mesh.cidr, 4);
  if (!v4.ok) throw new UserError(`mesh.cidr: ${v4.problem}`, 'fix mesh.cidr in cluster.yaml');
  if (!mesh.cidr6) return { v4: v4.cidr };
  const v6 = parseCidr(mesh.cidr6, 6);
  if (!v6.ok) throw new UserError(`mesh.cidr6: ${v6.problem}`, 'fix mesh.cidr6 in cluster.yaml');
  return { v4: v4.cidr, v6: v6.cidr };
}

/** Assumes the inventory passed validateMesh (addresses inside the CIDR, no duplicates). */
export function allocateAddresses(
  nodes: ReadonlyArray<{ name: string; meshAddress?: string | undefined }>,
  mesh: { cidr: string; cidr6?: string | undefined },
): Allocation {
  const { v4, v6 } = meshCidrs(mesh);
  const used = new Set<bigint>();
  for (const n of nodes) if (n.meshAddress) used.add(parseIp4(n.meshAddress)!);
  const first = v4.base + 1n;
  const last = v4.base + sizeOf(v4) - 2n; // network and broadcast addresses are not hosts
  let next = first;
  const addresses = new Map<string, NodeAddress>();
  const allocated = new Map<string, string>();
  for (const n of nodes) {
    let ip = n.meshAddress ? parseIp4(n.meshAddress)! : undefined;
    if (ip === undefined) {
      while (used.has(next) && next <= last) next++;
      if (next > last) throw new UserError(`mesh.cidr ${mesh.cidr} has no free address left for node ${n.name}`, 'use a larger mesh.cidr');
      ip = next;
      used.add(ip);
      allocated.set(n.name, formatIp4(ip));
    }
    const addr: NodeAddress = { v4: formatIp4(ip), prefix4: v4.prefix };
    if (v6) Object.assign(addr, { v6: formatIp6(v6.base + (ip - v4.base)), prefix6: v6.prefix });
    addresses.set(n.name, addr);
  }
  return { addresses, allocated };
}
