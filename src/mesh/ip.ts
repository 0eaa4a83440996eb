// IPv4/IPv6 addresses and CIDRs as bigints, so one set of arithmetic serves both families.
// Parsing is strict and canonical: a mesh address is compared as text in cluster.yaml and
// rendered into INI files, so "10.099.0.1" or "fd00:0::1" must be refused, not normalised.

export type Family = 4 | 6;

export interface Cidr {
  family: Family;
  /** Network address (host bits zero). */
  base: bigint;
  prefix: number;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };
const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function parseIp4(text: string): bigint | undefined {
  if (!V4.test(text)) return undefined;
  return text.split('.').reduce((a, o) => a * 256n + BigInt(o), 0n);
}

export function formatIp4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}

export function parseIp6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]{2,39}$/.test(text) || (text.match(/::/g) ?? []).length > 1) return undefined;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((a, g) => (a << 16n) + BigInt(parseInt(g, 16)), 0n);
}

/** RFC 5952 canonical text: lowercase, no leading zeros, longest zero run (≥2) compressed. */
export function formatIp6(n: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt((7 - i) * 16)) & 0xffffn));
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len && j - i >= 2) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.len).join(':')}`;
}

export function parseIp(text: string): { family: Family; value: bigint } | undefined {
  const v4 = parseIp4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIp6(text);
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

export function formatIp(family: Family, n: bigint): string {
  return family === 4 ? formatIp4(n) : formatIp6(n);
}

export type CidrResult = { ok: true; cidr: Cidr } | { ok: false; problem: string };

export function parseCidr(text: string, family: Family): CidrResult {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  const ip = m ? parseIp(m[1]!) : undefined;
  if (!m || !ip || ip.family !== family) return { ok: false, problem: `expected an IPv${family} CIDR like ${family === 4 ? '10.99.0.0/24' : 'fd99::/64'}` };
  const prefix = Number(m[2]);
  if (prefix > BITS[family]) return { ok: false, problem: `prefix /${prefix} is longer than ${BITS[family]} bits` };
  const cidr = { family, base: ip.value, prefix };
  if (networkOf(cidr) !== ip.value) return { ok: false, problem: `host bits are set; the network is ${formatCidr({ ...cidr, base: networkOf(cidr) })}` };
  return { ok: true, cidr };
}

export function formatCidr(c: Cidr): string {
  return `${formatIp(c.family, c.base)}/${c.prefix}`;
}

export function sizeOf(c: Cidr): bigint {
  return 1n << BigInt(BITS[c.family] - c.prefix);
}

function networkOf(c: Cidr): bigint {
  return c.base - (c.base % sizeOf(c));
}

export function contains(c: Cidr, ip: bigint): boolean {
  return ip >= c.base && ip < c.base + sizeOf(c);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.base < b.base + sizeOf(b) && b.base < a.base + sizeOf(a);
}
