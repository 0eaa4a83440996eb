// Values the swarm planner reads and writes: what the inventory wants, what each engine reports.
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
