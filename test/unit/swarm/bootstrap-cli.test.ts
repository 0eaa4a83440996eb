import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/run-cli.js';

describe('swarmctl bootstrap, bad input', () => {
  it('a default address pool overlapping the mesh is a config error (exit 2) before any host is contacted', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'swarmctl-boot-'));
    // 192.0.2.0/24 (TEST-NET-1): nothing answers there; the check must come before any connection.
    writeFileSync(join(cwd, 'cluster.yaml'), 'cluster: t\nmesh:\n  cidr: 10.99.0.0/24\nswarm:\n  defaultAddrPool: 10.0.0.0/8\nnodes:\n  - name: node1\n    address: 192.0.2.1\n    role: manager\n');
    const r = await runCli(['bootstrap', '--dry-run'], { cwd });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/swarm.defaultAddrPool 10.0.0.0\/8 overlaps the mesh CIDR/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
