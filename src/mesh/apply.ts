// `mesh apply` as a library call (bootstrap and `node join` use it too): prepare, then on all
// hosts in parallel read state → plan → upload changed files → one interface action; then
// verify every host against every peer that was configured. A failed host never stops the
// others; it is named in the summary.
import type { Context } from '../cli/command.js';
import type { Inventory } from '../config/inventory.js';
import type { HostPool } from '../host/pool.js';
import { perHost } from '../ui/tasks.js';
import { redact } from '../util/redact.js';
import { backendFor } from './backend.js';
import type { Action } from './diff.js';
import type { BackendKind } from './files.js';
import { planFromLive, readLive } from './plan.js';
import { prepareMesh } from './prepare.js';
import { writeReviewFiles } from './review.js';
import type { MeshStore } from './secrets.js';
import { judgeVerify, pingTargets, verifyCommand, type PeerCheck } from './verify.js';

export interface ApplyMeshOptions {
  /** Default true. Bootstrap may verify later itself. */
  verify?: boolean;
  /** Seconds each host gets to reach every peer (default 10). */
  verifyTimeoutS?: number;
  /** Write networkd/<node>/ review copies next to cluster.yaml (default true). */
  writeReview?: boolean;
}

export interface HostSummary {
  status: 'ok' | 'failed';
  backend?: BackendKind;
  action?: Action;
  /** Remote paths written or removed. */
  changedFiles: string[];
  peers?: PeerCheck[];
  error?: string;
}

export interface MeshSummary {
  ok: boolean;
  /** The inventory with every meshAddress recorded (use it for the steps after the mesh). */
  inventory: Inventory;
  allocated: Record<string, string>;
  keysCreated: string[];
  reviewFilesWritten: string[];
  hosts: Record<string, HostSummary>;
  /** Nodes whose apply or verification failed. */
  failed: string[];
  timings: { applyMs: number; verifyMs: number };
}

export async function applyMesh(ctx: Context, inv: Inventory, pool: HostPool, store: MeshStore, opts: ApplyMeshOptions = {}): Promise<MeshSummary> {
  const prepared = await prepareMesh(inv, store, { readOnly: false });
  const reviewFilesWritten = opts.writeReview === false ? [] : writeReviewFiles(inv.dir, prepared.model);
  const byName = new Map(prepared.model.map((m) => [m.name, m]));
  const names = inv.nodes.map((n) => n.name);
  const hosts: Record<string, HostSummary> = {};

  const t0 = Date.now();
  const applied = await perHost(ctx, names, (n) => `mesh ${n}`, async (name, step) => {
    const host = pool.get(name);
    const node = byName.get(name)!;
    const spec = prepared.inv.nodes.find((n) => n.name === name)!;
    step('reading state');
    const plan = planFromLive(spec, node, prepared.keys, await readLive(host, node, prepared.keys));
    const changedFiles: string[] = [];
    for (const f of plan.upload) {
      step(`writing ${f.path}`);
      if ((await host.upload(f)).changed) changedFiles.push(f.path);
    }
    if (plan.remove.length) {
      step('removing stale key files');
      await host.exec({ step: `remove ${plan.remove.length} stale key file(s)`, argv: ['rm', '-f', '--', ...plan.remove] });
      changedFiles.push(...plan.remove);
    }
    for (const cmd of backendFor(plan.backend).commands(node, plan)) {
      step(cmd.step);
      await host.exec(cmd);
    }
    hosts[name] = { status: 'ok', backend: plan.backend, action: plan.action, changedFiles };
    return plan;
  });
  const applyMs = Date.now() - t0;
  for (const [name, err] of applied.failed) hosts[name] = { status: 'failed', changedFiles: [], error: redact(err.message) };

  const t1 = Date.now();
  if (opts.verify !== false && applied.ok.size > 0) {
    const expected = new Set(applied.ok.keys());
    const timeoutS = opts.verifyTimeoutS ?? 10;
    const verified = await perHost(ctx, [...expected], (n) => `verify ${n}`, async (name) => {
      const node = byName.get(name)!;
      const r = await pool.get(name).exec(verifyCommand(pingTargets(node, expected), timeoutS));
      const v = judgeVerify(node, expected, r.stdout);
      hosts[name]!.peers = v.peers;
      if (!v.ok) throw new Error(`verification failed: ${v.problems.join('; ')}`);
      return v;
    });
    for (const [name, err] of verified.failed) Object.assign(hosts[name]!, { status: 'failed', error: redact(err.message) });
  }
  const failed = names.filter((n) => hosts[n]?.status !== 'ok');
  const ordered = Object.fromEntries(names.map((n) => [n, hosts[n]!]));
  return {
    ok: failed.length === 0,
    inventory: prepared.inv,
    allocated: Object.fromEntries(prepared.allocated),
    keysCreated: prepared.newKeys,
    reviewFilesWritten,
    hosts: ordered,
    failed,
    timings: { applyMs, verifyMs: Date.now() - t1 },
  };
}
