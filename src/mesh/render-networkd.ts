// networkd backend rendering (pure): wg0.netdev + wg0.network, with the private key and every
// pre-shared key in their own files that only root and systemd-network can read.
import type { Secret } from '../util/redact.js';
import { headerFor, renderIni, type IniSection } from './ini.js';
import { INTERFACE, type NodeMesh } from './model.js';
import type { MeshKeys } from './secrets.js';

export const NETWORKD_DIR = '/etc/systemd/network';
export const KEY_DIR = `${NETWORKD_DIR}/${INTERFACE}-keys`;
export const privateKeyPath = () => `${KEY_DIR}/private.key`;
export const pskPath = (peer: string) => `${KEY_DIR}/psk-${peer}.key`;

export function renderNetdev(node: NodeMesh): string {
  const sections: IniSection[] = [
    { name: 'NetDev', entries: [['Name', INTERFACE], ['Kind', 'wireguard'], ['MTUBytes', node.mtu], ['Description', `swarmctl mesh ${node.cluster}`]] },
    { name: 'WireGuard', entries: [['PrivateKeyFile', privateKeyPath()], ['ListenPort', node.listenPort]] },
    ...node.peers.map(
      (p): IniSection => ({
        name: 'WireGuardPeer',
        comments: [p.name],
        entries: [
          ['PublicKey', p.publicKey],
          ['PresharedKeyFile', pskPath(p.name)],
          ...p.allowedIps.map((ip): [string, string] => ['AllowedIPs', ip]),
          ['Endpoint', p.endpoint],
          ...(p.keepalive > 0 ? [['PersistentKeepalive', p.keepalive] as [string, number]] : []),
        ],
      }),
    ),
  ];
  return renderIni(headerFor(node.cluster, node.name, 'WireGuard mesh interface'), sections);
}

export function renderNetwork(node: NodeMesh): string {
  // Addresses only: the connected route of the mesh prefix is all the routing the mesh needs,
  // and wg0 must never carry a default route. Not required for "online": a mesh without
  // peers must not hold up boot.
  return renderIni(headerFor(node.cluster, node.name, 'WireGuard mesh addresses'), [
    { name: 'Match', entries: [['Name', INTERFACE]] },
    { name: 'Link', entries: [['RequiredForOnline', 'no']] },
    { name: 'Network', entries: node.addresses.map((a): [string, string] => ['Address', a]) },
  ]);
}

export interface KeyFile {
  path: string;
  content: Secret;
}

/** The secret files networkd reads: its private key and one PSK per peer. */
export function networkdKeyFiles(node: NodeMesh, keys: MeshKeys): KeyFile[] {
  return [
    { path: privateKeyPath(), content: keys.privateKey(node.name) },
    ...node.peers.map((p) => ({ path: pskPath(p.name), content: keys.psk(node.name, p.name) })),
  ];
}
