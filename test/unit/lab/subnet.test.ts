import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chooseSubnet, cidrRange, overlaps, poolSubnet, POOL_SIZE } from '../../../src/lab/subnet.js';

describe('lab subnet choice', () => {
  it('understands IPv4 CIDRs and ignores the rest', () => {
    expect(cidrRange('198.18.0.0/15')).toEqual([3323068416, 3323199487]);
    expect(cidrRange('fd00::/64')).toBeUndefined();
    expect(overlaps('198.18.0.0/15', '198.19.3.0/24')).toBe(true);
    expect(overlaps('172.17.0.0/16', '198.18.3.0/24')).toBe(false);
    expect(overlaps('198.18.3.5/24', '198.18.3.0/24')).toBe(true);
  });

  it('covers 198.18.0.0/15 exactly', () => {
    expect(poolSubnet(0)).toBe('198.18.0.0/24');
    expect(poolSubnet(POOL_SIZE - 1)).toBe('198.19.255.0/24');
    expect(poolSubnet(POOL_SIZE)).toBe('198.18.0.0/24');
  });

  it('never picks a subnet that overlaps a used one, and finds one while any is free', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(POOL_SIZE - 1), { maxLength: 200 }), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 10, maxLength: 10 }), (taken, id) => {
        const used = [...taken.map(poolSubnet), '172.17.0.0/16', 'fd00::/64'];
        const s = chooseSubnet(used, id);
        expect(s).toBeDefined();
        expect(used.some((u) => overlaps(u, s!))).toBe(false);
      }),
    );
  });

  it('returns undefined when the pool is full', () => {
    expect(chooseSubnet(['198.18.0.0/15'], 'abcdef0123')).toBeUndefined();
  });
});
