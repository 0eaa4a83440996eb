// Names and addresses of a lab, derived from its directory alone, so several labs (the test
// suite's, each engineer's) coexist on one machine without a registry of labs.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

export const MAX_NODES = 9;
/** Node addresses start at .11 so .1 (bridge gateway) and low addresses stay free. */
export const FIRST_HOST_OCTET = 11;
/** Swarm wants an odd number of managers; three survive the loss of one. */
export const MANAGER_COUNT = 3;
/** Every docker resource of a lab carries this label with the lab id as value. */
export const LAB_LABEL = 'swarmctl.lab';

export function labId(dir: string): string {
  return createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 10);
}

export function networkName(id: string): string {
  return `swarmctl-${id}`;
}

export function nodeName(index: number): string {
  return `node${index}`;
}

export function containerName(id: string, index: number): string {
  return `swarmctl-${id}-${nodeName(index)}`;
}

/** `198.18.7.0/24`, 2 → `198.18.7.12` */
export function nodeAddress(subnet: string, index: number): string {
  const base = subnet.split('/')[0]!.split('.').slice(0, 3).join('.');
  return `${base}.${FIRST_HOST_OCTET + index - 1}`;
}

export function gatewayAddress(subnet: string): string {
  return `${subnet.split('/')[0]!.split('.').slice(0, 3).join('.')}.1`;
}

export function nodeRole(index: number): 'manager' | 'worker' {
  return index <= MANAGER_COUNT ? 'manager' : 'worker';
}

export interface LabNode {
  name: string;
  index: number;
  container: string;
  address: string;
}

export function labNodes(id: string, subnet: string, count: number): LabNode[] {
  return Array.from({ length: count }, (_, i) => ({
    name: nodeName(i + 1),
    index: i + 1,
    container: containerName(id, i + 1),
    address: nodeAddress(subnet, i + 1),
  }));
}

/** `--nodes` value → count, or an error message. */
export function parseNodeCount(raw: string | undefined, fallback: number): number | string {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) return `--nodes expects a whole number, got '${raw}'`;
  const n = Number(raw);
  if (n < 1 || n > MAX_NODES) return `--nodes must be between 1 and ${MAX_NODES}, got ${n}`;
  return n;
}
