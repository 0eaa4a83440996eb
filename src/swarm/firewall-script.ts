// The firewall as files installed on the host: a script that converges the rules (run now, and at
// every boot by a systemd unit ordered before Docker and the network), so the rules outlive a
// reboot and never depend on swarmctl being around.
import { quote } from '../host/command.js';
import { JUMPS, expectedListing, jumpCheck, jumpInsert, restoreFragment, type FirewallOptions } from './firewall.js';

export const SCRIPT_PATH = '/usr/local/sbin/swarmctl-firewall';
export const UNIT_PATH = '/etc/systemd/system/swarmctl-firewall.service';
export const UNIT_NAME = 'swarmctl-firewall.service';

/**
 * Prints "unchanged" when every rule and jump is already in place, else applies and prints
 * "changed". `--check` only reports (exit 3 when a change would be made): bootstrap --dry-run.
 */
export function firewallScript(o: FirewallOptions = {}): string {
  const expected = expectedListing(o);
  const listing = Object.entries(expected)
    .map(([chain, text]) => `[ "$(iptables -w -S ${chain} 2>/dev/null)" = ${quote(text)} ] || ok=no`)
    .join('\n');
  const jumpsOk = JUMPS.map((j) => `${jumpCheck(j).join(' ')} 2>/dev/null || ok=no`).join('\n');
  const jumpsAdd = JUMPS.map((j) => `${jumpCheck(j).join(' ')} 2>/dev/null || ${jumpInsert(j).join(' ')}`).join('\n');
  return `#!/bin/sh
# Installed by swarmctl bootstrap: Swarm ports (2377/tcp, 7946/tcp+udp, 4789/udp) only on the mesh.
# Safe to run any number of times; rewritten by every bootstrap.
set -eu
mode=\${1:-apply}
ok=yes
${listing}
${jumpsOk}
if [ "$ok" = yes ]; then echo unchanged; exit 0; fi
if [ "$mode" = --check ]; then echo "would change"; exit 3; fi
# Docker creates DOCKER-USER when it starts; at boot we may run first, so create it ourselves
# (dockerd keeps an existing chain and its rules). Not in --check: a dry run creates nothing.
iptables -w -N DOCKER-USER 2>/dev/null || true
iptables-restore -w --noflush <<'RULES'
${restoreFragment(o).trimEnd()}
RULES
${jumpsAdd}
echo changed
`;
}

export function firewallUnit(): string {
  return `# Installed by swarmctl bootstrap: restores the Swarm port firewall before Docker and the network.
[Unit]
Description=swarmctl: Swarm ports only on the WireGuard mesh
DefaultDependencies=no
Wants=network-pre.target
Before=network-pre.target docker.service
After=local-fs.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=${SCRIPT_PATH}

[Install]
WantedBy=multi-user.target
`;
}
