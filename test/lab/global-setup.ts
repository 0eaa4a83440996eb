// vitest globalSetup for the lab project: one real 3-node lab shared by every lab test file
// (files run one after another). Prepares the machine when needed, so `npm test` works on a fresh one.
// SWARMCTL_KEEP_LAB=1 reuses a running lab as is and leaves it up afterwards (fast local iteration).
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

declare module 'vitest' {
  export interface ProvidedContext {
    labDir: string;
  }
}

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
// SWARMCTL_TEST_LAB_DIR lets several people run lab tests on one machine without sharing a lab.
const LAB_DIR = process.env.SWARMCTL_TEST_LAB_DIR ? resolve(process.env.SWARMCTL_TEST_LAB_DIR) : join(ROOT, '.cache', 'test-lab');
const keep = () => process.env.SWARMCTL_KEEP_LAB === '1';

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
  // A lab left by a crashed run may hold swarm/mesh state: start from fresh hosts.
  if (!keep()) await swarmctl(['lab', 'down', '--dir', LAB_DIR]);
  const started = Date.now();
  await swarmctl(['lab', 'up', '--nodes', '3', '--dir', LAB_DIR]);
  process.stderr.write(`[lab setup] lab up (3 nodes, ${LAB_DIR}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  provide('labDir', LAB_DIR);
}

export async function teardown(): Promise<void> {
  if (keep()) {
    process.stderr.write(`[lab teardown] SWARMCTL_KEEP_LAB=1: lab left running in ${LAB_DIR}\n`);
    return;
  }
  await swarmctl(['lab', 'down', '--dir', LAB_DIR]);
}
