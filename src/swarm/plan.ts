// Membership planning (pure): from each engine's own state and the inventory, who inits, who
// unlocks, who joins as what and through which managers. Order matters and is kept: init, then
// unlocks, then managers one at a time (each raft membership change commits before the next),
// then workers.
import type { DesiredNode, EngineSwarmState, MembershipAction, MembershipPlan } from './model.js';
import { MANAGER_PORT } from './model.js';

const hostOf = (addr: string | undefined) => addr?.replace(/:\d+$/, '');

export function planMembership(desired: DesiredNode[], engines: EngineSwarmState[]): MembershipPlan {
  const byName = new Map(engines.map((e) => [e.name, e]));
  const actions: MembershipAction[] = [];
  const blockers: string[] = [];
  const warnings: string[] = [];

  for (const d of desired) {
    const e = byName.get(d.name);
    if (!e || e.state === 'unreachable') blockers.push(`${d.name}: Docker engine not reachable`);
  }
  const clusters = new Set(engines.filter((e) => e.clusterId).map((e) => e.clusterId!));
  if (clusters.size > 1) {
    blockers.push(`nodes belong to ${clusters.size} different swarms (${engines.filter((e) => e.clusterId).map((e) => `${e.name}→${e.clusterId!.slice(0, 12)}`).join(', ')}); swarmctl will not merge or force them: make the odd ones leave by hand`);
  }
  for (const d of desired) {
    const e = byName.get(d.name);
    if (e && (e.state === 'active' || e.state === 'locked') && e.nodeAddr && hostOf(e.nodeAddr) !== d.meshAddress) {
      blockers.push(`${d.name} is in the swarm advertising ${e.nodeAddr}, not its mesh address ${d.meshAddress}: Swarm traffic would leave the mesh; run \`docker swarm leave\` on it (after demoting it if it is a manager) and bootstrap again`);
    }
  }
  const managers = desired.filter((d) => d.role === 'manager');
  if (managers.length === 0) blockers.push('no node has role manager');
  if (managers.length % 2 === 0 && managers.length > 0) {
    warnings.push(`${managers.length} managers: an even count tolerates no more failures than ${managers.length - 1}; use an odd number`);
  }
  if (blockers.length) return { actions: [], blockers, warnings };

  const member = (d: DesiredNode) => ['active', 'locked'].includes(byName.get(d.name)!.state);
  const inSwarm = desired.filter(member);
  // Join through every manager already in the swarm: any one of them can admit the node.
  const via = inSwarm.filter((d) => d.role === 'manager').map((d) => `${d.meshAddress}:${MANAGER_PORT}`);
  if (inSwarm.length === 0) {
    const first = managers[0]!;
    actions.push({ kind: 'init', node: first.name, address: first.meshAddress });
    via.push(`${first.meshAddress}:${MANAGER_PORT}`);
  } else if (!inSwarm.some((d) => d.role === 'manager' && byName.get(d.name)!.controlAvailable) && !inSwarm.some((d) => byName.get(d.name)!.state === 'locked')) {
    warnings.push('no inventory manager currently serves the swarm API: joins may fail until quorum is back');
  }
  for (const d of desired) if (byName.get(d.name)!.state === 'locked') actions.push({ kind: 'unlock', node: d.name });
  const joining = desired.filter((d) => !member(d) && !actions.some((a) => a.kind === 'init' && a.node === d.name));
  for (const role of ['manager', 'worker'] as const) {
    for (const d of joining.filter((j) => j.role === role)) {
      actions.push({ kind: 'join', node: d.name, role, address: d.meshAddress, via: [...via] });
      if (role === 'manager') via.push(`${d.meshAddress}:${MANAGER_PORT}`);
    }
  }
  return { actions, blockers, warnings };
}
