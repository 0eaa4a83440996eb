// The remote shell scripts, run or at least parsed by a real sh on this machine: quoting
// mistakes in a template literal show up here instead of on a host.
import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, writeFileSync, existsSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProbe, probeCommand } from '../../../src/mesh/remote-state.js';
import { verifyCommand } from '../../../src/mesh/verify.js';
import { backendFor } from '../../../src/mesh/backend.js';
import { writeReviewFiles } from '../../../src/mesh/review.js';
import { allocateAddresses } from '../../../src/mesh/addressing.js';
import { buildModel } from '../../../src/mesh/model.js';
import { threeNodes } from './fixtures.js';

const run = (argv: string[]) => execa(argv[0]!, argv.slice(1), { reject: false });

describe('remote scripts', () => {
  it('the probe runs and reports a file by hash, a missing file, and no wg0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probe-'));
    writeFileSync(join(dir, 'f'), 'hello', { mode: 0o640 });
    const r = await run(probeCommand([join(dir, 'f'), join(dir, 'missing')]).argv);
    expect(r.exitCode).toBe(0);
    const s = parseProbe(r.stdout);
    expect(s.now).toBeGreaterThan(1_600_000_000);
    expect(s.files.get(join(dir, 'f'))).toEqual({ sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', modeOwner: '640 root:root' });
    expect(s.files.get(join(dir, 'missing'))).toBeNull();
  });

  it('verify with no peers prints the time and exits 0', async () => {
    const r = await run(verifyCommand([], 1).argv);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^now\t\d+$/m);
  });

  it.each(['create', 'restart', 'sync'] as const)('the userspace %s script parses', async (action) => {
    for (const cmd of backendFor('userspace').commands({} as never, { action } as never)) {
      const [, , script] = cmd.argv;
      expect((await run(['sh', '-n', '-c', script!])).exitCode).toBe(0);
    }
  });
});

describe('userspace sync', () => {
  // Fake wg-quick / wg on PATH: what reaches `wg syncconf`, and whether it runs at all.
  async function sync(stripExit: number) {
    const bin = mkdtempSync(join(tmpdir(), 'wgbin-'));
    writeFileSync(join(bin, 'wg-quick'), `#!/bin/sh\nprintf '[Interface]\\nPrivateKey = k\\n'\nexit ${stripExit}\n`, { mode: 0o755 });
    writeFileSync(join(bin, 'wg'), `#!/bin/sh\necho "$@" >${bin}/wg.args; cat >${bin}/wg.stdin\n`, { mode: 0o755 });
    const [cmd] = backendFor('userspace').commands({} as never, { action: 'sync' } as never);
    const r = await execa(cmd!.argv[0]!, cmd!.argv.slice(1), { reject: false, env: { PATH: `${bin}:${process.env.PATH}` } });
    const read = (f: string) => (existsSync(join(bin, f)) ? readFileSync(join(bin, f), 'utf8') : undefined);
    return { exitCode: r.exitCode, args: read('wg.args'), stdin: read('wg.stdin') };
  }

  it('pipes the stripped config into wg syncconf, keys only on stdin', async () => {
    expect(await sync(0)).toEqual({ exitCode: 0, args: 'syncconf wg0 /dev/stdin\n', stdin: '[Interface]\nPrivateKey = k\n' });
  });

  it('a failing wg-quick strip stops before syncconf (an empty config would drop every peer)', async () => {
    const r = await sync(1);
    expect(r.exitCode).not.toBe(0);
    expect(r.args).toBeUndefined();
  });
});

describe('review copies', () => {
  it('writes changed files only and removes a departed node’s files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'review-'));
    const inv = threeNodes();
    const model = buildModel(inv, allocateAddresses(inv.nodes, inv.mesh).addresses, (n) => `${n.at(-1)!.repeat(43)}=`.replace(/\d/g, 'A'));
    expect(writeReviewFiles(dir, model)).toHaveLength(9);
    expect(writeReviewFiles(dir, model)).toEqual([]);
    mkdirSync(join(dir, 'networkd', 'old'));
    writeFileSync(join(dir, 'networkd', 'old', 'wg0.netdev'), 'x');
    expect(writeReviewFiles(dir, model)).toEqual([join(dir, 'networkd', 'old', 'wg0.netdev')]);
    expect(existsSync(join(dir, 'networkd', 'old'))).toBe(false);
    expect(readFileSync(join(dir, 'networkd', 'node1', 'wg0.conf'), 'utf8')).not.toMatch(/^(PrivateKey|PresharedKey)/m);
  });
});
