// Remote commands are data: argv arrays quoted by exactly one function. Tests assert command
// lines without SSH; only the executor runs them. Secret input travels on stdin, never in argv.
import type { Secret } from '../util/redact.js';

export interface RemoteCommand {
  /** Human name of the step, used in errors and progress: "start dockerd". */
  step: string;
  argv: string[];
  /** Bytes for the command's stdin (secrets go here, never into argv). */
  stdin?: string | Buffer | Secret;
  /** Exit codes that are not failures (default: only 0). */
  okExitCodes?: number[];
  timeoutMs?: number;
}

const SAFE = /^[A-Za-z0-9_\-+=/.,:@%^]+$/;

/** POSIX-shell quote one word. */
export function quote(arg: string): string {
  if (arg === '') return "''";
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function shellLine(argv: readonly string[]): string {
  return argv.map(quote).join(' ');
}

/** Run a shell script (as one argv) — for the few steps that need pipes or conditionals. */
export function sh(script: string, ...args: string[]): string[] {
  return ['sh', '-c', script, 'sh', ...args];
}

/** Prefix with sudo when the SSH user is not root. `-n`: never prompt, fail instead. */
export function asRoot(argv: string[], user: string): string[] {
  return user === 'root' ? argv : ['sudo', '-n', '--', ...argv];
}
