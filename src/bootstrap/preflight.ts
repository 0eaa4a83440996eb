// Before the work: every host's connection started early (warmUp), then doctor on each host.
// Preflight = doctor on one host. A blocking finding stops bootstrap before anything is touched;
// warnings (no IPVS in the lab, small clock skew) are carried to the summary.
import type { Inventory } from '../config/inventory.js';
import { isBlocking, runDoctor } from '../doctor/run.js';
import { OperationError } from '../errors.js';
import type { HostPool } from '../host/pool.js';

// Findings that are only about ports already held by a converged swarm are not blockers here:
// doctor already counts dockerd/WireGuard holders as ours.
export async function preflightHost(inv: Inventory, pool: HostPool, name: string, warnings: string[]): Promise<string[]> {
  const [report] = await runDoctor(inv, pool, [name]);
  if (!report) throw new OperationError(`${name}: doctor returned nothing`);
  for (const f of report.findings) if (f.status === 'warn') warnings.push(`${name}: ${f.check}: ${f.detail}`);
  if (isBlocking(report)) {
    const fails = report.findings.filter((f) => f.status === 'fail').map((f) => `${f.check}: ${f.detail}`);
    throw new OperationError(`blocking findings: ${fails.join('; ')}`, `swarmctl doctor shows the details`);
  }
  return [];
}

// warmUp starts every host's SSH connection and Docker socket forward without waiting for them.
// Failures are ignored here on purpose: the first real use (preflight) retries and reports them
// with the host's name and a hint, exactly as if there had been no warm-up.
export function warmUp(pool: HostPool): void {
  for (const host of pool.all()) {
    void host.connect?.().then(
      () => host.docker().catch(() => undefined),
      () => undefined,
    );
  }
}
