// runDoctor's effects with fake hosts: which failure becomes which finding.
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../../src/config/load.js';
import { HostPool } from '../../../src/host/pool.js';
import type { Host } from '../../../src/host/host.js';
import type { NodeSpec } from '../../../src/config/inventory.js';
import { RemoteCommandError } from '../../../src/errors.js';
import { runDoctor, isBlocking } from '../../../src/doctor/run.js';

const inv = parseInventory(
  `cluster: t\nnodes:\n  - { name: a, address: 192.0.2.1, role: manager, ssh: { user: deploy } }\n  - { name: b, address: 192.0.2.2, role: worker }\n`,
  '/x/cluster.yaml',
  '/x',
);

function fake(n: NodeSpec, execError: Error): Host {
  return {
    ref: n,
    exec: () => Promise.reject(execError),
    upload: () => Promise.reject(new Error('unused')),
    docker: () => Promise.reject(new Error('unused')),
    close: () => Promise.resolve(),
  };
}

describe('doctor findings from host failures', () => {
  it('sudo asking for a password is a failed root check, SSH itself is ok', async () => {
    const pool = new HostPool(inv, (n) => fake(n, new RemoteCommandError(n.name, 'probe host facts', 1, 'sudo: a password is required\n')));
    const [a] = await runDoctor(inv, pool, ['a']);
    expect(a!.findings).toEqual([
      { check: 'ssh', status: 'ok', detail: 'deploy@192.0.2.1:22' },
      { check: 'root', status: 'fail', detail: 'a: probe host facts failed (exit 1): sudo: a password is required' },
    ]);
    expect(isBlocking(a!)).toBe(true);
  });

  it('a host that cannot be reached is a failed ssh check and nothing else', async () => {
    const pool = new HostPool(inv, (n) => fake(n, new RemoteCommandError(n.name, `ssh connect to root@${n.address}:22`, 255, 'Connection refused')));
    const [b] = await runDoctor(inv, pool, ['b']);
    expect(b!.findings).toEqual([{ check: 'ssh', status: 'fail', detail: 'b: ssh connect to root@192.0.2.2:22 failed (exit 255): Connection refused' }]);
  });
});

describe('clock skew', () => {
  it('takes the probe script\'s own run time out of the round trip', async () => {
    const { clockSkew } = await import('../../../src/doctor/run.js');
    // Sent at 1000.0 s, 0.1 s each way, script ran 1.0 s on a clock that is exactly ours.
    expect(clockSkew({ time: '1000.1', time_end: '1001.1' }, 1_000_000, 1_001_200)).toBeCloseTo(0, 6);
    // The same host 5 s ahead.
    expect(clockSkew({ time: '1005.1', time_end: '1006.1' }, 1_000_000, 1_001_200)).toBeCloseTo(5, 6);
    // An older probe without time_end: plain midpoint.
    expect(clockSkew({ time: '1000.6' }, 1_000_000, 1_001_200)).toBeCloseTo(0, 6);
    expect(clockSkew({}, 1_000_000, 1_001_200)).toBeUndefined();
  });
});
