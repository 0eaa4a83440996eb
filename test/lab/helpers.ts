// Helpers for lab tests: the shared lab's directory, the built CLI as a child process (exactly
// what a user runs), commands on nodes over real SSH, and throwaway labs of their own.
import { execa } from 'execa';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { readState, type LabState } from '../../src/lab/state.js';
import { sshCommandArgs } from '../../src/lab/ssh-args.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const BIN = join(ROOT, 'bin', 'swarmctl.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to the child's stdin (then closed). */
  input?: string;
  timeoutMs?: number;
}

/** The shared 3-node lab (brought up by global-setup.ts). */
export function labDir(): string {
  return inject('labDir');
}

/** `-c` path of a lab's inventory. */
export function labConfig(dir: string = labDir()): string {
  return join(dir, 'cluster.yaml');
}

export function labState(dir: string = labDir()): LabState {
  const s = readState(dir);
  if (!s) throw new Error(`no lab state in ${dir}`);
  return s;
}

/** Runs `node bin/swarmctl.js ...args` (the built CLI) and never throws on a non-zero exit. */
export async function cli(args: string[], opts: CliOptions = {}): Promise<RunResult> {
  const r = await execa('node', [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    input: opts.input ?? '',
    reject: false,
    timeout: opts.timeoutMs ?? 300_000,
    encoding: 'utf8',
  });
  return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Runs a shell command as root on a lab node over real SSH (lab key, strict known_hosts). */
export async function sshNode(dir: string, node: string, cmd: string, opts: { input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  const n = labState(dir).nodes.find((x) => x.name === node);
  if (!n) throw new Error(`no node ${node} in lab ${dir}`);
  const r = await execa('ssh', sshCommandArgs({ dir, address: n.address }, cmd), {
    input: opts.input ?? '',
    reject: false,
    timeout: opts.timeoutMs ?? 120_000,
    encoding: 'utf8',
  });
  return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Runs a command in a node's container through `docker exec` (to break a node on purpose, e.g. stop sshd). */
export async function dockerExecNode(dir: string, node: string, cmd: string): Promise<RunResult> {
  const n = labState(dir).nodes.find((x) => x.name === node);
  if (!n) throw new Error(`no node ${node} in lab ${dir}`);
  const r = await execa('docker', ['exec', n.container, 'sh', '-c', cmd], { reject: false, encoding: 'utf8' });
  return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export interface FreshLab {
  dir: string;
  config: string;
  down(): Promise<void>;
}

/** A brand-new lab of n nodes in its own directory (under .cache/labs/); call down() when done. */
export async function freshLab(n = 3): Promise<FreshLab> {
  const dir = join(ROOT, '.cache', 'labs', `lab-${randomBytes(4).toString('hex')}`);
  const down = async () => {
    const r = await cli(['lab', 'down', '--dir', dir]);
    rmSync(dir, { recursive: true, force: true });
    if (r.code !== 0) throw new Error(`lab down ${dir} failed: ${r.stderr}`);
  };
  const up = await cli(['lab', 'up', '--nodes', String(n), '--dir', dir]);
  if (up.code !== 0) {
    await down().catch(() => undefined);
    throw new Error(`lab up --nodes ${n} --dir ${dir} failed (exit ${up.code}):\n${up.stdout}\n${up.stderr}`);
  }
  return { dir, config: join(dir, 'cluster.yaml'), down };
}
