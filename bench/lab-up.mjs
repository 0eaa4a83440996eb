#!/usr/bin/env node
// Times `swarmctl lab up` on the built CLI (run `npx tsc` first):
//   cold   - a new lab from nothing, images already cached
//   cached - the same lab again (a no-op; target <= 15 s)
//   --image-build also times a from-scratch node base image build (debootstrap + import) under a
//   throwaway tag, leaving the real cached images alone.
// Usage: node bench/lab-up.mjs [--nodes N] [--runs R] [--image-build]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { timeCommand, stats, printTable } from './lib.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const nodes = Number(opt('--nodes', '3'));
const runs = Number(opt('--runs', '3'));
const bin = join(root, 'bin', 'swarmctl.js');
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

const rows = [];
if (argv.includes('--image-build')) {
  const tag = `swarmctl-node-base:bench-${randomBytes(3).toString('hex')}`;
  try {
    const t = timeCommand('bash', [join(root, 'bootstrap/lab/build-node-base.sh'), tag]);
    rows.push(['node base image from scratch (debootstrap + import)', 1, secs(t), secs(t), '-']);
  } finally {
    spawnSync('docker', ['rmi', tag], { stdio: 'ignore' });
  }
}

const cold = [];
const cached = [];
for (let i = 0; i < runs; i++) {
  const dir = join(root, '.cache', 'labs', `bench-${randomBytes(4).toString('hex')}`);
  try {
    cold.push(timeCommand('node', [bin, 'lab', 'up', '--nodes', String(nodes), '--dir', dir]));
    cached.push(timeCommand('node', [bin, 'lab', 'up', '--dir', dir]));
  } finally {
    spawnSync('node', [bin, 'lab', 'down', '--dir', dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
}
const row = (name, samples, target) => {
  const s = stats(samples);
  return [name, s.n, secs(s.median), secs(s.max), target === undefined ? '-' : s.max <= target ? 'yes' : 'NO'];
};
rows.push(row(`lab up --nodes ${nodes} from nothing (images cached)`, cold));
rows.push(row('lab up again (no-op)', cached, 15_000));
printTable(`swarmctl lab up (${nodes} nodes)`, ['measurement', 'runs', 'median', 'max', 'within 15 s'], rows);
