import { describe, expect, it } from 'vitest';
import { containerName, gatewayAddress, labId, labNodes, networkName, nodeAddress, nodeRole, parseNodeCount } from '../../../src/lab/naming.js';

describe('lab naming', () => {
  it('derives a stable short id from the absolute directory', () => {
    expect(labId('/a/lab')).toMatch(/^[0-9a-f]{10}$/);
    expect(labId('/a/lab')).toBe(labId('/a/lab/'));
    expect(labId('/a/lab')).not.toBe(labId('/b/lab'));
  });

  it('names docker resources after the id', () => {
    expect(networkName('abc')).toBe('swarmctl-abc');
    expect(containerName('abc', 2)).toBe('swarmctl-abc-node2');
  });

  it('gives fixed addresses from .11 and managers to the first three', () => {
    expect(nodeAddress('198.18.7.0/24', 1)).toBe('198.18.7.11');
    expect(nodeAddress('198.19.255.0/24', 9)).toBe('198.19.255.19');
    expect(gatewayAddress('198.18.7.0/24')).toBe('198.18.7.1');
    expect([1, 2, 3, 4, 9].map(nodeRole)).toEqual(['manager', 'manager', 'manager', 'worker', 'worker']);
    expect(labNodes('abc', '198.18.7.0/24', 2)).toEqual([
      { name: 'node1', index: 1, container: 'swarmctl-abc-node1', address: '198.18.7.11' },
      { name: 'node2', index: 2, container: 'swarmctl-abc-node2', address: '198.18.7.12' },
    ]);
  });

  it('accepts 1..9 nodes only', () => {
    expect(parseNodeCount(undefined, 3)).toBe(3);
    expect(parseNodeCount('1', 3)).toBe(1);
    expect(parseNodeCount('9', 3)).toBe(9);
    for (const bad of ['0', '10', '-1', '2.5', 'x', '']) expect(typeof parseNodeCount(bad, 3)).toBe('string');
  });
});
