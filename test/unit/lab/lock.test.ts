import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withLabLock } from '../../../src/lab/lock.js';
import { UserError } from '../../../src/errors.js';

describe('lab lock', () => {
  const id = `unit${process.pid}`;
  const path = join(tmpdir(), `swarmctl-lab-${id}.lock`);

  it('holds the lock during the work and releases it after, even on failure', async () => {
    await withLabLock(id, '/l', async () => expect(existsSync(path)).toBe(true));
    expect(existsSync(path)).toBe(false);
    await expect(withLabLock(id, '/l', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(path)).toBe(false);
  });

  it('refuses while another live process holds it, and takes over a stale one', async () => {
    writeFileSync(path, String(process.ppid));
    await expect(withLabLock(id, '/l', async () => 1)).rejects.toBeInstanceOf(UserError);
    writeFileSync(path, '999999999');
    expect(await withLabLock(id, '/l', async () => 2)).toBe(2);
    expect(existsSync(path)).toBe(false);
  });
});
