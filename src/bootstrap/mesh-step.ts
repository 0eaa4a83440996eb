// The mesh step of bootstrap, delegated to the mesh module (the same code as `mesh plan`/`apply`).
import type { Context } from '../cli/command.js';
import type { Inventory } from '../config/inventory.js';
import { OperationError } from '../errors.js';
import type { HostPool } from '../host/pool.js';
import { applyMesh, type MeshSummary } from '../mesh/apply.js';
import { isNoop } from '../mesh/diff.js';
import { planMesh } from '../mesh/plan.js';
import type { MeshStore } from '../mesh/secrets.js';

export interface MeshStepResult {
  changes: string[];
  /** The inventory with every node's mesh address recorded. */
  inventory: Inventory;
}

export type MeshStep = (ctx: Context, inv: Inventory, pool: HostPool, store: MeshStore, dryRun: boolean) => Promise<MeshStepResult>;

export const meshStep: MeshStep = async (ctx, inv, pool, store, dryRun) => {
  if (dryRun) {
    const plan = await planMesh(ctx, inv, pool, store);
    const failed = [...plan.failed].map(([n, e]) => `${n}: ${e.message}`);
    if (failed.length) throw new OperationError(`mesh: ${failed.join('; ')}`);
    const changes = [
      ...[...plan.prepared.allocated].map(([n, a]) => `${n}: allocate mesh address ${a}`),
      ...plan.prepared.newKeys.map((k) => `store: generate ${k}`),
      ...[...plan.plans].filter(([, p]) => !isNoop(p)).map(([n, p]) => `${n}: wg0 ${p.action} (${p.reasons.join(', ') || 'files'})`),
    ];
    return { changes, inventory: plan.prepared.inv };
  }
  const s = await applyMesh(ctx, inv, pool, store, { writeReview: true });
  if (!s.ok) throw new OperationError(`mesh: ${s.failed.map((n) => `${n}: ${s.hosts[n]?.error ?? 'failed'}`).join('; ')}`, 'swarmctl mesh status shows the details');
  return { changes: describeMesh(s), inventory: s.inventory };
};

export function describeMesh(s: MeshSummary): string[] {
  return [
    ...Object.entries(s.allocated).map(([n, a]) => `${n}: mesh address ${a} recorded in cluster.yaml`),
    ...s.keysCreated.map((k) => `store: generated ${k}`),
    ...Object.entries(s.hosts)
      .filter(([, h]) => (h.action && h.action !== 'none') || h.changedFiles.length)
      .map(([n, h]) => `${n}: wg0 ${h.action ?? 'files'}${h.changedFiles.length ? ` (${h.changedFiles.length} file(s))` : ''}`),
  ];
}
