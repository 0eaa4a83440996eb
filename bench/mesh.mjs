#!/usr/bin/env node
// Mesh benchmarks on the built code (run `npx tsc` first; plain node, no tsx):
//   render   - 250 nodes, 31,125 PSKs: load + validate every key, build the model, render every
//              node's files for each backend and the review copies (target ≤ 2 s for what apply does)
//   --labs 3,5 - `mesh apply` on fresh labs of those sizes (made under .cache/, removed after):
//              first apply (wg0 created) and an unchanged re-apply, median of --runs
// Usage: node bench/mesh.mjs [--nodes 250] [--reps 5] [--labs 3,5] [--runs 3]
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats, printTable, ms } from './lib.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const dist = (p) => import(join(root, 'dist', p));
const bin = join(root, 'bin', 'swarmctl.js');

async function renderBench(n) {
  const { ensureKeys, loadKeys } = await dist('mesh/secrets.js');
  const { allocateAddresses } = await dist('mesh/addressing.js');
  const { buildModel } = await dist('mesh/model.js');
  const { hostFiles } = await dist('mesh/files.js');
  const { reviewFiles } = await dist('mesh/review.js');
  const { Secret } = await dist('util/redact.js');
  const names = Array.from({ length: n }, (_, i) => `node${i + 1}`);
  const values = new Map();
  const store = {
    has: (k) => values.has(k),
    get: (k) => new Secret(values.get(k)),
    transaction: async (fn) => fn({ setIfAbsent: (k, make) => (values.has(k) ? false : (values.set(k, String(make())), true)) }),
  };
  const nodes = names.map((name, i) => ({ name, address: `198.18.${i >> 8}.${i & 255}`, user: 'root', port: 22, role: 'manager', labels: {} }));
  const inv = { cluster: 'bench', mesh: { cidr: '10.96.0.0/22', listenPort: 51820, mtu: 1420, keepalive: 25 }, nodes };
  await ensureKeys(store, names);
  // One measured step: wall and CPU time (the machine is shared; CPU time is the steadier number).
  const step = (fn) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = fn();
    return { result, wall: performance.now() - t0, cpu: (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1000 };
  };
  const prep = step(() => {
    const keys = loadKeys(store, names);
    return { keys, model: buildModel(inv, allocateAddresses(nodes, inv.mesh).addresses, keys.publicKey) };
  });
  const { keys, model } = prep.result;
  const size = (f) => (typeof f.content === 'string' ? f.content.length : f.content.revealBuffer().length);
  const networkd = step(() => model.reduce((b, m) => b + hostFiles('networkd', m, keys).reduce((x, f) => x + size(f), 0), 0));
  const userspace = step(() => model.reduce((b, m) => b + hostFiles('userspace', m, keys).reduce((x, f) => x + size(f), 0), 0));
  const review = step(() => model.reduce((b, m) => b + reviewFiles(m).reduce((x, f) => x + f.content.length, 0), 0));
  return { psks: values.size - n, prep, networkd, userspace, review };
}

const lab = (args) => spawnSync('node', [bin, ...args], { cwd: root, encoding: 'utf8' });
function resetMesh(dir, size) {
  for (let i = 1; i <= size; i++) lab(['lab', 'ssh', `node${i}`, '--dir', dir, '--', 'wg-quick down wg0 >/dev/null 2>&1; rm -f /etc/wireguard/wg0.conf']);
}

function applyBench(size, runs) {
  const dir = join(root, '.cache', `bench-mesh-${size}`);
  const up = lab(['lab', 'up', '--nodes', String(size), '--dir', dir]);
  if (up.status !== 0) throw new Error(`lab up ${size}: ${up.stderr}`);
  try {
    const cfg = join(dir, 'cluster.yaml');
    const first = [];
    const again = [];
    const apply = () => {
      const t0 = performance.now();
      const r = lab(['-c', cfg, 'mesh', 'apply']);
      if (r.status !== 0) {
        failures++;
        process.stderr.write(`mesh apply on ${size} nodes exited ${r.status}:\n${r.stdout}${r.stderr}\n`);
      }
      return performance.now() - t0;
    };
    let failures = 0;
    for (let r = 0; r < runs; r++) {
      resetMesh(dir, size);
      first.push(apply());
      again.push(apply());
    }
    return { first: stats(first), again: stats(again), failures };
  } finally {
    lab(['lab', 'down', '--dir', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
}

const n = Number(opt('--nodes', '250'));
const reps = Number(opt('--reps', '5'));
const samples = [];
for (let i = 0; i < reps; i++) samples.push(await renderBench(n));
const med = (pick) => stats(samples.map(pick)).median;
const row = (name, pick, detail) => [name, ms(med((s) => pick(s).wall)), ms(med((s) => pick(s).cpu)), detail];
const total = (s) => ({ wall: s.prep.wall + s.networkd.wall + s.review.wall, cpu: s.prep.cpu + s.networkd.cpu + s.review.cpu });
printTable(`Mesh rendering, ${n} nodes, ${samples[0].psks.toLocaleString('en')} PSKs (median of ${reps}; target ≤ 2 s)`, ['step', 'wall', 'cpu', 'detail'], [
  row('load + validate keys, model', (s) => s.prep, `${n} private keys (X25519 each), ${samples[0].psks.toLocaleString('en')} PSKs`),
  row('networkd files, every node', (s) => s.networkd, `${(samples[0].networkd.result / 1e6).toFixed(1)} MB: netdev, network, ${n} key files each`),
  row('wg-quick configs, every node', (s) => s.userspace, `${(samples[0].userspace.result / 1e6).toFixed(1)} MB`),
  row('review copies, every node', (s) => s.review, `${(samples[0].review.result / 1e6).toFixed(1)} MB`),
  row('total as apply does it', total, 'keys + model + one backend + review copies'),
  ['within target (wall)', med((s) => total(s).wall) <= 2000 ? 'yes' : 'NO', '', ''],
]);

if (argv.includes('--labs')) {
  const runs = Number(opt('--runs', '3'));
  const rows = [];
  for (const size of opt('--labs', '3,5').split(',').map(Number)) {
    const b = applyBench(size, runs);
    rows.push([`${size} nodes`, runs, ms(b.first.median), ms(b.first.max), ms(b.again.median), ms(b.again.max), b.failures]);
  }
  printTable('mesh apply on lab nodes (wall clock of the CLI, including SSH connect and verification)', ['lab', 'runs', 'first median', 'first max', 'unchanged median', 'unchanged max', 'failed'], rows);
  console.log(`load average at the end: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} (${(await import('node:os')).cpus().length} CPUs)`);
}
