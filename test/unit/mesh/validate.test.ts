import { describe, expect, it } from 'vitest';
import { assertMeshValid, meshIssues } from '../../../src/mesh/validate.js';
import { ConfigError, exitCodeOf } from '../../../src/errors.js';
import { inventory, node, threeNodes } from './fixtures.js';

const n3 = () => threeNodes().nodes;

describe('meshIssues', () => {
  it('accepts the lab inventory', () => {
    expect(meshIssues(threeNodes())).toEqual([]);
  });

  it('accepts IPv6 and host-name endpoints', () => {
    expect(meshIssues(inventory([node('a', '2001:db8::1'), node('b', 'node-b.example.com')]))).toEqual([]);
  });

  it.each([
    ['too small', inventory(n3(), { cidr: '10.99.0.0/31' }), 'mesh.cidr', /too small/],
    ['too small for the nodes', inventory(n3(), { cidr: '10.99.0.0/30' }), 'mesh.cidr', /room for 2 nodes, the inventory has 3/],
    ['host bits set', inventory(n3(), { cidr: '10.99.0.1/24' }), 'mesh.cidr', /host bits/],
    ['not a CIDR', inventory(n3(), { cidr: '10.99.0.0' }), 'mesh.cidr', /expected an IPv4 CIDR/],
    ['loopback', inventory(n3(), { cidr: '127.1.0.0/24' }), 'mesh.cidr', /loopback/],
    ['docker0', inventory(n3(), { cidr: '172.17.5.0/24' }), 'mesh.cidr', /docker0/],
    ['swarm ingress', inventory(n3(), { cidr: '10.0.0.0/16' }), 'mesh.cidr', /ingress/],
    ['a node address inside the mesh', inventory([node('a', '10.99.0.5')]), 'nodes[0].address', /inside mesh.cidr/],
    ['cidr6 not ULA', inventory(n3(), { cidr6: '2001:db8::/64' }), 'mesh.cidr6', /unique local/],
    ['cidr6 smaller than cidr', inventory(n3(), { cidr6: 'fd99::/124' }), 'mesh.cidr6', /at least as many/],
    ['mtu', inventory(n3(), { mtu: 1000 }), 'mesh.mtu', /1280/],
    ['duplicate name', inventory([node('a', '198.18.0.1'), node('a', '198.18.0.2')]), 'nodes[1].name', /duplicate node name/],
    ['duplicate address', inventory([node('a', '198.18.0.1'), node('b', '198.18.0.1')]), 'nodes[1].address', /duplicate address/],
    ['duplicate mesh address', inventory([node('a', '198.18.0.1', { meshAddress: '10.99.0.3' }), node('b', '198.18.0.2', { meshAddress: '10.99.0.3' })]), 'nodes[1].meshAddress', /duplicate mesh address/],
    ['mesh address outside', inventory([node('a', '198.18.0.1', { meshAddress: '10.98.0.3' })]), 'nodes[0].meshAddress', /outside/],
    ['mesh address = network', inventory([node('a', '198.18.0.1', { meshAddress: '10.99.0.0' })]), 'nodes[0].meshAddress', /network or broadcast/],
    ['mesh address = broadcast', inventory([node('a', '198.18.0.1', { meshAddress: '10.99.0.255' })]), 'nodes[0].meshAddress', /network or broadcast/],
    ['mesh address non-canonical', inventory([node('a', '198.18.0.1', { meshAddress: '10.99.0.03' })]), 'nodes[0].meshAddress', /canonical/],
    ['newline in a name', inventory([node('a\n[Peer]', '198.18.0.1')]), 'nodes[0].name', /lowercase/],
    ['"=" in a name', inventory([node('a=b', '198.18.0.1')]), 'nodes[0].name', /lowercase/],
    ['newline in an endpoint', inventory([node('a', '198.18.0.1\nPostUp=evil')]), 'nodes[0].address', /host name or IP/],
    ['brackets in an endpoint', inventory([node('a', '[::1]')]), 'nodes[0].address', /host name or IP/],
    ['a port in an endpoint', inventory([node('a', 'node1.example:51820')]), 'nodes[0].address', /not an IPv6 address/],
    ['"=" in a label', inventory([node('a', '198.18.0.1', { labels: { zone: 'a=b' } })]), 'nodes[0].labels.zone', /labels may not/],
    ['newline in a label', inventory([node('a', '198.18.0.1', { labels: { zone: 'a\n[Peer]' } })]), 'nodes[0].labels.zone', /labels may not/],
  ])('refuses %s', (_what, inv, path, message) => {
    const issues = meshIssues(inv);
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.find((i) => i.path === path)!.message).toMatch(message);
  });

  it('throws a ConfigError (exit 2) listing every problem at once', () => {
    const inv = inventory([node('a', '198.18.0.1'), node('a', '198.18.0.1')], { cidr: '10.99.0.0/31' });
    try {
      assertMeshValid(inv);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect(exitCodeOf(e)).toBe(2);
      expect((e as ConfigError).issues.length).toBeGreaterThanOrEqual(3);
    }
  });
});
