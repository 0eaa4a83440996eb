// Values the swarm planner reads and writes: the ports Swarm uses, what the inventory wants, what
// each engine reports, the actions planned, and one line per action for --dry-run and summaries.

// The ports are the whole attack surface of the control and data plane: the firewall, the planner
// and the docs read them from here.
export interface SwarmPort {
  port: number;
  proto: 'tcp' | 'udp';
  what: string;
}

export const SWARM_PORTS: readonly SwarmPort[] = [
  { port: 2377, proto: 'tcp', what: 'cluster management (raft, join)' },
  { port: 7946, proto: 'tcp', what: 'node gossip' },
  { port: 7946, proto: 'udp', what: 'node gossip' },
  { port: 4789, proto: 'udp', what: 'overlay data plane (VXLAN)' },
];

export const MANAGER_PORT = 2377;

/** Interface every Swarm byte between nodes must use. */
export const MESH_IFACE = 'wg0';

export type Role = 'manager' | 'worker';

export interface DesiredNode {
  name: string;
  role: Role;
  /** wg0 address: Swarm advertises, listens and carries VXLAN here only. */
  meshAddress: string;
  labels: Record<string, string>;
}

/** One engine's view of itself (GET /info → Swarm). */
export interface EngineSwarmState {
  name: string;
  /** 'unreachable' when the engine could not be asked. */
  state: 'inactive' | 'pending' | 'active' | 'error' | 'locked' | 'unreachable';
  nodeId?: string;
  clusterId?: string;
  /** ControlAvailable: this engine is a manager that can serve the API. */
  controlAvailable: boolean;
  /** Swarm.NodeAddr: the address it advertises. */
  nodeAddr?: string;
}

/** A member as a manager lists it (GET /nodes). */
export interface SwarmMember {
  id: string;
  version: number;
  hostname: string;
  role: Role;
  addr: string;
  labels: Record<string, string>;
  availability: string;
  state: string;
  managerAddr?: string;
  leader: boolean;
  reachability?: string;
  engineVersion?: string;
}

export type MembershipAction =
  | { kind: 'init'; node: string; address: string }
  | { kind: 'unlock'; node: string }
  | { kind: 'join'; node: string; role: Role; address: string; via: string[] };

export type NodeAction =
  | { kind: 'role'; node: string; from: Role; to: Role }
  | { kind: 'labels'; node: string; set: Record<string, string>; remove: string[] };

export interface MembershipPlan {
  actions: MembershipAction[];
  /** Reasons the plan cannot proceed safely (nothing is changed when there are any). */
  blockers: string[];
  warnings: string[];
}

export function describeMembership(a: MembershipAction, pool?: string): string {
  switch (a.kind) {
    case 'init':
      return `${a.node}: swarm init advertising/listening/data path on ${a.address}${pool ? `, default address pool ${pool}` : ''}`;
    case 'unlock':
      return `${a.node}: unlock the swarm with the stored unlock key`;
    case 'join':
      return `${a.node}: join as ${a.role} on ${a.address} via ${a.via.join(', ')}`;
  }
}

export function describeNode(a: NodeAction): string {
  if (a.kind === 'role') return `${a.node}: ${a.to === 'manager' ? 'promote' : 'demote'} ${a.from} → ${a.to}`;
  // The bookkeeping label (io.swarmctl.*) is an implementation detail; say only what the user set.
  const mine = (k: string) => !k.startsWith('io.swarmctl.');
  const parts = [...Object.entries(a.set).filter(([k]) => mine(k)).map(([k, v]) => `+${k}=${v}`), ...a.remove.filter(mine).map((k) => `-${k}`)];
  return `${a.node}: labels ${parts.join(' ') || '(bookkeeping)'}`;
}
