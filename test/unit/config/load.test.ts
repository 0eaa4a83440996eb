import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/errors.js';

const base = `cluster: demo
nodes:
  - name: node1
    address: 203.0.113.10
    role: manager
  - name: node2
    address: 203.0.113.11
    role: worker
    ssh:
      user: deploy
      port: 2222
      identity: keys/id_ed25519
`;

function issues(text: string): string[] {
  try {
    parseInventory(text, '/etc/swarm/cluster.yaml', '/etc/swarm');
  } catch (e) {
    if (e instanceof ConfigError) return e.message.split('\n');
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('cluster.yaml', () => {
  it('normalises defaults and resolves paths against the file', () => {
    const inv = parseInventory(base, '/etc/swarm/cluster.yaml', '/etc/swarm');
    expect(inv.mesh).toEqual({ cidr: '10.99.0.0/24', listenPort: 51820, mtu: 1420, keepalive: 25 });
    expect(inv.storePath).toBe('/etc/swarm/secrets/store.enc');
    expect(inv.nodes[0]).toMatchObject({ name: 'node1', user: 'root', port: 22, role: 'manager', labels: {} });
    expect(inv.nodes[1]).toMatchObject({ user: 'deploy', port: 2222, identity: '/etc/swarm/keys/id_ed25519' });
  });

  it('names the key path and line of a bad enum', () => {
    expect(issues(base.replace('role: worker', 'role: boss'))).toEqual(['nodes[1].role: expected "manager" | "worker" (cluster.yaml:8)']);
  });

  it('rejects unknown keys with their path and line', () => {
    expect(issues(base.replace('    role: manager\n', '    role: manager\n    rol: manager\n'))).toEqual(['nodes[0].rol: unknown key (cluster.yaml:6)']);
  });

  it('reports a missing required key at its parent', () => {
    expect(issues(base.replace('    address: 203.0.113.11\n', ''))).toEqual(['nodes[1].address: required (cluster.yaml:6)']);
  });

  it('reports YAML syntax errors with a line', () => {
    const out = issues(base.replace('  - name: node2', '  - name: [node2'));
    expect(out[0]).toMatch(/^invalid YAML: .*\(cluster\.yaml:\d+\)$/);
  });

  it('refuses duplicate names and addresses', () => {
    const dup = base.replace('name: node2', 'name: node1').replace('203.0.113.11', '203.0.113.10');
    expect(issues(dup)).toEqual([
      "nodes[1].name: duplicate node name 'node1' (also nodes[0]) (cluster.yaml:6)",
      "nodes[1].address: duplicate address '203.0.113.10' (also nodes[0]) (cluster.yaml:7)",
    ]);
  });

  it('refuses names and labels that could inject INI or shell syntax', () => {
    expect(issues(base.replace('name: node2', 'name: "node2]\\n[Peer"'))[0]).toMatch(/^nodes\[1\]\.name: expected lowercase/);
    const label = base.replace('    role: worker\n', '    role: worker\n    labels:\n      zone: "a=b"\n');
    expect(issues(label)).toEqual(['nodes[1].labels.zone: expected a label value without spaces, brackets, "=" or newlines (cluster.yaml:10)']);
  });

  it('refuses an address ssh would read as an option', () => {
    expect(issues(base.replace('203.0.113.11', '-R2375:localhost:2375'))).toEqual(['nodes[1].address: expected a host name or IP address (cluster.yaml:7)']);
  });

  it('needs at least one manager', () => {
    expect(issues(base.replace('role: manager', 'role: worker'))).toEqual(['nodes: at least one node must have role "manager" (cluster.yaml:2)']);
  });
});
