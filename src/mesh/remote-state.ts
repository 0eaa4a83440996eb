// What a host has now, read with one command: backend facts, hashes and modes of our files
// (hashes, so secret files are compared without ever reading them back), and wg0's public
// state. `wg show dump` carries the private key and PSKs: awk drops those columns on the host.
import { sh, type RemoteCommand } from '../host/command.js';

export interface LivePeer {
  publicKey: string;
  endpoint: string | undefined;
  allowedIps: string[];
  /** Unix seconds; 0 = never. */
  latestHandshake: number;
  rx: number;
  tx: number;
  keepalive: number;
}

export interface LiveState {
  now: number;
  kernelWireguard: boolean;
  networkdActive: boolean;
  systemd: boolean;
  /** path → `sha256 mode owner:group`, or null when absent. */
  files: Map<string, { sha256: string; modeOwner: string } | null>;
  /** PSK files present in the networkd key directory. */
  keyFiles: string[];
  link?: { ifindex: number; mtu: number; addresses: string[] };
  iface?: { publicKey: string; listenPort: number };
  peers: LivePeer[];
}

const PROBE = `set -u
echo "now\t$(date +%s)"
if [ -d /sys/module/wireguard ] || modinfo -n wireguard >/dev/null 2>&1; then echo "kernel\tyes"; else echo "kernel\tno"; fi
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet systemd-networkd 2>/dev/null; then echo "networkd\tactive"; else echo "networkd\tinactive"; fi
if [ -d /run/systemd/system ]; then echo "systemd\tyes"; else echo "systemd\tno"; fi
for f in "$@"; do
  if [ -f "$f" ]; then echo "file\t$f\t$(sha256sum < "$f" | cut -d' ' -f1)\t$(stat -c '%a %U:%G' "$f")"; else echo "file\t$f\t-\t-"; fi
done
for f in /etc/systemd/network/wg0-keys/psk-*.key; do [ -f "$f" ] && echo "keyfile\t$f"; done
if [ -e /sys/class/net/wg0 ]; then
  echo "link\t$(cat /sys/class/net/wg0/ifindex)\t$(cat /sys/class/net/wg0/mtu)"
  ip -o addr show dev wg0 scope global | awk '{print "addr\\t" $4}'
  wg show wg0 dump 2>/dev/null | awk -F'\\t' 'NR==1 {print "iface\\t" $2 "\\t" $3; next} {print "peer\\t" $1 "\\t" $3 "\\t" $4 "\\t" $5 "\\t" $6 "\\t" $7 "\\t" $8}'
fi
exit 0`;

export function probeCommand(paths: string[]): RemoteCommand {
  return { step: 'read mesh state', argv: sh(PROBE, ...paths), timeoutMs: 20_000 };
}

export function parseProbe(stdout: string): LiveState {
  const s: LiveState = { now: 0, kernelWireguard: false, networkdActive: false, systemd: false, files: new Map(), keyFiles: [], peers: [] };
  const addrs: string[] = [];
  for (const line of stdout.split('\n')) {
    const f = line.split('\t');
    switch (f[0]) {
      case 'now': s.now = Number(f[1]); break;
      case 'kernel': s.kernelWireguard = f[1] === 'yes'; break;
      case 'networkd': s.networkdActive = f[1] === 'active'; break;
      case 'systemd': s.systemd = f[1] === 'yes'; break;
      case 'file': s.files.set(f[1]!, f[2] === '-' ? null : { sha256: f[2]!, modeOwner: f[3]! }); break;
      case 'keyfile': s.keyFiles.push(f[1]!); break;
      case 'link': s.link = { ifindex: Number(f[1]), mtu: Number(f[2]), addresses: addrs }; break;
      case 'addr': addrs.push(f[1]!); break;
      case 'iface': s.iface = { publicKey: f[1]!, listenPort: Number(f[2]) }; break;
      case 'peer':
        s.peers.push({
          publicKey: f[1]!,
          endpoint: f[2] === '(none)' ? undefined : f[2],
          allowedIps: f[3] === '(none)' ? [] : f[3]!.split(',').filter(Boolean),
          latestHandshake: Number(f[4]) || 0,
          rx: Number(f[5]) || 0,
          tx: Number(f[6]) || 0,
          keepalive: f[7] === 'off' ? 0 : Number(f[7]) || 0,
        });
        break;
    }
  }
  return s;
}
