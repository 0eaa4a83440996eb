// The cross-process lock: exclusive while held, a dead holder's lock is broken, a live one
// times out with a message naming it.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { spawnSync } from 'node:child_process';
import { withLock } from '../../../src/store/lock.js';
import { tempDir } from './helpers.js';

const t = tempDir('swarmctl-lock-');
afterAll(t.cleanup);

describe('store lock', () => {
  it('serialises holders in one process', async () => {
    const path = join(t.dir, 'serial.enc');
    const order: string[] = [];
    const hold = (id: string) =>
      withLock(path, async () => {
        order.push(`${id}+`);
        await new Promise((r) => setTimeout(r, 20));
        order.push(`${id}-`);
      });
    await Promise.all([hold('a'), hold('b'), hold('c')]);
    for (let i = 0; i < order.length; i += 2) expect(order[i]!.slice(0, 1)).toBe(order[i + 1]!.slice(0, 1));
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('breaks the lock of a process that died', async () => {
    const path = join(t.dir, 'stale.enc');
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    writeFileSync(`${path}.lock`, `${dead} ${hostname()} 2026-01-01T00:00:00.000Z\n`);
    expect(await withLock(path, async () => 'got it', { timeoutMs: 2000 })).toBe('got it');
  });

  it('an empty lock (holder died between create and write) is broken only once it is old', async () => {
    const path = join(t.dir, 'empty.enc');
    writeFileSync(`${path}.lock`, '');
    await expect(withLock(path, async () => 1, { timeoutMs: 200 })).rejects.toThrow(/locked by a lock file that names no holder/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    expect(await withLock(path, async () => 'got it', { timeoutMs: 2000 })).toBe('got it');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('waits for a live holder, then names it', async () => {
    const path = join(t.dir, 'live.enc');
    writeFileSync(`${path}.lock`, `${process.pid} ${hostname()} 2026-01-01T00:00:00.000Z\n`);
    await expect(withLock(path, async () => 1, { timeoutMs: 200 })).rejects.toThrow(new RegExp(`locked by pid ${process.pid} on ${hostname()}`));
    writeFileSync(`${path}.lock`, `1 other-host 2026-01-01T00:00:00.000Z\n`);
    await expect(withLock(path, async () => 1, { timeoutMs: 200 })).rejects.toThrow(/locked by pid 1 on other-host/);
    // A waiter that gave up leaves no marker asking others to yield to it.
    expect(existsSync(`${path}.lock.waiting`)).toBe(false);
  });
});
