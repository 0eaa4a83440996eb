// Verification after membership changes: every inventory node is a Ready member advertising its
// mesh address (and, for managers, reachable in raft). Polls: a fresh member turns Ready only
// after its first heartbeat.
import type Dockerode from 'dockerode';
import { OperationError } from '../errors.js';
import { listMembers } from './engine.js';
import { withTimeout } from '../util/timeout.js';
import type { DesiredNode, SwarmMember } from './model.js';
import { matchMembers } from './node-plan.js';

export function problems(desired: DesiredNode[], members: Map<string, SwarmMember>): string[] {
  const out: string[] = [];
  for (const d of desired) {
    const m = members.get(d.name);
    if (!m) out.push(`${d.name} is not a member`);
    else if (m.state !== 'ready') out.push(`${d.name} is ${m.state}`);
    else if (m.addr !== d.meshAddress) out.push(`${d.name} advertises ${m.addr}, not ${d.meshAddress}`);
    else if (m.role === 'manager' && m.reachability !== 'reachable') out.push(`${d.name} is an ${m.reachability ?? 'unknown'} manager`);
  }
  return out;
}

export async function waitForMembers(api: Dockerode, desired: DesiredNode[], ids: Map<string, string>, progress: (t: string) => void, timeoutMs = 60_000): Promise<SwarmMember[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Bounded per call too: the deadline below is never checked while a call hangs.
    const members = await withTimeout(listMembers(api), Math.max(deadline - Date.now(), 0) + 5_000, 'the manager did not list the nodes').catch((e: Error) => {
      throw new OperationError(`swarm did not converge: ${e.message}`, 'run `swarmctl status`, then `swarmctl bootstrap` again');
    });
    const left = problems(desired, matchMembers(desired, members, ids));
    if (left.length === 0) return members;
    if (Date.now() > deadline) throw new OperationError(`swarm did not converge: ${left.join('; ')}`, 'run `swarmctl status`, then `swarmctl bootstrap` again');
    progress(`waiting: ${left.join('; ')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
