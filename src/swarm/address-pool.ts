// The default address pool for overlay networks. Docker's default (10.0.0.0/8) contains the usual
// mesh CIDR (10.99.0.0/24): an overlay subnet allocated on top of the mesh would route overlay
// traffic into wg0's own range. So the pool is chosen (or checked) against the mesh CIDR and the
// nodes' addresses before `swarm init`, the only moment it can be set.
import type { Inventory } from '../config/inventory.js';
import { UserError } from '../errors.js';

export interface Cidr {
  base: number;
  bits: number;
}

export function parseCidr(text: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const addr = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - bits);
  return { base: addr - (addr % size), bits };
}

export function parseIp(text: string): number | undefined {
  return parseCidr(`${text}/32`)?.base;
}

const size = (c: Cidr) => 2 ** (32 - c.bits);

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

export function contains(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip < c.base + size(c);
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
  const ips = p.nodeAddresses.map(parseIp).filter((x): x is number => x !== undefined);
  const clash = (c: Cidr) => overlaps(c, mesh) || ips.some((ip) => contains(c, ip));
  if (p.configured) {
    const c = parseCidr(p.configured);
    if (!c || c.bits > SUBNET_SIZE) throw new UserError(`swarm.defaultAddrPool '${p.configured}' must be an IPv4 CIDR of /${SUBNET_SIZE} or larger`, 'e.g. 10.200.0.0/16');
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
