// One shell script gathers every fact doctor needs in a single SSH round trip; it prints
// `key=value` lines that parseProbe turns into data. It changes nothing on the host
// (probe links are created and deleted under names nothing else uses).
import { sh, type RemoteCommand } from '../host/command.js';

const SCRIPT = `
say() { printf '%s=%s\\n' "$1" "$2"; }
# First and last: the clock at the start, and (time_end) how long the script itself took.
say time "$(date +%s.%N)"
say uid "$(id -u)"
say os "$(. /etc/os-release 2>/dev/null; echo "\${PRETTY_NAME:-unknown}")"
say kernel "$(uname -r)"
say docker_cli "$(command -v docker >/dev/null && echo yes || echo no)"
# A probe link left by an earlier run killed mid-way would make 'add' fail: a false "no".
ip link del swarmctl-wgp 2>/dev/null; ip link del swarmctl-vxp 2>/dev/null
if ip link add swarmctl-wgp type wireguard 2>/dev/null; then ip link del swarmctl-wgp; say wg_kernel yes; else say wg_kernel no; fi
say wireguard_go "$(command -v wireguard-go >/dev/null && echo yes || echo no)"
say wg_tools "$(command -v wg >/dev/null && command -v wg-quick >/dev/null && echo yes || echo no)"
say tun "$([ -c /dev/net/tun ] && echo yes || echo no)"
if [ -d /proc/net/ip_vs ] || { modprobe -q ip_vs 2>/dev/null && [ -d /proc/net/ip_vs ]; }; then say ipvs yes; else say ipvs no; fi
if ip link add swarmctl-vxp type vxlan id 4242 dstport 4789 local 127.0.0.1 2>/dev/null; then ip link del swarmctl-vxp; say vxlan yes; else say vxlan no; fi
say networkd "$([ -x /lib/systemd/systemd-networkd ] || [ -x /usr/lib/systemd/systemd-networkd ] && echo yes || echo no)"
say systemd_pid1 "$([ "$(cat /proc/1/comm 2>/dev/null)" = systemd ] && echo yes || echo no)"
say wg0 "$(ip link show wg0 >/dev/null 2>&1 && echo yes || echo no)"
if command -v ss >/dev/null; then
  ss -Hlntup 2>/dev/null | awk '{ split($5, a, ":"); p = a[length(a)]; proc = $7; sub(/^users:\\(\\("/, "", proc); sub(/".*/, "", proc); print "listen=" $1 "/" p "/" proc }'
else say ss missing; fi
# With the first reading, the script's own run time: doctor takes it out of the round trip.
say time_end "$(date +%s.%N)"
`;

export function probeCommand(): RemoteCommand {
  return { step: 'probe host facts', argv: sh(SCRIPT), timeoutMs: 30_000 };
}

export interface Listener {
  proto: 'tcp' | 'udp';
  port: number;
  process: string;
}

export interface ProbeFacts {
  values: Record<string, string>;
  listeners: Listener[];
}

export function parseProbe(stdout: string): ProbeFacts {
  const values: Record<string, string> = {};
  const listeners: Listener[] = [];
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq < 1) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1).trim();
    if (key === 'listen') {
      const [proto, port, proc] = value.split('/');
      if ((proto === 'tcp' || proto === 'udp') && port && /^\d+$/.test(port)) listeners.push({ proto, port: Number(port), process: proc ?? '' });
    } else values[key] = value;
  }
  return { values, listeners };
}
