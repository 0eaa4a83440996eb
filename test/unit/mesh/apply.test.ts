// applyMesh against recording fake hosts: the order of effects, exit semantics, and that
// nothing reaches a host when the inventory or the store is wrong.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { applyMesh } from '../../../src/mesh/apply.js';
import { HostPool } from '../../../src/host/pool.js';
import type { Host, ExecResult } from '../../../src/host/host.js';
import type { RemoteCommand } from '../../../src/host/command.js';
import type { Context } from '../../../src/cli/command.js';
import { RemoteCommandError, UserError } from '../../../src/errors.js';
import { loadKeys } from '../../../src/mesh/secrets.js';
import { Secret } from '../../../src/util/redact.js';
import { MemoryStore, inventory, node } from './fixtures.js';

const ctx: Context = {
  cwd: '/',
  configPath: '/x',
  verbose: false,
  json: true, // silent progress renderer
  env: {},
  stdin: new PassThrough(),
  out: () => undefined,
  err: () => undefined,
  stdoutIsTTY: false,
  stdout: new PassThrough(),
};

function setup(down: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-apply-'));
  const file = join(dir, 'cluster.yaml');
  writeFileSync(file, 'cluster: t\nnodes:\n' + ['a', 'b', 'c'].map((n, i) => `  - name: ${n}\n    address: 198.18.0.${11 + i}\n    role: manager\n`).join(''));
  const inv = { ...inventory([node('a', '198.18.0.11'), node('b', '198.18.0.12'), node('c', '198.18.0.13')]), file, dir };
  const store = new MemoryStore();
  const log: string[] = [];
  const wg0 = new Set<string>();
  const make = (n: { name: string }): Host => ({
    ref: n as never,
    async exec(cmd: RemoteCommand): Promise<ExecResult> {
      log.push(`${n.name}: ${cmd.step}`);
      if (down.includes(n.name)) throw new RemoteCommandError(n.name, 'ssh connect', 255, 'Connection timed out');
      let stdout = '';
      if (cmd.step === 'bring wg0 up (wg-quick)') wg0.add(n.name);
      if (cmd.step === 'read mesh state') stdout = 'now\t100\n' + (wg0.has(n.name) ? 'link\t5\t1420\n' : '');
      if (cmd.step === 'verify wg0 peers') {
        const keys = loadKeys(store, ['a', 'b', 'c']);
        const peers = ['a', 'b', 'c'].filter((p) => p !== n.name);
        stdout = cmd.argv.slice(5).map((ip) => `ping\t${ip}\tok\n`).join('') + 'now\t100\n';
        stdout += peers.map((p) => `peer\t${keys.publicKey(p)}\t-\t-\t${down.includes(p) ? 0 : 95}\t1\t1\t25\n`).join('');
      }
      return { stdout, stderr: '', exitCode: 0 };
    },
    async upload(f) {
      log.push(`${n.name}: upload ${f.path} ${f.mode.toString(8)} ${f.content instanceof Secret ? 'secret' : 'plain'}`);
      return { changed: true };
    },
    docker: () => Promise.reject(new Error('no docker')),
    close: async () => undefined,
  });
  return { inv, store, log, pool: new HostPool(inv, make) };
}

describe('applyMesh', () => {
  it('records addresses, generates keys, uploads, brings wg0 up and verifies every host', async () => {
    const { inv, store, log, pool } = setup();
    const s = await applyMesh(ctx, inv, pool, store);
    expect(s.ok).toBe(true);
    expect(s.allocated).toEqual({ a: '10.99.0.1', b: '10.99.0.2', c: '10.99.0.3' });
    expect(readFileSync(inv.file, 'utf8')).toContain('meshAddress: 10.99.0.3');
    expect(s.keysCreated).toHaveLength(6);
    expect(Object.values(s.hosts).map((h) => h.action)).toEqual(['create', 'create', 'create']);
    expect(log.filter((l) => l.startsWith('a: '))).toEqual([
      'a: read mesh state',
      'a: upload /etc/wireguard/wg0.conf 600 secret',
      'a: bring wg0 up (wg-quick)',
      'a: check that wg0 exists',
      'a: verify wg0 peers',
    ]);
    expect(s.reviewFilesWritten).toHaveLength(9);
  });

  it('an unreachable node: the others are configured, the summary names it, not ok', async () => {
    const { inv, store, log, pool } = setup(['b']);
    const s = await applyMesh(ctx, inv, pool, store);
    expect(s.ok).toBe(false);
    expect(s.failed).toEqual(['b']);
    expect(s.hosts.b!.error).toMatch(/Connection timed out/);
    expect(s.hosts.a!.status).toBe('ok');
    expect(log).toContain('c: bring wg0 up (wg-quick)');
    // Verification of a and c does not wait for b, which never came up.
    expect(log).toContain('a: verify wg0 peers');
  });

  it.each([
    ['an invalid inventory', (x: ReturnType<typeof setup>) => (x.inv.mesh.cidr = '10.99.0.0/31')],
    ['an invalid key in the store', async (x: ReturnType<typeof setup>) => {
      await applyMesh(ctx, x.inv, new HostPool(x.inv, () => ({ exec: async () => ({ stdout: '', stderr: '', exitCode: 0 }), upload: async () => ({ changed: false }) }) as never), x.store, { verify: false, writeReview: false });
      x.store.values.set('wireguard/psk/a--c', 'A'.repeat(44));
    }],
  ])('refuses %s with exit 2 before touching any host', async (_what, spoil) => {
    const x = setup();
    await spoil(x);
    x.log.length = 0;
    await expect(applyMesh(ctx, x.inv, x.pool, x.store)).rejects.toBeInstanceOf(UserError);
    expect(x.log).toEqual([]);
  });
});
