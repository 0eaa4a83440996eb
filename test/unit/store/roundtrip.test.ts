// Any valid name and any value up to the limit comes back byte-identical, across re-opens.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { createStore, openStore, MAX_VALUE_BYTES } from '../../../src/store/index.js';
import { CHEAP_SCRYPT, keyFileIn, passphrase, tempDir } from './helpers.js';

const segment = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,11}(\.[A-Za-z0-9_-]{1,4})?$/);
const nameArb = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
const valueArb = fc.uint8Array({ minLength: 1, maxLength: 2048 }).map((u) => Buffer.from(u));

const t = tempDir();
afterAll(t.cleanup);

describe('store round trip', () => {
  it('returns every value byte-identical after reopening (key file)', async () => {
    const key = keyFileIn(t.dir);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.tuple(nameArb, valueArb), { minLength: 1, maxLength: 12, selector: ([k]) => k }), async (pairs) => {
        const path = join(t.dir, `rt-${n++}.enc`);
        await createStore(path, key);
        const s = await openStore(path, key);
        await s.transaction((tx) => {
          for (const [name, v] of pairs) tx.set(name, v, { kind: 'opaque' });
        });
        const again = await openStore(path, key);
        expect(again.list().map((m) => m.name)).toEqual(pairs.map(([k]) => k).sort((a, b) => (a < b ? -1 : 1)));
        for (const [name, v] of pairs) expect(again.get(name).revealBuffer().equals(v)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps versions, string values and the largest allowed value (passphrase)', async () => {
    const path = join(t.dir, 'pp.enc');
    const key = passphrase('correct horse battery staple');
    await createStore(path, key, { scrypt: CHEAP_SCRYPT });
    const s = await openStore(path, key);
    const big = Buffer.alloc(MAX_VALUE_BYTES, 7);
    await s.transaction((tx) => {
      expect(tx.set('app/db_password', 'first', { kind: 'opaque' })).toBe(1);
      expect(tx.set('app/db_password', 'sëcond ✓', { kind: 'opaque' })).toBe(2);
      tx.set('big/blob', big, { kind: 'opaque' });
    });
    const r = await openStore(path, key);
    expect(r.get('app/db_password').reveal()).toBe('sëcond ✓');
    expect(r.get('app/db_password', 1).reveal()).toBe('first');
    expect(r.meta('app/db_password')?.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(r.get('big/blob').revealBuffer().equals(big)).toBe(true);
    await expect(s.transaction((tx) => tx.set('big/blob2', Buffer.alloc(MAX_VALUE_BYTES + 1), { kind: 'opaque' }))).rejects.toThrow(/limit is 512000/);
  });
});
