// One line per planned change, for --dry-run and for the "what changed" summary.
import type { MembershipAction, NodeAction } from './model.js';

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
  const parts = [...Object.entries(a.set).map(([k, v]) => `+${k}=${v}`), ...a.remove.map((k) => `-${k}`)];
  return `${a.node}: labels ${parts.join(' ')}`;
}
