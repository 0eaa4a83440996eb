// The WireGuard backend is a strategy: which files a host gets and which commands carry out a
// planned action. Everything else (planning, upload, verification) is shared. No command built
// here carries key material: keys reach wg through files or pipes on the host.
import { sh, type RemoteCommand } from '../host/command.js';
import type { HostPlan } from './diff.js';
import { hostFiles, type BackendKind, type MeshFile } from './files.js';
import type { NodeMesh } from './model.js';
import type { MeshKeys } from './secrets.js';
import { privateKeyPath, pskPath } from './render-networkd.js';

export interface Backend {
  readonly kind: BackendKind;
  files(node: NodeMesh, keys: MeshKeys): MeshFile[];
  /** Commands for the plan's action (none for 'none'); they never carry key material. */
  commands(node: NodeMesh, plan: HostPlan): RemoteCommand[];
}

export function backendFor(kind: BackendKind): Backend {
  return {
    kind,
    files: (node, keys) => hostFiles(kind, node, keys),
    commands: (node, plan) => (plan.action === 'none' ? [] : kind === 'networkd' ? networkdCommands(node, plan) : userspaceCommands(plan)),
  };
}

/** After the SSH session that started wireguard-go has gone: is wg0 really there? */
export function wg0ExistsCommand(): RemoteCommand {
  return { step: 'check that wg0 exists', argv: ['test', '-e', '/sys/class/net/wg0'], timeoutMs: 10_000 };
}

// userspace backend: wg-quick with wireguard-go. Under systemd it is the wg-quick@wg0 unit;
// without systemd (the lab), wg-quick is started detached from the SSH session, because
// wireguard-go dies with a session that is torn down under it (see LAB.md).
const UP = `set -eu
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  systemctl enable wg-quick@wg0 >/dev/null 2>&1 || true
  exec systemctl restart wg-quick@wg0
fi
mkdir -p /run/swarmctl
# An interrupted apply's detached wg-quick up may still be running (and may be what the probe
# saw half-built): let it finish, then take down whatever wg0 it left, so this run's file wins.
i=0
while [ ! -s /run/swarmctl/wg0-up.rc ] && [ -s /run/swarmctl/wg0-up.pid ] && kill -0 "$(cat /run/swarmctl/wg0-up.pid)" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done
ip link show wg0 >/dev/null 2>&1 && wg-quick down wg0 >/dev/null 2>&1
rm -f /run/swarmctl/wg0-up.rc
export WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD=1
setsid sh -c 'echo $$ >/run/swarmctl/wg0-up.pid; wg-quick up wg0 >/run/swarmctl/wg0-up.log 2>&1; echo $? >/run/swarmctl/wg0-up.rc' </dev/null >/dev/null 2>&1 &
i=0
while [ ! -s /run/swarmctl/wg0-up.rc ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done
rc=$(cat /run/swarmctl/wg0-up.rc 2>/dev/null || echo "no result after 20 s")
[ "$rc" = 0 ] || { echo "wg-quick up: $rc" >&2; cat /run/swarmctl/wg0-up.log >&2; exit 1; }`;

// Keys reach wg through a pipe from the 0600 config file: never through argv (printf is a shell
// builtin). Stripped first, not piped straight: a pipeline's status is its last command's, so a
// failing `wg-quick strip` would feed syncconf an empty config, which removes every peer.
const SYNC = `set -eu; conf=$(wg-quick strip wg0); printf '%s\\n' "$conf" | wg syncconf wg0 /dev/stdin`;

export function userspaceCommands(plan: HostPlan): RemoteCommand[] {
  switch (plan.action) {
    // The check is its own command, run after the session that started wireguard-go has gone.
    case 'create':
      return [{ step: 'bring wg0 up (wg-quick)', argv: sh(UP), timeoutMs: 30_000 }, wg0ExistsCommand()];
    case 'restart':
      return [{ step: 'restart wg0 (wg-quick)', argv: sh(UP), timeoutMs: 30_000 }, wg0ExistsCommand()];
    case 'sync':
      return [{ step: 'sync wg0 with wg0.conf (wg syncconf)', argv: sh(SYNC), timeoutMs: 15_000 }];
    default:
      return [];
  }
}

// networkd backend. networkd creates a new netdev on reload but never updates an existing
// one, so a changed mesh is also pushed into the live wg0 with `wg set`, which reads every
// key from the key files by path: no key material in argv.
const WAIT_FOR_WG0 = `i=0; while [ ! -e /sys/class/net/wg0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; test -e /sys/class/net/wg0`;

export function liveSyncArgv(node: NodeMesh, removedKeys: string[]): string[] {
  const argv = ['wg', 'set', 'wg0', 'listen-port', String(node.listenPort), 'private-key', privateKeyPath()];
  for (const p of node.peers) {
    argv.push('peer', p.publicKey, 'preshared-key', pskPath(p.name), 'endpoint', p.endpoint, 'allowed-ips', p.allowedIps.join(','));
    argv.push('persistent-keepalive', p.keepalive > 0 ? String(p.keepalive) : 'off');
  }
  for (const k of removedKeys) argv.push('peer', k, 'remove');
  return argv;
}

export function networkdCommands(node: NodeMesh, plan: HostPlan): RemoteCommand[] {
  const reload: RemoteCommand = { step: 'networkctl reload', argv: ['networkctl', 'reload'], timeoutMs: 15_000 };
  if (plan.action === 'create') {
    return [reload, { step: 'wait for wg0', argv: sh(WAIT_FOR_WG0), timeoutMs: 15_000 }];
  }
  return [
    reload,
    { step: 'update wg0 peers (wg set)', argv: liveSyncArgv(node, plan.peers.removedKeys), timeoutMs: 15_000 },
    { step: 'set wg0 MTU', argv: ['ip', 'link', 'set', 'wg0', 'mtu', String(node.mtu)], timeoutMs: 10_000 },
  ];
}
