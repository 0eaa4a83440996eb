// Everything about the mesh that can be wrong in the inventory is found here, before any key
// is generated or any host is touched. Names and endpoints end up in INI files and shell words,
// so anything beyond a boring character set is refused rather than escaped.
import { ConfigError, type ConfigIssue } from '../errors.js';
import type { Inventory } from '../config/inventory.js';
import { NAME_RE } from '../config/schema.js';
import { contains, formatCidr, overlaps, parseCidr, parseIp, parseIp4, parseIp6, sizeOf, type Cidr } from './ip.js';

// An Inventory may also be built in code, so names (by the schema's own rule) and endpoints
// (stricter than the schema: they start with a letter or digit) are checked again here.
const SAFE_ENDPOINT = /^[A-Za-z0-9][A-Za-z0-9.:-]{0,252}$/;
const INJECTION = /[\u0000-\u001f\u007f[\]=#;"'\\\s]/;

// Ranges a mesh must not use: not routable as a mesh, or taken by Docker on every host
// (docker0's default bridge, the swarm ingress network's default subnet).
const RESERVED: Array<[string, string]> = [
  ['0.0.0.0/8', 'the "this network" range'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['172.17.0.0/16', "Docker's default bridge (docker0)"],
  ['10.0.0.0/24', "the swarm ingress network's default subnet"],
];

export function meshIssues(inv: Pick<Inventory, 'mesh' | 'nodes'>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const { mesh, nodes } = inv;
  const v4 = parseCidr(mesh.cidr, 4);
  if (!v4.ok) add('mesh.cidr', v4.problem);
  else checkCidr4(v4.cidr, nodes.length, add);
  let v6: Cidr | undefined;
  if (mesh.cidr6 !== undefined) {
    const r = parseCidr(mesh.cidr6, 6);
    if (!r.ok) add('mesh.cidr6', r.problem);
    else if (!overlaps(r.cidr, parseCidrOrThrow('fc00::/7', 6))) add('mesh.cidr6', `${mesh.cidr6} is not a unique local (fc00::/7) range`);
    else if (v4.ok && sizeOf(r.cidr) < sizeOf(v4.cidr)) add('mesh.cidr6', `must hold at least as many addresses as mesh.cidr (/${128 - (32 - v4.cidr.prefix)} or shorter)`);
    else v6 = r.cidr;
  }
  if (!Number.isInteger(mesh.listenPort) || mesh.listenPort < 1 || mesh.listenPort > 65535) add('mesh.listenPort', 'expected a port 1-65535');
  if (!Number.isInteger(mesh.mtu) || mesh.mtu < 1280 || mesh.mtu > 9000) add('mesh.mtu', 'expected 1280-9000');
  if (!Number.isInteger(mesh.keepalive) || mesh.keepalive < 0 || mesh.keepalive > 3600) add('mesh.keepalive', 'expected 0-3600 seconds');

  const seen = { name: new Map<string, number>(), address: new Map<string, number>(), mesh: new Map<string, number>() };
  const dup = (map: Map<string, number>, key: string, i: number, path: string, what: string) => {
    const prev = map.get(key);
    if (prev === undefined) map.set(key, i);
    else add(path, `duplicate ${what} '${key}' (also nodes[${prev}])`);
  };
  nodes.forEach((n, i) => {
    const at = `nodes[${i}]`;
    if (!NAME_RE.test(n.name)) add(`${at}.name`, `${JSON.stringify(n.name)}: expected lowercase letters, digits and "-", starting with a letter`);
    else dup(seen.name, n.name, i, `${at}.name`, 'node name');
    if (!SAFE_ENDPOINT.test(n.address)) add(`${at}.address`, `${JSON.stringify(n.address)}: expected a host name or IP address`);
    // A ':' is only right in an IPv6 literal; "host:port" would render as Endpoint=host:port:51820.
    else if (n.address.includes(':') && parseIp6(n.address) === undefined) add(`${at}.address`, `${JSON.stringify(n.address)}: not an IPv6 address (the WireGuard port is mesh.listenPort; no port here)`);
    else dup(seen.address, n.address, i, `${at}.address`, 'address');
    for (const [k, v] of Object.entries(n.labels ?? {})) {
      if (INJECTION.test(k) || INJECTION.test(v)) add(`${at}.labels.${k.replace(INJECTION, '?')}`, 'labels may not contain spaces, control characters, brackets, "=", "#", ";", quotes or backslashes');
    }
    const ip = parseIp(n.address);
    if (ip && v4.ok && ip.family === 4 && contains(v4.cidr, ip.value)) add(`${at}.address`, `${n.address} lies inside mesh.cidr ${mesh.cidr}: the mesh would route its own endpoint`);
    if (ip && v6 && ip.family === 6 && contains(v6, ip.value)) add(`${at}.address`, `${n.address} lies inside mesh.cidr6 ${mesh.cidr6}`);
    if (n.meshAddress === undefined) return;
    const m = parseIp4(n.meshAddress);
    if (m === undefined) return add(`${at}.meshAddress`, `${JSON.stringify(n.meshAddress)}: expected an IPv4 address in canonical form`);
    dup(seen.mesh, n.meshAddress, i, `${at}.meshAddress`, 'mesh address');
    if (!v4.ok) return;
    const last = v4.cidr.base + sizeOf(v4.cidr) - 1n;
    if (!contains(v4.cidr, m)) add(`${at}.meshAddress`, `${n.meshAddress} is outside mesh.cidr ${mesh.cidr}`);
    else if (m === v4.cidr.base || m === last) add(`${at}.meshAddress`, `${n.meshAddress} is the network or broadcast address of ${mesh.cidr}`);
  });
  return issues;
}

function checkCidr4(c: Cidr, nodeCount: number, add: (path: string, message: string) => void): void {
  const hosts = sizeOf(c) - 2n;
  if (c.prefix > 30 || hosts < BigInt(nodeCount)) {
    add('mesh.cidr', `${formatCidr(c)} is too small: room for ${hosts > 0n ? hosts : 0n} nodes, the inventory has ${nodeCount}`);
  }
  for (const [range, what] of RESERVED) {
    if (overlaps(c, parseCidrOrThrow(range, 4))) add('mesh.cidr', `${formatCidr(c)} overlaps ${range} (${what})`);
  }
}

function parseCidrOrThrow(text: string, family: 4 | 6): Cidr {
  const r = parseCidr(text, family);
  if (!r.ok) throw new Error(`bad built-in CIDR ${text}`);
  return r.cidr;
}

/** Throws ConfigError (exit 2) listing every problem at once. */
export function assertMeshValid(inv: Pick<Inventory, 'mesh' | 'nodes' | 'file'>): void {
  const issues = meshIssues(inv).map((i) => ({ ...i, file: inv.file }));
  if (issues.length) throw new ConfigError(issues, 'fix cluster.yaml, then run `swarmctl mesh plan`');
}
