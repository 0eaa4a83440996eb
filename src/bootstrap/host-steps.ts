// Per-host bootstrap steps that are plain commands: host preparation (bootstrap/host-prep.sh on
// stdin, so nothing is left behind and nothing needs copying first) and the firewall (installed
// script + unit, then run, in one round trip). Each returns the changes it made ([] when the host was converged).
import { readFile } from 'node:fs/promises';
import type { Host } from '../host/host.js';
import type { RemoteCommand } from '../host/command.js';
import { firewallCommand } from '../swarm/firewall-install.js';
import { MESH_IFACE } from '../swarm/model.js';

const HOST_PREP = new URL('../../bootstrap/host-prep.sh', import.meta.url);
let prepScript: Promise<string> | undefined;

/** Lines the host scripts print for each change ("changed: X" / "would change: X"). */
export function changeLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => /^(?:changed|would change): (.+)$/.exec(l.trim())?.[1])
    .filter((x): x is string => x !== undefined);
}

export function hostPrepCommand(script: string, phase: 'prepare' | 'offload', dryRun: boolean): RemoteCommand {
  const args = phase === 'offload' ? ['offload', MESH_IFACE] : ['prepare'];
  return {
    step: phase === 'offload' ? 'checksum-offload workaround' : 'host preparation',
    argv: ['sh', '-s', '--', ...args, ...(dryRun ? ['--check'] : [])],
    stdin: script,
    okExitCodes: dryRun ? [0, 3] : [0],
    timeoutMs: 60_000,
  };
}

function hostPrep(): Promise<string> {
  prepScript ??= readFile(HOST_PREP, 'utf8');
  return prepScript;
}

export async function prepareHost(host: Host, phase: 'prepare' | 'offload', dryRun: boolean): Promise<string[]> {
  const r = await host.exec(hostPrepCommand(await hostPrep(), phase, dryRun));
  return changeLines(r.stdout);
}

/** Firewall plus host-prep.sh's wg0 checksum-offload phase, in one round trip. */
export async function applyFirewall(host: Host, dryRun: boolean): Promise<string[]> {
  return changeLines((await host.exec(firewallCommand(dryRun, await hostPrep()))).stdout);
}
