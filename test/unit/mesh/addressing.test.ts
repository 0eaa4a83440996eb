import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateAddresses } from '../../../src/mesh/addressing.js';
import { formatIp4, formatIp6, parseCidr, parseIp4, parseIp6 } from '../../../src/mesh/ip.js';

describe('ip parsing', () => {
  it.each([
    ['10.99.0.1', true],
    ['255.255.255.255', true],
    ['10.099.0.1', false],
    ['10.99.0', false],
    ['256.1.1.1', false],
    ['10.99.0.1 ', false],
  ])('IPv4 %j canonical=%s', (text, ok) => {
    expect(parseIp4(text) !== undefined).toBe(ok);
  });

  it.each([
    ['fd99::1', 'fd99::1'],
    ['FD99:0:0:0:0:0:0:1', 'fd99::1'],
    ['fd00:1:0:0:1:0:0:0', 'fd00:1:0:0:1::'], ['fd00:0:0:1:0:0:1:1', 'fd00::1:0:0:1:1'],
    ['::', '::'],
  ])('IPv6 %s formats as %s', (text, canonical) => {
    expect(formatIp6(parseIp6(text)!)).toBe(canonical);
  });

  it('round-trips every IPv4 address', () => {
    fc.assert(fc.property(fc.ipV4(), (ip) => formatIp4(parseIp4(ip)!) === ip));
  });

  it.each([
    ['10.99.0.0/24', true],
    ['10.99.0.1/24', false],
    ['10.99.0.0/33', false],
    ['10.99.0.0', false],
    ['fd99::/64', false],
  ])('IPv4 CIDR %s ok=%s', (text, ok) => {
    expect(parseCidr(text, 4).ok).toBe(ok);
  });
});

describe('allocateAddresses', () => {
  const mesh = { cidr: '10.99.0.0/24' };
  it('keeps recorded addresses and gives the lowest free ones to new nodes, in inventory order', () => {
    const r = allocateAddresses([{ name: 'a', meshAddress: '10.99.0.2' }, { name: 'b' }, { name: 'c' }, { name: 'd', meshAddress: '10.99.0.1' }], mesh);
    expect([...r.addresses].map(([n, a]) => `${n}=${a.v4}/${a.prefix4}`)).toEqual(['a=10.99.0.2/24', 'b=10.99.0.3/24', 'c=10.99.0.4/24', 'd=10.99.0.1/24']);
    expect(Object.fromEntries(r.allocated)).toEqual({ b: '10.99.0.3', c: '10.99.0.4' });
  });

  it('is stable: recording the result and allocating again changes nothing', () => {
    const first = allocateAddresses([{ name: 'a' }, { name: 'b' }], mesh);
    const again = allocateAddresses([{ name: 'a', meshAddress: first.allocated.get('a')! }, { name: 'b', meshAddress: first.allocated.get('b')! }, { name: 'c' }], mesh);
    expect(again.allocated).toEqual(new Map([['c', '10.99.0.3']]));
    expect(again.addresses.get('a')!.v4).toBe('10.99.0.1');
  });

  it('derives IPv6 addresses from the IPv4 host offset', () => {
    const r = allocateAddresses([{ name: 'a', meshAddress: '10.99.0.7' }], { cidr: '10.99.0.0/24', cidr6: 'fd99::/64' });
    expect(r.addresses.get('a')).toEqual({ v4: '10.99.0.7', prefix4: 24, v6: 'fd99::7', prefix6: 64 });
  });

  it('refuses when the CIDR is full', () => {
    expect(() => allocateAddresses([{ name: 'a' }, { name: 'b' }, { name: 'c' }], { cidr: '10.99.0.0/30' })).toThrow(/no free address/);
  });
});
