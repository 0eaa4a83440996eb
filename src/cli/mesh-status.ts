// `swarmctl mesh status`: one row per (node, peer): latest handshake and transfer.
import type { Context, ParsedArgs } from './command.js';
import { openMesh } from './mesh-common.js';
import { meshStatus, type PairStatus } from '../mesh/status.js';
import { HANDSHAKE_FRESH_S } from '../mesh/verify.js';
import { renderTable } from '../ui/table.js';
import { redact } from '../util/redact.js';

function age(s: number | null): string {
  if (s === null) return 'never';
  return s < 120 ? `${s} s ago` : s < 7200 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}

function bytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

export function statusRows(pairs: PairStatus[]): string[][] {
  return pairs.map((p) => [p.node, p.peer, p.endpoint ?? '-', age(p.handshakeAgeS), bytes(p.rxBytes), bytes(p.txBytes), p.handshakeAgeS !== null && p.handshakeAgeS <= HANDSHAKE_FRESH_S ? 'up' : 'down']);
}

export async function run(ctx: Context, args: ParsedArgs): Promise<number> {
  const { inv, store, pool } = await openMesh(ctx, args, { createStore: false });
  try {
    const { pairs, failed } = await meshStatus(ctx, inv, pool, store);
    if (ctx.json) {
      ctx.out(JSON.stringify({ pairs, failed: Object.fromEntries([...failed].map(([n, e]) => [n, redact(e.message)])) }, null, 2));
    } else {
      ctx.out(renderTable(['NODE', 'PEER', 'ENDPOINT', 'LATEST HANDSHAKE', 'RX', 'TX', 'STATE'], statusRows(pairs), { tty: ctx.stdoutIsTTY }));
      for (const [n, e] of failed) ctx.out(`${n}: unreachable: ${redact(e.message)}`);
    }
    return failed.size ? 1 : 0;
  } finally {
    await pool.closeAll();
  }
}
