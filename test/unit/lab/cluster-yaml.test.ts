import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { renderLabCluster } from '../../../src/lab/cluster-yaml.js';
import { labNodes } from '../../../src/lab/naming.js';
import { parseInventory } from '../../../src/config/load.js';

const nodes = labNodes('abc', '198.18.5.0/24', 4);

describe('lab cluster.yaml', () => {
  it('renders an inventory the real loader accepts', () => {
    const inv = parseInventory(renderLabCluster(undefined, nodes), '/tmp/lab/cluster.yaml');
    expect(inv.cluster).toBe('lab');
    expect(inv.ssh).toMatchObject({ strictHostKeyChecking: 'yes', knownHosts: '/tmp/lab/known_hosts' });
    expect(inv.storeKeyFile).toBe('/tmp/lab/store.key');
    expect(inv.nodes.map((n) => [n.name, n.address, n.role, n.user, n.port, n.identity])).toEqual([
      ['node1', '198.18.5.11', 'manager', 'root', 22, '/tmp/lab/id_ed25519'],
      ['node2', '198.18.5.12', 'manager', 'root', 22, '/tmp/lab/id_ed25519'],
      ['node3', '198.18.5.13', 'manager', 'root', 22, '/tmp/lab/id_ed25519'],
      ['node4', '198.18.5.14', 'worker', 'root', 22, '/tmp/lab/id_ed25519'],
    ]);
  });

  it('is a fixed point: rendering its own output changes nothing', () => {
    const once = renderLabCluster(undefined, nodes);
    expect(renderLabCluster(once, nodes)).toBe(once);
  });

  it('keeps what later steps recorded, and drops or adds nodes', () => {
    const first = renderLabCluster(undefined, nodes.slice(0, 2));
    const doc = parseDocument(first);
    doc.setIn(['nodes', 1, 'meshAddress'], '10.99.0.2');
    doc.setIn(['nodes', 1, 'role'], 'worker');
    doc.setIn(['nodes', 0, 'labels'], { zone: 'a' });
    doc.setIn(['mesh', 'mtu'], 1380);
    const edited = doc.toString();

    const grown = parseInventory(renderLabCluster(edited, nodes.slice(0, 3)), '/l/cluster.yaml');
    expect(grown.nodes.map((n) => n.name)).toEqual(['node1', 'node2', 'node3']);
    expect(grown.nodes[1]).toMatchObject({ meshAddress: '10.99.0.2', role: 'worker' });
    expect(grown.nodes[0]!.labels).toEqual({ zone: 'a' });
    expect(grown.mesh.mtu).toBe(1380);

    const shrunk = parseInventory(renderLabCluster(edited, nodes.slice(0, 1)), '/l/cluster.yaml');
    expect(shrunk.nodes.map((n) => n.name)).toEqual(['node1']);
  });

  it('moves nodes to a new subnet and restores the lab trust settings', () => {
    const edited = renderLabCluster(undefined, nodes).replace('"yes"', 'accept-new');
    const moved = labNodes('abc', '198.19.1.0/24', 4);
    const inv = parseInventory(renderLabCluster(edited, moved), '/l/cluster.yaml');
    expect(inv.nodes[3]!.address).toBe('198.19.1.14');
    expect(inv.ssh.strictHostKeyChecking).toBe('yes');
  });

  it('starts over from a file it cannot parse', () => {
    const inv = parseInventory(renderLabCluster('nodes: [ {', nodes.slice(0, 1)), '/l/cluster.yaml');
    expect(inv.nodes).toHaveLength(1);
  });
});
