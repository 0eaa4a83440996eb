import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mayRemoveDir } from '../../../src/lab/down.js';
import { sshProcessesUsing } from '../../../src/lab/processes.js';

describe('lab down safety', () => {
  const base = mkdtempSync(join(tmpdir(), 'swarmctl-down-'));

  it('removes a whole directory only when lab up created it and we do not stand in it', () => {
    expect(mayRemoveDir(join(base, 'lab'), base, true)).toBe(true);
    expect(mayRemoveDir(join(base, 'lab'), base, false)).toBe(false);
    expect(mayRemoveDir(base, base, true)).toBe(false);
    expect(mayRemoveDir(base, join(base, 'lab', 'deeper'), true)).toBe(false);
    expect(mayRemoveDir('/', base, true)).toBe(false);
  });

  it('never removes a directory holding a repository', () => {
    const repo = join(base, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    expect(mayRemoveDir(repo, base, true)).toBe(false);
  });

  it('finds only ssh processes that use this lab key', () => {
    const procs = [
      { pid: 10, argv: ['ssh', '-i', '/l/id_ed25519', '-M', '198.18.5.11'] },
      { pid: 11, argv: ['/usr/bin/ssh', '-o', 'IdentityFile=/l/id_ed25519', 'x'] },
      { pid: 12, argv: ['ssh', '-i', '/other/id_ed25519', 'x'] },
      { pid: 13, argv: ['node', 'swarmctl', '-i', '/l/id_ed25519'] },
      { pid: 14, argv: ['sshd', '-i', '/l/id_ed25519'] },
    ];
    expect(sshProcessesUsing(procs, '/l/id_ed25519', 1)).toEqual([10, 11]);
  });
});
