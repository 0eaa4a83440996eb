// The ports Swarm listens on. They are the whole attack surface of the control and data plane,
// so the firewall, the planner and the docs all read them from here.
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
