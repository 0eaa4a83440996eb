// bootstrap from fresh lab hosts to one swarm over wg0, with the mission's proofs: overlay traffic
// answers from every node, only WireGuard between nodes on the wire, swarm ports dropped outside
// the mesh, quorum reporting, no secret in any process's arguments/output/repository, no-op re-run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa, execaSync } from 'execa';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInventory } from '../../src/config/load.js';
import { cli, freshLab, ROOT, type FreshLab, type RunResult } from './helpers.js';
import { askAllSettled, deployProbeService, on, parsePacket, startCapture, startCmdlineSampler, startServices, stopDockerd, storeSecrets, tcpProbe } from './bootstrap-helpers.js';

/** Runs bootstrap and SIGKILLs it as soon as its output matches `when` (a crash at that step). */
async function bootstrapKilledAt(cfg: string, when: RegExp): Promise<boolean> {
  const p = execa('node', [join(ROOT, 'bin/swarmctl.js'), '-c', cfg, 'bootstrap'], { reject: false, all: true });
  let killed = false;
  p.all?.on('data', (d: Buffer) => {
    if (!killed && when.test(d.toString())) killed = p.kill('SIGKILL');
  });
  await p;
  return killed;
}

describe('bootstrap on 3 fresh lab hosts', () => {
  let lab: FreshLab;
  let outputs = '';
  let wire: string[] = [];
  let cmdlines = '';
  let ipPrefix = '';
  let probeIps: string[] = [];
  const nodeIps = () => ['11', '12', '13'].map((x) => `${ipPrefix}.${x}`);
  const run = async (args: string[]): Promise<RunResult> => {
    const r = await cli(['-c', lab.config, ...args]);
    outputs += r.stdout + r.stderr;
    return r;
  };

  beforeAll(async () => {
    lab = await freshLab(3);
    ipPrefix = loadAddress(lab.config).replace(/\.\d+$/, '');
    expect((await run(['init'])).code).toBe(0);
    // --dry-run on fresh hosts prints the plan and changes nothing: not cluster.yaml, not the store,
    // not a host (no installed files, no wg0, no firewall chain, swarm still inactive).
    const files = () => [lab.config, loadInventory(lab.config).storePath].map((f) => readFileSync(f, 'latin1'));
    const before = files();
    const dry = await run(['bootstrap', '--dry-run']);
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/plan \(dry run, nothing was changed\)/);
    expect(dry.stdout).toMatch(/node1: swarm init advertising\/listening\/data path on 10\.99\.0\.1/);
    expect(files()).toEqual(before);
    for (const n of ['node1', 'node2', 'node3']) {
      const left = await on(lab.dir, n, "ls /usr/local/sbin/swarmctl-firewall /etc/sysctl.d/90-swarmctl.conf 2>/dev/null; ip -o link show wg0 2>/dev/null; iptables -w -S SWARMCTL-INPUT 2>/dev/null; docker info --format '{{.Swarm.LocalNodeState}}'");
      expect(left.trim(), n).toBe('inactive');
    }
    const capture = await startCapture(lab.dir, join(lab.dir, 'bootstrap.pcap'));
    const sampler = await startCmdlineSampler(lab.dir, ['node1', 'node2', 'node3']);
    // A run killed mid-mesh and one killed mid-join: the next run must complete from there.
    expect(await bootstrapKilledAt(lab.config, /mesh node2/)).toBe(true);
    await bootstrapKilledAt(lab.config, /join as manager/);
    const r = await run(['bootstrap']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // Cross-node overlay requests while the capture runs.
    probeIps = await deployProbeService(lab.dir, 'node1');
    expect(await askAllSettled(lab.dir, 'node2', probeIps)).toHaveLength(3);
    cmdlines = await sampler.stop();
    wire = await capture.stop();
  }, 600_000);

  afterAll(async () => {
    await lab?.down();
  });

  it('ends as one swarm: 3 Ready managers advertising their wg0 addresses', async () => {
    const r = await run(['--json', 'status']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.quorum).toMatchObject({ managers: 3, reachable: 3, holds: true, margin: 1 });
    expect(s.rows.map((x: { advertise: string; nodeState: string }) => [x.advertise, x.nodeState])).toEqual([
      ['10.99.0.1', 'ready'], ['10.99.0.2', 'ready'], ['10.99.0.3', 'ready'],
    ]);
    const mgr = await on(lab.dir, 'node1', "docker node ls --format '{{.ManagerStatus}}' | sort | tr '\\n' ' '");
    expect(mgr.trim()).toBe('Leader Reachable Reachable');
  });

  it('an overlay dnsrr service spread over all nodes answers from every node', async () => {
    const names = (await on(lab.dir, 'node1', `docker service ps bt-probe --format '{{.Node}}' | sort -u | tr '\\n' ' '`)).trim();
    expect(names).toBe('node1 node2 node3');
    for (const n of ['node1', 'node2', 'node3']) expect(new Set(await askAllSettled(lab.dir, n, probeIps)).size).toBe(3);
  });

  it('puts only WireGuard between node addresses on the wire (and SSH from the control machine)', () => {
    const nodes = new Set(nodeIps());
    const packets = wire.map(parsePacket).filter((p) => p !== undefined);
    const between = packets.filter((p) => nodes.has(p.src) && nodes.has(p.dst));
    expect(between.length).toBeGreaterThan(50);
    for (const p of between) expect(p.udp && p.sport === 51820 && p.dport === 51820, JSON.stringify(p)).toBe(true);
    for (const p of packets) expect([2377, 7946, 4789]).not.toContain(p.dport);
    // The control machine (the bridge's .1) talks to nodes only over SSH.
    const control = `${ipPrefix}.1`;
    for (const p of packets.filter((x) => x.src === control || x.dst === control)) expect(p.dport === 22 || p.sport === 22, JSON.stringify(p)).toBe(true);
  });

  it('drops 2377/7946/4789 on the bridge address: connections time out from outside the mesh', async () => {
    for (const port of [2377, 7946]) expect(await tcpProbe(`${ipPrefix}.11`, port)).toBe('timeout');
    for (const port of [4789, 7946]) await execa('bash', ['-c', `echo x > /dev/udp/${ipPrefix}.11/${port}`]);
    const drops = await on(lab.dir, 'node1', "iptables -L SWARMCTL-INPUT -v -n -x | awk '$3 == \"DROP\" && $1 > 0 {print $NF}' | sort | tr '\\n' ' '");
    expect(drops.trim()).toBe('dpt:2377 dpt:4789 dpt:7946 dpt:7946');
  });

  it('never puts a secret in a process command line, in output, or in the repository', async () => {
    const secrets = await storeSecrets(lab.dir);
    expect([...secrets.keys()].filter((k) => k.startsWith('swarm/join-token/'))).toHaveLength(2);
    expect(cmdlines.split('\n').length).toBeGreaterThan(100);
    const tracked = execaSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT }).stdout.split('\n').filter(Boolean);
    const files = [...tracked.map((f) => join(ROOT, f)), lab.config].filter((f) => existsSync(f));
    const repo = files.map((f) => readFileSync(f, 'latin1')).join('\n');
    for (const [name, value] of secrets) {
      expect(cmdlines.includes(value), `${name} in a command line`).toBe(false);
      expect(outputs.includes(value), `${name} in output`).toBe(false);
      expect(repo.includes(value), `${name} in the repository`).toBe(false);
    }
    expect(cmdlines).not.toMatch(/SWMTKN-/);
  });

  it('a second bootstrap changes nothing and says so', async () => {
    const r = await run(['bootstrap']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/nothing to change, the cluster is already converged/);
  });

  it('1 of 3 managers down: quorum holds with no margin and changes are accepted; 2 down: lost quorum', async () => {
    await stopDockerd(lab.dir, 'node3');
    try {
      let s = await run(['status']);
      for (let i = 0; i < 30 && !/margin 0/.test(s.stdout); i++) s = await run(['status']);
      expect(s.stdout).toMatch(/quorum: holds — 2\/3 managers reachable, 2 needed, margin 0/);
      expect(s.stdout).toMatch(/quorum holds with no margin/);
      await on(lab.dir, 'node1', 'docker service update -d --label-add quorum=ok bt-probe >/dev/null');
      await stopDockerd(lab.dir, 'node2');
      const lost = await run(['status']);
      expect(lost.code).toBe(1);
      expect(lost.stdout).toMatch(/quorum: LOST — 1\/3 managers reachable/);
      expect(lost.stdout).toMatch(/QUORUM LOST/);
      expect(readFileSync(join(ROOT, 'src/swarm/engine.ts'), 'utf8')).toMatch(/ForceNewCluster: false/);
    } finally {
      await startServices(lab.dir, 'node2');
      await startServices(lab.dir, 'node3');
    }
    let back = await run(['status']);
    for (let i = 0; i < 60 && back.code !== 0; i++) back = await run(['status']);
    expect(back.stdout).toMatch(/3\/3 managers reachable/);
    // Raft counts a restarted manager reachable before its own engine leaves 'pending': the next
    // test starts from a fully restored cluster, every engine active again.
    const states = () => Promise.all(['node1', 'node2', 'node3'].map(async (n) => (await on(lab.dir, n, "docker info --format '{{.Swarm.LocalNodeState}}'")).trim()));
    let st = await states();
    for (let i = 0; i < 60 && st.some((x) => x !== 'active'); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      st = await states();
    }
    expect(st).toEqual(['active', 'active', 'active']);
  });

  it('autolock: the unlock key goes to the store, and a manager restarted locked is unlocked by the next run', async () => {
    const yaml = readFileSync(lab.config, 'utf8');
    writeFileSync(lab.config, `${yaml}swarm:\n  autolock: true\n`);
    try {
      const on1 = await run(['bootstrap']);
      expect(on1.code, on1.stdout + on1.stderr).toBe(0);
      expect(on1.stdout).toMatch(/autolock enabled/);
      expect((await storeSecrets(lab.dir)).has('swarm/unlock-key')).toBe(true);
      await stopDockerd(lab.dir, 'node3');
      await startServices(lab.dir, 'node3');
      expect((await on(lab.dir, 'node3', "docker info --format '{{.Swarm.LocalNodeState}}'")).trim()).toBe('locked');
      expect((await run(['status'])).stdout).toMatch(/node3: swarm is locked \(autolock\)/);
      const unlock = await run(['bootstrap']);
      expect(unlock.code, unlock.stderr).toBe(0);
      expect(unlock.stdout).toMatch(/node3: unlock the swarm with the stored unlock key/);
      expect((await on(lab.dir, 'node3', "docker info --format '{{.Swarm.LocalNodeState}}'")).trim()).toBe('active');
    } finally {
      writeFileSync(lab.config, yaml);
    }
    expect((await run(['bootstrap'])).stdout).toMatch(/autolock disabled/);
    expect((await run(['bootstrap'])).stdout).toMatch(/nothing to change/);
  });
});

