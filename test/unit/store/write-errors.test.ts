// A commit that cannot be written (disk full, I/O error) is a clear operation error, and the
// store is left exactly as it was: same bytes, no temp file, no lock, nothing half-applied.
// Running as root, permissions cannot make a write fail, so fs.fsyncSync fails on demand.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStore, openStore } from '../../../src/store/index.js';
import { OperationError } from '../../../src/errors.js';
import { runCli } from '../../helpers/run-cli.js';
import { keyFileIn, tempDir } from './helpers.js';

// `skip` fsyncs succeed first: 0 fails the temp file's, 1 the directory's (after the rename).
const fail = vi.hoisted(() => ({ code: undefined as string | undefined, skip: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const fsyncSync = (fd: number) => {
    if (fail.code && fail.skip-- <= 0) throw Object.assign(new Error(`${fail.code}: simulated`), { code: fail.code });
    real.fsyncSync(fd);
  };
  return { ...real, default: { ...real, fsyncSync }, fsyncSync };
});

const t = tempDir('swarmctl-write-errors-');
afterAll(t.cleanup);

describe('a commit that cannot be written', () => {
  it('library: OperationError naming the cause, file and snapshot unchanged, nothing left behind', async () => {
    const path = join(t.dir, 'lib.enc');
    const key = keyFileIn(t.dir);
    await createStore(path, key);
    const store = await openStore(path, key);
    await store.transaction((tx) => void tx.set('a/b', 'value-ab-1', { kind: 'opaque' }));
    const before = readFileSync(path);
    for (const code of ['ENOSPC', 'EIO']) {
      fail.code = code;
      const err = await store.transaction((tx) => void tx.set('a/c', 'value-ac-1', { kind: 'opaque' })).catch((e: unknown) => e);
      fail.code = undefined;
      expect(err).toBeInstanceOf(OperationError);
      expect((err as Error).message).toBe(`cannot write secret store ${path}: ${code}`);
      expect((err as OperationError).hint).toMatch(/previous store file is unchanged/);
      expect(readFileSync(path).equals(before)).toBe(true);
      expect(store.has('a/c')).toBe(false);
      expect(readdirSync(t.dir).filter((f) => /\.(tmp|lock)$/.test(f))).toEqual([]);
    }
    // The failure left nothing in the way of the next commit.
    await store.transaction((tx) => void tx.set('a/c', 'value-ac-2', { kind: 'opaque' }));
    expect((await openStore(path, key)).get('a/c').reveal()).toBe('value-ac-2');
  });

  it('a failed directory fsync after the rename says the change is in place, not that nothing changed', async () => {
    const path = join(t.dir, 'dirsync.enc');
    const key = keyFileIn(t.dir, 'dirsync.key');
    await createStore(path, key);
    const store = await openStore(path, key);
    Object.assign(fail, { code: 'EIO', skip: 1 });
    const err = await store.transaction((tx) => void tx.set('d/e', 'value-de-1', { kind: 'opaque' })).catch((e: unknown) => e);
    Object.assign(fail, { code: undefined, skip: 0 });
    expect(err).toBeInstanceOf(OperationError);
    expect((err as Error).message).toBe(`secret store ${path} was written, but its directory could not be synced: EIO`);
    expect((err as OperationError).hint).toMatch(/may not survive a power cut/);
    expect((await openStore(path, key)).get('d/e').reveal()).toBe('value-de-1');
  });

  it('CLI: exit 1, ERROR line with the cause, no stack trace, no value', async () => {
    const path = join(t.dir, 'cli.enc');
    const key = keyFileIn(t.dir, 'cli.key');
    await createStore(path, key);
    const before = readFileSync(path);
    fail.code = 'ENOSPC';
    const r = await runCli(['secret', 'set', 'x/y', '--store', path, '--key-file', key.kind === 'keyFile' ? key.path : ''], { stdin: 'value-never-shown-77' });
    fail.code = undefined;
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`ERROR: cannot write secret store ${path}: ENOSPC\nhint: the previous store file is unchanged\n`);
    expect(r.stdout).toBe('');
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
