// bootstrap: preflight → host prep → mesh → firewall → swarm. Each phase runs on every host in
// parallel (one SSH connection per host, reused by every phase) and the next phase starts only
// when all hosts passed. Every phase observes before it acts, so a second run changes nothing and
// a run killed anywhere completes when run again.
import type { Context } from '../cli/command.js';
import type { Inventory } from '../config/inventory.js';
import { OperationError } from '../errors.js';
import type { HostPool } from '../host/pool.js';
import { allocateAddresses } from '../mesh/addressing.js';
import type { Store } from '../store/index.js';
import { addressPoolFor } from '../swarm/address-pool.js';
import { applySwarm } from '../swarm/apply.js';
import type { DesiredNode } from '../swarm/model.js';
import { perHost, type Step } from '../ui/tasks.js';
import { applyFirewall, prepareHost } from './host-steps.js';
import { meshStep as defaultMeshStep, type MeshStep } from './mesh-step.js';
import { preflightHost } from './preflight.js';

export interface PhaseReport {
  phase: string;
  changes: string[];
  ms: number;
}

export interface BootstrapReport {
  dryRun: boolean;
  phases: PhaseReport[];
  warnings: string[];
  seconds: number;
}

export interface BootstrapDeps {
  mesh?: MeshStep;
}

export async function runBootstrap(ctx: Context, inv: Inventory, pool: HostPool, store: Store, dryRun: boolean, deps: BootstrapDeps = {}): Promise<BootstrapReport> {
  const started = Date.now();
  const names = inv.nodes.map((n) => n.name);
  const phases: PhaseReport[] = [];
  const warnings: string[] = [];
  // A configuration error (swarm.defaultAddrPool overlapping the mesh) is found before any host is touched.
  const addrPool = addressPoolFor(inv);
  const hostPhase = async (phase: string, work: (name: string, step: Step) => Promise<string[]>) => {
    const t0 = Date.now();
    const outcome = await perHost(ctx, names, (n) => `${phase}: ${n}`, work);
    if (outcome.failed.size) {
      const detail = [...outcome.failed].map(([n, e]) => `${n}: ${e.message}`).join('; ');
      throw new OperationError(`bootstrap stopped at ${phase}${dryRun ? ' (dry run)' : ''}: ${detail}`, 'fix the cause and run `swarmctl bootstrap` again: it resumes where it stopped');
    }
    phases.push({ phase, changes: names.flatMap((n) => (outcome.ok.get(n) ?? []).map((c) => `${n}: ${c}`)), ms: Date.now() - t0 });
  };

  await hostPhase('preflight', async (name) => preflightHost(inv, pool, name, warnings));
  await hostPhase('host preparation', (name) => prepareHost(pool.get(name), 'prepare', dryRun));
  // The mesh module shows its own per-host progress.
  const t0 = Date.now();
  const mesh = await (deps.mesh ?? defaultMeshStep)(ctx, inv, pool, store, dryRun);
  phases.push({ phase: 'mesh', changes: mesh.changes, ms: Date.now() - t0 });
  const desired = desiredNodes(mesh.inventory);
  await hostPhase('firewall', (name) => applyFirewall(pool.get(name), dryRun));
  const t1 = Date.now();
  await singleTask(ctx, 'swarm', async (step) => {
    const r = await applySwarm(desired, { defaultAddrPool: addrPool, autolock: inv.swarm.autolock }, { docker: (n) => pool.get(n).docker(), store, progress: step }, dryRun);
    phases.push({ phase: 'swarm', changes: r.changes, ms: Date.now() - t1 });
    warnings.push(...r.warnings);
  });
  return { dryRun, phases, warnings, seconds: (Date.now() - started) / 1000 };
}

export function desiredNodes(inv: Inventory): DesiredNode[] {
  const { addresses } = allocateAddresses(inv.nodes, inv.mesh);
  return inv.nodes.map((n) => ({ name: n.name, role: n.role, meshAddress: addresses.get(n.name)!.v4, labels: n.labels }));
}

/** A cluster-wide phase shown as one task (its progress lines under it). */
async function singleTask(ctx: Context, title: string, work: (step: Step) => Promise<void>): Promise<void> {
  const outcome = await perHost(ctx, [title], (t) => t, (_, step) => work(step));
  const err = outcome.failed.get(title);
  if (err) throw err instanceof OperationError ? err : new OperationError(`bootstrap stopped at ${title}: ${err.message}`, 'fix the cause and run `swarmctl bootstrap` again: it resumes where it stopped', { cause: err });
}
