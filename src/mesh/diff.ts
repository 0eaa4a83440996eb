// Planning (pure): intended files and model vs. what the host reported → an inert HostPlan
// (file changes, peer diff, one interface action) that is printed, then applied once.
import type { BackendKind, MeshFile } from './files.js';
import { modeOwner, sha256Of, isSecret } from './files.js';
import type { NodeMesh } from './model.js';
import type { LiveState } from './remote-state.js';

/** create: wg0 absent. sync: update in place (peers keep their sessions). restart: recreate wg0. */
export type Action = 'create' | 'sync' | 'restart' | 'none';
export type Change = 'create' | 'update' | 'mode' | 'remove' | 'unchanged';

export interface FileChange {
  path: string;
  change: Change;
  secret: boolean;
}

export interface PeerDiff {
  added: string[];
  /** Labels for printing, and the public keys for `wg set ... remove`. */
  removed: string[];
  removedKeys: string[];
  changed: string[];
}

export interface HostPlan {
  node: string;
  backend: BackendKind;
  files: FileChange[];
  peers: PeerDiff;
  action: Action;
  reasons: string[];
  /** Files to upload (changed ones only) and stale files to delete. */
  upload: MeshFile[];
  remove: string[];
}

export function chooseBackend(forced: BackendKind | undefined, live: LiveState): BackendKind {
  return forced ?? (live.kernelWireguard && live.networkdActive ? 'networkd' : 'userspace');
}

export function diffFiles(files: MeshFile[], live: LiveState, staleCandidates: string[]): FileChange[] {
  const wanted = new Set(files.map((f) => f.path));
  const out: FileChange[] = files.map((f) => {
    const have = live.files.get(f.path);
    const change: Change = !have ? 'create' : have.sha256 !== sha256Of(f.content) ? 'update' : have.modeOwner !== modeOwner(f) ? 'mode' : 'unchanged';
    return { path: f.path, change, secret: isSecret(f) };
  });
  for (const p of staleCandidates) if (!wanted.has(p)) out.push({ path: p, change: 'remove', secret: true });
  return out;
}

export function diffPeers(node: NodeMesh, live: LiveState): PeerDiff {
  const nameOf = new Map(node.peers.map((p) => [p.publicKey, p.name]));
  const livePeers = new Map(live.peers.map((p) => [p.publicKey, p]));
  const added = node.peers.filter((p) => !livePeers.has(p.publicKey)).map((p) => p.name);
  const removedKeys = live.peers.filter((p) => !nameOf.has(p.publicKey)).map((p) => p.publicKey);
  const removed = removedKeys.map((k) => `unknown peer ${k.slice(0, 8)}…`);
  // Endpoints are left out: WireGuard roams to where the peer's packets come from (NAT).
  const changed = node.peers
    .filter((p) => {
      const l = livePeers.get(p.publicKey);
      return l && (!sameSet(l.allowedIps, p.allowedIps) || l.keepalive !== p.keepalive);
    })
    .map((p) => p.name);
  return { added, removed, removedKeys, changed };
}

export function planHost(node: NodeMesh, backend: BackendKind, files: MeshFile[], live: LiveState): HostPlan {
  const stale = backend === 'networkd' ? live.keyFiles : [];
  const fileChanges = diffFiles(files, live, stale);
  const peers = diffPeers(node, live);
  const reasons: string[] = [];
  let action: Action = 'none';
  if (!live.link) {
    action = 'create';
    reasons.push('wg0 does not exist');
  } else {
    const mtuDrift = live.link.mtu !== node.mtu;
    const addrDrift = !sameSet(live.link.addresses, node.addresses);
    const ifaceDrift = mtuDrift || addrDrift;
    if (mtuDrift) reasons.push(`wg0 has MTU ${live.link.mtu}, want ${node.mtu}`);
    if (addrDrift) reasons.push(`wg0 has addresses [${live.link.addresses.join(', ')}], want [${node.addresses.join(', ')}]`);
    const changedFiles = fileChanges.filter((f) => f.change !== 'unchanged');
    if (changedFiles.length) reasons.push(`${changedFiles.length} file(s) differ`);
    if (live.iface?.publicKey !== node.publicKey) reasons.push('wg0 runs with another private key');
    if (live.iface && live.iface.listenPort !== node.listenPort) reasons.push(`wg0 listens on ${live.iface.listenPort}`);
    if (peers.added.length + peers.removed.length + peers.changed.length) reasons.push('peers differ');
    // Userspace can change MTU and addresses only by bringing wg-quick down and up again.
    if (ifaceDrift && backend === 'userspace') action = 'restart';
    else if (reasons.length) action = 'sync';
  }
  return {
    node: node.name,
    backend,
    files: fileChanges,
    peers,
    action,
    reasons,
    upload: files.filter((f) => fileChanges.find((c) => c.path === f.path)?.change !== 'unchanged'),
    remove: fileChanges.filter((c) => c.change === 'remove').map((c) => c.path),
  };
}

export function isNoop(p: HostPlan): boolean {
  return p.action === 'none' && p.upload.length === 0 && p.remove.length === 0;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
