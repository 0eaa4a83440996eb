// Transactions: all or nothing, journal committed with the entries, re-reading the latest
// file so two Store handles never lose each other's updates.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createStore, openStore } from '../../../src/store/index.js';
import { keyFileIn, tempDir } from './helpers.js';

const t = tempDir('swarmctl-tx-');
afterAll(t.cleanup);
const key = keyFileIn(t.dir);
let n = 0;
async function fresh() {
  const path = join(t.dir, `s${n++}.enc`);
  await createStore(path, key);
  return { path, store: await openStore(path, key) };
}

describe('store transactions', () => {
  it('commits entries and journal together and bumps the generation', async () => {
    const { path, store } = await fresh();
    expect(store.generation).toBe(0);
    const v = await store.transaction((tx) => {
      tx.journal.set('rotate/app/db', { phase: 'created', next: 2 });
      return tx.set('app/db', 'pw-one-1234', { kind: 'opaque', usedBy: ['web'] });
    });
    expect(v).toBe(1);
    expect(store.generation).toBe(1);
    const again = await openStore(path, key);
    expect(again.meta('app/db')).toMatchObject({ kind: 'opaque', usedBy: ['web'], versions: [{ version: 1 }] });
    await again.transaction((tx) => {
      expect(tx.journal.get('rotate/app/db')).toEqual({ phase: 'created', next: 2 });
      expect(tx.journal.keys()).toEqual(['rotate/app/db']);
      tx.journal.delete('rotate/app/db');
    });
    await (await openStore(path, key)).transaction((tx) => expect(tx.journal.get('rotate/app/db')).toBeUndefined());
  });

  it('createStore returns the new store open: no second key lookup (prompt, scrypt) to use it', async () => {
    const path = join(t.dir, `s${n++}.enc`);
    const created = await createStore(path, key);
    expect(created.path).toBe(path);
    expect(created.generation).toBe(0);
    expect(created.list()).toEqual([]);
    await created.transaction((tx) => void tx.set('c/d', 'value-cd-1', { kind: 'opaque' }));
    expect((await openStore(path, key)).get('c/d').reveal()).toBe('value-cd-1');
  });

  it('writes nothing when nothing changed (idempotent re-runs leave no git diff)', async () => {
    const { path, store } = await fresh();
    await store.transaction((tx) => {
      tx.set('k/1', 'value-k1', { kind: 'opaque', usedBy: ['b', 'a'] });
      tx.journal.set('j', { a: 1 });
    });
    const before = readFileSync(path);
    await store.transaction((tx) => {
      tx.setIfAbsent('k/1', () => 'other-value', { kind: 'opaque' });
      tx.setUsedBy('k/1', ['a', 'b', 'a']);
      tx.journal.set('j', { a: 1 });
      tx.journal.delete('missing');
    });
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(store.generation).toBe(1);
  });

  it('writes nothing when the callback throws', async () => {
    const { path, store } = await fresh();
    const before = readFileSync(path);
    await expect(
      store.transaction((tx) => {
        tx.set('a/b', 'value-ab-1', { kind: 'opaque' });
        tx.journal.set('x', 1);
        throw new Error('step 2 failed');
      }),
    ).rejects.toThrow('step 2 failed');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(store.has('a/b')).toBe(false);
  });

  it('setIfAbsent runs the generator only once; rm drops all versions', async () => {
    const { store } = await fresh();
    let made = 0;
    const make = () => `generated-${++made}-xyz`;
    expect(await store.transaction((tx) => tx.setIfAbsent('wireguard/n1/private', make, { kind: 'wireguard-private-key' }))).toBe(true);
    expect(await store.transaction((tx) => tx.setIfAbsent('wireguard/n1/private', make, { kind: 'wireguard-private-key' }))).toBe(false);
    expect(made).toBe(1);
    await store.transaction((tx) => {
      tx.set('wireguard/n1/private', 'second-one-xyz', { kind: 'wireguard-private-key' });
      tx.setUsedBy('wireguard/n1/private', ['mesh/n1', 'mesh/n1']);
    });
    expect(store.meta('wireguard/n1/private')).toMatchObject({ usedBy: ['mesh/n1'], versions: [{ version: 1 }, { version: 2 }] });
    await store.transaction((tx) => tx.rm('wireguard/n1/private'));
    expect(store.list()).toEqual([]);
    await expect(store.transaction((tx) => tx.rm('nope'))).rejects.toThrow(/no secret named 'nope'/);
  });

  it('a second handle sees the first one’s commit inside its transaction (no lost update)', async () => {
    const { path, store: a } = await fresh();
    const b = await openStore(path, key);
    await a.transaction((tx) => void tx.set('x/1', 'value-x1', { kind: 'opaque' }));
    await b.transaction((tx) => {
      expect(tx.has('x/1')).toBe(true);
      tx.set('x/2', 'value-x2', { kind: 'opaque' });
    });
    const c = await openStore(path, key);
    expect(c.list().map((m) => m.name)).toEqual(['x/1', 'x/2']);
    expect(c.generation).toBe(2);
  });

  it('writes the store 0600 and leaves no temp or lock file behind', async () => {
    const { path, store } = await fresh();
    await store.transaction((tx) => void tx.set('m/n', 'value-mn', { kind: 'opaque' }));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(t.dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
  });

  it('a commit removes temp files a killed writer of this store left, and no other file', async () => {
    const { path, store } = await fresh();
    const { existsSync, rmSync, writeFileSync } = await import('node:fs');
    const name = path.slice(t.dir.length + 1);
    const stray = join(t.dir, `.${name}.0123456789ab.tmp`);
    const other = join(t.dir, `.${name}.bak.0123456789ab.tmp`); // another file's save in progress
    for (const f of [stray, other]) writeFileSync(f, 'x', { mode: 0o600 });
    await store.transaction((tx) => void tx.set('t/u', 'value-tu', { kind: 'opaque' }));
    expect(existsSync(stray)).toBe(false);
    expect(existsSync(other)).toBe(true);
    rmSync(other);
  });

  it('changeKey re-encrypts under a new key; the old key no longer opens it', async () => {
    const { path, store } = await fresh();
    await store.transaction((tx) => void tx.set('k/v', 'value-kv-123', { kind: 'opaque' }));
    const next = keyFileIn(t.dir, 'next.key');
    await store.changeKey(next);
    expect((await openStore(path, next)).get('k/v').reveal()).toBe('value-kv-123');
    await expect(openStore(path, key)).rejects.toThrow(/wrong passphrase or corrupted store/);
  });
});
