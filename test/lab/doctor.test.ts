// doctor against real lab hosts: real SSH, real Docker API through the forwarded socket.
import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { cli, dockerExecNode, labConfig, labDir, labState, sshNode, ROOT } from './helpers.js';

async function mastersOf(addresses: string[]): Promise<string[]> {
  const ps = await execa('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return String(ps.stdout).split('\n').filter((l) => /^ssh .*-M -N -f/.test(l) && addresses.some((a) => l.endsWith(` ${a}`)));
}

// A process that opens every host's master and Docker forward, then never calls closeAll.
const LEAKER = `
import { loadInventory } from './dist/config/load.js';
import { HostPool } from './dist/host/pool.js';
const pool = new HostPool(loadInventory(process.argv[1]));
await Promise.all(pool.all().map((h) => h.docker()));
console.log('up');
if (process.argv[2] === 'wait') setInterval(() => {}, 1000);
`;

interface Report {
  ok: boolean;
  hosts: Array<{ name: string; backend: string; findings: Array<{ check: string; status: string; detail: string }> }>;
}

describe('swarmctl doctor on the lab', () => {
  it('every node: userspace WireGuard, IPVS missing as a warning, everything else OK', async () => {
    const r = await cli(['doctor', '-c', labConfig(), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.ok).toBe(true);
    expect(report.hosts.map((h) => h.name)).toEqual(['node1', 'node2', 'node3']);
    for (const h of report.hosts) {
      const status = Object.fromEntries(h.findings.map((f) => [f.check, f.status]));
      expect(status).toEqual({ ssh: 'ok', root: 'ok', docker: 'ok', wireguard: 'ok', ipvs: 'warn', vxlan: 'ok', networkd: 'ok', clock: 'ok', ports: 'ok' });
      expect(h.findings.find((f) => f.check === 'wireguard')!.detail).toMatch(/userspace/);
      expect(h.findings.find((f) => f.check === 'docker')!.detail).toMatch(/API 1\.\d+/);
      expect(h.backend).toBe('userspace');
    }
  });

  it('prints a table by default and leaves no SSH master behind', async () => {
    const r = await cli(['doctor', '-c', labConfig()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/node2\s+ipvs\s+WARN\s+missing: VIP endpoints/);
    expect(r.stdout).toContain('all 3 host(s) ready (3 warnings)');
    const addresses = labState().nodes.map((n) => n.address);
    const ps = await execa('ps', ['-eo', 'args'], { encoding: 'utf8' });
    const masters = String(ps.stdout).split('\n').filter((l) => /^ssh .*-M -N -f/.test(l) && addresses.some((a) => l.endsWith(` ${a}`)));
    expect(masters).toEqual([]);
  });

  it('no master outlives a process that skipped closeAll: at exit and on Ctrl-C', async () => {
    const addresses = labState().nodes.map((n) => n.address);
    const before = await mastersOf(addresses);
    const exited = await execa('node', ['--input-type=module', '-e', LEAKER, labConfig()], { cwd: ROOT, encoding: 'utf8', reject: false });
    expect(exited.stdout.trim()).toBe('up');
    expect(await mastersOf(addresses)).toEqual(before);

    const child = execa('node', ['--input-type=module', '-e', LEAKER, labConfig(), 'wait'], { cwd: ROOT, encoding: 'utf8', reject: false });
    await new Promise<void>((ready) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('up') && ready()));
    expect((await mastersOf(addresses)).length).toBe(before.length + addresses.length);
    child.kill('SIGINT');
    const r = await child;
    expect(r.signal).toBe('SIGINT');
    expect(await mastersOf(addresses)).toEqual(before);
  });

  it('a port taken by another process is a blocking finding naming the process', async () => {
    await sshNode(labDir(), 'node2', 'setsid nc -l -p 2377 </dev/null >/dev/null 2>&1 & sleep 0.3');
    try {
      const r = await cli(['doctor', '-c', labConfig()]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/node2\s+ports\s+FAIL\s+2377\/tcp \(swarm control plane\) held by nc/);
      expect(r.stdout).toContain('blocking findings: node2');
    } finally {
      await sshNode(labDir(), 'node2', 'pkill -x nc || true');
    }
  });

  it('a host that refuses SSH: names the host and the step, exit 1; the others are still checked', async () => {
    await dockerExecNode(labDir(), 'node3', 'kill "$(cat /run/sshd.pid)"');
    try {
      const r = await cli(['doctor', '-c', labConfig()]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/node3\s+ssh\s+FAIL\s+node3: ssh connect to root@[\d.]+:22 failed \(exit 255\)/);
      expect(r.stdout).toMatch(/node1\s+docker\s+OK/);
      expect(r.stdout).toContain('1 of 3 host(s) have blocking findings: node3');
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await dockerExecNode(labDir(), 'node3', '/usr/local/sbin/lab-node-services');
    }
    expect((await sshNode(labDir(), 'node3', 'true')).code).toBe(0);
  });
});
