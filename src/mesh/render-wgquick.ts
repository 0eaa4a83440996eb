// userspace backend rendering (pure): the same model as a wg-quick config. With keys it is the
// secret file for the host (0600, uploaded over stdin); without, it is the reviewable copy in
// the repository where each key line is replaced by a comment naming its store entry.
import { Secret } from '../util/redact.js';
import { headerFor, renderIni, type IniSection } from './ini.js';
import type { NodeMesh } from './model.js';
import { privateKeyName, type MeshKeys } from './secrets.js';

/** The reviewable copy: no key material, every key line a comment naming its store entry. */
export function renderWgQuickReview(node: NodeMesh): string {
  return render(node);
}

// Kept private: with keys the text is secret and must leave only wrapped in a Secret.
function render(node: NodeMesh, keys?: MeshKeys): string {
  const iface: IniSection = {
    name: 'Interface',
    comments: keys ? [] : [`PrivateKey: from the secret store (${privateKeyName(node.name)})`],
    entries: [
      ...node.addresses.map((a): [string, string] => ['Address', a]),
      ['ListenPort', node.listenPort],
      ['MTU', node.mtu],
      // No routes from AllowedIPs: the connected route of Address covers the mesh, as with networkd.
      ['Table', 'off'],
      ...(keys ? [['PrivateKey', keys.privateKey(node.name).reveal()] as [string, string]] : []),
    ],
  };
  const peers = node.peers.map(
    (p): IniSection => ({
      name: 'Peer',
      comments: keys ? [p.name] : [p.name, `PresharedKey: from the secret store (${p.psk})`],
      entries: [
        ['PublicKey', p.publicKey],
        ...(keys ? [['PresharedKey', keys.psk(node.name, p.name).reveal()] as [string, string]] : []),
        ['AllowedIPs', p.allowedIps.join(', ')],
        ['Endpoint', p.endpoint],
        ...(p.keepalive > 0 ? [['PersistentKeepalive', p.keepalive] as [string, number]] : []),
      ],
    }),
  );
  return renderIni(headerFor(node.cluster, node.name, 'WireGuard mesh (wg-quick)'), [iface, ...peers], ' = ');
}

/** The host's copy, holding keys: wrapped so it can only reach a host over stdin. */
export function renderWgQuickSecret(node: NodeMesh, keys: MeshKeys): Secret {
  return new Secret(render(node, keys));
}
