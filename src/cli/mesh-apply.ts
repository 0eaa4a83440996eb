// `swarmctl mesh apply`: the library call, then a summary; exit 1 if any host failed.
import type { Context, ParsedArgs } from './command.js';
import { openMesh } from './mesh-common.js';
import { applyMesh, type MeshSummary } from '../mesh/apply.js';
import { OperationError } from '../errors.js';

export function formatSummary(s: MeshSummary): string {
  const lines: string[] = [];
  for (const [n, a] of Object.entries(s.allocated)) lines.push(`${n}: allocated mesh address ${a} (recorded in cluster.yaml)`);
  if (s.keysCreated.length) lines.push(`generated ${s.keysCreated.length} key(s) into the secret store`);
  for (const [name, h] of Object.entries(s.hosts)) {
    if (h.status === 'failed') {
      lines.push(`${name}: FAILED: ${h.error}`);
      continue;
    }
    const files = h.changedFiles.length ? `${h.changedFiles.length} file(s) changed` : 'files unchanged';
    const verified = h.peers ? `, ${h.peers.filter((p) => p.ping).length}/${h.peers.length} peers answer` : '';
    lines.push(`${name} (${h.backend}): ${h.action === 'none' ? 'wg0 unchanged' : `wg0 ${h.action}`}, ${files}${verified}`);
  }
  lines.push(`mesh applied in ${(s.timings.applyMs / 1000).toFixed(1)} s, verified in ${(s.timings.verifyMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}

export async function run(ctx: Context, args: ParsedArgs): Promise<number> {
  const { inv, store, pool } = await openMesh(ctx, args, { createStore: true });
  try {
    const summary = await applyMesh(ctx, inv, pool, store, { verify: args.values['no-verify'] !== true });
    ctx.out(ctx.json ? JSON.stringify(summary, (k, v) => (k === 'inventory' ? undefined : v), 2) : formatSummary(summary));
    if (!summary.ok) {
      throw new OperationError(`mesh apply failed on ${summary.failed.join(', ')}`, 'the other hosts are configured; fix the named host(s) (swarmctl doctor) and run `swarmctl mesh apply` again');
    }
    return 0;
  } finally {
    await pool.closeAll();
  }
}
