// The files a host needs for one backend, as inert values: where, what, which mode and owner,
// and whether the content is secret (then it only ever travels wrapped, over stdin).
import { createHash } from 'node:crypto';
import { Secret } from '../util/redact.js';
import type { FileUpload } from '../host/upload.js';
import type { NodeMesh } from './model.js';
import type { MeshKeys } from './secrets.js';
import { KEY_DIR, NETWORKD_DIR, networkdKeyFiles, renderNetdev, renderNetwork } from './render-networkd.js';
import { renderWgQuickSecret } from './render-wgquick.js';

export type BackendKind = 'networkd' | 'userspace';

export interface MeshFile extends FileUpload {
  path: string;
  content: string | Secret;
  mode: number;
  owner: string;
  group: string;
}

export const WG_QUICK_CONF = '/etc/wireguard/wg0.conf';
/** Directories whose unknown `psk-*.key` files are stale (a peer was removed). */
export const MANAGED_KEY_DIR = KEY_DIR;

export function hostFiles(backend: BackendKind, node: NodeMesh, keys: MeshKeys): MeshFile[] {
  if (backend === 'userspace') {
    return [{ path: WG_QUICK_CONF, content: renderWgQuickSecret(node, keys), mode: 0o600, owner: 'root', group: 'root' }];
  }
  return [
    { path: `${NETWORKD_DIR}/wg0.netdev`, content: renderNetdev(node), mode: 0o644, owner: 'root', group: 'root' },
    { path: `${NETWORKD_DIR}/wg0.network`, content: renderNetwork(node), mode: 0o644, owner: 'root', group: 'root' },
    // networkd refuses world-readable key files; its own group reads them after dropping root.
    // The key alone, no newline: networkd and wg both accept it, and the Secret is reused as is.
    ...networkdKeyFiles(node, keys).map((k) => ({ path: k.path, content: k.content, mode: 0o640, owner: 'root', group: 'systemd-network' })),
  ];
}

export function isSecret(f: MeshFile): boolean {
  return f.content instanceof Secret;
}

export function sha256Of(content: string | Secret): string {
  const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content.revealBuffer();
  return createHash('sha256').update(buf).digest('hex');
}

/** `stat -c '%a %U:%G'` as the host prints it. */
export function modeOwner(f: MeshFile): string {
  return `${f.mode.toString(8)} ${f.owner}:${f.group}`;
}
