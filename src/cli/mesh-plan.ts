// `swarmctl mesh plan`: per host, the files that would change, the peer diff and the one
// action on wg0. Read-only: no key is generated, no address recorded, no file written.
import type { Context, ParsedArgs } from './command.js';
import { openMesh } from './mesh-common.js';
import { planMesh } from '../mesh/plan.js';
import { isNoop, type HostPlan } from '../mesh/diff.js';
import { redact } from '../util/redact.js';

const SIGN = { create: '+', update: '~', mode: '~', remove: '-', unchanged: ' ' } as const;

export function formatPlan(p: HostPlan): string {
  if (isNoop(p)) return `${p.node} (${p.backend}): no changes`;
  const lines = [`${p.node} (${p.backend}): ${p.action === 'none' ? 'files only' : `${p.action} wg0`}${p.reasons.length ? ` — ${p.reasons.join('; ')}` : ''}`];
  for (const f of p.files) if (f.change !== 'unchanged') lines.push(`  ${SIGN[f.change]} ${f.path} (${f.change}${f.secret ? ', secret' : ''})`);
  const peers = [...p.peers.added.map((n) => `+${n}`), ...p.peers.removed.map((n) => `-${n}`), ...p.peers.changed.map((n) => `~${n}`)];
  if (peers.length) lines.push(`  peers: ${peers.join(' ')}`);
  return lines.join('\n');
}

export function planJson(p: HostPlan): object {
  const { upload: _u, remove: _r, ...rest } = p;
  return { ...rest, peers: { added: p.peers.added, removed: p.peers.removed, changed: p.peers.changed } };
}

export async function run(ctx: Context, args: ParsedArgs): Promise<number> {
  const { inv, store, pool } = await openMesh(ctx, args, { createStore: false });
  try {
    const { prepared, plans, failed } = await planMesh(ctx, inv, pool, store);
    const ordered = inv.nodes.map((n) => plans.get(n.name)).filter((p): p is HostPlan => p !== undefined);
    if (ctx.json) {
      ctx.out(JSON.stringify({ allocate: Object.fromEntries(prepared.allocated), keysToGenerate: prepared.newKeys, hosts: ordered.map(planJson), failed: Object.fromEntries([...failed].map(([n, e]) => [n, redact(e.message)])) }, null, 2));
    } else {
      for (const [n, a] of prepared.allocated) ctx.out(`${n}: mesh address ${a} will be allocated and recorded in ${inv.file}`);
      if (prepared.newKeys.length) ctx.out(`${prepared.newKeys.length} key(s) will be generated into the secret store`);
      for (const p of ordered) ctx.out(formatPlan(p));
      for (const [n, e] of failed) ctx.out(`${n}: cannot read state: ${redact(e.message)}`);
    }
    return failed.size ? 1 : 0;
  } finally {
    await pool.closeAll();
  }
}
