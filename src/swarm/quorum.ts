// Raft arithmetic, said plainly: N managers need floor(N/2)+1 reachable to accept any change.
export interface Quorum {
  managers: number;
  reachable: number;
  needed: number;
  /** reachable - needed: how many more managers may fail before the swarm stops accepting changes. */
  margin: number;
  holds: boolean;
}

export function quorum(managers: number, reachable: number): Quorum {
  const needed = Math.floor(managers / 2) + 1;
  return { managers, reachable, needed, margin: reachable - needed, holds: managers > 0 && reachable >= needed };
}

/** How many manager failures N managers tolerate when all are up. */
export function faultTolerance(managers: number): number {
  return Math.max(0, Math.floor((managers - 1) / 2));
}

export function quorumWarnings(q: Quorum): string[] {
  const w: string[] = [];
  if (q.managers === 0) return ['no managers found: the swarm is not initialised (run `swarmctl bootstrap`)'];
  if (q.managers % 2 === 0) {
    w.push(`even number of managers (${q.managers}): it tolerates ${faultTolerance(q.managers)} failure(s), no more than ${q.managers - 1} would; use an odd number`);
  }
  if (!q.holds) {
    w.push(
      `QUORUM LOST: ${q.reachable} of ${q.managers} managers reachable, ${q.needed} needed. The swarm accepts no changes (no deploys, joins or updates); running tasks keep running. Bring managers back up; if they are gone for good, recovering needs \`docker swarm init --force-new-cluster\` on a healthy manager, by hand: swarmctl never does that on its own.`,
    );
  } else if (q.margin === 0) {
    w.push(`quorum holds with no margin: ${q.reachable} of ${q.managers} managers reachable, ${q.needed} needed; losing one more manager loses quorum`);
  } else if (q.reachable < q.managers) {
    w.push(`${q.managers - q.reachable} of ${q.managers} managers unreachable; quorum holds with margin ${q.margin}`);
  } else if (q.managers === 1) {
    w.push('a single manager: no fault tolerance (losing it loses the swarm control plane)');
  }
  return w;
}
