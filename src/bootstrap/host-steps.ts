// Per-host bootstrap steps that are plain commands: host preparation (bootstrap/host-prep.sh on
// stdin, so nothing is left behind and nothing needs copying first) and the firewall (installed
// script + unit, then run). Each returns the changes it made ([] when the host was converged).
import { readFile } from 'node:fs/promises';
import type { Host } from '../host/host.js';
import type { RemoteCommand } from '../host/command.js';
import { firewallScript, firewallUnit, SCRIPT_PATH, UNIT_NAME, UNIT_PATH } from '../swarm/firewall-script.js';
import { MESH_IFACE } from '../swarm/ports.js';

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

export async function prepareHost(host: Host, phase: 'prepare' | 'offload', dryRun: boolean): Promise<string[]> {
  prepScript ??= readFile(HOST_PREP, 'utf8');
  const r = await host.exec(hostPrepCommand(await prepScript, phase, dryRun));
  return changeLines(r.stdout);
}

export async function applyFirewall(host: Host, dryRun: boolean): Promise<string[]> {
  const script = firewallScript();
  if (dryRun) {
    const r = await host.exec({ step: 'firewall check', argv: ['sh', '-s', '--', '--check'], stdin: script, okExitCodes: [0, 3] });
    const installed = await host.exec({ step: 'firewall script check', argv: ['cat', SCRIPT_PATH], okExitCodes: [0, 1] });
    const out = r.exitCode === 3 ? ['rules for 2377/7946/4789 (INPUT, DOCKER-USER)'] : [];
    if (installed.stdout !== script) out.push(SCRIPT_PATH);
    return out;
  }
  const [s, u] = await Promise.all([
    host.upload({ path: SCRIPT_PATH, content: script, mode: 0o755 }),
    host.upload({ path: UNIT_PATH, content: firewallUnit(), mode: 0o644 }),
  ]);
  const changes = [...(s.changed ? [SCRIPT_PATH] : []), ...(u.changed ? [UNIT_PATH] : [])];
  // The unit is what survives a reboot; enable it where systemd runs (not in lab containers).
  const enable = await host.exec({
    step: 'enable firewall unit',
    argv: ['sh', '-c', '[ -d /run/systemd/system ] || exit 0; systemctl is-enabled -q "$1" && exit 0; systemctl daemon-reload && systemctl enable -q "$1" && echo enabled', 'sh', UNIT_NAME],
  });
  if (enable.stdout.includes('enabled')) changes.push(`enabled ${UNIT_NAME}`);
  const run = await host.exec({ step: 'firewall', argv: [SCRIPT_PATH] });
  if (run.stdout.trim() === 'changed') changes.push('rules for 2377/7946/4789 (INPUT, DOCKER-USER)');
  return changes;
}
