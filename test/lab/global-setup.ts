// vitest globalSetup for the lab project: one real 3-node lab shared by every lab test file
// (files run one after another). Prepares the machine when needed, so `npm test` works on a fresh one.
// SWARMCTL_KEEP_LAB=1 reuses a running lab as is and leaves it up afterwards (fast local iteration).
import { execa } from 'execa';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processAlive as alive } from '../../src/util/process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    labDir: string;
  }
}

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SHARED_DIR = join(ROOT, '.cache', 'test-lab');
const OWNER_FILE = join(ROOT, '.cache', 'test-lab.owner');
const keep = () => process.env.SWARMCTL_KEEP_LAB === '1';
let LAB_DIR = SHARED_DIR;
let owner = false;


/**
 * Several people run lab tests in one checkout. SWARMCTL_TEST_LAB_DIR names the lab explicitly;
 * otherwise the first run owns .cache/test-lab (its pid in test-lab.owner), and a run that finds
 * a live owner brings up a lab of its own instead of tearing down someone else's.
 */
function chooseLabDir(): string {
  if (process.env.SWARMCTL_TEST_LAB_DIR) return resolve(process.env.SWARMCTL_TEST_LAB_DIR);
  const own = join(ROOT, '.cache', `test-lab-${process.pid}`);
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(OWNER_FILE, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      owner = true;
      return SHARED_DIR;
    } catch {
      const pid = Number(readFileSync(OWNER_FILE, 'utf8').trim());
      if (pid && alive(pid)) return own;
      rmSync(OWNER_FILE, { force: true });
    }
  }
  return own;
}

async function swarmctl(args: string[]): Promise<void> {
  const r = await execa('node', [join(ROOT, 'bin', 'swarmctl.js'), ...args], { cwd: ROOT, reject: false, all: true });
  if (r.exitCode !== 0) throw new Error(`swarmctl ${args.join(' ')} failed (exit ${r.exitCode}):\n${r.all}`);
}

async function engineAnswers(): Promise<boolean> {
  const r = await execa('docker', ['version', '--format', '{{.Server.Version}}'], { reject: false, timeout: 15_000 });
  return r.exitCode === 0;
}

export async function setup({ provide }: { provide: (key: 'labDir', value: string) => void }): Promise<void> {
  if (!(await engineAnswers())) {
    await execa('bash', [join(ROOT, 'bootstrap', 'control-prereqs.sh')], { stdio: 'inherit' });
  }
  // Build what the CLI child processes run. Type errors elsewhere in the tree do not stop tsc
  // from emitting; only a missing entry point does stop the lab tests.
  const tsc = await execa('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, reject: false, all: true });
  if (tsc.exitCode !== 0) process.stderr.write(`[lab setup] tsc reported errors (continuing):\n${tsc.all}\n`);
  for (const f of ['dist/cli/main.js', 'dist/lab/up.js']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`[lab setup] build did not produce ${f}`);
  }
  LAB_DIR = chooseLabDir();
  // A lab left by a crashed run may hold swarm/mesh state: start from fresh hosts.
  if (!keep()) await swarmctl(['lab', 'down', '--dir', LAB_DIR]);
  const started = Date.now();
  await swarmctl(['lab', 'up', '--nodes', '3', '--dir', LAB_DIR]);
  process.stderr.write(`[lab setup] lab up (3 nodes, ${LAB_DIR}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  provide('labDir', LAB_DIR);
}

export async function teardown(): Promise<void> {
  try {
    if (keep()) process.stderr.write(`[lab teardown] SWARMCTL_KEEP_LAB=1: lab left running in ${LAB_DIR}\n`);
    else await swarmctl(['lab', 'down', '--dir', LAB_DIR]);
  } finally {
    if (owner) rmSync(OWNER_FILE, { force: true });
  }
}
