// swarmctl status: mesh handshakes, swarm nodes, quorum; a table or --json. Exit 1 when quorum
// is lost or a node is unreachable, so scripts and monitors can act on it.
import type { Context, ParsedArgs } from './command.js';
import { loadInventory } from '../config/load.js';
import { HostPool } from '../host/pool.js';
import { probeCluster } from '../swarm/status-probe.js';
import { warmUp } from '../bootstrap/preflight.js';
import { buildStatus, type StatusReport } from '../swarm/status-model.js';
import { formatAge } from '../swarm/handshake.js';
import { renderTable } from '../ui/table.js';

export async function run(ctx: Context, _args: ParsedArgs): Promise<number> {
  const inv = loadInventory(ctx.configPath, ctx.cwd);
  const pool = new HostPool(inv);
  warmUp(pool);
  try {
    const probed = await probeCluster(inv, pool);
    const report = buildStatus(probed.probes, probed.members, probed.membersError);
    if (ctx.json) ctx.out(JSON.stringify({ cluster: inv.cluster, ...report }, null, 2));
    else ctx.out(render(report, ctx.stdoutIsTTY));
    const down = report.rows.some((r) => r.swarmState.startsWith('unreachable'));
    return report.quorum.holds && !down ? 0 : 1;
  } finally {
    await pool.closeAll();
  }
}

export function render(r: StatusReport, tty: boolean): string {
  const rows = r.rows.map((x) => [
    x.node,
    x.meshAddress ?? '-',
    x.handshakes.map((h) => `${h.peer} ${formatAge(h.ageS ?? undefined)}${h.stale ? '!' : ''}`).join('\n') || '-',
    x.swarmState.replace(/^unreachable: .*/, 'unreachable'),
    x.nodeState ?? '-',
    x.availability ?? '-',
    x.managerStatus ?? (x.role === 'worker' ? 'worker' : '-'),
    x.engineVersion ?? '-',
  ]);
  const table = renderTable(['NODE', 'MESH', 'HANDSHAKES', 'SWARM', 'STATE', 'AVAILABILITY', 'MANAGER', 'ENGINE'], rows, { tty });
  const q = r.quorum;
  const summary = q.managers
    ? `quorum: ${q.holds ? 'holds' : 'LOST'} — ${q.reachable}/${q.managers} managers reachable, ${q.needed} needed, margin ${Math.max(q.margin, 0)}${r.leader ? `; leader ${r.leader}` : ''}`
    : 'quorum: no swarm';
  const unreachable = r.rows.filter((x) => x.swarmState.startsWith('unreachable: ')).map((x) => `${x.node}: ${x.swarmState}`);
  return [table, '', summary, ...[...r.warnings, ...unreachable].map((w) => `warning: ${w}`)].join('\n');
}
