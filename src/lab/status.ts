// `lab status`: per node, what docker says about the container and what a real SSH login sees.
import { inspectContainer } from './docker.js';
import { probe } from './nodes.js';
import type { LabState } from './state.js';

export interface NodeStatus {
  name: string;
  container: string;
  address: string;
  state: string;
  sshd: boolean;
  dockerd: string | null;
  error?: string;
}

export async function labStatus(state: LabState): Promise<NodeStatus[]> {
  return Promise.all(
    state.nodes.map(async (n) => {
      const info = await inspectContainer(n.container);
      const base = { name: n.name, container: n.container, address: n.address, state: info?.status ?? 'missing' };
      if (!info?.running) return { ...base, sshd: false, dockerd: null };
      const p = await probe(state.dir, n.address, 8_000);
      return { ...base, sshd: p.sshd, dockerd: p.dockerd ?? null, ...(p.error ? { error: p.error } : {}) };
    }),
  );
}

export function statusRows(nodes: NodeStatus[]): string[][] {
  return nodes.map((n) => [n.name, n.address, n.state, n.sshd ? 'yes' : 'no', n.dockerd ?? (n.sshd ? 'not answering' : '-')]);
}
