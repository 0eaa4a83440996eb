import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../src/util/atomic-write.js';

describe('writeFileAtomic', () => {
  it('replaces the file whole, with the requested mode, and leaves no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aw-'));
    const path = join(dir, 'cluster.yaml');
    writeFileSync(path, 'old\n');
    writeFileAtomic(path, 'new\n', 0o600);
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['cluster.yaml']);
  });

  it('a failed rename leaves the target as it was and no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aw-'));
    const path = join(dir, 'target');
    mkdirSync(join(path, 'occupied'), { recursive: true }); // renaming a file over a non-empty directory fails
    expect(() => writeFileAtomic(path, 'x')).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['target']);
    expect(readdirSync(path)).toEqual(['occupied']);
  });
});