describe('bootstrap on 5 fresh lab hosts (3 managers, 2 workers)', () => {
  let lab: FreshLab;

  beforeAll(async () => {
    lab = await freshLab(5);
    expect((await cli(['-c', lab.config, 'init'])).code).toBe(0);
  }, 600_000);

  afterAll(async () => {
    await lab?.down();
  });

  it('ends as one swarm over wg0 where every node reaches a service task on every node; re-run is a no-op', async () => {
    const r = await cli(['-c', lab.config, 'bootstrap']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const s = JSON.parse((await cli(['-c', lab.config, '--json', 'status'])).stdout);
    expect(s.quorum).toMatchObject({ managers: 3, reachable: 3, holds: true });
    expect(s.rows.map((x: { advertise: string; nodeState: string; managerStatus: string | null }) => [x.advertise, x.nodeState, x.managerStatus === null])).toEqual(
      [1, 2, 3, 4, 5].map((i) => [`10.99.0.${i}`, 'ready', i > 3]),
    );
    const ips = await deployProbeService(lab.dir, 'node1');
    for (const n of ['node1', 'node4', 'node5']) expect(new Set(await askAllSettled(lab.dir, n, ips)).size).toBe(5);
    const again = await cli(['-c', lab.config, 'bootstrap']);
    expect(again.stdout).toMatch(/nothing to change/);
  });
});

function loadAddress(cfg: string): string {
  return /address: (\d+\.\d+\.\d+\.\d+)/.exec(readFileSync(cfg, 'utf8'))![1]!;
}
