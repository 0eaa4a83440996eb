// Firewall rules as data. Swarm ports are accepted on the mesh interface and dropped on every
// other one, in INPUT (traffic to the host) and DOCKER-USER (traffic Docker forwards to
// containers through a published port, which INPUT never sees).
//
// Rules live in chains swarmctl owns, written with `iptables-restore --noflush`: declaring a chain
// in a restore file flushes it, so one atomic commit replaces our rules and leaves everyone
// else's alone. The jumps into our chains are the only edits of shared chains, each guarded by
// `iptables -C` so a re-run adds nothing.
import { MESH_IFACE, SWARM_PORTS } from './model.js';

export const INPUT_CHAIN = 'SWARMCTL-INPUT';
export const FORWARD_CHAIN = 'SWARMCTL-DOCKER-USER';

export interface FirewallOptions {
  meshIface?: string;
}

export interface ChainJump {
  /** Shared chain we hook into. */
  from: 'INPUT' | 'DOCKER-USER';
  to: string;
}

export const JUMPS: readonly ChainJump[] = [
  { from: 'INPUT', to: INPUT_CHAIN },
  { from: 'DOCKER-USER', to: FORWARD_CHAIN },
];

/** Rule specs (the words after `-A CHAIN`) of our INPUT chain, in order. */
export function inputRules(o: FirewallOptions = {}): string[][] {
  const mesh = o.meshIface ?? MESH_IFACE;
  const rules: string[][] = [];
  for (const p of SWARM_PORTS) {
    const match = ['-p', p.proto, '-m', p.proto, '--dport', String(p.port)];
    // Loopback: a node talks to its own wg0 address through lo.
    rules.push(['-i', 'lo', ...match, '-j', 'RETURN']);
    rules.push(['-i', mesh, ...match, '-j', 'ACCEPT']);
    rules.push([...match, '-j', 'DROP']);
  }
  return rules;
}

/**
 * Rule specs of our DOCKER-USER chain. Matching the conntrack original destination port catches
 * a container port published as 2377/7946/4789 (DNAT rewrote the port before FORWARD), while
 * containers' own outbound connections (never DNATed) pass untouched.
 */
export function forwardRules(o: FirewallOptions = {}): string[][] {
  const mesh = o.meshIface ?? MESH_IFACE;
  return SWARM_PORTS.map((p) => ['!', '-i', mesh, '-p', p.proto, '-m', 'conntrack', '--ctstate', 'DNAT', '--ctorigdstport', String(p.port), '-j', 'DROP']);
}

/** An `iptables-restore --noflush` fragment for the filter table: our two chains, complete. */
export function restoreFragment(o: FirewallOptions = {}): string {
  const lines = ['*filter', `:${INPUT_CHAIN} - [0:0]`, `:${FORWARD_CHAIN} - [0:0]`];
  for (const r of inputRules(o)) lines.push(['-A', INPUT_CHAIN, ...r].join(' '));
  for (const r of forwardRules(o)) lines.push(['-A', FORWARD_CHAIN, ...r].join(' '));
  lines.push('COMMIT', '');
  return lines.join('\n');
}

/**
 * What `iptables -S CHAIN` prints once the fragment is loaded: the script compares it to decide
 * "unchanged" without touching anything. iptables normalises `-m tcp` etc. the same way.
 */
export function expectedListing(o: FirewallOptions = {}): Record<string, string> {
  const show = (chain: string, rules: string[][]) => [`-N ${chain}`, ...rules.map((r) => ['-A', chain, ...r].join(' '))].join('\n');
  return {
    [INPUT_CHAIN]: show(INPUT_CHAIN, inputRules(o)),
    [FORWARD_CHAIN]: show(FORWARD_CHAIN, forwardRules(o)),
  };
}

/** Idempotent jump into our chain at the top of a shared one: `-C || -I`, as argv words. */
export function jumpCheck(j: ChainJump): string[] {
  return ['iptables', '-w', '-C', j.from, '-j', j.to];
}
export function jumpInsert(j: ChainJump): string[] {
  return ['iptables', '-w', '-I', j.from, '1', '-j', j.to];
}
