// `swarmctl status` as a value (pure): per-node rows, quorum and warnings from what each host and
// one manager reported. Kept apart from probing so the quorum cases are tested without hosts.
import type { EngineSwarmState, Role, SwarmMember } from './model.js';
import { isStale, formatAge, type PeerHandshake } from './handshake.js';
import { quorum, quorumWarnings, type Quorum } from './quorum.js';

export interface NodeProbe {
  name: string;
  role: Role;
  meshAddress?: string;
  handshakes?: PeerHandshake[];
  meshError?: string;
  engineVersion?: string;
  engine?: EngineSwarmState & { managersKnown?: number };
  engineError?: string;
  /** The engine answers but its swarm state does not (GET /info waiting on raft: no leader). */
  swarmStuck?: boolean;
}

export interface StatusRow {
  node: string;
  role: Role;
  meshAddress: string | null;
  handshakes: { peer: string; ageS: number | null; stale: boolean }[];
  swarmState: string;
  nodeState: string | null;
  availability: string | null;
  managerStatus: string | null;
  advertise: string | null;
  engineVersion: string | null;
}

export interface StatusReport {
  rows: StatusRow[];
  quorum: Quorum;
  leader: string | null;
  warnings: string[];
}

export function buildStatus(probes: NodeProbe[], members: SwarmMember[] | undefined, membersError?: string): StatusReport {
  const byId = new Map((members ?? []).map((m) => [m.id, m]));
  const rows: StatusRow[] = probes.map((p) => {
    const m = p.engine?.nodeId ? byId.get(p.engine.nodeId) : members?.find((x) => x.hostname === p.name);
    return {
      node: p.name,
      role: p.role,
      meshAddress: p.meshAddress ?? null,
      handshakes: (p.handshakes ?? []).map((h) => ({ peer: h.peer, ageS: h.ageS ?? null, stale: isStale(h) })),
      swarmState: p.engine ? p.engine.state : p.swarmStuck ? 'no answer (no leader?)' : `unreachable${p.engineError ? `: ${p.engineError}` : ''}`,
      nodeState: m?.state ?? null,
      availability: m?.availability ?? null,
      // Without a node list (no leader) an engine still knows it is a manager.
      managerStatus: m ? (m.role === 'manager' ? (m.leader ? 'leader' : (m.reachability ?? 'unknown')) : null) : p.engine?.controlAvailable ? 'manager, no node list' : null,
      advertise: m?.addr ?? p.engine?.nodeAddr ?? null,
      engineVersion: m?.engineVersion ?? p.engineVersion ?? null,
    };
  });

  let q: Quorum;
  if (members) {
    const mgrs = members.filter((m) => m.role === 'manager');
    q = quorum(mgrs.length, mgrs.filter((m) => m.reachability === 'reachable').length);
  } else {
    // No manager could list the nodes (typically: no leader). Count from what engines report.
    const known = Math.max(0, ...probes.map((p) => p.engine?.managersKnown ?? 0));
    // An inventory manager whose engine is up but whose swarm state hangs is a manager waiting for a leader.
    const up = probes.filter((p) => (p.engine?.state === 'active' && p.engine.controlAvailable) || (p.swarmStuck && p.role === 'manager')).length;
    q = quorum(known || probes.filter((p) => p.role === 'manager').length, up);
  }
  const warnings = [...quorumWarnings(q)];
  if (!members && membersError && q.managers > 0) warnings.push(`no manager could list the swarm's nodes: ${membersError}`);
  for (const p of probes) {
    if (p.engine?.state === 'locked') warnings.push(`${p.name}: swarm is locked (autolock) after a restart: \`swarmctl bootstrap\` unlocks it with the stored key`);
  }
  for (const r of rows) {
    const stale = r.handshakes.filter((h) => h.stale);
    if (stale.length) warnings.push(`${r.node}: stale WireGuard handshake with ${stale.map((h) => `${h.peer} (${formatAge(h.ageS ?? undefined)})`).join(', ')}`);
    if (r.meshAddress && r.advertise && r.advertise.replace(/:\d+$/, '') !== r.meshAddress) warnings.push(`${r.node}: advertises ${r.advertise}, not its mesh address ${r.meshAddress}`);
    if (r.nodeState && r.nodeState !== 'ready') warnings.push(`${r.node}: swarm node is ${r.nodeState}`);
  }
  const leader = members?.find((m) => m.leader);
  const leaderRow = leader ? rows.find((r) => probes.find((p) => p.name === r.node)?.engine?.nodeId === leader.id) : undefined;
  return { rows, quorum: q, leader: leaderRow?.node ?? leader?.hostname ?? null, warnings };
}
