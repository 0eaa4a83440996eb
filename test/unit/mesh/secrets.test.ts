import { describe, expect, it } from 'vitest';
import { ensureKeys, loadKeys, missingKeys, pairs, pskName } from '../../../src/mesh/secrets.js';
import { UserError, exitCodeOf } from '../../../src/errors.js';
import { MemoryStore } from './fixtures.js';

describe('mesh keys in the store', () => {
  it('names one PSK per unordered pair', () => {
    expect(pskName('node2', 'node1')).toBe('wireguard/psk/node1--node2');
    expect(pairs(['a', 'b', 'c'])).toEqual([['a', 'b'], ['a', 'c'], ['b', 'c']]);
    expect(pairs(Array.from({ length: 250 }, (_, i) => `n${i}`))).toHaveLength(31_125);
  });

  it('generates n private keys and n(n-1)/2 PSKs once; a second run opens no transaction', async () => {
    const store = new MemoryStore();
    const names = ['a', 'b', 'c', 'd', 'e'];
    const created = await ensureKeys(store, names);
    expect(created).toHaveLength(5 + 10);
    expect(store.transactions).toBe(1);
    const before = new Map(store.values);
    expect(await ensureKeys(store, names)).toEqual([]);
    expect(store.transactions).toBe(1);
    expect(store.values).toEqual(before);
    // A new node adds only its own key and its PSKs with the existing nodes.
    expect(await ensureKeys(store, [...names, 'f'])).toHaveLength(1 + 5);
  });

  it('reports missing keys without creating them', () => {
    const store = new MemoryStore();
    expect(missingKeys(store, ['a', 'b'])).toEqual(['wireguard/a/private', 'wireguard/b/private', 'wireguard/psk/a--b']);
    expect(store.values.size).toBe(0);
  });

  it.each([
    ['wireguard/a/private', 'not-a-key'],
    ['wireguard/a/private', `${'A'.repeat(42)}B=`],
    ['wireguard/psk/a--b', 'A'.repeat(44)],
  ])('refuses an invalid %s with a UserError (exit 2) that does not echo the value', async (name, value) => {
    const store = new MemoryStore();
    await ensureKeys(store, ['a', 'b']);
    store.values.set(name, value);
    let err: unknown;
    try {
      loadKeys(store, ['a', 'b']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect(exitCodeOf(err)).toBe(2);
    expect((err as Error).message).toContain(name);
    expect((err as Error).message).not.toContain(value);
  });

  it('accepts a key stored with a trailing newline', async () => {
    const store = new MemoryStore();
    await ensureKeys(store, ['a', 'b']);
    store.values.set('wireguard/a/private', `${store.values.get('wireguard/a/private')}\n`);
    expect(loadKeys(store, ['a', 'b']).privateKey('a').reveal()).toHaveLength(44);
  });
});
