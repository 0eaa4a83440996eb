import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chooseAddressPool, overlaps, parseCidr, POOL_CANDIDATES } from '../../../src/swarm/address-pool.js';

describe('default address pool', () => {
  it('never picks a pool overlapping the mesh CIDR (Docker default 10.0.0.0/8 would)', () => {
    expect(chooseAddressPool({ meshCidr: '10.99.0.0/24', nodeAddresses: ['198.18.0.11'] })).toBe('10.200.0.0/16');
    expect(overlaps(parseCidr('10.0.0.0/8')!, parseCidr('10.99.0.0/24')!)).toBe(true);
  });

  it('skips candidates that contain the mesh or a node address', () => {
    expect(chooseAddressPool({ meshCidr: '10.200.5.0/24', nodeAddresses: ['10.201.0.7', 'host.example'] })).toBe('172.30.0.0/16');
  });

  it('checks a configured pool', () => {
    expect(chooseAddressPool({ meshCidr: '10.99.0.0/24', nodeAddresses: [], configured: '10.50.0.0/16' })).toBe('10.50.0.0/16');
    expect(() => chooseAddressPool({ meshCidr: '10.99.0.0/24', nodeAddresses: [], configured: '10.0.0.0/8' })).toThrow(/overlaps/);
    expect(() => chooseAddressPool({ meshCidr: '10.99.0.0/24', nodeAddresses: [], configured: '10.50.0.0/28' })).toThrow(/\/24 or larger/);
    expect(() => chooseAddressPool({ meshCidr: '10.99.0.0/24', nodeAddresses: [], configured: '10.50.1.0/16' })).toThrow(/host bits are set; the network is 10.50.0.0\/16/);
  });

  it('property: whatever the mesh CIDR, the chosen pool does not overlap it', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 8, max: 30 }), (ip, bits) => {
        const mesh = `${ip}/${bits}`;
        let pool: string;
        try {
          pool = chooseAddressPool({ meshCidr: mesh, nodeAddresses: [] });
        } catch {
          return POOL_CANDIDATES.every((c) => overlaps(parseCidr(c)!, parseCidr(mesh)!));
        }
        return !overlaps(parseCidr(pool)!, parseCidr(mesh)!);
      }),
    );
  });
});
