// Doctor's effects: per host, in parallel, one SSH round trip for facts plus one Docker API call.
import type { Inventory } from '../config/inventory.js';
import type { HostPool } from '../host/pool.js';
import { RemoteCommandError } from '../errors.js';
import { withTimeout } from '../util/timeout.js';
import { evaluate, type Finding } from './evaluate.js';
import { parseProbe, probeCommand } from './probe.js';

// A hung dockerd (or a forward nobody answers) must not hang doctor.
const DOCKER_TIMEOUT_MS = 15_000;

export interface HostReport {
  name: string;
  address: string;
  findings: Finding[];
  /** Facts later steps use (e.g. the WireGuard backend bootstrap should pick). */
  backend?: 'networkd' | 'userspace';
}

export function isBlocking(r: HostReport): boolean {
  return r.findings.some((f) => f.status === 'fail');
}

export async function runDoctor(inv: Inventory, pool: HostPool, names = inv.nodes.map((n) => n.name)): Promise<HostReport[]> {
  return Promise.all(names.map((name) => checkHost(inv, pool, name)));
}

async function checkHost(inv: Inventory, pool: HostPool, name: string): Promise<HostReport> {
  const host = pool.get(name);
  const { address, user, port } = host.ref;
  const report: HostReport = { name, address, findings: [] };
  const sshOk: Finding = { check: 'ssh', status: 'ok', detail: `${user}@${address}:${port}` };
  let stdout: string;
  let before: number;
  let after: number;
  try {
    // Connect first: an SSH handshake inside the timed round trip would shift its midpoint
    // (seconds on a loaded machine) and show up as clock skew.
    await host.connect?.();
    before = Date.now();
    stdout = (await host.exec(probeCommand())).stdout;
    after = Date.now();
  } catch (e) {
    const message = (e as Error).message;
    // Connected, but the probe itself failed (255 is ssh's own failure): typically `sudo -n`
    // wanting a password, which is the root check failing, not SSH.
    if (e instanceof RemoteCommandError && e.step === probeCommand().step && e.remoteExitCode !== 255) {
      report.findings.push(sshOk, { check: user === 'root' ? 'probe' : 'root', status: 'fail', detail: message });
    } else report.findings.push({ check: 'ssh', status: 'fail', detail: message });
    return report;
  }
  report.findings.push(sshOk);
  const facts = parseProbe(stdout);
  const skew = clockSkew(facts.values, before, after);
  const docker = await withTimeout(
    host.docker().then((d) => d.version()),
    DOCKER_TIMEOUT_MS,
    `no answer in ${DOCKER_TIMEOUT_MS / 1000} s`,
  )
    .then((v) => ({ version: v.Version, apiVersion: v.ApiVersion }))
    .catch((e: Error) => e);
  report.findings.push(...evaluate(facts, docker, skew, inv.mesh.listenPort));
  const node = inv.nodes.find((n) => n.name === name);
  report.backend = node?.wireguardBackend ?? (facts.values.wg_kernel === 'yes' ? 'networkd' : 'userspace');
  return report;
}

/**
 * Host clock minus ours, in seconds. The host read `time` one network leg after `before`; the
 * legs are the round trip less the script's own run time (time_end − time, on the host's clock,
 * so skew cancels), assumed equal. Without that correction a 1 s probe reads as −0.5 s skew.
 */
export function clockSkew(v: Record<string, string>, beforeMs: number, afterMs: number): number | undefined {
  const start = Number(v.time);
  if (!v.time || !Number.isFinite(start)) return undefined;
  const end = Number(v.time_end);
  const ran = v.time_end && Number.isFinite(end) && end >= start ? end - start : 0;
  const leg = Math.max(0, (afterMs - beforeMs) / 1000 - ran) / 2;
  return start - (beforeMs / 1000 + leg);
}
