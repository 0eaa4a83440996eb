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
