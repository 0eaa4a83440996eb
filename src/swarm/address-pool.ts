// The default address pool for overlay networks. Docker's default (10.0.0.0/8) contains the usual
// mesh CIDR (10.99.0.0/24): an overlay subnet allocated on top of the mesh would route overlay
// traffic into wg0's own range. So the pool is chosen (or checked) against the mesh CIDR and the
// nodes' addresses before `swarm init`, the only moment it can be set.
import type { Inventory } from '../config/inventory.js';
import { UserError } from '../errors.js';
import { contains, overlaps, parseCidr as parseStrict, parseIp4, sizeOf, type Cidr } from '../mesh/ip.js';

export { overlaps, type Cidr };

/** An IPv4 CIDR as a range: host bits are dropped (the mesh's parser refuses them, with a reason). */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(text.trim());
  const ip = m ? parseIp4(m[1]!) : undefined;
  const prefix = Number(m?.[2]);
  if (ip === undefined || prefix > 32) return undefined;
  const size = sizeOf({ family: 4, base: 0n, prefix });
  return { family: 4, base: ip - (ip % size), prefix };
}

// Private ranges rarely used by clouds, VPNs or Docker's local bridges (172.17-31.x).
export const POOL_CANDIDATES = ['10.200.0.0/16', '10.201.0.0/16', '172.30.0.0/16', '192.168.208.0/20'];
export const SUBNET_SIZE = 24;

export interface PoolInput {
  meshCidr: string;
  /** Node SSH/public addresses that are IPs (host names are skipped). */
  nodeAddresses: string[];
  /** swarm.defaultAddrPool from cluster.yaml, if set. */
  configured?: string;
}

export function chooseAddressPool(p: PoolInput): string {
  const mesh = parseCidr(p.meshCidr);
  if (!mesh) throw new UserError(`mesh.cidr '${p.meshCidr}' is not an IPv4 CIDR`, 'fix mesh.cidr in cluster.yaml');
  const ips = p.nodeAddresses.map(parseIp4).filter((x): x is bigint => x !== undefined);
  const clash = (c: Cidr) => overlaps(c, mesh) || ips.some((ip) => contains(c, ip));
  if (p.configured) {
    const r = parseStrict(p.configured, 4);
    if (!r.ok) throw new UserError(`swarm.defaultAddrPool '${p.configured}': ${r.problem}`, 'e.g. 10.200.0.0/16');
    const c = r.cidr;
    if (c.prefix > SUBNET_SIZE) throw new UserError(`swarm.defaultAddrPool '${p.configured}' must be an IPv4 CIDR of /${SUBNET_SIZE} or larger`, 'e.g. 10.200.0.0/16');
    if (clash(c)) throw new UserError(`swarm.defaultAddrPool ${p.configured} overlaps the mesh CIDR ${p.meshCidr} or a node address`, `pick a range outside ${p.meshCidr}, e.g. ${POOL_CANDIDATES[0]}`);
    return p.configured;
  }
  const pick = POOL_CANDIDATES.find((t) => !clash(parseCidr(t)!));
  if (!pick) throw new UserError('no default address pool candidate is free of the mesh CIDR and node addresses', 'set swarm.defaultAddrPool in cluster.yaml');
  return pick;
}

/** The pool for this inventory: bootstrap checks it before any host is contacted. */
export function addressPoolFor(inv: Pick<Inventory, 'mesh' | 'nodes' | 'swarm'>): string {
  return chooseAddressPool({ meshCidr: inv.mesh.cidr, nodeAddresses: inv.nodes.map((n) => n.address), ...(inv.swarm.defaultAddrPool ? { configured: inv.swarm.defaultAddrPool } : {}) });
}
