#!/usr/bin/env node
// `swarmctl bootstrap` wall-clock time, as a user sees it, on the built code (run `npx tsc` first;
// plain node, no tsx): from fresh lab hosts (a new lab per sample: lab up → init → bootstrap) and
// the unchanged re-run, for each lab size. Compared with the reference Ansible playbook doing the
// same steps (issue 5): 8 s fresh and 6.6 s no-op on 3 nodes. Targets: fresh ≤ 8 s, no-op ≤ 2 s,
// 5 nodes ≤ 1.3 × 3 nodes. Labs live under .cache/ and are removed afterwards.
// Usage: node bench/bootstrap.mjs [--labs 3,5] [--runs 2] [--noop-runs 3]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { timeCommand, stats, printTable } from './lib.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const bin = join(root, 'bin', 'swarmctl.js');
const sizes = opt('--labs', '3,5').split(',').map(Number);
const runs = Number(opt('--runs', '2'));
const noopRuns = Number(opt('--noop-runs', '3'));
const ANSIBLE = { fresh: 8.0, noop: 6.6 };

function swarmctl(args, what) {
  const r = spawnSync('node', [bin, ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${what}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
// Wall clock, plus the CPU seconds of the CLI process (user+sys from /usr/bin/time): on a shared
// 2-core machine the wall clock follows everyone's load, the CPU time follows only ours.
const cpu = [];
function timed(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', 'node', bin, ...args], { cwd: root, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  if (m) cpu.push({ args: args.join(' '), seconds: Number(m[1]) + Number(m[2]) });
  return wall;
}

function sample(size, i) {
  const dir = join(root, '.cache', `bench-boot-${size}-${i}`);
  swarmctl(['lab', 'down', '--dir', dir], 'lab down (leftover)');
  swarmctl(['lab', 'up', '--nodes', String(size), '--dir', dir], `lab up ${size}`);
  try {
    const cfg = join(dir, 'cluster.yaml');
    swarmctl(['-c', cfg, 'init'], 'init');
    const fresh = timed(['-c', cfg, 'bootstrap']);
    const freshCpu = cpu.at(-1)?.seconds;
    const noop = [];
    const noopCpu = [];
    for (let k = 0; k < noopRuns; k++) {
      noop.push(timed(['-c', cfg, 'bootstrap']));
      noopCpu.push(cpu.at(-1)?.seconds);
    }
    const last = swarmctl(['-c', cfg, 'bootstrap'], 'bootstrap (check)');
    if (!/nothing to change/.test(last)) throw new Error(`re-run was not a no-op:\n${last}`);
    return { fresh, noop, freshCpu, noopCpu };
  } finally {
    swarmctl(['lab', 'down', '--dir', dir], 'lab down');
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = {};
for (const size of sizes) {
  const fresh = [];
  const noop = [];
  const freshCpu = [];
  const noopCpu = [];
  for (let i = 0; i < runs; i++) {
    const s = sample(size, i);
    fresh.push(s.fresh);
    noop.push(...s.noop);
    freshCpu.push(s.freshCpu ?? 0);
    noopCpu.push(...s.noopCpu.map((x) => x ?? 0));
    process.stderr.write(`${size} nodes, sample ${i + 1}: fresh ${s.fresh.toFixed(2)} s, no-op ${s.noop.map((x) => x.toFixed(2)).join(' / ')} s (load ${loadavg()[0].toFixed(1)})\n`);
  }
  results[size] = { fresh: stats(fresh), noop: stats(noop), freshCpu: stats(freshCpu), noopCpu: stats(noopCpu) };
}

const s = (x) => `${x.toFixed(2)} s`;
const rows = sizes.flatMap((n) => [
  [`${n} nodes from fresh`, results[n].fresh.n, s(results[n].fresh.min), s(results[n].fresh.median), s(results[n].fresh.max), s(results[n].freshCpu.median), n === 3 ? `${ANSIBLE.fresh} s` : '-', results[n].fresh.median <= 8 ? 'yes' : 'NO'],
  [`${n} nodes no-op re-run`, results[n].noop.n, s(results[n].noop.min), s(results[n].noop.median), s(results[n].noop.max), s(results[n].noopCpu.median), n === 3 ? `${ANSIBLE.noop} s` : '-', results[n].noop.median <= 2 ? 'yes' : 'NO'],
]);
printTable('swarmctl bootstrap (wall clock; targets: fresh ≤ 8 s, no-op ≤ 2 s)', ['case', 'runs', 'min', 'median', 'max', 'CPU (median)', 'Ansible', 'within target'], rows);
if (results[3] && results[5]) {
  const ratio = results[5].fresh.median / results[3].fresh.median;
  console.log(`\n5 nodes / 3 nodes (fresh): ${ratio.toFixed(2)}× (target ≤ 1.3×)`);
}
console.log(`load average during the run: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2-core machine shared with other work)`);
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'bootstrap.json'), JSON.stringify({ at: new Date().toISOString(), results, loadavg: loadavg() }, null, 2));
