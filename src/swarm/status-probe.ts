// Gathering what `status` shows: per host one SSH command (wg0 address and handshakes) and one
// Engine API call, in parallel; then the node list from one manager that can serve it.
import type { Inventory } from '../config/inventory.js';
import type { Host } from '../host/host.js';
import type { HostPool } from '../host/pool.js';
import { apiErrorLine as firstLine, engineState, listMembers } from './engine.js';
import { withTimeout } from '../util/timeout.js';
import { parseAllowedIps, parseLatestHandshakes } from './handshake.js';
import type { SwarmMember } from './model.js';
import { MESH_IFACE } from './model.js';
import type { NodeProbe } from './status-model.js';

// `wg show ... dump` would include the private key; these two sub-commands never do.
const MESH_SCRIPT = `ip -4 -o addr show dev "$1" 2>/dev/null | awk '{print "addr", $4}'
echo "now $(date +%s)"
wg show "$1" latest-handshakes 2>/dev/null | sed 's/^/hs /'
wg show "$1" allowed-ips 2>/dev/null | sed 's/^/ips /'`;

export async function probeMesh(host: Host): Promise<Pick<NodeProbe, 'meshAddress' | 'handshakes'> & { rawHs: string; ips: Map<string, string>; now: number }> {
  const r = await host.exec({ step: 'read wg0', argv: ['sh', '-c', MESH_SCRIPT, 'sh', MESH_IFACE], timeoutMs: 15_000 });
  const lines = r.stdout.split('\n');
  const pick = (p: string) => lines.filter((l) => l.startsWith(`${p} `)).map((l) => l.slice(p.length + 1));
  const addr = pick('addr')[0]?.replace(/\/\d+$/, '');
  return { ...(addr ? { meshAddress: addr } : {}), rawHs: pick('hs').join('\n'), ips: parseAllowedIps(pick('ips').join('\n')), now: Number(pick('now')[0] ?? Date.now() / 1000) };
}

export interface Probed {
  probes: NodeProbe[];
  members?: SwarmMember[];
  membersError?: string;
}

export async function probeCluster(inv: Inventory, pool: HostPool): Promise<Probed> {
  const probes = await Promise.all(
    inv.nodes.map(async (n): Promise<NodeProbe> => {
      const host = pool.get(n.name);
      const p: NodeProbe = { name: n.name, role: n.role };
      const docker = host.docker();
      // GET /info waits for raft (up to ~20 s per call) when the swarm has no leader; GET /version
      // never does, so it tells "engine down" from "engine up, swarm stuck".
      const [mesh, eng, ver] = await Promise.allSettled([
        probeMesh(host),
        withTimeout(docker.then((d) => engineState(n.name, d)), INFO_TIMEOUT_MS, 'no answer'),
        withTimeout(docker.then((d) => d.version()), VERSION_TIMEOUT_MS, 'no answer'),
      ]);
      if (mesh.status === 'fulfilled') Object.assign(p, { meshAddress: mesh.value.meshAddress, raw: mesh.value });
      else p.meshError = (mesh.reason as Error).message;
      if (eng.status === 'fulfilled') Object.assign(p, { engine: eng.value, engineVersion: eng.value.engineVersion });
      else if (ver.status === 'fulfilled') Object.assign(p, { engineVersion: String(ver.value.Version), swarmStuck: true });
      else p.engineError = `Docker engine not answering (${firstLine(eng.reason)})`;
      return p;
    }),
  );
  // Peer names: a peer's allowed IP is its mesh address.
  const byAddr = new Map(probes.filter((p) => p.meshAddress).map((p) => [p.meshAddress!, p.name]));
  for (const p of probes as Array<NodeProbe & { raw?: Awaited<ReturnType<typeof probeMesh>> }>) {
    if (!p.raw) continue;
    const names = new Map([...p.raw.ips].map(([key, ip]) => [key, byAddr.get(ip) ?? ip]));
    p.handshakes = parseLatestHandshakes(p.raw.rawHs, p.raw.now, names);
    delete p.raw;
  }
  let membersError: string | undefined;
  for (const p of probes.filter((x) => x.engine?.controlAvailable)) {
    try {
      // Without a leader the node list waits ~20 s for raft; a status must answer sooner.
      return { probes, members: await withTimeout(listMembers(await pool.get(p.name).docker()), LIST_TIMEOUT_MS, 'no answer from the swarm (no leader?)') };
    } catch (e) {
      membersError = firstLine(e);
    }
  }
  return { probes, ...(membersError ? { membersError } : {}) };
}

const LIST_TIMEOUT_MS = 5_000;
const INFO_TIMEOUT_MS = 6_000;
const VERSION_TIMEOUT_MS = 5_000;
