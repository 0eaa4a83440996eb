// swarmctl doctor: preflight every host; table or --json; exit 1 on blocking findings.
import type { Context, ParsedArgs } from './command.js';
import { loadInventory } from '../config/load.js';
import { HostPool } from '../host/pool.js';
import { runDoctor, isBlocking } from '../doctor/run.js';
import { renderTable, mark } from '../ui/table.js';
import { redact } from '../util/redact.js';

export async function run(ctx: Context, _args: ParsedArgs): Promise<number> {
  const inv = loadInventory(ctx.configPath, ctx.cwd);
  const pool = new HostPool(inv);
  try {
    const reports = await runDoctor(inv, pool);
    const blocking = reports.filter(isBlocking).map((r) => r.name);
    if (ctx.json) {
      // Details carry remote and Docker error text.
      ctx.out(redact(JSON.stringify({ cluster: inv.cluster, ok: blocking.length === 0, hosts: reports }, null, 2)));
    } else {
      const rows = reports.flatMap((r) => r.findings.map((f) => [r.name, f.check, mark[f.status], f.detail]));
      ctx.out(redact(renderTable(['NODE', 'CHECK', 'STATUS', 'DETAIL'], rows, { tty: ctx.stdoutIsTTY })));
      const warns = reports.flatMap((r) => r.findings.filter((f) => f.status === 'warn')).length;
      ctx.out(
        blocking.length
          ? `\n${blocking.length} of ${reports.length} host(s) have blocking findings: ${blocking.join(', ')}`
          : `\nall ${reports.length} host(s) ready${warns ? ` (${warns} warning${warns > 1 ? 's' : ''})` : ''}`,
      );
    }
    return blocking.length ? 1 : 0;
  } finally {
    await pool.closeAll();
  }
}
