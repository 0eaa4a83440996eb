// The lab itself, against real containers: nodes behave like freshly provisioned hosts reachable
// over real SSH, `lab up` converges without replacing anything, `lab down` leaves nothing behind.
import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadInventory } from '../../src/config/load.js';
import { cli, freshLab, labConfig, labDir, labState, sshNode } from './helpers.js';

async function containerIds(names: string[]): Promise<string[]> {
  const r = await execa('docker', ['container', 'inspect', '--format', '{{.Id}}', ...names]);
  return String(r.stdout).split('\n');
}

describe('shared lab (3 nodes)', () => {
  const dir = labDir();
  const nodes = labState(dir).nodes;

  it('has three nodes answering over real SSH with sshd and dockerd, like fresh hosts', async () => {
    expect(nodes.map((n) => n.name)).toEqual(['node1', 'node2', 'node3']);
    for (const n of nodes) {
      const r = await sshNode(dir, n.name, "hostname; docker info --format '{{.Swarm.LocalNodeState}}'; ip link show wg0 >/dev/null 2>&1 && echo wg0 || echo no-wg0");
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim().split('\n')).toEqual([n.name, 'inactive', 'no-wg0']);
    }
  });

  it('has the app image loaded in every node, and it runs', async () => {
    for (const n of nodes) {
      const r = await sshNode(dir, n.name, 'docker run --rm swarmctl-app:latest echo ok-app');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe('ok-app');
    }
  });

  it('writes an inventory the rest of swarmctl loads, with strict host key checking', () => {
    const inv = loadInventory(labConfig(dir));
    expect(inv.ssh.strictHostKeyChecking).toBe('yes');
    expect(inv.nodes.map((n) => [n.name, n.address, n.role, n.user])).toEqual(nodes.map((n) => [n.name, n.address, 'manager', 'root']));
    expect(statSync(join(dir, 'id_ed25519')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'store.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'store.key')).size).toBe(32);
    expect(readFileSync(join(dir, 'known_hosts'), 'utf8')).toContain(`${nodes[0]!.address} ssh-ed25519 `);
  });

  it('lab up again is a fast no-op: same containers, same files', async () => {
    const before = await containerIds(nodes.map((n) => n.container));
    const yaml = readFileSync(labConfig(dir), 'utf8');
    const r = await cli(['lab', 'up', '--dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('nothing changed');
    expect(await containerIds(nodes.map((n) => n.container))).toEqual(before);
    expect(readFileSync(labConfig(dir), 'utf8')).toBe(yaml);
  });

  it('lab status --json reports every node healthy', async () => {
    const r = await cli(['--json', 'lab', 'status', '--dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as { healthy: boolean; nodes: { name: string; state: string; sshd: boolean; dockerd: string }[] };
    expect(s.healthy).toBe(true);
    expect(s.nodes.map((n) => [n.name, n.state, n.sshd])).toEqual(nodes.map((n) => [n.name, 'running', true]));
  });

  it('lab ssh runs a command and exits with its exit code; an unknown node is a usage error', async () => {
    const ok = await cli(['lab', 'ssh', 'node2', '--dir', dir, '--', 'hostname']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.trim()).toBe('node2');
    expect((await cli(['lab', 'ssh', 'node1', '--dir', dir, '--', 'exit 7'])).code).toBe(7);
    const bad = await cli(['lab', 'ssh', 'node9', '--dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('node1, node2, node3');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('own labs', () => {
  it('an unreachable docker engine is a user error naming the prerequisites script', async () => {
    const r = await cli(['lab', 'up', '--dir', join(labDir(), '..', 'never')], { env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bash bootstrap/control-prereqs.sh');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('grows, and lab down leaves no containers, networks, processes or files', async () => {
    const lab = await freshLab(1);
    const id = labState(lab.dir).id;
    const grown = await cli(['lab', 'up', '--nodes', '2', '--dir', lab.dir]);
    expect(grown.code, grown.stderr).toBe(0);
    expect((await sshNode(lab.dir, 'node2', 'hostname')).stdout.trim()).toBe('node2');
    // A lingering ssh process of this lab (as a ControlMaster would be) must go too.
    const args = ['-F', 'none', '-i', join(lab.dir, 'id_ed25519'), '-o', `UserKnownHostsFile=${join(lab.dir, 'known_hosts')}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes'];
    const lingering = execa('ssh', [...args, '-N', `root@${labState(lab.dir).nodes[0]!.address}`], { reject: false });

    const down = await cli(['lab', 'down', '--dir', lab.dir]);
    expect(down.code, down.stderr).toBe(0);
    await lingering;
    expect(String((await execa('docker', ['ps', '-a', '-q', '--filter', `label=swarmctl.lab=${id}`])).stdout)).toBe('');
    expect(String((await execa('docker', ['network', 'ls', '-q', '--filter', `name=swarmctl-${id}`])).stdout)).toBe('');
    expect(String((await execa('pgrep', ['-f', lab.dir], { reject: false })).stdout)).toBe('');
    expect(existsSync(lab.dir)).toBe(false);
    expect((await cli(['lab', 'down', '--dir', lab.dir])).code).toBe(0);
    await lab.down();
  });
});
