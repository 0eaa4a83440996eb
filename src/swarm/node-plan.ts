// Role and label planning (pure), once every node is a member. swarmctl owns only the label
// keys it has set before (remembered in MANAGED_KEY on the node), so labels added by hand or by
// other tools are never removed.
import type { DesiredNode, NodeAction, SwarmMember } from './model.js';

export const MANAGED_KEY = 'io.swarmctl.managed-labels';

/** Match inventory nodes to members: by node ID from each engine, else by hostname. */
export function matchMembers(desired: DesiredNode[], members: SwarmMember[], nodeIds: Map<string, string>): Map<string, SwarmMember> {
  const out = new Map<string, SwarmMember>();
  for (const d of desired) {
    const id = nodeIds.get(d.name);
    const m = members.find((x) => (id ? x.id === id : x.hostname === d.name));
    if (m) out.set(d.name, m);
  }
  return out;
}

export function managedKeys(labels: Record<string, string>): string[] {
  const v = labels[MANAGED_KEY];
  return v ? v.split(',').filter(Boolean) : [];
}

/** The full label set a node should end with. */
export function desiredLabels(current: Record<string, string>, wanted: Record<string, string>): Record<string, string> {
  const next = { ...current };
  for (const k of managedKeys(current)) if (!(k in wanted)) delete next[k];
  Object.assign(next, wanted);
  const keys = Object.keys(wanted).sort();
  if (keys.length) next[MANAGED_KEY] = keys.join(',');
  else delete next[MANAGED_KEY];
  return next;
}

export function planNodes(desired: DesiredNode[], members: Map<string, SwarmMember>): NodeAction[] {
  const actions: NodeAction[] = [];
  // Promotions before demotions: the manager count never dips below what the inventory wants.
  const roleChanges = desired.filter((d) => members.get(d.name) && members.get(d.name)!.role !== d.role).sort((a, b) => (a.role === 'manager' ? -1 : 1) - (b.role === 'manager' ? -1 : 1));
  for (const d of roleChanges) actions.push({ kind: 'role', node: d.name, from: members.get(d.name)!.role, to: d.role });
  for (const d of desired) {
    const current = members.get(d.name)?.labels ?? {};
    const next = desiredLabels(current, d.labels);
    const set: Record<string, string> = {};
    for (const [k, v] of Object.entries(next)) if (current[k] !== v) set[k] = v;
    const remove = Object.keys(current).filter((k) => !(k in next));
    if (Object.keys(set).length || remove.length) actions.push({ kind: 'labels', node: d.name, set, remove });
  }
  return actions;
}
