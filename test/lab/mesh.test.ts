// The mesh on real lab hosts: userspace WireGuard over real SSH, applied by the built CLI.
import { describe, expect, it, beforeAll } from 'vitest';
import { execa, execaSync } from 'execa';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { BIN, cli, labConfig, labDir, labState, sshNode, ROOT } from './helpers.js';
import { loadInventory } from '../../src/config/load.js';
import { openStore } from '../../src/store/index.js';

const dir = labDir();
const cfg = labConfig(dir);
const nodes = () => labState(dir).nodes.map((n) => n.name);

async function storeSecrets(): Promise<string[]> {
  const inv = loadInventory(cfg);
  const store = await openStore(inv.storePath, { kind: 'keyFile', path: inv.storeKeyFile! });
  return store.list().filter((m) => m.name.startsWith('wireguard/')).map((m) => store.get(m.name).reveal());
}

async function on(node: string, cmd: string, input?: string): Promise<string> {
  const r = await sshNode(dir, node, cmd, { input });
  if (r.code !== 0) throw new Error(`${node}: ${cmd}: exit ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** ifindex of wg0 and its peers' latest handshakes: what a restart or re-handshake would change. */
async function tunnelFacts(node: string): Promise<{ ifindex: string; handshakes: Record<string, string> }> {
  const out = await on(node, 'cat /sys/class/net/wg0/ifindex; wg show wg0 latest-handshakes');
  const [ifindex, ...rest] = out.trim().split('\n');
  return { ifindex: ifindex!, handshakes: Object.fromEntries(rest.map((l) => l.split('\t') as [string, string])) };
}

/** Where `blockWgQuickUp` puts its wrapper: before /usr/bin in the PATH sshd gives root's commands. */
const WG_QUICK_WRAPPER = '/usr/local/sbin/wg-quick';
const WG_UP_REACHED = '/run/swarmctl-test-wg-up-reached';
const WG_UP_RELEASE = '/run/swarmctl-test-wg-up-release';

/** Makes `wg-quick up` on a node wait (marker file written first) until unblockWgQuickUp; other verbs pass through. */
async function blockWgQuickUp(node: string): Promise<void> {
  const wrapper = [
    '#!/bin/sh',
    '# swarmctl mesh.test.ts: holds `wg-quick up` until released (60 s at most)',
    `if [ "$1" = up ]; then`,
    `  touch ${WG_UP_REACHED}`,
    '  i=0',
    `  while [ ! -e ${WG_UP_RELEASE} ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done`,
    'fi',
    'exec /usr/bin/wg-quick "$@"',
  ].join('\n');
  await on(node, `rm -f ${WG_UP_REACHED} ${WG_UP_RELEASE} && cat >${WG_QUICK_WRAPPER}.tmp && chmod 755 ${WG_QUICK_WRAPPER}.tmp && mv -f ${WG_QUICK_WRAPPER}.tmp ${WG_QUICK_WRAPPER} && test "$(command -v wg-quick)" = ${WG_QUICK_WRAPPER}`, wrapper + '\n');
}

/** Removes the wrapper (only ours) and releases any `wg-quick up` it holds. Idempotent. */
async function unblockWgQuickUp(node: string): Promise<void> {
  await on(node, `if grep -q 'swarmctl mesh.test.ts' ${WG_QUICK_WRAPPER} 2>/dev/null; then rm -f ${WG_QUICK_WRAPPER}; fi; touch ${WG_UP_RELEASE}; test "$(command -v wg-quick)" = /usr/bin/wg-quick`);
}

/** Hosts without wg0 or its config, so the next apply is a first one (keys uploaded, wg0 created). */
async function bareHosts(): Promise<void> {
  for (const n of nodes()) await on(n, 'wg-quick down wg0 >/dev/null 2>&1; rm -f /etc/wireguard/wg0.conf; true');
}

function repositoryFiles(): string[] {
  const { stdout } = execaSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT });
  const review = join(dir, 'networkd');
  const reviewed = existsSync(review) ? readdirSync(review).flatMap((n) => readdirSync(join(review, n)).map((f) => join(review, n, f))) : [];
  return [...stdout.split('\n').filter(Boolean).map((f) => join(ROOT, f)), ...reviewed, cfg];
}

describe('mesh apply on the lab', () => {
  let firstOutput = '';

  beforeAll(async () => {
    // A kept lab may still have the last run's mesh: without this the sampled apply could be a no-op.
    // (And a wg-quick wrapper, if an earlier run of the kill test died before its cleanup.)
    for (const n of nodes()) await unblockWgQuickUp(n);
    await bareHosts();
    // Sample every process's arguments on every node while the first apply runs.
    for (const n of nodes()) {
      await on(n, 'rm -f /tmp/mesh-ps; setsid sh -c \'for i in $(seq 600); do ps -eo args >>/tmp/mesh-ps; sleep 0.02; done\' </dev/null >/dev/null 2>&1 & echo $! >/tmp/mesh-ps.pid');
    }
    const r = await cli(['-c', cfg, 'mesh', 'apply']);
    firstOutput = r.stdout + r.stderr;
    for (const n of nodes()) await on(n, 'kill $(cat /tmp/mesh-ps.pid) 2>/dev/null; true');
    expect(r.code, firstOutput).toBe(0);
    for (const n of nodes()) expect(firstOutput).toContain(`${n} (userspace): wg0 create, 1 file(s) changed`);
  });

  it('brings up a full mesh: every pair handshakes and pings over wg0', async () => {
    const inv = loadInventory(cfg);
    for (const a of inv.nodes) {
      const facts = await tunnelFacts(a.name);
      expect(Object.keys(facts.handshakes)).toHaveLength(inv.nodes.length - 1);
      for (const hs of Object.values(facts.handshakes)) expect(Number(hs)).toBeGreaterThan(0);
      for (const b of inv.nodes.filter((x) => x !== a)) {
        await on(a.name, `ping -c 1 -W 2 -I wg0 ${b.meshAddress}`);
      }
    }
  });

  it('keeps every private key and PSK out of the repository, `ps` on the hosts and swarmctl output', async () => {
    const secrets = await storeSecrets();
    // At least this lab's keys (an earlier run may have added a departed node's too).
    expect(secrets.length).toBeGreaterThanOrEqual(nodes().length + (nodes().length * (nodes().length - 1)) / 2);
    for (const s of secrets) expect(firstOutput).not.toContain(s);
    for (const n of nodes()) {
      const ps = await on(n, 'cat /tmp/mesh-ps');
      expect(ps.split('\n').length).toBeGreaterThan(100); // the sampler really ran during the apply
      for (const s of secrets) expect(ps).not.toContain(s);
    }
    for (const f of repositoryFiles()) {
      let text: string;
      try {
        text = readFileSync(f, 'utf8');
      } catch {
        continue; // deleted in the work tree
      }
      for (const s of secrets) expect(text.includes(s), f).toBe(false);
    }
  });

  it('a second apply changes nothing: same interface, handshakes not reset', async () => {
    const before = await Promise.all(nodes().map(tunnelFacts));
    const r = await cli(['-c', cfg, 'mesh', 'apply']);
    expect(r.code, r.stderr).toBe(0);
    for (const n of nodes()) expect(r.stdout).toContain(`${n} (userspace): wg0 unchanged, files unchanged`);
    const after = await Promise.all(nodes().map(tunnelFacts));
    expect(after).toEqual(before);
    const plan = await cli(['-c', cfg, 'mesh', 'plan']);
    for (const n of nodes()) expect(plan.stdout).toContain(`${n} (userspace): no changes`);
  });

  it('mesh status --json shows a recent handshake and traffic for every pair', async () => {
    const r = await cli(['-c', cfg, '--json', 'mesh', 'status']);
    expect(r.code, r.stderr).toBe(0);
    const { pairs } = JSON.parse(r.stdout) as { pairs: Array<{ node: string; peer: string; handshakeAgeS: number; rxBytes: number }> };
    expect(pairs).toHaveLength(nodes().length * (nodes().length - 1));
    for (const p of pairs) {
      expect(p.handshakeAgeS).toBeLessThan(180);
      expect(p.rxBytes).toBeGreaterThan(0);
    }
  });

  it('an unreachable node: the others are configured, the summary names it, exit 1', async () => {
    const doc = parseDocument(readFileSync(cfg, 'utf8'));
    const first = labState(dir).nodes[0]!;
    const ghost = first.address.replace(/\.\d+$/, '.99'); // inside the lab's own subnet, nothing there
    doc.setIn(['ssh', 'connectTimeout'], 3);
    (doc.get('nodes') as { add(v: unknown): void }).add({ name: 'ghost', address: ghost, role: 'worker', ssh: { user: 'root', port: 22, identity: 'id_ed25519' } });
    const ghostCfg = join(dir, 'cluster-ghost.yaml');
    writeFileSync(ghostCfg, doc.toString());
    const r = await cli(['-c', ghostCfg, 'mesh', 'apply']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ghost: FAILED/);
    expect(r.stderr).toMatch(/mesh apply failed on ghost/);
    for (const n of nodes()) {
      expect(r.stdout).toMatch(new RegExp(`${n} \\(userspace\\): wg0 sync, 1 file\\(s\\) changed, ${nodes().length - 1}/${nodes().length} peers answer`));
      expect((await on(n, 'wg show wg0 peers')).trim().split('\n')).toHaveLength(nodes().length);
    }
    // The real inventory again: the ghost peer is removed everywhere, the mesh verifies.
    const back = await cli(['-c', cfg, 'mesh', 'apply']);
    expect(back.code, back.stdout + back.stderr).toBe(0);
    for (const n of nodes()) expect((await on(n, 'wg show wg0 peers')).trim().split('\n')).toHaveLength(nodes().length - 1);
  });

  it('an apply killed half-way: running it again completes the mesh', async () => {
    // Back to hosts without wg0, so the killed run is a first apply (upload, then wg-quick up).
    await bareHosts();
    // Deterministic kill point: on the last node, `wg-quick up` blocks (wrapper earlier in the
    // apply's PATH) after that node's wg0.conf was uploaded, so the apply cannot finish before
    // the kill, and the kill provably lands after host state was written.
    const blocked = nodes()[nodes().length - 1]!;
    await blockWgQuickUp(blocked);
    try {
      const killed = execa('node', [BIN, '-c', cfg, 'mesh', 'apply'], { cwd: ROOT, reject: false, env: { ...process.env, NO_COLOR: '1' } });
      for (let i = 0; (await sshNode(dir, blocked, `test -f ${WG_UP_REACHED}`)).code !== 0; i++) {
        if (i === 300 || killed.exitCode !== null) {
          killed.kill('SIGKILL');
          const k = await killed;
          throw new Error(`the apply never reached wg-quick up on ${blocked} (exit ${k.exitCode}):\n${k.stdout}\n${k.stderr}`);
        }
      }
      // The blocked node's config is on disk, its interface is not up: the apply is mid-way.
      await on(blocked, 'test -f /etc/wireguard/wg0.conf && ! ip link show wg0 >/dev/null 2>&1');
      expect(killed.exitCode).toBeNull();
      killed.kill('SIGKILL');
      expect((await killed).signal).toBe('SIGKILL');
    } finally {
      // The original wg-quick again; the detached `wg-quick up` the killed run left carries on
      // (as it would after a real crash), and the re-run below must cope with it.
      await unblockWgQuickUp(blocked);
    }
    const r = await cli(['-c', cfg, 'mesh', 'apply']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const n of nodes()) {
      expect(r.stdout).toMatch(new RegExp(`${n} \\(userspace\\): .*${nodes().length - 1}/${nodes().length - 1} peers answer`));
      expect((await on(n, 'wg show wg0 peers')).trim().split('\n')).toHaveLength(nodes().length - 1);
    }
  });
});
