// The firewall step as ONE remote command (a no-op bootstrap pays one round trip, not five):
// the rules script arrives on stdin, the unit as an argument; each file is replaced only when
// it differs (temp file + rename), the unit is enabled where systemd runs, then the rules
// script converges the live rules. Optionally runs host-prep.sh's wg0 checksum-offload phase in
// the same shell (passed as an argument: it is not secret). Prints "changed: X" per change.
import type { RemoteCommand } from '../host/command.js';
import { firewallScript, firewallUnit, SCRIPT_PATH, UNIT_NAME, UNIT_PATH } from './firewall-script.js';
import { MESH_IFACE } from './model.js';

const INSTALL = `set -eu
script=$1; unit_path=$2; unit_name=$3; unit=$4; mode=$5; prep=\${6:-}; iface=\${7:-wg0}
offload() { [ -z "$prep" ] && return 0; if [ "$mode" = check ]; then sh -c "$prep" host-prep offload "$iface" --check || [ $? = 3 ]; else sh -c "$prep" host-prep offload "$iface"; fi; }
tmp=$(mktemp "$(dirname "$script")/.swarmctl-fw.XXXXXX" 2>/dev/null || { mkdir -p "$(dirname "$script")"; mktemp "$(dirname "$script")/.swarmctl-fw.XXXXXX"; })
trap 'rm -f "$tmp"' EXIT
cat > "$tmp"
if [ "$mode" = check ]; then
  cmp -s "$tmp" "$script" || echo "would change: $script"
  [ "$(cat "$unit_path" 2>/dev/null)" = "$unit" ] || echo "would change: $unit_path"
  r=0; sh "$tmp" --check >/dev/null || r=$?
  case $r in 0) ;; 3) echo "would change: rules for 2377/7946/4789 (INPUT, DOCKER-USER)" ;; *) exit "$r" ;; esac
  offload; exit 0
fi
if ! cmp -s "$tmp" "$script"; then chmod 0755 "$tmp"; mv -f "$tmp" "$script"; echo "changed: $script"; fi
if [ "$(cat "$unit_path" 2>/dev/null)" != "$unit" ]; then
  mkdir -p "$(dirname "$unit_path")"; printf '%s\\n' "$unit" > "$unit_path.tmp"; mv -f "$unit_path.tmp" "$unit_path"
  echo "changed: $unit_path"
  [ -d /run/systemd/system ] && systemctl daemon-reload
fi
# The unit is what survives a reboot; enable it where systemd runs (not in lab containers).
if [ -d /run/systemd/system ] && ! systemctl is-enabled -q "$unit_name" 2>/dev/null; then
  systemctl enable -q "$unit_name"; echo "changed: enabled $unit_name"
fi
# An assignment, not a test: under set -e a failing rules script fails this command. Inside a
# test joined with || its exit status would be lost, and a host left open reported as "changed".
rules=$("$script")
[ "$rules" = unchanged ] || echo "changed: rules for 2377/7946/4789 (INPUT, DOCKER-USER)"
offload`;

export function firewallCommand(dryRun: boolean, hostPrepScript?: string, iface = MESH_IFACE): RemoteCommand {
  // The unit's trailing newline is added back by printf: $(cat) strips it when comparing.
  return {
    step: dryRun ? 'firewall check' : 'firewall',
    argv: ['sh', '-c', INSTALL, 'sh', SCRIPT_PATH, UNIT_PATH, UNIT_NAME, firewallUnit().replace(/\n$/, ''), dryRun ? 'check' : 'apply', ...(hostPrepScript ? [hostPrepScript, iface] : [])],
    stdin: firewallScript(),
    timeoutMs: 60_000,
  };
}
