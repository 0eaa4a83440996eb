// networkd backend. networkd creates a new netdev on reload but never updates an existing
// one, so a changed mesh is also pushed into the live wg0 with `wg set`, which reads every
// key from the key files by path: no key material in argv.
import { sh, type RemoteCommand } from '../host/command.js';
import type { HostPlan } from './diff.js';
import type { NodeMesh } from './model.js';
import { privateKeyPath, pskPath } from './render-networkd.js';

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
