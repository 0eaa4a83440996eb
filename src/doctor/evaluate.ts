// Facts → findings. Pure: every threshold and verdict is here and unit-tested without hosts.
import type { Listener, ProbeFacts } from './probe.js';

export type Severity = 'ok' | 'warn' | 'fail';

export interface Finding {
  check: string;
  status: Severity;
  detail: string;
}

export interface DockerFacts {
  version: string;
  apiVersion: string;
}

export const MIN_DOCKER_API = '1.41';
const SKEW_WARN_S = 1;
const SKEW_FAIL_S = 30; // swarm's mTLS certificates and raft start misbehaving well before minutes

/** Ports swarmctl needs; holders that are ours (swarm, WireGuard) do not count as conflicts. */
export const REQUIRED_PORTS: Array<{ proto: 'tcp' | 'udp'; port: number; use: string; ours: RegExp }> = [
  { proto: 'udp', port: 51820, use: 'WireGuard', ours: /^$|wireguard/ },
  { proto: 'tcp', port: 2377, use: 'swarm control plane', ours: /dockerd/ },
  { proto: 'tcp', port: 7946, use: 'swarm gossip', ours: /dockerd/ },
  { proto: 'udp', port: 7946, use: 'swarm gossip', ours: /dockerd/ },
  { proto: 'udp', port: 4789, use: 'VXLAN data plane', ours: /^$|dockerd/ },
];

export function evaluate(f: ProbeFacts, docker: DockerFacts | Error, skewSeconds: number | undefined, wgPort = 51820): Finding[] {
  const v = f.values;
  const out: Finding[] = [];
  out.push(v.uid === '0' ? ok('root', 'root (directly or via sudo -n)') : fail('root', `commands run as uid ${v.uid ?? '?'}; swarmctl needs root or passwordless sudo`));
  if (docker instanceof Error) out.push(fail('docker', `engine API not reachable: ${docker.message}`));
  else if (apiLess(docker.apiVersion, MIN_DOCKER_API)) out.push(fail('docker', `engine ${docker.version} API ${docker.apiVersion} is older than ${MIN_DOCKER_API}`));
  else out.push(ok('docker', `engine ${docker.version}, API ${docker.apiVersion}`));
  out.push(wireguard(v));
  out.push(
    v.ipvs === 'yes'
      ? ok('ipvs', 'present: VIP endpoints and the ingress routing mesh work')
      : warn('ipvs', 'missing: VIP endpoints and the ingress routing mesh will not work; use endpoint_mode: dnsrr and mode: host ports'),
  );
  out.push(v.vxlan === 'yes' ? ok('vxlan', 'VXLAN links can be created') : fail('vxlan', 'cannot create a VXLAN link: overlay networks will not work'));
  out.push(
    v.networkd === 'yes'
      ? ok('networkd', v.systemd_pid1 === 'yes' ? 'systemd-networkd present, systemd is PID 1' : 'systemd-networkd present (systemd not PID 1)')
      : warn('networkd', 'systemd-networkd not installed: only the wg-quick backend can be used'),
  );
  out.push(clock(skewSeconds));
  out.push(ports(f.listeners, wgPort));
  return out;
}

function wireguard(v: Record<string, string>): Finding {
  if (v.wg_kernel === 'yes') return ok('wireguard', 'kernel module → networkd backend');
  if (v.wireguard_go === 'yes' && v.wg_tools === 'yes' && v.tun === 'yes') return ok('wireguard', 'userspace (wireguard-go) → wg-quick backend');
  const missing = [v.wireguard_go !== 'yes' && 'wireguard-go', v.wg_tools !== 'yes' && 'wg/wg-quick', v.tun !== 'yes' && '/dev/net/tun'].filter(Boolean);
  return fail('wireguard', `no kernel module and no userspace backend (missing: ${missing.join(', ')}); install wireguard-tools and wireguard-go`);
}

function clock(skew: number | undefined): Finding {
  if (skew === undefined) return warn('clock', 'could not read the host clock');
  const s = `${skew >= 0 ? '+' : ''}${skew.toFixed(2)} s against this machine`;
  if (Math.abs(skew) >= SKEW_FAIL_S) return fail('clock', `${s}: fix NTP before forming a swarm`);
  if (Math.abs(skew) >= SKEW_WARN_S) return warn('clock', `${s}: enable NTP`);
  return ok('clock', s);
}

function ports(listeners: Listener[], wgPort: number): Finding {
  const conflicts: string[] = [];
  for (const p of REQUIRED_PORTS) {
    const port = p.port === 51820 ? wgPort : p.port;
    for (const l of listeners.filter((x) => x.proto === p.proto && x.port === port)) {
      if (!p.ours.test(l.process)) conflicts.push(`${port}/${p.proto} (${p.use}) held by ${l.process || 'unknown'}`);
    }
  }
  const list = REQUIRED_PORTS.map((p) => `${p.port === 51820 ? wgPort : p.port}/${p.proto}`).join(', ');
  return conflicts.length ? fail('ports', conflicts.join('; ')) : ok('ports', `${list} free or used by swarm/WireGuard`);
}

function apiLess(a: string, b: string): boolean {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 < b1 || (a1 === b1 && a2 < b2);
}

const ok = (check: string, detail: string): Finding => ({ check, status: 'ok', detail });
const warn = (check: string, detail: string): Finding => ({ check, status: 'warn', detail });
const fail = (check: string, detail: string): Finding => ({ check, status: 'fail', detail });
