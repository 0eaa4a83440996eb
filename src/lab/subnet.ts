// Choosing the lab bridge's /24 inside 198.18.0.0/15 (RFC 2544 benchmarking space: never routed,
// so it cannot shadow a real network) that no other docker network on this machine uses.

const POOL_BASE = ipToInt('198.18.0.0');
/** 198.18.0.0/15 holds 512 /24s. */
export const POOL_SIZE = 512;

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`not an IPv4 address: ${ip}`);
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** [first, last] address of an IPv4 CIDR; undefined for IPv6 or garbage (they cannot overlap ours). */
export function cidrRange(cidr: string): [number, number] | undefined {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) return undefined;
  const bits = Number(m[2]);
  if (bits > 32) return undefined;
  let start: number;
  try {
    start = ipToInt(m[1]!);
  } catch {
    return undefined;
  }
  const size = 2 ** (32 - bits);
  start = start - (start % size);
  return [start, start + size - 1];
}

export function overlaps(a: string, b: string): boolean {
  const ra = cidrRange(a);
  const rb = cidrRange(b);
  return !!ra && !!rb && ra[0] <= rb[1] && rb[0] <= ra[1];
}

export function poolSubnet(k: number): string {
  return `${intToIp(POOL_BASE + (k % POOL_SIZE) * 256)}/24`;
}

/**
 * First free /24 scanning from a position derived from the lab id: two labs created at the same
 * moment most likely start at different places, so they rarely race for the same subnet.
 */
export function chooseSubnet(used: string[], id: string): string | undefined {
  const start = parseInt(id.slice(0, 6), 16) % POOL_SIZE;
  for (let i = 0; i < POOL_SIZE; i++) {
    const candidate = poolSubnet(start + i);
    if (!used.some((u) => overlaps(u, candidate))) return candidate;
  }
  return undefined;
}
