// `mesh` commands in-process: bad input is refused with exit 2 before any host or store is used.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/run-cli.js';
import { formatPlan } from '../../../src/cli/mesh-plan.js';
import { statusRows } from '../../../src/cli/mesh-status.js';

// TEST-NET addresses: nothing answers there, so a test that reached SSH would hang, not pass.
function cluster(mesh: string, nodes = ['a', 'b']): string {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-cli-'));
  const file = join(dir, 'cluster.yaml');
  writeFileSync(file, `cluster: t\nmesh:\n${mesh}\nnodes:\n${nodes.map((n, i) => `  - name: ${n}\n    address: 192.0.2.${i + 1}\n    role: manager\n`).join('')}`);
  return file;
}

describe('mesh CLI', () => {
  it.each([
    ['plan', '  cidr: 10.99.0.0/31', /mesh.cidr: 10.99.0.0\/31 is too small/],
    ['apply', '  cidr: 10.99.0.0/31', /mesh.cidr: 10.99.0.0\/31 is too small/],
    ['apply', '  cidr: 172.17.0.0/24', /Docker's default bridge/],
    ['status', '  cidr: 10.99.0.0/24\n  cidr6: 2001:db8::/64', /unique local/],
  ])('mesh %s refuses a bad mesh (%s) with exit 2', async (cmd, mesh, message) => {
    const file = cluster(mesh);
    const r = await runCli(['-c', file, 'mesh', cmd]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ERROR: /);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(file, '..', 'secrets'))).toBe(false); // no store was created
  });

  it('formats a plan per host', () => {
    const text = formatPlan({
      node: 'a',
      backend: 'userspace',
      action: 'sync',
      reasons: ['1 file(s) differ', 'peers differ'],
      files: [{ path: '/etc/wireguard/wg0.conf', change: 'update', secret: true }],
      peers: { added: ['c'], removed: [], removedKeys: [], changed: [] },
      upload: [],
      remove: [],
    });
    expect(text).toBe('a (userspace): sync wg0 — 1 file(s) differ; peers differ\n  ~ /etc/wireguard/wg0.conf (update, secret)\n  peers: +c');
  });

  it('formats status rows', () => {
    expect(statusRows([{ node: 'a', peer: 'b', endpoint: '192.0.2.2:51820', latestHandshake: 100, handshakeAgeS: 5, rxBytes: 2048, txBytes: 10 }])).toEqual([
      ['a', 'b', '192.0.2.2:51820', '5 s ago', '2.0 KiB', '10 B', 'up'],
    ]);
  });
});
